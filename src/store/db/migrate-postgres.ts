/**
 * Applies prisma/postgres/migrations to a Postgres database. `prisma migrate
 * deploy` cannot do it through the driver adapter (it fails with "Column type
 * 'name' could not be deserialized", prisma/orm#27403), so this does what it
 * would: each pending folder's migration.sql in its own transaction, recorded
 * in Prisma's own `_prisma_migrations` table, so `prisma migrate status` and a
 * later `migrate deploy` read the same history. An advisory lock keeps two
 * instances starting at once from applying the same migration twice.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dedicatedClient } from "./pg-client.ts";

/** Prisma's own lock key for migrations, so this and `prisma migrate` exclude each other too. */
const MIGRATION_LOCK = 72707369;

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function folderNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export async function migratePostgres(url: string, dir: string): Promise<string[]> {
  const client = await dedicatedClient(url);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(HISTORY_TABLE);
    const done = new Set(
      (
        await client.query<{ migration_name: string }>(
          `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      ).rows.map((r) => r.migration_name),
    );
    const applied: string[] = [];
    for (const name of folderNames(dir).filter((n) => !done.has(n))) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${(e as Error).message}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.end();
  }
}
