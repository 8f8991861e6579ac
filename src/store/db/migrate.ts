/**
 * Applies the committed migrations. SQLite: with `prisma migrate deploy`, so
 * the database always has the history Prisma expects; spawning the CLI costs
 * ~1.3 s, so it runs only when a migration folder is not yet recorded.
 * Postgres: with our own runner (migrate-postgres.ts) over its own folder.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { isPostgresUrl } from "./dialect.ts";
import { folderNames, migratePostgres } from "./migrate-postgres.ts";

/** The folder with package.json: the same from src/store/db/ (tsx) and from dist/ (the install-time build). */
function projectRoot(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const PROJECT_ROOT = projectRoot();
const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");
export const POSTGRES_MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "postgres", "migrations");

export function migrationNames(): string[] {
  return folderNames(MIGRATIONS_DIR);
}

/** Migrates either database: a postgres URL, or an SQLite path or file: URL. Returns the names it applied. */
export async function migrateAny(location: string): Promise<string[]> {
  return isPostgresUrl(location)
    ? migratePostgres(location, POSTGRES_MIGRATIONS_DIR)
    : migrate(location.replace(/^file:/, ""));
}

export function pendingMigrations(databasePath: string): string[] {
  const all = migrationNames();
  if (!fs.existsSync(databasePath)) return all;
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return all;
    const done = new Set(
      (
        db
          .prepare(
            "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
          )
          .all() as { migration_name: string }[]
      ).map((r) => r.migration_name),
    );
    return all.filter((m) => !done.has(m));
  } finally {
    db.close();
  }
}

/** Returns the names it applied. Throws with Prisma's own output when a migration fails. */
export function migrate(databasePath: string): string[] {
  const pending = pendingMigrations(databasePath);
  if (pending.length === 0) return [];
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  execFileSync(process.execPath, [cli, "migrate", "deploy"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: `file:${databasePath}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return pending;
}
