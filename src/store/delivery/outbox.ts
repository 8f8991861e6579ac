/**
 * The outbox: every message that does not answer the person's own message
 * (reminders, notices, a head told of a blocker, a task handed over) waits
 * here until it is sent, so it is paced, retried and survives a restart.
 */
import type { ReminderKind } from "../../domain/reminders.ts";
import type { Db, Tx } from "../db/db.ts";
import { skipLocked } from "../db/dialect.ts";
import { sqlTimestamp } from "../db/sql.ts";
import { findUnitId } from "../province/units.ts";

/**
 * How long a claimed or sending row stays its sender's without news. The
 * sender renews the leases of its rows well before (sender.ts), so only a
 * sender that died loses them; a send itself gives up after 30 s.
 */
export const LEASE_MS = 60_000;

/** A message as the channels' neutral model describes it, stored as JSON; the store does not look inside. */
export type OutboxPayload = object;

/**
 * What a row is: a reminder of one step (its reply stored whole), a one-off
 * message ("notify"), or a pointer expanded when sent (a notice, a unit's
 * report). The delivery statistics group rows by it.
 */
export type OutboxKind =
  | Exclude<ReminderKind, "escalateHead" | "escalateLeaders">
  | "escalation"
  | "notify"
  | "broadcast"
  | "broadcastReminder"
  | "broadcastGroup"
  | "unitReport";

// Every kind once: a kind added to the union and not here does not compile.
const KINDS: Record<OutboxKind, true> = {
  assigned: true,
  before: true,
  dueSoon: true,
  due: true,
  overdue: true,
  weekly: true,
  report: true,
  plan: true,
  coordinate: true,
  escalation: true,
  notify: true,
  broadcast: true,
  broadcastReminder: true,
  broadcastGroup: true,
  unitReport: true,
};

/** A stored kind read back; an unknown one (a row from a newer version) is sent as a plain message. */
export function outboxKind(kind: string): OutboxKind {
  return Object.hasOwn(KINDS, kind) ? (kind as OutboxKind) : "notify";
}

/** One reminder message may carry several steps: an escalation among them names the row. */
export function reminderRowKind(kinds: readonly ReminderKind[]): OutboxKind {
  const first = kinds[0] ?? "before";
  return first === "escalateHead" || first === "escalateLeaders" || kinds.some((k) => k.startsWith("escalate"))
    ? "escalation"
    : first;
}

/** Queues one message per person (each already in their language); returns how many. */
export async function queueMessages(
  db: Tx,
  input: { kind: OutboxKind; messages: { staffId: number; payload: OutboxPayload }[]; now: Date },
): Promise<number> {
  if (input.messages.length === 0) return 0;
  const { count } = await db.outbox.createMany({
    data: input.messages.map((m) => ({
      staffId: m.staffId,
      kind: input.kind,
      payload: JSON.stringify(m.payload),
      createdAt: input.now,
    })),
  });
  return count;
}

/** Records that the first `parts` messages of a row went, so a retry sends only the rest. */
export async function partSent(db: Db, id: number, parts: number): Promise<void> {
  await db.outbox.update({ where: { id }, data: { partsSent: parts } });
}

export interface OutboxItem {
  id: number;
  staffId: number;
  kind: OutboxKind;
  /** A Reply for reminders; { broadcastId } for notices, expanded when sent. */
  payload: unknown;
  broadcastId: number | null;
  attempts: number;
  /** How many of its messages already went (a notice's file before its text). */
  partsSent: number;
  /** A notice posted in a group chat: the group it goes to (staffId is then the notice's sender). */
  groupChatId: number | null;
}

/** Takes the oldest pending message that may go now, leased until LEASE_MS from now; null when there is none or another sender took it. */
export async function claimNext(db: Db, now: Date): Promise<OutboxItem | null> {
  const at = sqlTimestamp(now);
  const rows = await db.$queryRaw<
    {
      id: bigint | number;
      staffId: bigint | number;
      kind: string;
      payload: string;
      attempts: bigint | number;
      broadcastId: bigint | number | null;
      partsSent: bigint | number;
      groupChatId: bigint | number | null;
    }[]
  >`
    UPDATE "Outbox" SET "status" = 'CLAIMED', "leaseUntil" = ${sqlTimestamp(new Date(now.getTime() + LEASE_MS))}
    WHERE "id" = (SELECT "id" FROM "Outbox" WHERE "status" = 'PENDING' AND ("notBefore" IS NULL OR "notBefore" <= ${at}) ORDER BY "id" LIMIT 1 ${skipLocked(db)})
      AND "status" = 'PENDING'
    RETURNING "id", "staffId", "kind", "payload", "attempts", "broadcastId", "partsSent", "groupChatId"`;
  const r = rows[0];
  return r
    ? {
        id: Number(r.id),
        staffId: Number(r.staffId),
        kind: outboxKind(r.kind),
        payload: JSON.parse(r.payload) as unknown,
        broadcastId: r.broadcastId === null ? null : Number(r.broadcastId),
        attempts: Number(r.attempts),
        partsSent: Number(r.partsSent),
        groupChatId: r.groupChatId === null ? null : Number(r.groupChatId),
      }
    : null;
}

/** Puts a message back to wait: after a 429 (not counted as an attempt) or a network error (counted). */
export async function retryOutbox(
  db: Db,
  id: number,
  input: { notBefore: Date; countAttempt: boolean; error: string },
): Promise<void> {
  await db.outbox.update({
    where: { id },
    data: {
      status: "PENDING",
      leaseUntil: null,
      notBefore: input.notBefore,
      error: input.error.slice(0, 500),
      ...(input.countAttempt ? { attempts: { increment: 1 } } : {}),
    },
  });
}

