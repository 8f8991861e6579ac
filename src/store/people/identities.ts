/** Who a chat belongs to, and the two safe ways to link one: a single-use code, or one's own phone. */
import { announce } from "../instances/changes.ts";
import { randomBytes } from "node:crypto";
import { departmentKey, namesDepartment } from "../../domain/departments.ts";
import type { Role } from "../../domain/roles.ts";
import type { Db } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";

export interface Member {
  staffId: number;
  name: string;
  phone: string;
  role: Role;
  departmentId: number | null;
  locale: string | null;
  active: boolean;
  /** The unit whose roster names them: they work in it, whatever unit the deployment was started with. */
  unitName: string;
}

const memberSelect = {
  id: true,
  name: true,
  phone: true,
  role: true,
  departmentId: true,
  locale: true,
  active: true,
  unit: { select: { name: true } },
} as const;
type MemberRow = {
  id: number;
  name: string;
  phone: string;
  role: Role;
  departmentId: number | null;
  locale: string | null;
  active: boolean;
  unit: { name: string };
};
const toMember = (s: MemberRow): Member => ({
  staffId: s.id,
  name: s.name,
  phone: s.phone,
  role: s.role,
  departmentId: s.departmentId,
  locale: s.locale,
  active: s.active,
  unitName: s.unit.name,
});

/** Members behind chat identities, in the order asked; null for strangers and the deactivated. */
export async function findMembers(
  db: Db,
  keys: { platform: string; externalId: string }[],
): Promise<(Member | null)[]> {
  const rows = await db.chatIdentity.findMany({
    where: { OR: keys.map((k) => ({ platform: k.platform, externalId: k.externalId })) },
    select: { platform: true, externalId: true, staff: { select: memberSelect } },
  });
  const found = new Map(rows.map((r) => [`${r.platform}:${r.externalId}`, r.staff]));
  return keys.map((k) => {
    const staff = found.get(`${k.platform}:${k.externalId}`);
    return staff && staff.active ? toMember(staff) : null;
  });
}

export async function memberById(db: Db, staffId: number): Promise<Member | null> {
  const s = await db.staff.findUnique({ where: { id: staffId }, select: memberSelect });
  return s ? toMember(s) : null;
}

export type LinkResult =
  | { ok: true; member: Member }
  | { ok: false; reason: "unknownPhone" | "inactive" | "badCode" | "usedCode" | "expiredCode" | "severalUnits" };

async function link(
  db: Db,
  staffId: number,
  where: { platform: string; externalId: string; chatId: string; locale?: string },
): Promise<Member> {
  const { platform, externalId, chatId } = where;
  await db.chatIdentity.upsert({
    where: { platform_externalId: { platform, externalId } },
    create: { platform, externalId, chatId, staffId },
    update: { staffId, chatId, linkedAt: new Date() },
  });
  // The first channel someone links stays their preferred one; the other is the fallback.
  await db.staff.updateMany({ where: { id: staffId, preferredChannel: null }, data: { preferredChannel: platform } });
  const staff = await db.staff.update({
    where: { id: staffId },
    data: where.locale ? { locale: where.locale } : {},
    select: memberSelect,
  });
  await announce(db, "members");
  return toMember(staff);
}

/**
 * Links by one's own phone, in whichever unit's roster has it: in a province
 * a nurse writes to the one bot and lands in her own centre. A phone on two
 * units' rosters goes to the deployment's own unit when it is one of them,
 * else it needs the invitation code, which names the person exactly.
 */
export async function linkByPhone(
  db: Db,
  input: { unitName: string; phone: string; platform: string; externalId: string; chatId: string; locale?: string },
): Promise<LinkResult> {
  const found = await db.staff.findMany({
    where: { phone: input.phone },
    select: { id: true, active: true, locale: true, unit: { select: { name: true } } },
  });
  const home = found.filter((s) => s.unit.name === input.unitName);
  const active = found.filter((s) => s.active);
  const candidates = home.length > 0 ? home : active.length > 0 ? active : found;
  if (candidates.length === 0) return { ok: false, reason: "unknownPhone" };
  if (candidates.length > 1) return { ok: false, reason: "severalUnits" };
  const staff = candidates[0]!;
  if (!staff.active) return { ok: false, reason: "inactive" };
  return { ok: true, member: await link(db, staff.id, { ...input, locale: staff.locale ? undefined : input.locale }) };
}

