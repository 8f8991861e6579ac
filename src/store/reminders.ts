/** What the scheduler reads and writes: open work, the reminder log, the outbox. */
import type { Reply } from "../channels/types.ts";
import type { Decision, OpenAssignment } from "../domain/reminders.ts";
import type { Db } from "./db.ts";
import { fromSqlTimestamp, sqlTimestamp } from "./sql.ts";
import { findUnitId } from "./units.ts";

export interface ReminderItem extends OpenAssignment {
  ref: string;
  content: string;
  onDemand: boolean;
  staffName: string;
  /** Blocked work is marked ⛔ in every list. */
  blocked: boolean;
}

export interface ReminderInput {
  assignments: ReminderItem[];
  leaders: number[];
  admins: number[];
  locales: Map<number, string | null>;
  /** Staff with at least one linked chat. */
  reachable: Set<number>;
}

type Row = {
  assignmentId: bigint | number; staffId: bigint | number; dueDate: string; recurrence: string; createdAt: string; snoozedUntil: string | null;
  taskId: bigint | number; ref: string; content: string; onDemand: bigint | number; staffName: string; status: string;
};

export async function loadReminderInput(db: Db, unitName: string): Promise<ReminderInput> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const rows = await db.$queryRaw<Row[]>`
    SELECT a."id" AS "assignmentId", a."staffId" AS "staffId", o."dueDate" AS "dueDate", t."recurrence" AS "recurrence",
           a."createdAt" AS "createdAt", a."snoozedUntil" AS "snoozedUntil", t."id" AS "taskId", t."ref" AS "ref",
           t."content" AS "content", t."onDemand" AS "onDemand", s."name" AS "staffName", a."status" AS "status"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Plan" p ON p."id" = t."planId"
    JOIN "Staff" s ON s."id" = a."staffId"
    WHERE p."unitId" = ${unitId} AND a."status" != 'DONE' AND o."removedAt" IS NULL AND t."removedAt" IS NULL AND s."active" = 1`;
  const heads = await db.$queryRaw<{ taskId: bigint | number; staffId: bigint | number }[]>`
    SELECT DISTINCT td."taskId" AS "taskId", s."id" AS "staffId"
    FROM "TaskDepartment" td JOIN "Staff" s ON s."departmentId" = td."departmentId"
    WHERE td."role" = 'LEAD' AND s."role" = 'DEPT_HEAD' AND s."active" = 1 AND s."unitId" = ${unitId}`;
  const headsOf = new Map<number, number[]>();
  for (const h of heads) headsOf.set(Number(h.taskId), [...(headsOf.get(Number(h.taskId)) ?? []), Number(h.staffId)]);
  const people = await db.staff.findMany({ where: { unitId, active: true }, select: { id: true, role: true, locale: true, identities: { select: { id: true }, take: 1 } } });
  return {
    assignments: rows.map((r) => ({
      assignmentId: Number(r.assignmentId),
      staffId: Number(r.staffId),
      dueDate: r.dueDate,
      recurring: r.recurrence !== "NONE",
      createdAt: fromSqlTimestamp(r.createdAt),
      snoozedUntil: r.snoozedUntil ? fromSqlTimestamp(r.snoozedUntil) : null,
      heads: headsOf.get(Number(r.taskId)) ?? [],
      ref: r.ref,
      content: r.content,
      onDemand: Boolean(Number(r.onDemand)),
      staffName: r.staffName,
      blocked: r.status === "BLOCKED",
    })),
    leaders: people.filter((p) => p.role === "LEADER").map((p) => p.id),
    admins: people.filter((p) => p.role === "ADMIN").map((p) => p.id),
    locales: new Map(people.map((p) => [p.id, p.locale])),
    reachable: new Set(people.filter((p) => p.identities.length > 0).map((p) => p.id)),
  };
}

