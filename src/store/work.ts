/**
 * A person's work: open assignments, one task at a time, and status changes.
 * The hot path (a status reply) is one read and one two-statement
 * transaction, in plain SQL: Prisma's JS engine costs more than SQLite here.
 */
import type { Status } from "../domain/status.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./db.ts";
import { Batcher } from "./batch.ts";
import { typed } from "./dialect.ts";
import { sqlTimestamp } from "./sql.ts";
import { findUnitId } from "./units.ts";

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

export interface StatusChange {
  assignmentId: number;
  staffId: number;
  from: Status;
  to: Status;
  reason?: string;
  channel: string;
  text?: string;
  now: Date;
}

/**
 * Applies changes only where the assignment is still in `from` (the same
 * person on two channels at once): each history row is written in the same
 * transaction, and only for a change that took. One transaction serves every
 * change that arrived together. Returns, per change, whether it took.
 */
async function changeStatuses(db: Db, changes: StatusChange[]): Promise<boolean[]> {
  const out: boolean[] = new Array<boolean>(changes.length).fill(false);
  // Two changes to one assignment cannot share a batch: the second waits for the first.
  const first = new Map<number, number>();
  const later: number[] = [];
  changes.forEach((c, i) => (first.has(c.assignmentId) ? later.push(i) : first.set(c.assignmentId, i)));
  const batch = [...first.values()].map((i) => changes[i]!);
  const status = (s: Status) => typed(db, s, `"AssignmentStatus"`);
  const time = (d: Date | null) => typed(db, d && sqlTimestamp(d), "TIMESTAMP(3)");
  const values = batch.map((c) => {
    const done = c.to === "DONE" ? c.now : null;
    const reason = c.to === "BLOCKED" ? (c.reason ?? null) : null;
    return Prisma.sql`(${typed(db, c.assignmentId, "INTEGER")}, ${typed(db, c.staffId, "INTEGER")}, ${status(c.from)}, ${status(c.to)}, ${time(c.now)},
      ${c.channel}, ${typed(db, c.text ?? null, "TEXT")}, ${typed(db, reason, "TEXT")}, ${time(done)})`;
  });
  const changesTable = Prisma.sql`WITH "c"("assignmentId", "staffId", "fromStatus", "toStatus", "at", "channel", "text", "reason", "doneAt") AS (VALUES ${Prisma.join(values)})`;
  const [, updated] = await db.$transaction([
    db.$executeRaw`${changesTable}
       INSERT INTO "StatusUpdate" ("assignmentId", "staffId", "fromStatus", "toStatus", "at", "channel", "text")
       SELECT c."assignmentId", c."staffId", c."fromStatus", c."toStatus", c."at", c."channel", c."text"
       FROM "c" JOIN "Assignment" a ON a."id" = c."assignmentId" AND a."status" = c."fromStatus"`,
    db.$queryRaw<{ id: number | bigint }[]>`${changesTable}
       UPDATE "Assignment" AS a SET "status" = c."toStatus", "blockerReason" = c."reason", "doneAt" = c."doneAt", "updatedAt" = c."at"
       FROM "c" WHERE a."id" = c."assignmentId" AND a."status" = c."fromStatus"
       RETURNING "id"`,
  ]);
  const took = new Set(updated.map((r) => Number(r.id)));
  for (const [assignmentId, i] of first) out[i] = took.has(assignmentId);
  if (later.length) {
    const rest = await changeStatuses(
      db,
      later.map((i) => changes[i]!),
    );
    later.forEach((i, k) => (out[i] = rest[k]!));
  }
  return out;
}

const changeBatchers = new WeakMap<Db, Batcher<StatusChange, boolean>>();

