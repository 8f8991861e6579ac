/**
 * The rows behind leaders' reports: every assignment due in a period, and
 * every one due before it that is still open (carried over). What they add up
 * to is decided in src/domain/report.ts, the same for every view.
 */
import type { IsoDate } from "../../domain/calendar.ts";
import { departmentLines as linesOf, type DepartmentLine, type ReportItem } from "../../domain/report.ts";
import type { ReportWindow } from "../../domain/report-period.ts";
import type { Status } from "../../domain/status.ts";
import { addCalendarDays, at } from "../../domain/workdays.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/db.ts";
import { fromSqlTimestamp } from "../db/sql.ts";
import { findUnitId } from "../province/units.ts";
import { plansOfYear } from "../plan/years.ts";

export type { DepartmentLine };

export interface ReportQuery {
  unitName: string;
  window: Pick<ReportWindow, "dueFrom" | "dueTo">;
  today: string;
  tz: string;
  departmentId?: number;
}

export interface ReportRow extends ReportItem {
  assignmentId: number;
  ref: string;
  area: string;
  content: string;
  product: string;
  lead: string;
  coordinating: string;
  timeframe: string;
  responsible: string;
  /** Why it is blocked, when it is. */
  note: string;
  /** The plan's own date when /gianhan moved it ("gia hạn"); the row counts against dueDate. */
  originalDueDate: string | null;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * The zone's offset at a day, for turning many finishing instants into local
 * days without a time-zone lookup each (Việt Nam keeps one offset all year).
 */
function offsetMs(day: IsoDate, tz: string): number {
  return Date.parse(`${day}T00:00:00Z`) - at(day, "00:00", tz).getTime();
}

/** A finishing instant as the local day, or null when not finished. */
function localDay(doneAt: unknown, offset: number): IsoDate | null {
  return doneAt ? new Date(fromSqlTimestamp(doneAt as string).getTime() + offset).toISOString().slice(0, 10) : null;
}

/** Which assignments a period's report reads: due in it, or due before it and still open. */
function periodWhere(unitId: number | readonly number[], q: Pick<ReportQuery, "window" | "departmentId">): Prisma.Sql {
  const dept = q.departmentId ?? null;
  // A unit's report also counts the Sở's tasks its own people hold; a province's counts each plan's tasks under its unit.
  const units =
    typeof unitId === "number"
      ? Prisma.sql`(p."unitId" = ${unitId} OR s."unitId" = ${unitId})`
      : Prisma.sql`p."unitId" IN (${Prisma.join(unitId.length ? unitId : [-1])})`;
  return Prisma.sql`${units} AND o."removedAt" IS NULL AND t."removedAt" IS NULL AND o."dueDate" != ''
      AND o."dueDate" <= ${q.window.dueTo} AND (o."dueDate" >= ${q.window.dueFrom} OR a."status" != 'DONE')
      ${dept === null ? Prisma.empty : Prisma.sql`AND s."departmentId" = ${dept}`}`;
}

const FROM = Prisma.sql`FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Plan" p ON p."id" = t."planId"
    JOIN "Staff" s ON s."id" = a."staffId"`;

export interface CountedItem extends ReportItem {
  assignmentId: number;
}

/**
 * What a report counts, and nothing more: four narrow columns per assignment
 * (a quarter of 50,000 assignments reads in a third of the time the full rows
 * take). Department names come from their own small table.
 */
export async function reportItems(db: Db, q: ReportQuery): Promise<CountedItem[]> {
  const unitId = (await findUnitId(db, q.unitName)) ?? -1;
  const [rows, departments] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT a."id" AS "assignmentId", s."departmentId" AS "departmentId", o."dueDate" AS "dueDate", a."status" AS "status", a."doneAt" AS "doneAt"
      ${FROM}
      WHERE ${periodWhere(unitId, q)}`,
    db.department.findMany({ where: { unitId }, select: { id: true, name: true } }),
  ]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const offset = offsetMs(q.today, q.tz);
  return rows.map((r) => {
    const departmentId = r.departmentId === null ? null : num(r.departmentId);
    return {
      assignmentId: num(r.assignmentId),
      departmentId,
      department: (departmentId !== null && names.get(departmentId)) || "—",
      dueDate: String(r.dueDate),
      status: String(r.status) as Status,
      doneDay: localDay(r.doneAt, offset),
    };
  });
}

/** The period's assignments with everything a file or a list shows, in plan order; only `ids` when given. */
export async function reportRows(db: Db, q: ReportQuery, ids?: readonly number[]): Promise<ReportRow[]> {
  if (ids && ids.length === 0) return [];
  const unitId = (await findUnitId(db, q.unitName)) ?? -1;
  const only = ids ? Prisma.sql`AND a."id" IN (${Prisma.join(ids)})` : Prisma.empty;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT a."id" AS "assignmentId", s."departmentId" AS "departmentId", COALESCE(d."name", '—') AS "department",
           t."ref" AS "ref", COALESCE(ar."title", '') AS "area", t."content" AS "content", COALESCE(t."product", '') AS "product",
           COALESCE(t."leadText", '') AS "lead", COALESCE(t."coordinatingText", '') AS "coordinating", COALESCE(t."timeframe", '') AS "timeframe",
           o."dueDate" AS "dueDate", o."originalDueDate" AS "originalDueDate", a."status" AS "status", a."doneAt" AS "doneAt", s."name" AS "responsible", COALESCE(a."blockerReason", '') AS "note"
    ${FROM}
    LEFT JOIN "Area" ar ON ar."id" = t."areaId"
    LEFT JOIN "Department" d ON d."id" = s."departmentId"
    WHERE ${periodWhere(unitId, q)} ${only}
    ORDER BY t."position", o."dueDate", s."name", a."id"`;
  const offset = offsetMs(q.today, q.tz);
  return rows.map((r) => ({
    assignmentId: num(r.assignmentId),
    departmentId: r.departmentId === null ? null : num(r.departmentId),
    department: String(r.department),
    ref: String(r.ref),
    area: String(r.area),
    content: String(r.content),
    product: String(r.product),
    lead: String(r.lead).replace(/\n/g, "; "),
    coordinating: String(r.coordinating).replace(/\n/g, "; "),
    timeframe: String(r.timeframe).replace(/\s+/g, " "),
    dueDate: String(r.dueDate),
    status: String(r.status) as Status,
    doneDay: localDay(r.doneAt, offset),
    responsible: String(r.responsible),
    note: String(r.note),
    originalDueDate: r.originalDueDate === null || r.originalDueDate === undefined ? null : String(r.originalDueDate),
  }));
}

/**
 * A province's view: each unit's counted items with the unit standing where a
 * department stands in a unit's report, so units are counted, rated and
 * ranked by the very rules departments are.
 */
export async function unitItems(
  db: Db,
  q: { units: readonly { id: number; name: string }[]; window: ReportQuery["window"]; today: string; tz: string },
): Promise<ReportItem[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT p."unitId" AS "unitId", o."dueDate" AS "dueDate", a."status" AS "status", a."doneAt" AS "doneAt"
    ${FROM}
    WHERE ${periodWhere(
      q.units.map((u) => u.id),
      q,
    )}`;
  const names = new Map(q.units.map((u) => [u.id, u.name]));
  const offset = offsetMs(q.today, q.tz);
  return rows.map((r) => ({
    departmentId: num(r.unitId),
    department: names.get(num(r.unitId)) ?? "—",
    dueDate: String(r.dueDate),
    status: String(r.status) as Status,
    doneDay: localDay(r.doneAt, offset),
  }));
}

export interface LateTask {
  unitId: number;
  ref: string;
  content: string;
  dueDate: IsoDate;
}

/**
 * The period's tasks still open after their due day, each task and due date
 * once, oldest first: what a Sở's report names under each unit.
 */
export async function lateTasksOfUnits(
  db: Db,
  q: { unitIds: readonly number[]; window: ReportQuery["window"]; today: string },
): Promise<LateTask[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT DISTINCT p."unitId" AS "unitId", t."ref" AS "ref", t."content" AS "content", o."dueDate" AS "dueDate", t."position" AS "position"
    ${FROM}
    WHERE ${periodWhere(q.unitIds, q)} AND a."status" != 'DONE' AND o."dueDate" < ${q.today}
    ORDER BY o."dueDate", t."position"`;
  return rows.map((r) => ({
    unitId: num(r.unitId),
    ref: String(r.ref),
    content: String(r.content),
    dueDate: String(r.dueDate),
  }));
}

/** Which of these units have a plan for the year. */
export async function unitsWithPlan(db: Db, unitIds: readonly number[], year: number): Promise<Set<number>> {
  const rows = await db.plan.findMany({
    where: { unitId: { in: [...unitIds] }, ...plansOfYear(year) },
    select: { unitId: true },
  });
  return new Set(rows.map((r) => r.unitId));
}

export async function departmentLines(db: Db, q: ReportQuery): Promise<DepartmentLine[]> {
  return linesOf(await reportItems(db, q), q.window, q.today);
}

/**
 * Everything open and past due today, whatever its period, oldest first: what
 * an empty period starting today carries over, counted by the same query.
 */
export async function overdueRows(db: Db, q: Omit<ReportQuery, "window">): Promise<ReportRow[]> {
  const rows = await reportRows(db, { ...q, window: { dueFrom: q.today, dueTo: addCalendarDays(q.today, -1) } });
  return rows.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

export async function hasPlan(db: Db, unitName: string, year: number): Promise<boolean> {
  const unitId = await findUnitId(db, unitName);
  return unitId !== null && (await db.plan.count({ where: { unitId, ...plansOfYear(year) } })) > 0;
}

export interface TaskHistory {
  ref: string;
  content: string;
  assignments: {
    assignmentId: number;
    staffId: number;
    staffName: string;
    departmentId: number | null;
    dueDate: string;
    status: string;
    doneAt: Date | null;
    history: { at: Date; by: string; from: string; to: string; text: string | null }[];
  }[];
}

/** A task's assignments and every status change, for managers; or how many tasks the code names when not exactly one. */
export async function taskHistory(
  db: Db,
  input: { unitName: string; matches: (ref: string) => boolean } | { taskId: number },
): Promise<TaskHistory | { count: number }> {
  const tasks =
    "taskId" in input
      ? [{ id: input.taskId }]
      : (
          await db.task.findMany({
            where: { plan: { unitId: (await findUnitId(db, input.unitName)) ?? -1 }, removedAt: null },
            select: { id: true, ref: true },
          })
        ).filter((t) => input.matches(t.ref));
  if (tasks.length !== 1) return { count: tasks.length };
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
              id: true,
              status: true,
              doneAt: true,
              staff: { select: { id: true, name: true, departmentId: true } },
              history: {
                orderBy: { at: "asc" },
                select: { at: true, fromStatus: true, toStatus: true, text: true, staff: { select: { name: true } } },
              },
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
        assignmentId: a.id,
        staffId: a.staff.id,
        staffName: a.staff.name,
        departmentId: a.staff.departmentId,
        dueDate: o.dueDate,
        status: a.status,
        doneAt: a.doneAt,
        history: a.history.map((h) => ({
          at: h.at,
          by: h.staff.name,
          from: h.fromStatus,
          to: h.toStatus,
          text: h.text,
        })),
      })),
    ),
  };
}
