/**
 * Ad-hoc reports ("báo cáo đột xuất") a Sở asks of its units: a task of the
 * Sở's year plan under the area "BC", led by "Các đơn vị trực thuộc", so
 * each unit's admin holds it as work of their unit (syncUnitAssignments),
 * is reminded of it, and answers "xong" with the report file as evidence.
 * Marked as given in chat, so a re-import of the Sở's plan leaves it alone.
 */
import { unitsNamed } from "../../domain/units.ts";
import type { Db } from "../db/db.ts";
import { REQUEST_AREA, unitTask } from "../work/given.ts";
import { findUnitId } from "./units.ts";

/** The lead text that makes syncUnitAssignments give the task to every unit below. */
const EVERY_UNIT = "Các đơn vị trực thuộc";

export async function requestReports(
  db: Db,
  input: {
    unitName: string;
    requesterId: number;
    content: string;
    dueDate: string;
    defaultPlanTitle: string;
    areaTitle: string;
    now: Date;
  },
): Promise<{ ref: string; units: number; noAdmin: string[] }> {
  return db.$transaction(async (tx) => {
    const { unitId, taskId, ref } = await unitTask(tx, {
      ...input,
      path: REQUEST_AREA,
      position: 999_999,
      series: 2_000_000,
      leadText: EVERY_UNIT,
      byId: input.requesterId,
    });
    const units = await tx.assignment.count({ where: { occurrence: { taskId } } });
    const below = await tx.unit.findMany({
      where: { parentId: unitId },
      select: { name: true, staff: { where: { role: "ADMIN", active: true }, select: { id: true }, take: 1 } },
    });
    const noAdmin = unitsNamed(EVERY_UNIT, below)
      .filter((u) => u.staff.length === 0)
      .map((u) => u.name)
      .sort((a, b) => a.localeCompare(b, "vi"));
    return { ref, units, noAdmin };
  });
}

export interface RequestAnswer {
  unitId: number;
  unitName: string;
  assignmentId: number;
  staffName: string;
  status: string;
  doneAt: Date | null;
}

export interface ReportRequest {
  ref: string;
  content: string;
  dueDate: string;
  answers: RequestAnswer[];
  /**
   * Units the request is addressed to that hold it nowhere yet (no admin in
   * the bot): counted among the units asked, named, never left out.
   */
  unanswerable: string[];
}

const REQUEST_SELECT = {
  ref: true,
  content: true,
  leadText: true,
  occurrences: {
    where: { removedAt: null },
    select: {
      dueDate: true,
      assignments: {
        select: {
          id: true,
          status: true,
          doneAt: true,
          staff: { select: { name: true, unit: { select: { id: true, name: true } } } },
        },
      },
    },
  },
} as const;

/** The unit's requests, newest first; one by its ref when given. */
export async function reportRequests(db: Db, unitName: string, ref?: string): Promise<ReportRequest[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const tasks = await db.task.findMany({
    where: {
      plan: { unitId },
      area: { path: REQUEST_AREA },
      removedAt: null,
      ...(ref ? { ref: ref.toUpperCase() } : {}),
    },
    orderBy: { id: "desc" },
    take: 20,
    select: REQUEST_SELECT,
  });
  const below = await db.unit.findMany({ where: { parentId: unitId }, select: { id: true, name: true } });
  return tasks.map((t) => {
    const o = t.occurrences[0];
    const holding = new Set((o?.assignments ?? []).map((a) => a.staff.unit.id));
    return {
      unanswerable: unitsNamed(t.leadText ?? "", below)
        .filter((u) => !holding.has(u.id))
        .map((u) => u.name)
        .sort((a, b) => a.localeCompare(b, "vi")),
      ref: t.ref,
      content: t.content,
      dueDate: o?.dueDate ?? "",
      answers: (o?.assignments ?? [])
        .map((a) => ({
          unitId: a.staff.unit.id,
          unitName: a.staff.unit.name,
          assignmentId: a.id,
          staffName: a.staff.name,
          status: a.status,
          doneAt: a.doneAt,
        }))
        .sort((a, b) => a.unitName.localeCompare(b.unitName, "vi")),
    };
  });
}
