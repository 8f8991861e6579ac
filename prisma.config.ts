import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The CLI must work on a fresh clone with no .env: fall back to the same
// default the application uses (src/config.ts).
process.env.DATABASE_URL ??= "file:./data/cchc.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // better-sqlite3 creates the file but not its folder.
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
});
