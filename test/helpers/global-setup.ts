/**
 * Migrates one template database for the whole run; each test copies it
 * (SQLite: a file copy costs ~1 ms, `prisma migrate deploy` ~1.3 s;
 * Postgres: CREATE DATABASE … TEMPLATE).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateAny } from "../../src/store/db/migrate.ts";
import { ADMIN_URL_VARIABLE, admin, databaseUrl, dropDatabases, uniqueName } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** SQLite: the template file; Postgres: the template database's name. */
    templateDb: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (project.config.env?.CCHC_TEST_PROVIDER === "postgresql") {
    const adminUrl = process.env[ADMIN_URL_VARIABLE]!;
    const name = uniqueName("cchc_template");
    await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    await migrateAny(databaseUrl(adminUrl, name));
    project.provide("templateDb", name);
    return async () => {
      // Test files drop their own; a killed run leaves some, which the next run's template sweep removes.
      const left = await admin(adminUrl, (c) =>
        c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'cchc\\_%'`),
      );
      await dropDatabases(
        adminUrl,
        left.rows.map((r) => r.datname).filter((n) => n === name || n.includes(`_${process.pid}_`) || !isAlive(n)),
      );
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-template-"));
  const file = path.join(dir, "template.db");
  await migrateAny(file);
  project.provide("templateDb", file);
  return async () => fs.rmSync(dir, { recursive: true, force: true });
}

/** A test database left by a run whose process is gone. */
function isAlive(name: string): boolean {
  const pid = Number(/^cchc_\w+?_(\d+)_/.exec(name)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
