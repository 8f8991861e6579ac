import { departmentKey } from "../../domain/departments.ts";
import { announce } from "../instances/changes.ts";
import type { Role } from "../../domain/roles.ts";
import type { StaffRow } from "./staff-row.ts";
import type { RosterDraft } from "../../domain/tables/roster.ts";
import type { ImportIssue } from "../../domain/tables/sheet.ts";
import { UserError } from "../../errors.ts";
import { LONG_TRANSACTION, type Db, type Tx } from "../db/db.ts";
import { relinkTasks, syncAssignments, syncUnitAssignments } from "../plan/links.ts";
import { ensureUnitId, findUnitId } from "../province/units.ts";
import { insertRows, sqlTimestamp, updateRows } from "../db/sql.ts";
import { keepAsReal } from "../plan/demo.ts";

const STAFF_COLUMNS = ["unitId", "name", "phone", "title", "departmentId", "role", "active"] as const;

export interface SaveRosterResult {
  count: number;
  created: number;
  updated: number;
  deactivated: number;
  departments: number;
  assignments: number;
  warnings: ImportIssue[];
}

/**
 * The roster file is the truth about who works here: people missing from it
 * are deactivated (never deleted: their history stays). An ADMIN keeps that
 * role across re-imports, since it is granted by command, not by title.
 */
export async function saveRoster(
  db: Db,
  input: { unitName: string; roster: RosterDraft; now: Date },
): Promise<SaveRosterResult> {
  const { people, untouched } = input.roster;
  const keepPhones = new Set(untouched.phones);
  const keepNames = new Set(untouched.names);
  return db.$transaction(async (tx) => {
    await keepAsReal(tx);
    const unitId = await ensureUnitId(tx, input.unitName);
    const departments = new Map((await tx.department.findMany({ where: { unitId } })).map((d) => [d.key, d.id]));
    const newDepartments = new Map<string, string>();
    for (const p of people) {
      const key = departmentKey(p.department);
      if (key && !departments.has(key) && !newDepartments.has(key)) newDepartments.set(key, p.department);
    }
    if (newDepartments.size) {
      await insertRows(
        tx,
        "Department",
        ["unitId", "name", "key"],
        [...newDepartments].map(([key, name]) => [unitId, name, key]),
      );
      for (const d of await tx.department.findMany({ where: { unitId }, select: { id: true, key: true } }))
        departments.set(d.key, d.id);
    }
    const existing = new Map((await tx.staff.findMany({ where: { unitId } })).map((s) => [s.phone, s]));
    // A roster is a thousand rows: written in a few statements, not one Prisma call (or row) each.
    const stamp = sqlTimestamp(input.now);
    const fresh: (string | number | null)[][] = [];
    const changes: [number, ...(string | number | null)[]][] = [];
    for (const p of people) {
      const key = departmentKey(p.department);
      const departmentId = key ? departments.get(key)! : null;
      const old = existing.get(p.phone);
      const role: Role = old?.role === "ADMIN" ? "ADMIN" : p.role;
      const title = p.title || null;
      if (!old) fresh.push([unitId, p.name, p.phone, title, departmentId, role, 1, stamp, stamp]);
      else if (
        old.name !== p.name ||
        old.title !== title ||
        old.departmentId !== departmentId ||
        old.role !== role ||
        !old.active
      ) {
        changes.push([old.id, p.name, title, departmentId, role, 1, stamp]);
      }
    }
    await insertRows(tx, "Staff", [...STAFF_COLUMNS, "createdAt", "updatedAt"], fresh);
    await updateRows(tx, "Staff", ["name", "title", "departmentId", "role", "active", "updatedAt"], changes);
    const listed = new Set(people.map((p) => p.phone));
    const gone = [...existing.values()]
      .filter((s) => s.active && !listed.has(s.phone) && !keepPhones.has(s.phone) && !keepNames.has(s.name))
      .map((s) => s.id);
    if (gone.length) await tx.staff.updateMany({ where: { id: { in: gone } }, data: { active: false } });
    const unmatched = await relinkTasks(tx, unitId);
    const assignments = await syncAssignments(tx, unitId, input.now);
    await syncAboveAssignments(tx, unitId, input.now);
    await announce(tx, "members");
    return {
      count: people.length,
      created: fresh.length,
      updated: changes.length,
      deactivated: gone.length,
      departments: departments.size,
      assignments: assignments.created,
      warnings: [...input.roster.skipped, ...unmatched, ...assignments.warnings],
    };
  }, LONG_TRANSACTION);
}

