/**
 * A person's work: open assignments, one task at a time, and status changes.
 * The hot path (a status reply) is one read and one two-statement
 * transaction, in plain SQL: Prisma's JS engine costs more than SQLite here.
 */
import type { Status } from "../domain/status.ts";
import type { Db } from "./db.ts";
import { sqlTimestamp } from "./sql.ts";

export interface OpenItem {
  assignmentId: number;
  taskId: number;
  ref: string;
  content: string;
  status: Status;
  /** "" when the task has no due date. */
  dueDate: string;
  onDemand: boolean;
}

/** Each task once, at its earliest open occurrence: overdue first, then by due date; undated last. */
export async function openWork(db: Db, staffId: number): Promise<OpenItem[]> {
  const rows = await db.$queryRaw<OpenItem[]>`
    SELECT a."id" AS "assignmentId", t."id" AS "taskId", t."ref" AS "ref", t."content" AS "content",
           a."status" AS "status", o."dueDate" AS "dueDate", t."onDemand" AS "onDemand"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    WHERE a."staffId" = ${staffId} AND a."status" != 'DONE' AND o."removedAt" IS NULL AND t."removedAt" IS NULL
    ORDER BY o."dueDate" = '', o."dueDate", t."position"`;
  const seen = new Set<number>();
  const out: OpenItem[] = [];
  for (const r of rows) {
    const taskId = Number(r.taskId);
    if (seen.has(taskId)) continue;
    seen.add(taskId);
    out.push({ ...r, assignmentId: Number(r.assignmentId), taskId, onDemand: Boolean(Number(r.onDemand)) });
  }
  return out;
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
 * Applies a change only if the assignment is still in `from` (two heads, two
 * chats): the history row is written in the same transaction, and only when
 * the update took. Returns whether it did.
 */
export async function changeStatus(db: Db, c: StatusChange): Promise<boolean> {
  const at = sqlTimestamp(c.now);
  const [updated] = await db.$transaction([
    db.$executeRaw`
      UPDATE "Assignment" SET "status" = ${c.to}, "blockerReason" = ${c.to === "BLOCKED" ? (c.reason ?? null) : null},
        "doneAt" = ${c.to === "DONE" ? at : null}, "updatedAt" = ${at}
      WHERE "id" = ${c.assignmentId} AND "status" = ${c.from}`,
    db.$executeRaw`
      INSERT INTO "StatusUpdate" ("assignmentId", "staffId", "fromStatus", "toStatus", "at", "channel", "text")
      SELECT ${c.assignmentId}, ${c.staffId}, ${c.from}, ${c.to}, ${at}, ${c.channel}, ${c.text ?? null} WHERE changes() = 1`,
  ]);
  return updated === 1;
}

export interface AssignmentView {
  assignmentId: number;
  staffId: number;
  staffName: string;
  staffDepartmentId: number | null;
  status: Status;
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
}

export async function assignmentView(db: Db, assignmentId: number): Promise<AssignmentView | null> {
  const a = await db.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true,
      status: true,
      blockerReason: true,
      staff: { select: { id: true, name: true, departmentId: true } },
      occurrence: {
        select: {
          dueDate: true,
          periodLabel: true,
          task: {
            select: {
              ref: true,
              content: true,
              product: true,
              leadText: true,
              coordinatingText: true,
              timeframe: true,
              onDemand: true,
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
    staffId: a.staff.id,
    staffName: a.staff.name,
    staffDepartmentId: a.staff.departmentId,
    status: a.status,
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
  };
}

/** The heads of the task's lead departments: they hear when it is blocked. */
export async function leadHeads(db: Db, assignmentId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT DISTINCT s."id" AS "id"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "TaskDepartment" td ON td."taskId" = o."taskId" AND td."role" = 'LEAD'
    JOIN "Staff" s ON s."departmentId" = td."departmentId" AND s."role" = 'DEPT_HEAD' AND s."active" = 1
    WHERE a."id" = ${assignmentId}`;
  return rows.map((r) => Number(r.id));
}

export interface Colleague {
  staffId: number;
  name: string;
  phone: string;
}

export async function departmentMembers(db: Db, departmentId: number): Promise<Colleague[]> {
  const rows = await db.staff.findMany({ where: { departmentId, active: true }, select: { id: true, name: true, phone: true }, orderBy: { name: "asc" } });
  return rows.map((r) => ({ staffId: r.id, name: r.name, phone: r.phone }));
}

/** Hands an assignment to someone else; false when they already hold that occurrence. */
export async function reassign(db: Db, input: { assignmentId: number; byStaffId: number; toStaffId: number; toName: string; channel: string; now: Date }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const a = await tx.assignment.findUniqueOrThrow({ where: { id: input.assignmentId }, select: { occurrenceId: true, status: true } });
    const taken = await tx.assignment.findUnique({ where: { occurrenceId_staffId: { occurrenceId: a.occurrenceId, staffId: input.toStaffId } } });
    if (taken) return false;
    await tx.assignment.update({ where: { id: input.assignmentId }, data: { staffId: input.toStaffId } });
    await tx.statusUpdate.create({
      data: { assignmentId: input.assignmentId, staffId: input.byStaffId, fromStatus: a.status, toStatus: a.status, at: input.now, channel: input.channel, text: `→ ${input.toName}` },
    });
    return true;
  });
}

export interface StatusCounts {
  total: number;
  byStatus: Record<Status, number>;
  overdue: number;
}

/** Assignments due between two days, by status; overdue = not done and due before today. */
export async function countDue(db: Db, input: { from: string; to: string; today: string; departmentId?: number }): Promise<StatusCounts> {
  const rows = await db.$queryRaw<{ status: Status; overdue: number | bigint; n: number | bigint }[]>`
    SELECT a."status" AS "status", (a."status" != 'DONE' AND o."dueDate" < ${input.today}) AS "overdue", COUNT(*) AS "n"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Staff" s ON s."id" = a."staffId"
    WHERE o."removedAt" IS NULL AND t."removedAt" IS NULL AND o."dueDate" BETWEEN ${input.from} AND ${input.to}
      AND (${input.departmentId ?? null} IS NULL OR s."departmentId" = ${input.departmentId ?? null})
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
