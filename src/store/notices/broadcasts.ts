/**
 * Notices (tuyên truyền): a Broadcast row and one Outbox row per recipient,
 * written in one transaction before anything is sent. People with no linked
 * chat get an UNREACHABLE row, so the sender sees whom to contact directly.
 */
import { departmentKey, namesDepartment } from "../../domain/departments.ts";
import type { Audience } from "../../domain/audience.ts";
import { UserError } from "../../errors.ts";
import type { Db } from "../db/db.ts";
import { keepBytes } from "../evidence/evidence.ts";
import { descendants } from "../../domain/units.ts";
import { findUnitId, listUnits } from "../province/units.ts";
import { sendingTime } from "../settings/calendar.ts";

export type { Audience };

export interface Attachment {
  kind: "document" | "photo";
  name?: string;
  /** The platform's own id for the file, reused for that platform's recipients. */
  fileId?: string;
  /** The platform `fileId` belongs to. */
  channel?: string;
  /** The bytes, for everyone else: kept once by their hash. */
  data?: Buffer;
  mime?: string;
}

export interface Recipients {
  reachable: number;
  unreachable: { name: string; phone: string }[];
  unknownDepartments: string[];
  /** Linked group chats the notice may be posted in too ("gửi cả nhóm"). */
  groups: number;
  /** Of a notice to the province, the units addressed where nobody can receive it in chat (no one linked, no roster). */
  silentUnits: string[];
}

/** The sender's unit, and for a notice to the whole province every unit below it too. */
async function audienceUnits(
  db: Db,
  unitName: string,
  audience: Audience,
): Promise<{ unitId: number | null; unitIds: number[] }> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return { unitId, unitIds: [] };
  return {
    unitId,
    unitIds: audience.wide ? [unitId, ...descendants(await listUnits(db), unitId).map((u) => u.id)] : [unitId],
  };
}

async function audienceStaff(db: Db, unitName: string, audience: Audience) {
  const { unitId, unitIds } = await audienceUnits(db, unitName, audience);
  const departments = await db.department.findMany({
    where: { unitId: { in: unitIds } },
    select: { id: true, key: true },
  });
  const ids: number[] = [];
  const unknownDepartments: string[] = [];
  for (const name of audience.departments) {
    const key = departmentKey(name);
    // Across a province a name means that department in every unit that has one.
    const exact = departments.filter((x) => x.key === key);
    const found = exact.length ? exact : departments.filter((x) => namesDepartment(key, x.key));
    if (found.length) ids.push(...(audience.wide ? found : found.slice(0, 1)).map((d) => d.id));
    else unknownDepartments.push(name);
  }
  const staff = await db.staff.findMany({
    where: {
      unitId: { in: unitIds },
      active: true,
      ...(audience.departments.length ? { departmentId: { in: ids } } : {}),
      ...(audience.role ? { role: audience.role } : {}),
    },
    select: { id: true, name: true, phone: true, unitId: true, identities: { select: { id: true }, take: 1 } },
    orderBy: { id: "asc" },
  });
  const heard = new Set(staff.filter((s) => s.identities.length).map((s) => s.unitId));
  const silentUnits = audience.wide
    ? (
        await db.unit.findMany({
          where: { id: { in: unitIds.filter((id) => !heard.has(id)) } },
          select: { name: true },
          orderBy: { name: "asc" },
        })
      ).map((u) => u.name)
    : [];
  // A notice to one role is for those people only; one to departments, for their groups; one to all, for every group.
  const groups = audience.role
    ? []
    : await db.groupChat.findMany({
        where: {
          unitId: { in: unitIds },
          ...(audience.departments.length ? { departmentId: { in: ids } } : {}),
        },
        select: { id: true },
        orderBy: { id: "asc" },
      });
  return { staff, unknownDepartments, unitId, groups: groups.map((g) => g.id), silentUnits };
}

/** Who would receive it, without writing anything: for the preview. */
export async function previewRecipients(db: Db, unitName: string, audience: Audience): Promise<Recipients> {
  const { staff, unknownDepartments, groups, silentUnits } = await audienceStaff(db, unitName, audience);
  return {
    silentUnits,
    reachable: staff.filter((s) => s.identities.length).length,
    unreachable: staff.filter((s) => !s.identities.length).map((s) => ({ name: s.name, phone: s.phone })),
    unknownDepartments,
    groups: groups.length,
  };
}

/**
 * A notice as a person sends it, from chat or from the CLI: outside working
 * hours it waits for the next working morning, as reminders do, unless the
 * sender said to send it now.
 */
export async function queueNotice(
  db: Db,
  input: Omit<Parameters<typeof createBroadcast>[1], "notBefore"> & { tz: string; sendNow: boolean },
): Promise<{ id: number; notBefore: Date | null } & Recipients> {
  const { tz, sendNow, ...notice } = input;
  const notBefore = sendNow ? null : await sendingTime(db, input.unitName, tz, input.now);
  return { ...(await createBroadcast(db, { ...notice, notBefore })), notBefore };
}

