/**
 * Status changes, the hot path of a reply: one two-statement transaction in
 * plain SQL (Prisma's JS engine costs more than SQLite here), batched across
 * the chats that answer at the same moment.
 */
import type { Status } from "../../domain/status.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/db.ts";
import { Batcher } from "../db/batch.ts";
import { typed } from "../db/dialect.ts";
import { sqlTimestamp } from "../db/sql.ts";

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
