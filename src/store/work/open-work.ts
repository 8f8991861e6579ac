/**
 * A person's open work, one task at a time, and one assignment as a task view shows it.
 * The hot path (a status reply) is one read and one two-statement
 * transaction, in plain SQL: Prisma's JS engine costs more than SQLite here.
 */
import type { Status } from "../../domain/status.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/db.ts";
import { Batcher } from "../db/batch.ts";
import { changeStatus } from "./status.ts";

export interface OpenItem {
  assignmentId: number;
  taskId: number;
  ref: string;
  content: string;
  status: Status;
  /** "" when the task has no due date. */
  dueDate: string;
  /** Which of the task's periods this is: 2026-Q1, 2026-Y, 2026-11-14… */
  period: string;
  onDemand: boolean;
  /** The plan's product column: what evidence is expected. */
  product: string | null;
  /** Who gave it, for a task given in chat. */
  givenById: number | null;
}

type OpenRow = Omit<OpenItem, "onDemand" | "givenById"> & {
  staffId: number | bigint;
  onDemand: number | bigint | boolean;
  givenById: number | bigint | null;
};

async function openWorkOf(db: Db, staffIds: number[]): Promise<OpenItem[][]> {
  const ids = [...new Set(staffIds)];
  const rows = await db.$queryRaw<OpenRow[]>`
    SELECT a."staffId" AS "staffId", a."id" AS "assignmentId", t."id" AS "taskId", t."ref" AS "ref", t."content" AS "content",
            a."status" AS "status", o."dueDate" AS "dueDate", o."periodLabel" AS "period", t."onDemand" AS "onDemand",
            t."product" AS "product", t."givenById" AS "givenById"
     FROM "Assignment" a
     JOIN "Occurrence" o ON o."id" = a."occurrenceId"
     JOIN "Task" t ON t."id" = o."taskId"
     WHERE a."staffId" IN (${Prisma.join(ids)}) AND a."status" != 'DONE' AND o."removedAt" IS NULL AND t."removedAt" IS NULL
     ORDER BY o."dueDate" = '', o."dueDate", t."position", a."id"`;
  const byStaff = new Map<number, OpenItem[]>(ids.map((id) => [id, []]));
  const seen = new Set<string>();
  for (const r of rows) {
    const staffId = Number(r.staffId);
    const taskId = Number(r.taskId);
    // Each task once, at its earliest open occurrence.
    if (seen.has(`${staffId}:${taskId}`)) continue;
    seen.add(`${staffId}:${taskId}`);
    byStaff.get(staffId)!.push({
      assignmentId: Number(r.assignmentId),
      taskId,
      ref: r.ref,
      content: r.content,
      status: r.status,
      dueDate: r.dueDate,
      period: r.period,
      onDemand: Boolean(Number(r.onDemand)),
      product: r.product,
      givenById: r.givenById === null ? null : Number(r.givenById),
    });
  }
  return staffIds.map((id) => byStaff.get(id)!);
}

const openWorkBatchers = new WeakMap<Db, Batcher<number, OpenItem[]>>();

/**
 * A person's open tasks: each task once, at its earliest open occurrence,
 * overdue first, then by due date, undated last. Concurrent callers share one query.
 */
export function openWork(db: Db, staffId: number): Promise<OpenItem[]> {
  let b = openWorkBatchers.get(db);
  if (!b) openWorkBatchers.set(db, (b = new Batcher((ids) => openWorkOf(db, ids), 200)));
  return b.load(staffId);
}

export interface AssignmentView {
  assignmentId: number;
  occurrenceId: number;
  staffId: number;
  staffName: string;
  staffDepartmentId: number | null;
  status: Status;
  doneAt: Date | null;
  blockerReason: string | null;
  dueDate: string;
  period: string;
  ref: string;
  content: string;
  product: string | null;
  lead: string;
  coordinating: string;
  timeframe: string | null;
  onDemand: boolean;
  area: string | null;
  givenById: number | null;
  /** The units it belongs to: its plan's, and its holder's (a Sở's task held in a unit). */
  unitNames: string[];
}