export async function finishOutbox(
  db: Db,
  id: number,
  result: {
    status: "SENT" | "FAILED" | "BLOCKED" | "UNREACHABLE" | "UNKNOWN";
    channel?: string;
    messageId?: string;
    error?: string;
    now: Date;
  },
): Promise<void> {
  await db.outbox.update({
    where: { id },
    data: {
      status: result.status,
      leaseUntil: null,
      channel: result.channel ?? null,
      messageId: result.messageId ?? null,
      error: result.error ?? null,
      sentAt: result.status === "SENT" ? result.now : null,
    },
  });
}

/** Marks a claimed row as on its way, just before its request leaves: from here a crash makes it UNKNOWN. */
export async function markSending(db: Db, id: number, now: Date): Promise<void> {
  await db.outbox.update({
    where: { id },
    data: { status: "SENDING", leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
}

/** Keeps the rows a live sender holds its own for another LEASE_MS. */
export async function renewLeases(db: Db, ids: readonly number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.outbox.updateMany({
    where: { id: { in: [...ids] }, status: { in: ["CLAIMED", "SENDING"] } },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
}

/**
 * A dead sender's rows: one left SENDING may or may not have reached the
 * person, so it is marked UNKNOWN and not sent again (a reminder missed is
 * better than the same reminder twice; the sender is told whom to check). A
 * row only CLAIMED never left and simply waits again. `expiredOnly` spares the
 * rows of senders still alive (several instances on one database); a single
 * process starting up takes back every row, all of them its own.
 */
export async function recoverInterrupted(
  db: Db,
  input: { now: Date; expiredOnly: boolean },
): Promise<{ unknown: number; requeued: number }> {
  const expired = input.expiredOnly ? { OR: [{ leaseUntil: null }, { leaseUntil: { lt: input.now } }] } : {};
  const unknown = await db.outbox.updateMany({
    where: { status: "SENDING", ...expired },
    data: { status: "UNKNOWN", leaseUntil: null },
  });
  const requeued = await db.outbox.updateMany({
    where: { status: "CLAIMED", ...expired },
    data: { status: "PENDING", leaseUntil: null },
  });
  return { unknown: unknown.count, requeued: requeued.count };
}

export type DeliveryGroup = "reminders" | "notices" | "messages";

/** Reminders of every step, notices with their reminders, and one-off messages (a head told, a task handed over). */
export function deliveryGroup(kind: OutboxKind): DeliveryGroup {
  if (kind === "broadcast" || kind === "broadcastReminder" || kind === "broadcastGroup") return "notices";
  if (kind === "notify") return "messages";
  return "reminders";
}

export interface DeliverySummary {
  counts: Record<DeliveryGroup, Record<string, number>>;
  /** Messages that may not have arrived, newest first: whom to ask in person. */
  unknown: { name: string; phone: string; group: DeliveryGroup; at: Date }[];
}

/** What the outbox did since a moment for a unit's people, by group and status. */
export async function deliverySummary(db: Db, since: Date, unitName: string): Promise<DeliverySummary> {
  // Another unit's messages, names and phones are not this unit's admin's to see.
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const staffIds = (await db.staff.findMany({ where: { unitId }, select: { id: true } })).map((s) => s.id);
  const rows = await db.outbox.groupBy({
    by: ["kind", "status"],
    where: { createdAt: { gte: since }, staffId: { in: staffIds } },
    _count: true,
  });
  const counts: DeliverySummary["counts"] = { reminders: {}, notices: {}, messages: {} };
  for (const r of rows) {
    const g = counts[deliveryGroup(outboxKind(r.kind))];
    g[r.status] = (g[r.status] ?? 0) + r._count;
  }
  const unknown = await db.outbox.findMany({
    // A group's post names no one to ask in person.
    where: { createdAt: { gte: since }, status: "UNKNOWN", staffId: { in: staffIds }, groupChatId: null },
    orderBy: { id: "desc" },
    take: 50,
    select: { kind: true, createdAt: true, staffId: true },
  });
  const people = new Map(
    (
      await db.staff.findMany({
        where: { id: { in: unknown.map((u) => u.staffId) } },
        select: { id: true, name: true, phone: true },
      })
    ).map((p) => [p.id, p]),
  );
  return {
    counts,
    unknown: unknown.map((u) => ({
      name: people.get(u.staffId)?.name ?? "?",
      phone: people.get(u.staffId)?.phone ?? "",
      group: deliveryGroup(outboxKind(u.kind)),
      at: u.createdAt,
    })),
  };
}

/** Since when the oldest message that may go now has waited; null when none waits. */
export async function oldestWaitingSince(db: Db, now: Date): Promise<Date | null> {
  const oldest = await db.outbox.findFirst({
    where: { status: "PENDING", OR: [{ notBefore: null }, { notBefore: { lte: now } }] },
    orderBy: { id: "asc" },
    select: { createdAt: true, notBefore: true },
  });
  return oldest ? (oldest.notBefore ?? oldest.createdAt) : null;
}

/** How many rows the outbox holds in each status. */
export async function outboxByStatus(db: Db): Promise<{ status: string; count: number }[]> {
  const rows = await db.outbox.groupBy({ by: ["status"], _count: true });
  return rows.map((r) => ({ status: r.status, count: r._count }));
}
