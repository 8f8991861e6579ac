/** What the scheduler reads and writes: open work and the reminder log. */
import type { Decision, OpenAssignment } from "../../domain/reminders.ts";
import { coordinationDue, type CoordinationDue } from "../coordination/coordination.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/db.ts";
import type { OutboxKind, OutboxPayload } from "../delivery/outbox.ts";
import { fromSqlTimestamp, sqlTimestamp } from "../db/sql.ts";
import { jsonRows, typed } from "../db/dialect.ts";
import { findUnitId } from "../province/units.ts";

export interface ReminderItem extends OpenAssignment {
  ref: string;
  content: string;
  onDemand: boolean;
  staffName: string;
  /** Blocked work is marked ⛔ in every list. */
  blocked: boolean;
}

export interface ReminderInput {
  unitId: number;
  /** What the planner reads of each: the text and names come with reminderItems, for those a message names. */
  assignments: OpenAssignment[];
  leaders: number[];
  admins: number[];
  locales: Map<number, string | null>;
  /** Staff with at least one linked chat. */
  reachable: Set<number>;
  /** Coordinating parts due soon and not yet reported. */
  parts: CoordinationDue[];
}

type Row = {
  assignmentId: bigint | number;
  staffId: bigint | number;
  dueDate: string;
  recurrence: string;
  createdAt: string;
  snoozedUntil: string | null;
  taskId: bigint | number;
};

type DetailRow = {
  assignmentId: bigint | number;
  ref: string;
  content: string;
  onDemand: bigint | number | boolean;
  staffName: string;
  status: string;
};

/** Ids per statement: under both databases' limits on bound parameters. */
const IDS_PER_QUERY = 10_000;

/**
 * The text behind the assignments a tick's messages name: read apart from the
 * planner's input, which every tick reads (a quiet tick, most of them, names none).
 */
export async function reminderItems(
  db: Db,
  assignments: readonly OpenAssignment[],
): Promise<Map<number, ReminderItem>> {
  const out = new Map<number, ReminderItem>();
  const byId = new Map(assignments.map((a) => [a.assignmentId, a]));
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db.$queryRaw<DetailRow[]>`
      SELECT a."id" AS "assignmentId", t."ref" AS "ref", t."content" AS "content", t."onDemand" AS "onDemand",
             s."name" AS "staffName", a."status" AS "status"
      FROM "Assignment" a
      JOIN "Occurrence" o ON o."id" = a."occurrenceId"
      JOIN "Task" t ON t."id" = o."taskId"
      JOIN "Staff" s ON s."id" = a."staffId"
      WHERE a."id" IN (${Prisma.join(ids.slice(i, i + IDS_PER_QUERY))})`;
    for (const r of rows) {
      const a = byId.get(Number(r.assignmentId))!;
      out.set(a.assignmentId, {
        ...a,
        ref: r.ref,
        content: r.content,
        onDemand: Boolean(Number(r.onDemand)),
        staffName: r.staffName,
        blocked: r.status === "BLOCKED",
      });
    }
  }
  return out;
}

/**
 * What a tick plans on, read for `today`. `partsUntil`: the last due date a
 * coordinating part's reminder may be for now. `dueUntil`: the open
 * assignments read are those due by then (all overdue work among them) and
 * those not yet announced; the others cannot bring a decision today
 * (domain/reminders.ts, reminderHorizonDays).
 */
