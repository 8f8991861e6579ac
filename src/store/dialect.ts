/**
 * The one place that knows SQLite from Postgres. Everything else writes raw
 * SQL as Prisma.sql templates (Prisma numbers the placeholders per provider)
 * in the subset both understand: booleans tested as `s."active"`, optional
 * filters left out rather than `? IS NULL`, timestamps passed as ISO text.
 * What is left differs, and is chosen here.
 */
import { Prisma } from "../generated/prisma/client.ts";
import type { Tx } from "./db.ts";

export type Provider = "sqlite" | "postgresql";

/** Which database a client or an open transaction talks to. */
export function providerOf(db: Tx): Provider {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * A value in a VALUES table. Postgres types an untyped parameter there as
 * text, and text does not compare with an integer or go into a timestamp
 * column; SQLite has no such types and needs no cast.
 */
export function typed(db: Tx, value: unknown, pgType: string): Prisma.Sql {
  return providerOf(db) === "postgresql" ? Prisma.sql`CAST(${value} AS ${Prisma.raw(pgType)})` : Prisma.sql`${value}`;
}

/**
 * Lets a claim pass over rows another instance is claiming this moment
 * instead of waiting for them. SQLite has one writer at a time and no such
 * clause.
 */
export function skipLocked(db: Tx): Prisma.Sql {
  return providerOf(db) === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
}

const columnTypes = new Map<string, Map<string, string>>();

/** Each column's Postgres type name (read as text: Prisma cannot read Postgres's own `name` type) ("int4", "timestamp", "AssignmentStatus"), read once per table. */
export async function pgColumnTypes(tx: Tx, table: string): Promise<Map<string, string>> {
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
