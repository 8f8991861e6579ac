/**
 * The numbers behind leaders' reports, from one aggregate query. Each
 * assignment counts once in a window: a finished one where it was finished,
 * an open one where it falls due.
 */
import type { ReportWindow } from "../domain/report-period.ts";
import { addCalendarDays, at } from "../domain/workdays.ts";
import type { Db } from "./db.ts";
import { sqlTimestamp } from "./sql.ts";
import { findUnitId } from "./units.ts";

export interface DepartmentLine {
  departmentId: number | null;
  department: string;
  assigned: number;
  doneOnTime: number;
  doneLate: number;
  inProgress: number;
  notStarted: number;
  blocked: number;
  overdue: number;
}

export interface ReportQuery {
  unitName: string;
  window: ReportWindow;
  today: string;
  tz: string;
  departmentId?: number;
}

function bounds(q: ReportQuery) {
  const fromUtc = sqlTimestamp(at(q.window.from, "00:00", q.tz));
  const toUtc = sqlTimestamp(at(addCalendarDays(q.window.to, 1), "00:00", q.tz));
  // The zone's offset (420 minutes for Hà Nội): a due day ends at its UTC midnight plus 24 h minus the offset.
  const offset = Math.round((Date.parse(`${q.window.to}T00:00:00Z`) - at(q.window.to, "00:00", q.tz).getTime()) / 60_000);
  const endOfDay = 24 * 60 - offset;
  return { fromUtc, toUtc, endOfDay };
}

const num = (v: unknown) => Number(v ?? 0);

export async function departmentLines(db: Db, q: ReportQuery): Promise<DepartmentLine[]> {
  const unitId = (await findUnitId(db, q.unitName)) ?? -1;
  const { fromUtc, toUtc, endOfDay } = bounds(q);
  const dept = q.departmentId ?? null;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    WITH "counted" AS (
      SELECT s."departmentId" AS "departmentId", a."status" AS "status", o."dueDate" AS "dueDate",
             (a."status" = 'DONE' AND a."doneAt" >= ${fromUtc} AND a."doneAt" < ${toUtc}) AS "doneHere",
             (a."status" = 'DONE' AND julianday(substr(a."doneAt", 1, 23)) <= julianday(o."dueDate", ${`+${endOfDay} minutes`})) AS "onTime"
      FROM "Assignment" a
      JOIN "Occurrence" o ON o."id" = a."occurrenceId"
      JOIN "Task" t ON t."id" = o."taskId"
      JOIN "Plan" p ON p."id" = t."planId"
      JOIN "Staff" s ON s."id" = a."staffId"
      WHERE p."unitId" = ${unitId} AND o."removedAt" IS NULL AND t."removedAt" IS NULL AND o."dueDate" != ''
        AND (${dept} IS NULL OR s."departmentId" = ${dept})
        AND ((a."status" = 'DONE' AND a."doneAt" >= ${fromUtc} AND a."doneAt" < ${toUtc})
          OR (a."status" != 'DONE' AND o."dueDate" BETWEEN ${q.window.from} AND ${q.window.to}))
    )
    SELECT c."departmentId" AS "departmentId", d."name" AS "department", COUNT(*) AS "assigned",
           SUM(c."doneHere" AND c."onTime") AS "doneOnTime",
           SUM(c."doneHere" AND NOT c."onTime") AS "doneLate",
           SUM(c."status" = 'IN_PROGRESS') AS "inProgress",
           SUM(c."status" = 'NOT_STARTED') AS "notStarted",
           SUM(c."status" = 'BLOCKED') AS "blocked",
           SUM(c."status" != 'DONE' AND c."dueDate" < ${q.today}) AS "overdue"
    FROM "counted" c LEFT JOIN "Department" d ON d."id" = c."departmentId"
    GROUP BY c."departmentId"`;
  return rows.map((r) => ({
    departmentId: r.departmentId === null ? null : num(r.departmentId),
    department: String(r.department ?? "—"),
    assigned: num(r.assigned),
    doneOnTime: num(r.doneOnTime),
    doneLate: num(r.doneLate),
    inProgress: num(r.inProgress),
    notStarted: num(r.notStarted),
    blocked: num(r.blocked),
    overdue: num(r.overdue),
  }));
}

export interface OverdueLine {
  assignmentId: number;
  ref: string;
  content: string;
  staffName: string;
  department: string;
  dueDate: string;
  status: string;
}

/** Open and past due, oldest first; within the window when one is given. */
export async function overdueAssignments(db: Db, q: { unitName: string; today: string; from?: string; departmentId?: number; limit?: number }): Promise<OverdueLine[]> {
  const unitId = (await findUnitId(db, q.unitName)) ?? -1;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT a."id" AS "assignmentId", t."ref" AS "ref", t."content" AS "content", s."name" AS "staffName",
           COALESCE(d."name", '—') AS "department", o."dueDate" AS "dueDate", a."status" AS "status"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Plan" p ON p."id" = t."planId"
    JOIN "Staff" s ON s."id" = a."staffId"
    LEFT JOIN "Department" d ON d."id" = s."departmentId"
    WHERE p."unitId" = ${unitId} AND o."removedAt" IS NULL AND t."removedAt" IS NULL AND a."status" != 'DONE'
      AND o."dueDate" != '' AND o."dueDate" < ${q.today} AND o."dueDate" >= ${q.from ?? ""}
      AND (${q.departmentId ?? null} IS NULL OR s."departmentId" = ${q.departmentId ?? null})
    ORDER BY o."dueDate", t."position"
    LIMIT ${q.limit ?? 1_000_000}`;
  return rows.map((r) => ({
    assignmentId: num(r.assignmentId), ref: String(r.ref), content: String(r.content), staffName: String(r.staffName),
    department: String(r.department), dueDate: String(r.dueDate), status: String(r.status),
  }));
}

