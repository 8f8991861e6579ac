/**
 * A Sở's inspections of its units (kiểm tra): planned for a day, visited,
 * the minutes and the conclusion kept as files, and each finding that needs
 * work a task of the Sở's year plan under the area "KT", led by the unit by
 * name: syncUnitAssignments gives it to the unit's admin, so it is reminded,
 * answered with evidence and reported like any task.
 */
import type { Db } from "../db/db.ts";
import { keepBytes } from "../evidence/evidence.ts";
import { unitTask } from "../work/given.ts";
import { findUnitId } from "../province/units.ts";

export const INSPECTION_AREA = "KT";

export interface Finding {
  ref: string;
  content: string;
  dueDate: string;
  /** The unit's share of it: null while nobody there holds it (no admin in the bot). */
  status: string | null;
  doneAt: Date | null;
}

export interface InspectionView {
  unit: string;
  plannedOn: string;
  visitedOn: string | null;
  minutesName: string | null;
  conclusionName: string | null;
  findings: Finding[];
}

async function ids(db: Db, ownerName: string, unitName: string) {
  const [ownerId, unitId] = await Promise.all([findUnitId(db, ownerName), findUnitId(db, unitName)]);
  return { ownerId: ownerId ?? -1, unitId: unitId ?? -1 };
}

/** The inspection of the unit planned for a day of the year; a second plan moves the day. */
export async function planInspection(
  db: Db,
  input: { ownerName: string; unitName: string; plannedOn: string; byId: number; now: Date },
): Promise<void> {
  const { ownerId, unitId } = await ids(db, input.ownerName, input.unitName);
  const year = Number(input.plannedOn.slice(0, 4));
  await db.inspection.upsert({
    where: { ownerId_unitId_year: { ownerId, unitId, year } },
    create: { ownerId, unitId, year, plannedOn: input.plannedOn, createdById: input.byId, createdAt: input.now },
    update: { plannedOn: input.plannedOn },
  });
}

/** The body's units, and its inspections of the year with their findings' state. */
export async function inspectionsOf(
  db: Db,
  ownerName: string,
  year: number,
): Promise<{ units: string[]; inspections: InspectionView[] }> {
  const owner = await db.unit.findFirst({
    where: { name: ownerName },
    select: {
      children: { select: { name: true }, orderBy: { name: "asc" } },
      inspecting: {
        where: { year },
        orderBy: { plannedOn: "asc" },
        select: {
          plannedOn: true,
          visitedOn: true,
          minutesName: true,
          conclusionName: true,
          unit: { select: { id: true, name: true } },
          findings: {
            where: { removedAt: null },
            orderBy: { id: "asc" },
            select: {
              ref: true,
              content: true,
              occurrences: {
                where: { removedAt: null },
                select: { dueDate: true, assignments: { select: { status: true, doneAt: true } } },
              },
            },
          },
        },
      },
    },
  });
  if (!owner) return { units: [], inspections: [] };
  return {
    units: owner.children.map((c) => c.name),
    inspections: owner.inspecting.map((i) => ({
      unit: i.unit.name,
      plannedOn: i.plannedOn,
      visitedOn: i.visitedOn,
      minutesName: i.minutesName,
      conclusionName: i.conclusionName,
      findings: i.findings.map((f) => {
        const o = f.occurrences[0];
        const a = o?.assignments[0];
        return {
          ref: f.ref,
          content: f.content,
          dueDate: o?.dueDate ?? "",
          status: a?.status ?? null,
          doneAt: a?.doneAt ?? null,
        };
      }),
    })),
  };
}

/**
 * A finding the unit must remedy by a day: a task of the Sở's plan led by
 * the unit, held at once by its admin. The inspection counts as visited
 * (today) when it was not marked so; it is made when it was never planned.
 */
export async function addFinding(
  db: Db,
  input: {
    ownerName: string;
    unitName: string;
    year: number;
    content: string;
    dueDate: string;
    today: string;
    byId: number;
    defaultPlanTitle: string;
    areaTitle: string;
    now: Date;
  },
): Promise<{ ref: string; held: boolean }> {
  const { ownerId, unitId } = await ids(db, input.ownerName, input.unitName);
  return db.$transaction(async (tx) => {
    const inspection = await tx.inspection.upsert({
      where: { ownerId_unitId_year: { ownerId, unitId, year: input.year } },
      create: {
        ownerId,
        unitId,
        year: input.year,
        plannedOn: input.today,
        visitedOn: input.today,
        createdById: input.byId,
        createdAt: input.now,
      },
      update: {},
      select: { id: true, visitedOn: true },
    });
    if (!inspection.visitedOn)
      await tx.inspection.update({ where: { id: inspection.id }, data: { visitedOn: input.today } });
    const { taskId, ref } = await unitTask(tx, {
      unitName: input.ownerName,
      path: INSPECTION_AREA,
      areaTitle: input.areaTitle,
      position: 999_998,
      series: 3_000_000,
      content: input.content,
      leadText: input.unitName,
      dueDate: input.dueDate,
      byId: input.byId,
      defaultPlanTitle: input.defaultPlanTitle,
      now: input.now,
      inspectionId: inspection.id,
    });
    const held = (await tx.assignment.count({ where: { occurrence: { taskId } } })) > 0;
    return { ref, held };
  });
}

/** The minutes (biên bản) or the conclusion notice (thông báo kết luận) of the unit's inspection; false when none is planned. */
export async function attachInspectionFile(
  db: Db,
  input: {
    ownerName: string;
    unitName: string;
    year: number;
    which: "minutes" | "conclusion";
    fileName: string;
    mime: string;
    data: Buffer;
    now: Date;
  },
): Promise<boolean> {
  const { ownerId, unitId } = await ids(db, input.ownerName, input.unitName);
  return db.$transaction(async (tx) => {
    const found = await tx.inspection.findUnique({
      where: { ownerId_unitId_year: { ownerId, unitId, year: input.year } },
      select: { id: true },
    });
    if (!found) return false;
    const file = await keepBytes(tx, { mime: input.mime, data: input.data, now: input.now });
    await tx.inspection.update({
      where: { id: found.id },
      data:
        input.which === "minutes"
          ? { minutesFileId: file.id, minutesName: input.fileName }
          : { conclusionFileId: file.id, conclusionName: input.fileName },
    });
    return true;
  });
}

/** Sở units whose inspections of the year fall short of their target, for the mid-year reminder. */
export async function inspectionCoverage(
  db: Db,
  year: number,
): Promise<{ ownerId: number; owner: string; units: number; planned: number }[]> {
  const owners = await db.unit.findMany({
    where: { children: { some: {} } },
    select: {
      id: true,
      name: true,
      _count: { select: { children: true } },
      inspecting: { where: { year }, select: { id: true } },
    },
  });
  return owners.map((o) => ({
    ownerId: o.id,
    owner: o.name,
    units: o._count.children,
    planned: o.inspecting.length,
  }));
}
