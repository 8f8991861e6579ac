/** What the scheduler reads and writes: open work and the reminder log. */
import type { Decision, OpenAssignment } from "../../domain/reminders.ts";
import { coordinationDue, type CoordinationDue } from "../coordination/coordination.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/db.ts";
import type { OutboxKind, OutboxPayload } from "../delivery/outbox.ts";
import { fromSqlTimestamp, sqlTimestamp } from "../db/sql.ts";
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
  assignments: ReminderItem[];
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
  ref: string;
  content: string;
  onDemand: bigint | number;
  staffName: string;
  status: string;
};

/**
 * `partsDue`: which due dates a coordinating part's reminder may be for at
 * this tick. `dueUntil`: the open assignments read are those due by then (all
 * overdue work among them) and those not yet announced; the others cannot
 * bring a decision now (domain/reminders.ts, reminderHorizonDays).
 */
export async function loadReminderInput(
  db: Db,
  unitName: string,
  partsDue: { from: string; to: string },
  dueUntil?: string,
): Promise<ReminderInput> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  // Side by side: on Postgres each is a round trip of its own (a tick every working hour, all year).
  const [rows, heads, people, parts] = await Promise.all([
    db.$queryRaw<Row[]>`
    SELECT a."id" AS "assignmentId", a."staffId" AS "staffId", o."dueDate" AS "dueDate", t."recurrence" AS "recurrence",
           a."createdAt" AS "createdAt", a."snoozedUntil" AS "snoozedUntil", t."id" AS "taskId", t."ref" AS "ref",
           t."content" AS "content", t."onDemand" AS "onDemand", s."name" AS "staffName", a."status" AS "status"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Plan" p ON p."id" = t."planId"
    JOIN "Staff" s ON s."id" = a."staffId"
    WHERE p."unitId" = ${unitId} AND a."status" != 'DONE' AND o."removedAt" IS NULL AND t."removedAt" IS NULL AND s."active"
      ${
        dueUntil === undefined
          ? Prisma.empty
          : Prisma.sql`AND ((o."dueDate" != '' AND o."dueDate" <= ${dueUntil})
        OR NOT EXISTS (SELECT 1 FROM "ReminderLog" r WHERE r."assignmentId" = a."id" AND r."kind" = 'assigned'))`
      }`,
    db.$queryRaw<{ taskId: bigint | number; staffId: bigint | number }[]>`
    SELECT DISTINCT td."taskId" AS "taskId", s."id" AS "staffId"
    FROM "TaskDepartment" td JOIN "Staff" s ON s."departmentId" = td."departmentId"
    WHERE td."role" = 'LEAD' AND s."role" = 'DEPT_HEAD' AND s."active" AND s."unitId" = ${unitId}`,
    db.staff.findMany({
      where: { unitId, active: true },
      select: { id: true, role: true, locale: true, identities: { select: { id: true }, take: 1 } },
    }),
    coordinationDue(db, unitId, partsDue),
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
  const headsOf = new Map<number, number[]>();
  for (const h of heads) headsOf.set(Number(h.taskId), [...(headsOf.get(Number(h.taskId)) ?? []), Number(h.staffId)]);
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
    locales: new Map(reached.map((p) => [p.id, p.locale])),
    reachable: new Set(reached.filter((p) => p.identities.length > 0).map((p) => p.id)),
    parts,
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
  input: {
    recipientId: number;
    kind: OutboxKind;
    decisions: Decision[];
    render: (fresh: Decision[]) => OutboxPayload | null;
    now: Date;
  },
): Promise<string[]> {
  return db.$transaction(
    async (tx) => {
      const at = sqlTimestamp(input.now);
      const inserted = new Set<string>();
      // Many rows per statement: the first morning after an import decides tens of thousands.
      for (let i = 0; i < input.decisions.length; i += 500) {
        const chunk = input.decisions.slice(i, i + 500);
        const values = chunk.map(
          (d) =>
            Prisma.sql`(${d.key}, ${d.kind}, ${d.recipientId}, ${d.assignmentId ?? null}, ${sqlTimestamp(d.scheduledAt)}, ${at}, ${d.skip ? "SKIPPED" : "SENT"})`,
        );
        const rows = await tx.$queryRaw<{ key: string }[]>`
        INSERT INTO "ReminderLog" ("key", "kind", "recipientId", "assignmentId", "scheduledAt", "decidedAt", "outcome")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("key") DO NOTHING RETURNING "key"`;
        for (const r of rows) inserted.add(r.key);
      }
      const fresh = input.decisions.filter((d) => inserted.has(d.key));
      const toSend = fresh.filter((d) => !d.skip);
      const reply = toSend.length ? input.render(toSend) : null;
      if (reply) {
        const box = await tx.outbox.create({
          data: { staffId: input.recipientId, kind: input.kind, payload: JSON.stringify(reply), createdAt: input.now },
          select: { id: true },
        });
        for (let i = 0; i < toSend.length; i += 500) {
          const keys = toSend.slice(i, i + 500).map((d) => d.key);
          await tx.$executeRaw`UPDATE "ReminderLog" SET "outboxId" = ${box.id} WHERE "key" IN (${Prisma.join(keys)})`;
        }
      }
      return fresh.map((d) => d.key);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
