/**
 * The one place that knows SQLite from Postgres. Everything else writes raw
 * SQL as Prisma.sql templates (Prisma numbers the placeholders per provider)
 * in the subset both understand: booleans tested as `s."active"`, optional
 * filters left out rather than `? IS NULL`, timestamps passed as ISO text.
 * What is left differs, and is chosen here.
 */
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";

export type Provider = "sqlite" | "postgresql";

/** Postgres when the location is a postgres:// or postgresql:// URL; otherwise an SQLite file (a path or file: URL). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export function providerOfUrl(location: string): Provider {
  return isPostgresUrl(location) ? "postgresql" : "sqlite";
}

// Set by openDb on the client; an open transaction reads it through to its client.
const PROVIDER = Symbol("cchc.provider");

export function markProvider<T extends object>(db: T, provider: Provider): T {
  Object.defineProperty(db, PROVIDER, { value: provider });
  return db;
}

/** Which database a client or an open transaction talks to. */
export function providerOf(db: object): Provider {
  const provider = (db as unknown as Record<symbol, Provider | undefined>)[PROVIDER];
  if (!provider) throw new Error("a database client not opened by openDb (store/db/db.ts)");
  return provider;
}

/**
 * A value in a VALUES table. Postgres types an untyped parameter there as
 * text, and text does not compare with an integer or go into a timestamp
 * column; SQLite has no such types and needs no cast.
 */
export function typed(db: object, value: unknown, pgType: string): Prisma.Sql {
  return providerOf(db) === "postgresql" ? Prisma.sql`CAST(${value} AS ${Prisma.raw(pgType)})` : Prisma.sql`${value}`;
}

/**
 * Lets a claim pass over rows another instance is claiming this moment
 * instead of waiting for them. SQLite has one writer at a time and no such
 * clause.
 */
export function skipLocked(db: object): Prisma.Sql {
  return providerOf(db) === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
}

const columnTypes = new Map<string, Map<string, string>>();

/** Each column's Postgres type name (read as text: Prisma cannot read Postgres's own `name` type) ("int4", "timestamp", "AssignmentStatus"), read once per table. */
export async function pgColumnTypes(tx: Pick<PrismaClient, "$queryRaw">, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    const rows = await tx.$queryRaw<{ column_name: string; udt_name: string }[]>`
      SELECT CAST(column_name AS TEXT) AS column_name, CAST(udt_name AS TEXT) AS udt_name
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`;
    types = new Map(rows.map((r) => [r.column_name, `"${r.udt_name}"`]));
    columnTypes.set(table, types);
  }
  return types;
}

/**
 * Rows passed as one JSON parameter, read back as a table with the given
 * columns (`SELECT … FROM` it): Prisma's JS engine spends tens of
 * microseconds on each bound parameter, so tens of thousands of rows as
 * seven parameters each cost seconds where one text costs milliseconds.
 * Postgres casts each column to its type (a timestamp column takes ISO text
 * in UTC, as sqlTimestamp writes it); SQLite keeps what JSON gives.
 */
export function jsonRows(
  db: object,
  rows: readonly (readonly (string | number | null)[])[],
  columns: readonly (readonly [name: string, pgType: string])[],
): Prisma.Sql {
  const json = JSON.stringify(rows);
  if (providerOf(db) === "postgresql") {
    const cells = columns.map(([name, type], k) => `CAST(e->>${k} AS ${type}) AS "${name}"`).join(", ");
    return Prisma.sql`SELECT ${Prisma.raw(cells)} FROM json_array_elements(CAST(${json} AS json)) AS e`;
  }
  // `->>` reads a cell without json_extract's path parsing: a third faster on 80,000 rows.
  const cells = columns.map(([name], k) => `value ->> ${k} AS "${name}"`).join(", ");
  return Prisma.sql`SELECT ${Prisma.raw(cells)} FROM json_each(${json})`;
}