export async function createBroadcast(
  db: Db,
  /** notBefore: held until then (working hours), unless the sender chose to send at once. */
  input: {
    unitName: string;
    senderId: number | null;
    text: string;
    attachment?: Attachment;
    audience: Audience;
    now: Date;
    notBefore?: Date | null;
    /** Posted in the audience's linked group chats too. */
    toGroups?: boolean;
  },
): Promise<{ id: number } & Recipients> {
  const { staff, unknownDepartments, unitId, groups, silentUnits } = await audienceStaff(
    db,
    input.unitName,
    input.audience,
  );
  const toGroups = input.toGroups ? groups : [];
  // A notice to a department that does not exist would go to nobody: refuse it before anything is written.
  if (unknownDepartments.length)
    throw UserError.of("broadcast.noSuchDepartments", { names: unknownDepartments.join("; ") });
  return db.$transaction(async (tx) => {
    const a = input.attachment;
    const file = a?.data
      ? await keepBytes(tx, { mime: a.mime ?? "application/octet-stream", data: a.data, now: input.now })
      : null;
    const b = await tx.broadcast.create({
      data: {
        unitId,
        senderId: input.senderId,
        text: input.text,
        attachmentKind: a?.kind ?? null,
        attachmentName: a?.name ?? null,
        attachmentFileId: a?.fileId ?? null,
        attachmentChannel: a?.fileId ? (a.channel ?? null) : null,
        fileId: file?.id ?? null,
        audience: JSON.stringify(input.audience),
        createdAt: input.now,
      },
      select: { id: true },
    });
    const payload = JSON.stringify({ broadcastId: b.id });
    await tx.outbox.createMany({
      data: staff.map((s) => ({
        staffId: s.id,
        kind: "broadcast",
        payload,
        broadcastId: b.id,
        createdAt: input.now,
        notBefore: input.notBefore ?? null,
        status: s.identities.length ? "PENDING" : "UNREACHABLE",
      })),
    });
    // A group's row is its own kind: counts of who received and read a notice are of people, never of groups.
    if (toGroups.length)
      await tx.outbox.createMany({
        data: toGroups.map((groupChatId) => ({
          staffId: input.senderId ?? 0,
          groupChatId,
          kind: "broadcastGroup",
          payload,
          broadcastId: b.id,
          createdAt: input.now,
          notBefore: input.notBefore ?? null,
        })),
      });
    return {
      id: b.id,
      reachable: staff.filter((s) => s.identities.length).length,
      unreachable: staff.filter((s) => !s.identities.length).map((s) => ({ name: s.name, phone: s.phone })),
      unknownDepartments,
      groups: toGroups.length,
      silentUnits,
    };
  });
}

export interface BroadcastContent {
  id: number;
  text: string;
  attachment: Attachment | null;
}

export async function broadcastContent(db: Db, id: number): Promise<BroadcastContent | null> {
  const b = await db.broadcast.findUnique({ where: { id }, include: { file: { select: { data: true } } } });
  if (!b) return null;
  const data = b.file?.data ?? b.attachmentData;
  return {
    id: b.id,
    text: b.text,
    attachment: b.attachmentKind
      ? {
          kind: b.attachmentKind as "document" | "photo",
          ...(b.attachmentName ? { name: b.attachmentName } : {}),
          ...(b.attachmentFileId ? { fileId: b.attachmentFileId } : {}),
          ...(b.attachmentChannel ? { channel: b.attachmentChannel } : {}),
          ...(data ? { data: Buffer.from(data) } : {}),
        }
      : null,
  };
}

export async function markRead(db: Db, broadcastId: number, staffId: number, now: Date): Promise<boolean> {
  const { count } = await db.outbox.updateMany({
    where: { broadcastId, staffId, kind: "broadcast", readAt: null },
    data: { readAt: now },
  });
  return count > 0;
}

export interface DepartmentReach {
  department: string;
  total: number;
  sent: number;
  pending: number;
  failed: number;
  unknown: number;
  blocked: number;
  unreachable: number;
  read: number;
}

/** The whole notice: every department's counts added up. */
export function reachTotals(departments: readonly DepartmentReach[]): Omit<DepartmentReach, "department"> {
  const sum = { total: 0, sent: 0, pending: 0, failed: 0, unknown: 0, blocked: 0, unreachable: 0, read: 0 };
  for (const d of departments) for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += d[k];
  return sum;
}

export interface BroadcastStats {
  id: number;
  text: string;
  createdAt: Date;
  remindedAt: Date | null;
  departments: DepartmentReach[];
  /** Received more than a day ago and not read. */
  unreadAfterDay: { name: string; department: string }[];
  /** No linked chat, blocked the bot, or may not have received it (UNKNOWN): to be reached another way. */
  contactDirectly: { name: string; phone: string; reason: string }[];
}

