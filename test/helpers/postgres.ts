/**
 * Test databases on Postgres: one template migrated per run (global setup),
 * and per test file as many databases as it holds open at once, each copied
 * from the template (CREATE DATABASE … TEMPLATE, ~0.1 s) and emptied
 * between tests with one TRUNCATE instead of a new copy.
 */
import pg from "pg";

/** The admin connection that may create databases: `TEST_POSTGRES_URL`, e.g. postgresql://postgres@127.0.0.1:5432/test. */
export const ADMIN_URL_VARIABLE = "TEST_POSTGRES_URL";

export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `work` on a connection of its own to `url`, closed after. */
export async function admin<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export const uniqueName = (prefix: string) =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

export async function createFrom(adminUrl: string, template: string, name: string): Promise<void> {
  await admin(adminUrl, async (c) => {
    // Two files copying the template at the same moment: Postgres refuses the second while the first holds it.
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        // A test needs no crash safety: commits that do not wait for the disk make the Postgres half ~2× faster.
        await c.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
        return;
      } catch (e) {
        if (attempt >= 50 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
}

export async function dropDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await admin(adminUrl, async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

/** Every table but the migration history emptied, ids counting from 1 again. */
export async function emptyAll(url: string): Promise<void> {
  await admin(url, async (c) => {
    const tables = (
      await c.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
      )
    ).rows;
    await c.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
  });
}