export async function loadReminderInput(
  db: Db,
  unitName: string,
  window: { today: string; partsUntil: string; dueUntil: string },
): Promise<ReminderInput> {
  const { today, dueUntil } = window;
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  // Side by side: on Postgres each is a round trip of its own (a tick every working hour, all year).
  const [rows, heads, people, parts] = await Promise.all([
    db.$queryRaw<Row[]>`
    SELECT a."id" AS "assignmentId", a."staffId" AS "staffId", o."dueDate" AS "dueDate", t."recurrence" AS "recurrence",
           a."createdAt" AS "createdAt", a."snoozedUntil" AS "snoozedUntil", t."id" AS "taskId"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Plan" p ON p."id" = t."planId"
    JOIN "Staff" s ON s."id" = a."staffId"
    WHERE p."unitId" = ${unitId} AND a."status" != 'DONE' AND o."removedAt" IS NULL AND t."removedAt" IS NULL AND s."active"
      AND ((o."dueDate" != '' AND o."dueDate" <= ${dueUntil})
        OR NOT EXISTS (SELECT 1 FROM "ReminderLog" r WHERE r."assignmentId" = a."id" AND r."kind" = 'assigned'))`,
    db.$queryRaw<{ taskId: bigint | number; staffId: bigint | number }[]>`
    SELECT DISTINCT td."taskId" AS "taskId", s."id" AS "staffId"
    FROM "TaskDepartment" td
    JOIN "Occurrence" o ON o."taskId" = td."taskId" AND o."dueDate" != '' AND o."dueDate" <= ${today} AND o."removedAt" IS NULL
    JOIN "Staff" s ON s."departmentId" = td."departmentId"
    WHERE td."role" = 'LEAD' AND s."role" = 'DEPT_HEAD' AND s."active" AND s."unitId" = ${unitId}`,
    db.staff.findMany({
      where: { unitId, active: true },
      select: { id: true, role: true, locale: true, identities: { select: { id: true }, take: 1 } },
    }),
    coordinationDue(db, unitId, { from: today, to: window.partsUntil }),
  ]);
  // A Sở's task given to its units' admins: they are reached though they are on another unit's roster.
  const own = new Set(people.map((p) => p.id));
  const others = [...new Set(rows.map((r) => Number(r.staffId)))].filter((id) => !own.has(id));
  const reached = others.length
    ? [
        ...people,
        ...(await db.staff.findMany({
          where: { id: { in: others }, active: true },
          select: { id: true, role: true, locale: true, identities: { select: { id: true }, take: 1 } },
        })),
      ]
    : people;
  // The heads hear of work gone late (escalations): only tasks due by today need them.
  const headsOf = new Map<number, number[]>();
  for (const h of heads) headsOf.set(Number(h.taskId), [...(headsOf.get(Number(h.taskId)) ?? []), Number(h.staffId)]);
  return {
    unitId,
    assignments: rows.map((r) => ({
      assignmentId: Number(r.assignmentId),
      staffId: Number(r.staffId),
      dueDate: r.dueDate,
      recurring: r.recurrence !== "NONE",
      createdAt: fromSqlTimestamp(r.createdAt),
      snoozedUntil: r.snoozedUntil ? fromSqlTimestamp(r.snoozedUntil) : null,
      heads: headsOf.get(Number(r.taskId)) ?? [],
    })),
    leaders: people.filter((p) => p.role === "LEADER").map((p) => p.id),
    admins: people.filter((p) => p.role === "ADMIN").map((p) => p.id),
    locales: new Map(reached.map((p) => [p.id, p.locale])),
    reachable: new Set(reached.filter((p) => p.identities.length > 0).map((p) => p.id)),
    parts,
  };
}