export async function redeemInvite(
  db: Db,
  input: { code: string; platform: string; externalId: string; chatId: string; locale?: string; now: Date },
): Promise<LinkResult> {
  const invite = await db.inviteCode.findUnique({
    where: { code: input.code },
    include: { staff: { select: { active: true, locale: true } } },
  });
  if (!invite) return { ok: false, reason: "badCode" };
  const by = `${input.platform}:${input.externalId}`;
  // Opening the same link twice from the account still linked by it is not a second use; anything else is.
  if (invite.usedAt) {
    const still =
      invite.usedBy === by &&
      (await db.chatIdentity.findUnique({
        where: { platform_externalId: { platform: input.platform, externalId: input.externalId } },
        select: { staffId: true },
      }));
    if (!still || still.staffId !== invite.staffId) return { ok: false, reason: "usedCode" };
  }
  if (!invite.usedAt && invite.expiresAt < input.now) return { ok: false, reason: "expiredCode" };
  if (!invite.staff.active) return { ok: false, reason: "inactive" };
  const claimed = await db.inviteCode.updateMany({
    where: { code: input.code, OR: [{ usedAt: null }, { usedBy: by }] },
    data: { usedAt: input.now, usedBy: by },
  });
  if (claimed.count === 0) return { ok: false, reason: "usedCode" };
  return {
    ok: true,
    member: await link(db, invite.staffId, { ...input, locale: invite.staff.locale ? undefined : input.locale }),
  };
}

// No 0/O/1/I/L: codes get read aloud and retyped.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newInviteCode(): string {
  return [...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
}

export interface Invite {
  code: string;
  name: string;
  phone: string;
  department: string | null;
  expiresAt: Date;
}

export async function createInvites(
  db: Db,
  input: { unitName: string; department?: string; now: Date; ttlDays: number },
): Promise<Invite[] | null> {
  const unitId = await findUnitId(db, input.unitName);
  if (unitId === null) return [];
  let departmentId: number | undefined;
  if (input.department) {
    const key = departmentKey(input.department);
    const match = (await db.department.findMany({ where: { unitId } })).find(
      (d) => d.key === key || namesDepartment(key, d.key),
    );
    if (!match) return null;
    departmentId = match.id;
  }
  const staff = await db.staff.findMany({
    where: { unitId, active: true, ...(departmentId ? { departmentId } : {}) },
    select: { id: true, name: true, phone: true, department: { select: { name: true } } },
    orderBy: [{ department: { name: "asc" } }, { name: "asc" }],
  });
  const expiresAt = new Date(input.now.getTime() + input.ttlDays * 86_400_000);
  const invites = staff.map((s) => ({ code: newInviteCode(), staffId: s.id, expiresAt, createdAt: input.now }));
  await db.inviteCode.createMany({ data: invites });
  return staff.map((s, i) => ({
    code: invites[i]!.code,
    name: s.name,
    phone: s.phone,
    department: s.department?.name ?? null,
    expiresAt,
  }));
}

export async function unlinkStaff(
  db: Db,
  input: { unitName: string; phone: string },
): Promise<{ name: string; removed: number } | null> {
  const unitId = await findUnitId(db, input.unitName);
  const staff =
    unitId === null ? null : await db.staff.findUnique({ where: { unitId_phone: { unitId, phone: input.phone } } });
  if (!staff) return null;
  const [{ count }] = await db.$transaction([
    db.chatIdentity.deleteMany({ where: { staffId: staff.id } }),
    // Every code of theirs is spent: an old link must not bring the unlinked account back.
    db.inviteCode.updateMany({
      where: { staffId: staff.id, usedAt: null },
      data: { usedAt: new Date(), usedBy: "revoked" },
    }),
  ]);
  await announce(db, "members");
  return { name: staff.name, removed: count };
}

export interface Address {
  staffId: number;
  platform: string;
  chatId: string;
  locale: string | null;
}

export async function addressesOf(db: Db, staffIds: number[]): Promise<Address[]> {
  if (staffIds.length === 0) return [];
  const rows = await db.chatIdentity.findMany({
    where: { staffId: { in: staffIds }, staff: { active: true } },
    select: {
      staffId: true,
      platform: true,
      chatId: true,
      staff: { select: { locale: true, preferredChannel: true } },
    },
    orderBy: { linkedAt: "asc" },
  });
  // Each person's preferred channel first.
  const rank = (r: (typeof rows)[number]) => (r.platform === r.staff.preferredChannel ? 0 : 1);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.staffId - b.r.staffId || rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => ({ staffId: r.staffId, platform: r.platform, chatId: r.chatId, locale: r.staff.locale }));
}

export async function setLocale(db: Db, staffId: number, locale: string): Promise<void> {
  await db.staff.update({ where: { id: staffId }, data: { locale } });
  await announce(db, "members");
}

/** The phones of everyone linked on a platform. */
export async function linkedPhones(db: Db, platform: string): Promise<Set<string>> {
  const rows = await db.chatIdentity.findMany({ where: { platform }, select: { staff: { select: { phone: true } } } });
  return new Set(rows.map((i) => i.staff.phone));
}
