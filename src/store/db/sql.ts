import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./db.ts";
import { jsonRows, pgColumnTypes, providerOf } from "./dialect.ts";

// SQLite's limit on bound parameters per statement is 32,766 since 3.32; Postgres's is 65,535.
const MAX_PARAMS = 30_000;

type Value = string | number | null;

const tuple = (values: readonly Prisma.Sql[] | readonly Value[]) => Prisma.sql`(${Prisma.join(values)})`;
const names = (columns: readonly string[]) => Prisma.raw(columns.map((c) => `"${c}"`).join(", "));

/** Rows per INSERT: one JSON text each, so the bound on parameters does not apply. */
const ROWS_PER_INSERT = 5_000;

/**
 * A plain multi-row INSERT, for tables without Prisma-managed columns
 * (@updatedAt, defaults filled in by the client). Prisma's createMany costs
 * ~50 µs a row in the JS engine, and even a raw VALUES list tens of
 * microseconds a bound value; the rows go as one JSON text (jsonRows).
 */
export async function insertRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Value[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const types = providerOf(tx) === "postgresql" ? await pgColumnTypes(tx, table) : null;
  const typed = columns.map((c) => [c, types?.get(c) ?? "text"] as const);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await tx.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names(columns)})
      SELECT * FROM (${jsonRows(tx, rows.slice(i, i + ROWS_PER_INSERT), typed)}) AS j`;
  }
}

/**
 * Many rows updated by id in a few statements (UPDATE … FROM a VALUES table):
 * a re-import that changes 20,000 tasks would otherwise hold the write lock
 * for one statement per task.
 */
export async function updateRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly [id: number, ...values: Value[]])[],
): Promise<void> {
  if (rows.length === 0) return;
  const all = ["id", ...columns];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / all.length));
  // A VALUES table has no target column: Postgres needs each value cast to its column's type.
  const types = providerOf(tx) === "postgresql" ? await pgColumnTypes(tx, table) : null;
  const cell = (value: Value, k: number) =>
    types ? Prisma.sql`CAST(${value} AS ${Prisma.raw(types.get(all[k]!)!)})` : Prisma.sql`${value}`;
  const set = Prisma.raw(columns.map((c) => `"${c}" = "v"."${c}"`).join(", "));
  const target = Prisma.raw(`"${table}"`);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await tx.$executeRaw`WITH "v"(${names(all)}) AS (VALUES ${Prisma.join(chunk.map((row) => tuple(row.map(cell))))})
      UPDATE ${target} SET ${set} FROM "v" WHERE ${target}."id" = "v"."id"`;
  }
}

/** A DateTime as the better-sqlite3 adapter writes it (iso8601), so Prisma reads raw-inserted rows back. */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A DateTime read by raw SQL: the adapter's ISO text, or SQLite's own "YYYY-MM-DD HH:MM:SS" (UTC) from a column default. */
export function fromSqlTimestamp(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value) ? `${value.replace(" ", "T")}Z` : value);
}
