import { UserError } from "../../errors.ts";
import { descendants, matchUnit, wouldLoop, type UnitNode } from "../../domain/units.ts";
import { issue, type ImportIssue } from "../../domain/tables/sheet.ts";
import type { UnitDraft } from "../../domain/tables/units.ts";
import type { Db, Tx } from "../db/db.ts";

/**
 * One deployment serves one unit. The unit is found by its configured name,
 * or, when the name changed in .env, by being the only one there is.
 */
export async function findUnitId(tx: Tx, name: string): Promise<number | null> {
  const byName = await tx.unit.findUnique({ where: { name }, select: { id: true } });
  if (byName) return byName.id;
  const all = await tx.unit.findMany({ select: { id: true }, take: 2 });
  return all.length === 1 ? all[0]!.id : null;
}

export async function ensureUnitId(tx: Tx, name: string): Promise<number> {
  return (await findUnitId(tx, name)) ?? (await tx.unit.create({ data: { name }, select: { id: true } })).id;
}

/**
 * The unit's name as people read it: the admin's setting, else what the
 * plan's own title says ("Kế hoạch CCHC Trung tâm Y tế khu vực Yên Bái năm
 * 2026"), else the configured key unless it is the bare default "Đơn vị".
 */
export async function unitDisplayName(tx: Tx, name: string): Promise<string> {
  const unitId = await findUnitId(tx, name);
  if (unitId === null) return name;
  const [setting, unit] = await Promise.all([
    tx.unitSetting.findUnique({ where: { unitId_key: { unitId, key: "unitDisplayName" } }, select: { value: true } }),
    tx.unit.findUnique({ where: { id: unitId }, select: { name: true, displayName: true } }),
  ]);
  return setting?.value.trim() || unit?.displayName || unit?.name || name;
}

/** The unit's parent's name as people read it, or null for a unit at the top (a Sở). */
export async function parentName(tx: Tx, name: string): Promise<string | null> {
  const unit = await tx.unit.findFirst({ where: { name }, select: { parent: { select: { name: true } } } });
  return unit?.parent ? unitDisplayName(tx, unit.parent.name) : null;
}

/** The units the scheduler plans for: those with a plan. */
export async function unitsWithPlans(db: Tx): Promise<string[]> {
  const rows = await db.unit.findMany({
    where: { plans: { some: {} } },
    select: { name: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.name);
}

export interface UnitSummary extends UnitNode {
  staff: number;
  plans: number;
}

/** Every unit with how many active staff and plans it has, for `cchc unit list`. */
export async function listUnits(db: Tx): Promise<UnitSummary[]> {
  const rows = await db.unit.findMany({
    select: {
      id: true,
      name: true,
      parentId: true,
      _count: { select: { staff: { where: { active: true } }, plans: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    parentId: r.parentId,
    staff: r._count.staff,
    plans: r._count.plans,
  }));
}

/** A unit with every unit below it, at any depth: what its leaders oversee. Null when there is no such unit. */
export async function unitWithBelow(db: Tx, name: string): Promise<{ me: UnitSummary; below: UnitSummary[] } | null> {
  const units = await listUnits(db);
  const me = units.find((u) => u.name === name);
  return me ? { me, below: descendants(units, me.id) } : null;
}

/**
 * Adds a unit under `parent` (by name), or moves an existing one there; a new
 * unit with no parent stands at the top. A parent must exist, and a unit
 * cannot go under itself or one of its own units.
 */
export async function addUnit(
  db: Db,
  input: { name: string; parent?: string },
): Promise<{ created: boolean; name: string; parent: string | null }> {
  const name = input.name.trim().replace(/\s+/g, " ");
  if (!name) throw UserError.of("unit.noName");
  return db.$transaction(async (tx) => {
    const parent = input.parent
      ? await tx.unit.findUnique({
          where: { name: input.parent.trim().replace(/\s+/g, " ") },
          select: { id: true, name: true },
        })
      : null;
    if (input.parent && !parent) throw UserError.of("unit.unknownParent", { name: input.parent });
    const existing = await tx.unit.findUnique({ where: { name }, select: { id: true } });
    if (existing && parent && wouldLoop(await listUnits(tx), existing.id, parent.id))
      throw UserError.of("unit.loop", { name, parent: parent.name });
    if (!existing) {
      await tx.unit.create({ data: { name, parentId: parent?.id ?? null } });
      return { created: true, name, parent: parent?.name ?? null };
    }
    // Named again without a parent: nothing moves.
    if (parent) await tx.unit.update({ where: { id: existing.id }, data: { parentId: parent.id } });
    const now = await tx.unit.findUniqueOrThrow({
      where: { id: existing.id },
      select: { parent: { select: { name: true } } },
    });
    return { created: false, name, parent: now.parent?.name ?? null };
  });
}

/**
 * Builds the tree a units file lists, in one transaction: every unit named is
 * created if new, then put under its parent (named in the file or already
 * there). An unknown parent or a loop refuses the whole file, naming each row.
 */
export async function saveUnits(
  db: Db,
  input: { file: string; units: readonly UnitDraft[] },
): Promise<{ created: number; moved: number }> {
  return db.$transaction(async (tx) => {
    let created = 0;
    for (const u of input.units) {
      if (await tx.unit.findUnique({ where: { name: u.name }, select: { id: true } })) continue;
      await tx.unit.create({ data: { name: u.name } });
      created++;
    }
    const all = await listUnits(tx);
    const byName = new Map(all.map((u) => [u.name, u]));
    const errors: ImportIssue[] = [];
    let moved = 0;
    for (const u of input.units) {
      if (!u.parent) continue;
      const unit = byName.get(u.name)!;
      const parent = byName.get(u.parent) ?? matchUnit(all, u.parent);
      if (!parent) {
        errors.push(issue("unit.rowUnknownParent", { file: input.file, row: u.row, name: u.parent }));
        continue;
      }
      if (unit.parentId === parent.id) continue;
      if (wouldLoop(all, unit.id, parent.id)) {
        errors.push(issue("unit.rowLoop", { file: input.file, row: u.row, name: u.name, parent: parent.name }));
        continue;
      }
      unit.parentId = parent.id;
      await tx.unit.update({ where: { id: unit.id }, data: { parentId: parent.id } });
      moved++;
    }
    if (errors.length) throw new UserError(errors);
    return { created, moved };
  });
}

/** A unit's departments, for finding one by name. */
export async function departmentsOf(db: Tx, unitName: string): Promise<{ id: number; name: string; key: string }[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  return db.department.findMany({ where: { unitId }, select: { id: true, name: true, key: true } });
}

/** One of the unit's departments; null for another unit's (a forged or foreign button). */
export async function departmentOf(
  db: Tx,
  unitName: string,
  departmentId: number,
): Promise<{ id: number; name: string } | null> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  return db.department.findFirst({ where: { id: departmentId, unitId }, select: { id: true, name: true } });
}
