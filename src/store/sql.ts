import type { Tx } from "./db.ts";

// SQLite's limit on bound parameters per statement is 32,766 since 3.32.
const MAX_PARAMS = 30_000;

/**
 * A plain multi-row INSERT, for tables without Prisma-managed columns
 * (@updatedAt, defaults filled in by the client). Prisma's createMany costs
 * ~50 µs a row in the JS engine; this costs a few.
 */
export async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${cols}) VALUES ${chunk.map(() => tuple).join(", ")}`, ...chunk.flat());
  }
}

/**
 * Many rows updated by id in a few statements (UPDATE … FROM a VALUES table):
 * a re-import that changes 20,000 tasks would otherwise hold the write lock
 * for one statement per task.
 */
export async function updateRows(tx: Tx, table: string, columns: readonly string[], rows: readonly (readonly [id: number, ...values: (string | number | null)[]])[]): Promise<void> {
  const all = ["id", ...columns];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / all.length));
  const tuple = `(${all.map(() => "?").join(", ")})`;
  const names = all.map((c) => `"${c}"`).join(", ");
  const set = columns.map((c) => `"${c}" = "v"."${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await tx.$executeRawUnsafe(
      `WITH "v"(${names}) AS (VALUES ${chunk.map(() => tuple).join(", ")}) UPDATE "${table}" SET ${set} FROM "v" WHERE "${table}"."id" = "v"."id"`,
      ...chunk.flat(),
    );
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
