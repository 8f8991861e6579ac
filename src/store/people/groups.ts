/**
 * Group chats the bot was added to, each linked by its unit's admin to the
 * unit or to one department. Notices may be posted there; nothing personal is.
 */
import type { Db } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";

export interface LinkedGroup {
  id: number;
  channel: string;
  chatId: string;
  /** Null: the whole unit's group. */
  departmentName: string | null;
  linkedAt: Date;
}

/** Links (or relinks) a group to the unit, or to one of its departments. */
export async function linkGroup(
  db: Db,
  input: { channel: string; chatId: string; unitName: string; departmentId: number | null; byId: number; now: Date },
): Promise<void> {
  const unitId = await findUnitId(db, input.unitName);
  if (unitId === null) throw new Error(`no unit ${input.unitName}`);
  const data = { unitId, departmentId: input.departmentId, linkedById: input.byId, linkedAt: input.now };
  await db.groupChat.upsert({
    where: { channel_chatId: { channel: input.channel, chatId: input.chatId } },
    create: { channel: input.channel, chatId: input.chatId, ...data },
    update: data,
  });
}

/** Unlinks a group of the unit; false when it was not linked to it. */
export async function unlinkGroup(
  db: Db,
  input: { channel: string; chatId: string; unitName: string },
): Promise<boolean> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const { count } = await db.groupChat.deleteMany({
    where: { channel: input.channel, chatId: input.chatId, unitId },
  });
  return count > 0;
}

export async function groupsOfUnit(db: Db, unitName: string): Promise<LinkedGroup[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const rows = await db.groupChat.findMany({
    where: { unitId },
    select: { id: true, channel: true, chatId: true, linkedAt: true, department: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    chatId: r.chatId,
    departmentName: r.department?.name ?? null,
    linkedAt: r.linkedAt,
  }));
}

/** Where a group's outbox row goes. */
export async function groupAddress(db: Db, groupChatId: number): Promise<{ platform: string; chatId: string } | null> {
  const g = await db.groupChat.findUnique({ where: { id: groupChatId }, select: { channel: true, chatId: true } });
  return g ? { platform: g.channel, chatId: g.chatId } : null;
}