export function changeStatus(db: Db, change: StatusChange): Promise<boolean> {
  let b = changeBatchers.get(db);
  if (!b) changeBatchers.set(db, (b = new Batcher((list) => changeStatuses(db, list), 200)));
  return b.load(change);
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

/** The heads of the task's lead departments: they hear when it is blocked. */
export async function leadHeads(db: Db, assignmentId: number): Promise<{ staffId: number; name: string }[]> {
  const rows = await db.$queryRaw<{ id: number; name: string }[]>`
    SELECT DISTINCT s."id" AS "id", s."name" AS "name"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "TaskDepartment" td ON td."taskId" = o."taskId" AND td."role" = 'LEAD'
    JOIN "Staff" s ON s."departmentId" = td."departmentId" AND s."role" = 'DEPT_HEAD' AND s."active"
    WHERE a."id" = ${assignmentId}`;
  return rows.map((r) => ({ staffId: Number(r.id), name: String(r.name) }));
}

export interface Colleague {
  staffId: number;
  name: string;
  phone: string;
}

export async function departmentMembers(db: Db, departmentId: number): Promise<Colleague[]> {
  const rows = await db.staff.findMany({
    where: { departmentId, active: true },
    select: { id: true, name: true, phone: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ staffId: r.id, name: r.name, phone: r.phone }));
}

export interface Holding {
  assignmentId: number;
  staffId: number;
  staffName: string;
  taskId: number;
  ref: string;
  content: string;
  dueDate: string;
  period: string;
}

/** Every open assignment in the unit of the tasks whose code matches, earliest first: what an admin may hand over. */
export async function openHoldings(
  db: Db,
  input: { unitName: string; matches: (ref: string) => boolean },
): Promise<Holding[]> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const rows = await db.assignment.findMany({
    where: { status: { not: "DONE" }, occurrence: { removedAt: null, task: { removedAt: null, plan: { unitId } } } },
    select: {
      id: true,
      staff: { select: { id: true, name: true } },
      occurrence: {
        select: { dueDate: true, periodLabel: true, task: { select: { id: true, ref: true, content: true } } },
      },
    },
    orderBy: [{ occurrence: { dueDate: "asc" } }],
  });
  return rows
    .filter((r) => input.matches(r.occurrence.task.ref))
    .map((r) => ({
      assignmentId: r.id,
      staffId: r.staff.id,
      staffName: r.staff.name,
      taskId: r.occurrence.task.id,
      ref: r.occurrence.task.ref,
      content: r.occurrence.task.content,
      dueDate: r.occurrence.dueDate,
      period: r.occurrence.periodLabel,
    }));
}

/**
 * Hands assignments to someone else, one history row each; those whose
 * occurrence the receiver already holds stay. Returns the ids that moved.
 */
export async function reassign(
  db: Db,
  input: { assignmentIds: number[]; byStaffId: number; toStaffId: number; toName: string; channel: string; now: Date },
): Promise<number[]> {
  return db.$transaction(async (tx) => {
    const moved: number[] = [];
    for (const id of input.assignmentIds) {
      const a = await tx.assignment.findUniqueOrThrow({ where: { id }, select: { occurrenceId: true, status: true } });
      const taken = await tx.assignment.findUnique({
        where: { occurrenceId_staffId: { occurrenceId: a.occurrenceId, staffId: input.toStaffId } },
      });
      if (taken) continue;
      await tx.assignment.update({ where: { id }, data: { staffId: input.toStaffId } });
      await tx.statusUpdate.create({
        data: {
          assignmentId: id,
          staffId: input.byStaffId,
          fromStatus: a.status,
          toStatus: a.status,
          at: input.now,
          channel: input.channel,
          text: `→ ${input.toName}`,
        },
      });
      moved.push(id);
    }
    return moved;
  });
}

export interface StatusCounts {
  total: number;
  byStatus: Record<Status, number>;
  overdue: number;
}

/** Assignments due between two days, by status; overdue = not done and due before today. */
export async function countDue(
  db: Db,
  input: { from: string; to: string; today: string; departmentId?: number },
): Promise<StatusCounts> {
  const rows = await db.$queryRaw<{ status: Status; overdue: number | bigint; n: number | bigint }[]>`
    SELECT a."status" AS "status", (a."status" != 'DONE' AND o."dueDate" < ${input.today}) AS "overdue", COUNT(*) AS "n"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Staff" s ON s."id" = a."staffId"
    WHERE o."removedAt" IS NULL AND t."removedAt" IS NULL AND o."dueDate" BETWEEN ${input.from} AND ${input.to}
      ${input.departmentId === undefined ? Prisma.empty : Prisma.sql`AND s."departmentId" = ${input.departmentId}`}
    GROUP BY 1, 2`;
  const out: StatusCounts = { total: 0, byStatus: { NOT_STARTED: 0, IN_PROGRESS: 0, DONE: 0, BLOCKED: 0 }, overdue: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    out.total += n;
    out.byStatus[r.status] += n;
    if (Number(r.overdue)) out.overdue += n;
  }
  return out;
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

export async function snooze(db: Db, assignmentId: number, staffId: number, until: Date): Promise<boolean> {
  const { count } = await db.assignment.updateMany({
    where: { id: assignmentId, staffId },
    data: { snoozedUntil: until },
  });
  return count === 1;
}