export async function loadLoggedKeys(db: Db): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT "key" FROM "ReminderLog"`;
  return new Set(rows.map((r) => r.key));
}

/**
 * Records one recipient's decisions and queues their message, in one
 * transaction. A key another process recorded first is left out; when none
 * of the message's keys is new, nothing is queued. Returns the keys recorded.
 */
export async function recordDecisions(
  db: Db,
  input: { recipientId: number; kind: string; decisions: Decision[]; render: (fresh: Decision[]) => Reply | null; now: Date },
): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const at = sqlTimestamp(input.now);
    const inserted = new Set<string>();
    // Many rows per statement: the first morning after an import decides tens of thousands.
    for (let i = 0; i < input.decisions.length; i += 500) {
      const chunk = input.decisions.slice(i, i + 500);
      const rows = await tx.$queryRawUnsafe<{ key: string }[]>(
        `INSERT INTO "ReminderLog" ("key", "kind", "recipientId", "assignmentId", "scheduledAt", "decidedAt", "outcome")
         VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}
         ON CONFLICT ("key") DO NOTHING RETURNING "key"`,
        ...chunk.flatMap((d) => [d.key, d.kind, d.recipientId, d.assignmentId ?? null, sqlTimestamp(d.scheduledAt), at, d.skip ? "SKIPPED" : "SENT"]),
      );
      for (const r of rows) inserted.add(r.key);
    }
    const fresh = input.decisions.filter((d) => inserted.has(d.key));
    const toSend = fresh.filter((d) => !d.skip);
    const reply = toSend.length ? input.render(toSend) : null;
    if (reply) {
      const box = await tx.outbox.create({ data: { staffId: input.recipientId, kind: input.kind, payload: JSON.stringify(reply), createdAt: input.now }, select: { id: true } });
      for (let i = 0; i < toSend.length; i += 500) {
        const keys = toSend.slice(i, i + 500).map((d) => d.key);
        await tx.$executeRawUnsafe(`UPDATE "ReminderLog" SET "outboxId" = ? WHERE "key" IN (${keys.map(() => "?").join(", ")})`, box.id, ...keys);
      }
    }
    return fresh.map((d) => d.key);
  }, { timeout: 60_000, maxWait: 10_000 });
}

export interface OutboxItem {
  id: number;
  staffId: number;
  kind: string;
  /** A Reply for reminders; { broadcastId } for notices, expanded when sent. */
  payload: unknown;
  broadcastId: number | null;
  attempts: number;
}

/** Takes the oldest pending message that may go now; null when there is none or another sender took it. */
export async function claimNext(db: Db, now: Date): Promise<OutboxItem | null> {
  const at = sqlTimestamp(now);
  const rows = await db.$queryRaw<{ id: bigint | number; staffId: bigint | number; kind: string; payload: string; attempts: bigint | number; broadcastId: bigint | number | null }[]>`
    UPDATE "Outbox" SET "status" = 'SENDING'
    WHERE "id" = (SELECT "id" FROM "Outbox" WHERE "status" = 'PENDING' AND ("notBefore" IS NULL OR "notBefore" <= ${at}) ORDER BY "id" LIMIT 1)
      AND "status" = 'PENDING'
    RETURNING "id", "staffId", "kind", "payload", "attempts", "broadcastId"`;
  const r = rows[0];
  return r
    ? { id: Number(r.id), staffId: Number(r.staffId), kind: r.kind, payload: JSON.parse(r.payload) as unknown, broadcastId: r.broadcastId === null ? null : Number(r.broadcastId), attempts: Number(r.attempts) }
    : null;
}

/** Puts a message back to wait: after a 429 (not counted as an attempt) or a network error (counted). */
export async function retryOutbox(db: Db, id: number, input: { notBefore: Date; countAttempt: boolean; error: string }): Promise<void> {
  await db.outbox.update({
    where: { id },
    data: { status: "PENDING", notBefore: input.notBefore, error: input.error.slice(0, 500), ...(input.countAttempt ? { attempts: { increment: 1 } } : {}) },
  });
}

export async function finishOutbox(
  db: Db,
  id: number,
  result: { status: "SENT" | "FAILED" | "BLOCKED" | "UNREACHABLE"; channel?: string; messageId?: string; error?: string; now: Date },
): Promise<void> {
  await db.outbox.update({
    where: { id },
    data: { status: result.status, channel: result.channel ?? null, messageId: result.messageId ?? null, error: result.error ?? null, sentAt: result.status === "SENT" ? result.now : null },
  });
}

/**
 * A message left SENDING by a crash may or may not have reached the person:
 * it is marked UNKNOWN and not sent again. A reminder missed is better than
 * the same reminder twice.
 */
export async function recoverInterrupted(db: Db): Promise<number> {
  const { count } = await db.outbox.updateMany({ where: { status: "SENDING" }, data: { status: "UNKNOWN" } });
  return count;
}

export async function loadSettingsRows(db: Db, unitName: string): Promise<Record<string, string>> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return {};
  const rows = await db.unitSetting.findMany({ where: { unitId } });
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function saveSetting(db: Db, unitName: string, key: string, value: string): Promise<boolean> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return false;
  await db.unitSetting.upsert({ where: { unitId_key: { unitId, key } }, create: { unitId, key, value }, update: { value } });
  return true;
}

export async function officialHolidays(db: Db, unitName: string, years: number[]): Promise<{ date: string; name: string }[]> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return [];
  return db.holiday.findMany({
    where: { unitId, OR: years.map((y) => ({ date: { startsWith: `${y}-` } })) },
    select: { date: true, name: true },
    orderBy: { date: "asc" },
  });
}

/** Replaces a year's official list in one transaction. */
export async function replaceHolidays(db: Db, unitName: string, year: number, list: { date: string; name: string }[]): Promise<number> {
  return db.$transaction(async (tx) => {
    const unitId = await findUnitId(tx, unitName);
    if (unitId === null) return 0;
    await tx.holiday.deleteMany({ where: { unitId, date: { startsWith: `${year}-` } } });
    await tx.holiday.createMany({ data: list.map((h) => ({ unitId, ...h })) });
    return list.length;
  });
}

export async function snooze(db: Db, assignmentId: number, staffId: number, until: Date): Promise<boolean> {
  const { count } = await db.assignment.updateMany({ where: { id: assignmentId, staffId }, data: { snoozedUntil: until } });
  return count === 1;
}
