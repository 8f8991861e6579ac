/**
 * Ad-hoc reports ("báo cáo đột xuất") a Sở asks of its units: a task of the
 * Sở's year plan under the area "BC", led by "Các đơn vị trực thuộc", so
 * each unit's admin holds it as work of their unit (syncUnitAssignments),
 * is reminded of it, and answers "xong" with the report file as evidence.
 * Marked as given in chat, so a re-import of the Sở's plan leaves it alone.
 */
import type { Db } from "../db/db.ts";
import { syncUnitAssignments } from "../plan/links.ts";
import { REQUEST_AREA, yearPlanArea } from "../work/given.ts";
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
): Promise<{ ref: string; units: number }> {
  return db.$transaction(async (tx) => {
    const {
      unitId,
      plan,
      area,
      next: n,
    } = await yearPlanArea(tx, {
      ...input,
      year: Number(input.dueDate.slice(0, 4)),
      path: REQUEST_AREA,
      position: 999_999,
    });
    const ref = `${REQUEST_AREA}-${n}`;
    const task = await tx.task.create({
      data: {
        planId: plan.id,
        areaId: area.id,
        ref,
        code: ref,
        content: input.content,
        leadText: EVERY_UNIT,
        timeframe: input.dueDate,
        position: 2_000_000 + n,
        givenById: input.requesterId,
        givenAt: input.now,
      },
      select: { id: true },
    });
    await tx.occurrence.create({ data: { taskId: task.id, dueDate: input.dueDate, periodLabel: input.dueDate } });
    await syncUnitAssignments(tx, unitId, input.now);
    const units = await tx.assignment.count({ where: { occurrence: { taskId: task.id } } });
    return { ref, units };
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
}

const REQUEST_SELECT = {
  ref: true,
  content: true,
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
  return tasks.map((t) => {
    const o = t.occurrences[0];
    return {
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
