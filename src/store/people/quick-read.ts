/**
 * Reads for a command that only lists (`cchc staff list`), straight from an
 * SQLite file with better-sqlite3: loading the Prisma client costs about
 * 300 ms on these machines, six times a bare Node start (bench: CLI start).
 * Null whenever the usual way must decide instead: Postgres, no file yet, a
 * migration not yet applied, a unit the name does not find, a damaged file
 * (whose message startApp says properly).
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { matchUnit } from "../../domain/units.ts";
import type { Role } from "../../domain/roles.ts";
import { pendingMigrations } from "../db/migrate.ts";
import type { StaffRow } from "./staff-row.ts";

function openReadOnly(databasePath: string | null): Database.Database | null {
  if (!databasePath || !fs.existsSync(databasePath)) return null;
  try {
    if (pendingMigrations(databasePath).length) return null;
    return new Database(databasePath, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
}

/** The unit a command works in, as findUnitId and `--unit` find it. */
function unitId(db: Database.Database, unitName: string, asked: string | undefined): number | null {
  const units = db.prepare(`SELECT "id", "name", "parentId" FROM "Unit"`).all() as {
    id: number;
    name: string;
    parentId: number | null;
  }[];
  if (asked !== undefined) return matchUnit(units, asked)?.id ?? null;
  return units.find((u) => u.name === unitName)?.id ?? (units.length === 1 ? units[0]!.id : null);
}

/** The unit's roster as `listStaff` gives it (by department, then name); null to take the usual way. */
export function quickStaffList(
  databasePath: string | null,
  unitName: string,
  askedUnit: string | undefined,
): StaffRow[] | null {
  const db = openReadOnly(databasePath);
  if (!db) return null;
  try {
    const id = unitId(db, unitName, askedUnit);
    if (id === null) return askedUnit === undefined ? [] : null;
    const rows = db
      .prepare(
        `SELECT s."name", s."phone", s."title", s."role", s."active", d."name" AS "department"
           FROM "Staff" s LEFT JOIN "Department" d ON d."id" = s."departmentId"
          WHERE s."unitId" = ? ORDER BY d."name" ASC, s."name" ASC`,
      )
      .all(id) as {
      name: string;
      phone: string;
      title: string | null;
      role: Role;
      active: number;
      department: string | null;
    }[];
    return rows.map((r) => ({ ...r, active: r.active === 1 }));
  } catch {
    return null;
  } finally {
    db.close();
  }
}
