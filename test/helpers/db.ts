import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, inject } from "vitest";
import { openDb, type Db } from "../../src/store/db/db.ts";
import { ADMIN_URL_VARIABLE, createFrom, databaseUrl, dropDatabases, emptyAll, uniqueName } from "./postgres.ts";

export interface TestDb {
  db: Db;
  /** A temp folder of the test's own, on either provider. */
  dir: string;
  /** The SQLite file (SQLite only). */
  path: string;
  /** What DATABASE_URL would be for another process on the same database. */
  url: string;
  close(): Promise<void>;
}

/** Which database this test file runs on: the vitest project sets it. */
export const PROVIDER = process.env.CCHC_TEST_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
export const onPostgres = PROVIDER === "postgresql";

/** This file's Postgres databases not in use, emptied before they are handed out again. */
const idle: string[] = [];
const created: string[] = [];
if (onPostgres) afterAll(() => dropDatabases(process.env[ADMIN_URL_VARIABLE]!, created));

async function postgresUrl(): Promise<string> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE]!;
  const reused = idle.pop();
  if (reused) {
    const url = databaseUrl(adminUrl, reused);
    await emptyAll(url);
    return url;
  }
  const name = uniqueName("cchc_t");
  await createFrom(adminUrl, inject("templateDb"), name);
  created.push(name);
  return databaseUrl(adminUrl, name);
}

/** A fresh migrated database in its own temp folder: a copy of the template. */
export async function freshDb(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-test-"));
  const file = path.join(dir, "cchc.db");
  let url: string;
  if (onPostgres) url = await postgresUrl();
  else {
    fs.copyFileSync(inject("templateDb"), file);
    url = `file:${file}`;
  }
  const db = await openDb(url);
  return {
    db,
    dir,
    path: file,
    url,
    close: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
      if (onPostgres) idle.push(new URL(url).pathname.slice(1));
    },
  };
}

/**
 * A fresh database for each test of the file, seeded by `seed`, closed after:
 * the returned object is refilled before each test, so tests use `t.db` as usual.
 */
export function eachTestDb(seed?: (t: TestDb) => Promise<void>): TestDb {
  const holder = {} as TestDb;
  beforeEach(async () => {
    Object.assign(holder, await freshDb());
    await seed?.(holder);
  });
  afterEach(() => holder.close());
  return holder;
}

/** Every row of every table, for "nothing changed" assertions. */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const tables = (
    await db.$queryRawUnsafe<{ name: string }[]>(
      onPostgres
        ? "SELECT CAST(tablename AS TEXT) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'ProcessedUpdate') ORDER BY tablename"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_prisma_migrations', 'ProcessedUpdate') ORDER BY name",
    )
  ).map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  // Postgres keeps no insertion order: every table is read in the order of all its columns.
  for (const t of tables)
    out[t] = await db.$queryRawUnsafe(
      onPostgres ? `SELECT * FROM "${t}" ORDER BY 1, 2, 3` : `SELECT * FROM "${t}" ORDER BY rowid`,
    );
  return out;
}

export const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");
export const example = (name: string) => path.join(EXAMPLES, name);