export type { StaffRow };

export async function listStaff(db: Db, unitName: string): Promise<StaffRow[]> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return [];
  const rows = await db.staff.findMany({
    where: { unitId },
    select: { name: true, phone: true, title: true, role: true, active: true, department: { select: { name: true } } },
    orderBy: [{ department: { name: "asc" } }, { name: "asc" }],
  });
  return rows.map((r) => ({
    name: r.name,
    phone: r.phone,
    title: r.title,
    role: r.role,
    active: r.active,
    department: r.department?.name ?? null,
  }));
}

/** Changes a role and, for a new department head, hands them the department's unassigned work. */
/** `typed`: the phone as the person wrote it, for a message that echoes what they typed. */
export async function setRole(
  db: Db,
  input: { unitName: string; phone: string; typed?: string; role: Role; now: Date },
): Promise<StaffRow> {
  return db.$transaction(async (tx) => {
    const unitId = await findUnitId(tx, input.unitName);
    const staff =
      unitId === null ? null : await tx.staff.findUnique({ where: { unitId_phone: { unitId, phone: input.phone } } });
    if (!staff || unitId === null) throw UserError.of("roster.unknownPhone", { phone: input.typed ?? input.phone });
    const row = await tx.staff.update({
      where: { id: staff.id },
      data: { role: input.role },
      select: {
        name: true,
        phone: true,
        title: true,
        role: true,
        active: true,
        department: { select: { name: true } },
      },
    });
    await syncAssignments(tx, unitId, input.now);
    await syncAboveAssignments(tx, unitId, input.now);
    await announce(tx, "members");
    return { ...row, department: row.department?.name ?? null };
  });
}

/** Everyone active in the unit, by name: whom the admin may give work to. */
export async function activeStaff(
  db: Db,
  unitName: string,
): Promise<{ staffId: number; name: string; phone: string }[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const rows = await db.staff.findMany({
    where: { unitId, active: true },
    select: { id: true, name: true, phone: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ staffId: r.id, name: r.name, phone: r.phone }));
}

/** A unit's new admin takes on the Sở's tasks for the unit. */
async function syncAboveAssignments(tx: Tx, unitId: number, now: Date): Promise<void> {
  const parentId = (await tx.unit.findUnique({ where: { id: unitId }, select: { parentId: true } }))?.parentId;
  if (parentId) await syncUnitAssignments(tx, parentId, now);
}

/** Each person's language, for messages built in it. */
export async function localesOf(db: Db, staffIds: readonly number[]): Promise<{ id: number; locale: string | null }[]> {
  return db.staff.findMany({ where: { id: { in: [...staffIds] } }, select: { id: true, locale: true } });
}

/** The active person of the unit with this phone (normalised), or null. */
export async function activeByPhone(
  db: Db,
  unitName: string,
  phone: string,
): Promise<{ id: number; name: string; locale: string | null } | null> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  return db.staff.findFirst({ where: { unitId, phone, active: true }, select: { id: true, name: true, locale: true } });
}

/** The unit's active admins, the first imported first. */
export async function adminIds(db: Db, unitName: string): Promise<number[]> {
  return (await admins(db, unitName)).map((r) => r.id);
}

/** Those who speak for the unit to the body above: its active admins and leaders. */
export async function senderIds(db: Db, unitName: string): Promise<number[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const rows = await db.staff.findMany({
    where: { unitId, role: { in: ["ADMIN", "LEADER"] }, active: true },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

export async function admins(db: Db, unitName: string): Promise<{ id: number; name: string; locale: string | null }[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  return db.staff.findMany({
    where: { unitId, role: "ADMIN", active: true },
    select: { id: true, name: true, locale: true },
    orderBy: { id: "asc" },
  });
}

/** Whoever has the most open work: someone to try the console as. */
export async function busiestPerson(db: Db): Promise<{ name: string; phone: string } | null> {
  const top = await db.assignment.groupBy({
    by: ["staffId"],
    where: { status: { not: "DONE" } },
    _count: true,
    orderBy: { _count: { staffId: "desc" } },
    take: 1,
  });
  return top[0] ? db.staff.findUnique({ where: { id: top[0].staffId }, select: { name: true, phone: true } }) : null;
}

/** People's names by id, for lists that keep who did something by id only. */
export async function staffNames(db: Db, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.staff.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((s) => [s.id, s.name]));
}
