// `npm run migration -- <name>`: after editing prisma/schema.prisma, writes the
// migration for both providers from one change, so neither is ever written by
// hand: prisma/migrations/<stamp>_<name> (SQLite) and
// prisma/postgres/migrations/<stamp>_<name> (Postgres). The old schema is the
// committed one (git HEAD). Needs PostgreSQL reachable for the Postgres half
// (DATABASE_URL or postgresql://postgres@127.0.0.1:5432/test): Prisma's config
// opens its adapter even for a diff between two files.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { POSTGRES_SCHEMA, schemaFor } from "./schemas.mjs";

const root = path.resolve(import.meta.dirname, "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run migration -- <name_in_snake_case>");
  process.exit(2);
}
const source = fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
const old = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: root, encoding: "utf8" });
fs.writeFileSync(POSTGRES_SCHEMA, schemaFor(source, "postgresql"));
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-migration-"));
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");

for (const [provider, config, schema, dir] of [
  ["sqlite", "prisma.config.ts", "prisma/schema.prisma", "prisma/migrations"],
  [
    "postgresql",
    "prisma/postgres/prisma.config.ts",
    path.relative(root, POSTGRES_SCHEMA),
    "prisma/postgres/migrations",
  ],
]) {
  const before = path.join(tmp, `${provider}.prisma`);
  fs.writeFileSync(before, schemaFor(old, provider));
  const sql = execFileSync(
    process.execPath,
    [
      cli,
      "migrate",
      "diff",
      "--config",
      config,
      "--from-schema-datamodel",
      before,
      "--to-schema-datamodel",
      schema,
      "--script",
    ],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
  const folder = path.join(root, dir, `${stamp}_${name}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`${path.relative(root, folder)}/migration.sql`);
}
fs.rmSync(tmp, { recursive: true, force: true });
