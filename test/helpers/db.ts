import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, inject } from "vitest";
import { openDb, type Db } from "../../src/store/db.ts";

export interface TestDb {
  db: Db;
  dir: string;
  path: string;
  close(): Promise<void>;
}

/** A fresh copy of the migrated template in its own temp folder. */
export async function freshDb(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-test-"));
  const file = path.join(dir, "cchc.db");
  fs.copyFileSync(inject("templateDb"), file);
  const db = await openDb(file);
  return {
    db,
    dir,
    path: file,
    close: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
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
  const tables = (await db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_prisma_migrations', 'ProcessedUpdate') ORDER BY name",
  )).map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await db.$queryRawUnsafe(`SELECT * FROM "${t}" ORDER BY rowid`);
  return out;
}

export const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");
export const example = (name: string) => path.join(EXAMPLES, name);
