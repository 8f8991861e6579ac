/**
 * The floor under every database command of the CLI: load the generated
 * Prisma client and its SQLite adapter, open the file, run one query; with
 * "xlsx", also load exceljs and write an empty workbook (the floor of a
 * command that writes a spreadsheet). Built by bench/startup.ts the way
 * scripts/build.mjs builds the CLI.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../src/generated/prisma/client.ts";

const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: process.argv[2]! }) });
await db.unit.findMany({ select: { id: true } });
await db.$disconnect();
if (process.argv[3] === "xlsx") {
  const { default: ExcelJS } = await import("exceljs");
  await new ExcelJS.Workbook().xlsx.writeBuffer();
}
