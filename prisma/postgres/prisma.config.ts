import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The Postgres twin of ../../prisma.config.ts, for `prisma generate` and `prisma migrate diff`.
// Migrations are applied by src/store/db/migrate-postgres.ts: `prisma migrate deploy` fails on
// Postgres through the driver adapter (prisma/orm#27403).
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/test";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
