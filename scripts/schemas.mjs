// prisma/schema.prisma is the one schema anybody edits (SQLite, the default).
// Prisma wants the provider as a literal and builds one client per provider,
// so the Postgres schema is derived from it here, at install time and before
// a migration is drawn up: a model is never written twice.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** The source schema rewritten for a provider, with paths relative to `dir` (a folder under prisma/). */
export function schemaFor(source, provider) {
  if (provider === "sqlite") return source;
  const out = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output     = "../../src/generated/postgres"');
  if (out === source || !out.includes("generated/postgres"))
    throw new Error(
      "prisma/schema.prisma: the datasource provider or the generator output changed; update scripts/schemas.mjs",
    );
  return `// Generated from prisma/schema.prisma by scripts/schemas.mjs: edit that file, not this one.\n${out}`;
}

export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgres", "schema.prisma");

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, schemaFor(source, "postgresql"));
}