export interface ExportRow {
  ref: string;
  area: string;
  content: string;
  product: string;
  lead: string;
  coordinating: string;
  timeframe: string;
  dueDate: string;
  status: string;
  doneAt: string | null;
  responsible: string;
  department: string;
  note: string;
}

/** Every assignment counted in the window (finished in it, or open and due in it), in plan order. */
export async function exportRows(db: Db, q: ReportQuery): Promise<ExportRow[]> {
  const unitId = (await findUnitId(db, q.unitName)) ?? -1;
  const { fromUtc, toUtc } = bounds(q);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT t."ref" AS "ref", COALESCE(ar."title", '') AS "area", t."content" AS "content", COALESCE(t."product", '') AS "product",
           COALESCE(t."leadText", '') AS "lead", COALESCE(t."coordinatingText", '') AS "coordinating", COALESCE(t."timeframe", '') AS "timeframe",
           o."dueDate" AS "dueDate", a."status" AS "status", a."doneAt" AS "doneAt", s."name" AS "responsible",
           COALESCE(d."name", '') AS "department", COALESCE(a."blockerReason", '') AS "note"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Plan" p ON p."id" = t."planId"
    LEFT JOIN "Area" ar ON ar."id" = t."areaId"
    JOIN "Staff" s ON s."id" = a."staffId"
    LEFT JOIN "Department" d ON d."id" = s."departmentId"
    WHERE p."unitId" = ${unitId} AND o."removedAt" IS NULL AND t."removedAt" IS NULL AND o."dueDate" != ''
      AND (${q.departmentId ?? null} IS NULL OR s."departmentId" = ${q.departmentId ?? null})
      AND ((a."status" = 'DONE' AND a."doneAt" >= ${fromUtc} AND a."doneAt" < ${toUtc})
        OR (a."status" != 'DONE' AND o."dueDate" BETWEEN ${q.window.from} AND ${q.window.to}))
    ORDER BY t."position", o."dueDate", s."name"`;
  return rows.map((r) => ({
    ref: String(r.ref), area: String(r.area), content: String(r.content), product: String(r.product), lead: String(r.lead).replace(/\n/g, "; "),
    coordinating: String(r.coordinating).replace(/\n/g, "; "), timeframe: String(r.timeframe).replace(/\s+/g, " "), dueDate: String(r.dueDate),
    status: String(r.status), doneAt: r.doneAt ? String(r.doneAt) : null, responsible: String(r.responsible), department: String(r.department), note: String(r.note),
  }));
}

export interface TaskHistory {
  ref: string;
  content: string;
  assignments: {
    staffName: string;
    departmentId: number | null;
    dueDate: string;
    status: string;
    history: { at: Date; by: string; from: string; to: string; text: string | null }[];
  }[];
}

/** A task's assignments and every status change, for managers; null when the code names no single task. */
export async function taskHistory(db: Db, input: { unitName: string; matches: (ref: string) => boolean }): Promise<TaskHistory | null> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const tasks = (await db.task.findMany({ where: { plan: { unitId }, removedAt: null }, select: { id: true, ref: true } })).filter((t) => input.matches(t.ref));
  if (tasks.length !== 1) return null;
  const task = await db.task.findUniqueOrThrow({
    where: { id: tasks[0]!.id },
    select: {
      ref: true,
      content: true,
      occurrences: {
        where: { removedAt: null },
        orderBy: { dueDate: "asc" },
        select: {
          dueDate: true,
          assignments: {
            select: {
              status: true,
              staff: { select: { name: true, departmentId: true } },
              history: { orderBy: { at: "asc" }, select: { at: true, fromStatus: true, toStatus: true, text: true, staff: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  return {
    ref: task.ref,
    content: task.content,
    assignments: task.occurrences.flatMap((o) =>
      o.assignments.map((a) => ({
        staffName: a.staff.name,
        departmentId: a.staff.departmentId,
        dueDate: o.dueDate,
        status: a.status,
        history: a.history.map((h) => ({ at: h.at, by: h.staff.name, from: h.fromStatus, to: h.toStatus, text: h.text })),
      })),
    ),
  };
}