export async function loadLoggedKeys(db: Db): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT "key" FROM "ReminderLog"`;
  return new Set(rows.map((r) => r.key));
}

/** One recipient's share of a tick: their decisions and how their message reads, given those recorded now. */
export interface RecipientDecisions {
  recipientId: number;
  kind: OutboxKind;
  decisions: Decision[];
  render: (fresh: Decision[]) => OutboxPayload | null;
}

/** Rows per INSERT, one JSON text each (jsonRows). */
const LOG_ROWS_PER_STATEMENT = 20_000;
const LOG_COLUMNS = [
  ["key", "text"],
  ["kind", "text"],
  ["recipientId", "integer"],
  ["assignmentId", "integer"],
  ["scheduledAt", "timestamp(3)"],
  ["decidedAt", "timestamp(3)"],
  ["outcome", "text"],
] as const;

/**
 * Records many recipients' decisions and queues their messages in one
 * transaction, in a few statements whatever their number: a first morning
 * after an import decides tens of thousands for hundreds of people, which one
 * transaction per person made a matter of seconds. Each decision's key and
 * its message are written together: a key another process recorded first is
 * left out, and a recipient none of whose keys is new gets no message.
 * Returns the keys recorded.
 */
export async function recordManyDecisions(
  db: Db,
  input: { recipients: readonly RecipientDecisions[]; now: Date },
): Promise<string[]> {
  const all = input.recipients.flatMap((r) => r.decisions);
  if (all.length === 0) return [];
  return db.$transaction(
    async (tx) => {
      const at = sqlTimestamp(input.now);
      const inserted = new Map<string, number>();
      for (let i = 0; i < all.length; i += LOG_ROWS_PER_STATEMENT) {
        const rows = all
          .slice(i, i + LOG_ROWS_PER_STATEMENT)
          .map((d) => [
            d.key,
            d.kind,
            d.recipientId,
            d.assignmentId ?? null,
            sqlTimestamp(d.scheduledAt),
            at,
            d.skip ? "SKIPPED" : "SENT",
          ]);
        // "WHERE true": without it SQLite reads ON CONFLICT as the SELECT's join condition.
        const returned = await tx.$queryRaw<{ id: number | bigint; key: string }[]>`
          INSERT INTO "ReminderLog" ("key", "kind", "recipientId", "assignmentId", "scheduledAt", "decidedAt", "outcome")
          SELECT * FROM (${jsonRows(tx, rows, LOG_COLUMNS)}) AS j WHERE true
          ON CONFLICT ("key") DO NOTHING RETURNING "id", "key"`;
        for (const r of returned) inserted.set(r.key, Number(r.id));
      }
      if (inserted.size === 0) return [];
      const messages: { staffId: number; kind: OutboxKind; payload: string }[] = [];
      for (const r of input.recipients) {
        const toSend = r.decisions.filter((d) => inserted.has(d.key) && !d.skip);
        const reply = toSend.length ? r.render(toSend) : null;
        if (reply) messages.push({ staffId: r.recipientId, kind: r.kind, payload: JSON.stringify(reply) });
      }
      if (messages.length) {
        const created = typed(tx, at, "TIMESTAMP(3)");
        const boxes = await tx.$queryRaw<{ id: number | bigint }[]>`
          INSERT INTO "Outbox" ("staffId", "kind", "payload", "createdAt")
          VALUES ${Prisma.join(messages.map((m) => Prisma.sql`(${m.staffId}, ${m.kind}, ${m.payload}, ${created})`))}
          RETURNING "id"`;
        // Each message's own log rows point to it: the rows of this call are those between its first and last id.
        let first = Infinity;
        let last = -Infinity;
        for (const id of inserted.values()) [first, last] = [Math.min(first, id), Math.max(last, id)];
        await tx.$executeRaw`
          UPDATE "ReminderLog" SET "outboxId" = (
            SELECT o."id" FROM "Outbox" o
            WHERE o."id" IN (${Prisma.join(boxes.map((b) => Number(b.id)))}) AND o."staffId" = "ReminderLog"."recipientId")
          WHERE "id" BETWEEN ${first} AND ${last} AND "decidedAt" = ${created} AND "outcome" = 'SENT'
            AND "recipientId" IN (${Prisma.join(messages.map((m) => m.staffId))})`;
      }
      return [...inserted.keys()];
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * One message under its own key, queued once whatever the ticks and the
 * instances: the year's close (a scoring deadline, the inspections' target)
 * says each thing to each person once. False when the key was decided before.
 */
export async function queueOnce(
  db: Db,
  input: { key: string; kind: string; recipientId: number; payload: OutboxPayload; now: Date },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (await tx.reminderLog.findUnique({ where: { key: input.key }, select: { id: true } })) return false;
    const box = await tx.outbox.create({
      data: {
        staffId: input.recipientId,
        kind: "notify",
        payload: JSON.stringify(input.payload),
        createdAt: input.now,
      },
      select: { id: true },
    });
    await tx.reminderLog.create({
      data: {
        key: input.key,
        kind: input.kind,
        recipientId: input.recipientId,
        scheduledAt: input.now,
        decidedAt: input.now,
        outcome: "SENT",
        outboxId: box.id,
      },
    });
    return true;
  });
}

/** Of these people, those with a chat the bot can write to. */
export async function reachableOf(db: Db, staffIds: readonly number[]): Promise<Set<number>> {
  const rows = await db.chatIdentity.findMany({ where: { staffId: { in: [...staffIds] } }, select: { staffId: true } });
  return new Set(rows.map((r) => r.staffId));
}