/** `departmentId`: only that department's people (what a head of department may see). */
export async function broadcastStats(
  db: Db,
  id: number,
  now: Date,
  departmentId?: number,
): Promise<BroadcastStats | null> {
  const b = await db.broadcast.findUnique({
    where: { id },
    select: { id: true, text: true, createdAt: true, remindedAt: true },
  });
  if (!b) return null;
  const deliveries = await db.outbox.findMany({
    where: { broadcastId: id, kind: "broadcast" },
    select: { status: true, readAt: true, sentAt: true, staffId: true },
  });
  const people = new Map(
    (
      await db.staff.findMany({
        where: { id: { in: deliveries.map((d) => d.staffId) } },
        select: {
          id: true,
          name: true,
          phone: true,
          departmentId: true,
          unitId: true,
          department: { select: { name: true } },
          unit: { select: { name: true } },
        },
      })
    ).map((p) => [p.id, p]),
  );
  const rows = deliveries
    .map((d) => ({ ...d, staff: people.get(d.staffId)! }))
    .filter((r) => departmentId === undefined || r.staff.departmentId === departmentId);
  // A notice to the whole province names each department with its unit.
  const wide = new Set(rows.map((r) => r.staff.unitId)).size > 1;
  const departmentOf = (staff: (typeof rows)[number]["staff"]) =>
    (wide ? `${staff.unit.name} · ` : "") + (staff.department?.name ?? "—");
  const by = new Map<string, DepartmentReach>();
  for (const r of rows) {
    const department = departmentOf(r.staff);
    const d = by.get(department) ?? {
      department,
      total: 0,
      sent: 0,
      pending: 0,
      failed: 0,
      unknown: 0,
      blocked: 0,
      unreachable: 0,
      read: 0,
    };
    d.total++;
    if (r.status === "SENT") d.sent++;
    else if (r.status === "PENDING" || r.status === "CLAIMED" || r.status === "SENDING") d.pending++;
    else if (r.status === "BLOCKED") d.blocked++;
    else if (r.status === "UNREACHABLE") d.unreachable++;
    // Interrupted mid-send: it may or may not have arrived, and is never sent twice.
    else if (r.status === "UNKNOWN") d.unknown++;
    else d.failed++;
    if (r.readAt) d.read++;
    by.set(department, d);
  }
  const dayAgo = new Date(now.getTime() - 86_400_000);
  return {
    ...b,
    departments: [...by.values()].sort((a, c) => a.department.localeCompare(c.department)),
    unreadAfterDay: rows
      .filter((r) => r.status === "SENT" && !r.readAt && r.sentAt && r.sentAt < dayAgo)
      .map((r) => ({ name: r.staff.name, department: departmentOf(r.staff) })),
    contactDirectly: rows
      .filter((r) => r.status === "UNREACHABLE" || r.status === "BLOCKED" || r.status === "UNKNOWN")
      .map((r) => ({ name: r.staff.name, phone: r.staff.phone, reason: r.status })),
  };
}

export async function latestBroadcastId(db: Db, unitName: string): Promise<number | null> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  return (
    (await db.broadcast.findFirst({ where: { unitId }, orderBy: { id: "desc" }, select: { id: true } }))?.id ?? null
  );
}

/** Whether a notice went to this unit's staff: another unit's figures and names are not this unit's to see. */
export async function broadcastOfUnit(db: Db, id: number, unitName: string): Promise<boolean> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  return (await db.broadcast.count({ where: { id, unitId } })) > 0;
}

/** Queues one reminder to everyone who received the notice and has not read it; only once per notice. */
export async function remindUnread(db: Db, id: number, now: Date): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const b = await tx.broadcast.updateMany({ where: { id, remindedAt: null }, data: { remindedAt: now } });
    if (b.count === 0) return null;
    const unread = await tx.outbox.findMany({
      where: { broadcastId: id, kind: "broadcast", status: "SENT", readAt: null },
      select: { staffId: true },
    });
    const payload = JSON.stringify({ broadcastId: id, reminder: true });
    await tx.outbox.createMany({
      data: unread.map((u) => ({ staffId: u.staffId, kind: "broadcastReminder", payload, createdAt: now })),
    });
    return unread.length;
  });
}

export async function setProgressMessage(
  db: Db,
  id: number,
  where: { channel: string; chatId: string; messageId: string },
): Promise<void> {
  await db.broadcast.update({
    where: { id },
    data: { progressChannel: where.channel, progressChatId: where.chatId, progressMessageId: where.messageId },
  });
}

export async function progressTarget(db: Db, id: number) {
  return db.broadcast.findUnique({
    where: { id },
    select: { senderId: true, progressChannel: true, progressChatId: true, progressMessageId: true },
  });
}

/** "đã đọc" typed instead of pressed: the person's latest notice they have not confirmed. */
export async function markLatestRead(db: Db, staffId: number, now: Date): Promise<number | null> {
  const latest = await db.outbox.findFirst({
    where: { staffId, kind: "broadcast", status: "SENT", readAt: null },
    orderBy: { id: "desc" },
    select: { id: true, broadcastId: true },
  });
  if (!latest) return null;
  await db.outbox.update({ where: { id: latest.id }, data: { readAt: now } });
  return latest.broadcastId;
}