export async function assignmentView(db: Db, assignmentId: number): Promise<AssignmentView | null> {
  const a = await db.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true,
      status: true,
      doneAt: true,
      blockerReason: true,
      staff: { select: { id: true, name: true, departmentId: true, unit: { select: { name: true } } } },
      occurrenceId: true,
      occurrence: {
        select: {
          dueDate: true,
          periodLabel: true,
          task: {
            select: {
              plan: { select: { unit: { select: { name: true } } } },
              ref: true,
              content: true,
              product: true,
              leadText: true,
              coordinatingText: true,
              timeframe: true,
              onDemand: true,
              givenById: true,
              area: { select: { title: true } },
              departments: { select: { role: true, department: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  if (!a) return null;
  const task = a.occurrence.task;
  const names = (role: "LEAD" | "COORDINATING", fallback: string | null) => {
    const list = task.departments.filter((d) => d.role === role).map((d) => d.department.name);
    return list.length ? list.join("; ") : (fallback ?? "").replace(/\n/g, "; ");
  };
  return {
    assignmentId: a.id,
    occurrenceId: a.occurrenceId,
    staffId: a.staff.id,
    staffName: a.staff.name,
    staffDepartmentId: a.staff.departmentId,
    status: a.status,
    doneAt: a.doneAt,
    blockerReason: a.blockerReason,
    dueDate: a.occurrence.dueDate,
    period: a.occurrence.periodLabel,
    ref: task.ref,
    content: task.content,
    product: task.product,
    lead: names("LEAD", task.leadText),
    coordinating: names("COORDINATING", task.coordinatingText),
    timeframe: task.timeframe,
    onDemand: task.onDemand,
    area: task.area?.title ?? null,
    givenById: task.givenById,
    unitNames: [task.plan.unit.name, a.staff.unit.name],
  };
}

/** Every task the person holds a share of, done or not, the newest plan first: what "/minhchung 3" may name. */
export async function heldTasks(
  db: Db,
  staffId: number,
): Promise<{ taskId: number; ref: string; content: string; year: number }[]> {
  const tasks = await db.task.findMany({
    where: { removedAt: null, occurrences: { some: { removedAt: null, assignments: { some: { staffId } } } } },
    orderBy: [{ plan: { year: "desc" } }, { position: "asc" }],
    select: { id: true, ref: true, content: true, plan: { select: { year: true } } },
  });
  return tasks.map((t) => ({ taskId: t.id, ref: t.ref, content: t.content, year: t.plan.year }));
}

/** The person's other open occurrences of the same task, earliest first: what is left after one is done. */
export async function otherOpenOccurrences(
  db: Db,
  assignmentId: number,
): Promise<{ dueDate: string; period: string }[]> {
  const rows = await db.$queryRaw<{ dueDate: string; period: string }[]>`
    SELECT o2."dueDate" AS "dueDate", o2."periodLabel" AS "period"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Occurrence" o2 ON o2."taskId" = o."taskId" AND o2."id" != o."id" AND o2."removedAt" IS NULL
    JOIN "Assignment" a2 ON a2."occurrenceId" = o2."id" AND a2."staffId" = a."staffId" AND a2."status" != 'DONE'
    WHERE a."id" = ${assignmentId}
    ORDER BY o2."dueDate"`;
  return rows.map((r) => ({ dueDate: String(r.dueDate), period: String(r.period) }));
}

/**
 * Runs the hot-path queries once with no effect, so the first real batch
 * does not pay for Prisma's first compile of them (~80 ms measured).
 */
export async function warmUp(db: Db): Promise<void> {
  await openWork(db, -1);
  await changeStatus(db, {
    assignmentId: -1,
    staffId: -1,
    from: "NOT_STARTED",
    to: "DONE",
    channel: "warm-up",
    now: new Date(0),
  });
}
