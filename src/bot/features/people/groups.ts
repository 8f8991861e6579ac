/**
 * Group chats. The unit's admin links a group to the unit or a department
 * with /nhomnay in it; notices may then be posted there ("gửi cả nhóm").
 * Nothing personal is ever posted in a group: any other command said there
 * is answered in the sender's own chat with the bot.
 */
import { matchDepartments, splitDepartmentNames } from "../../../domain/departments.ts";
import { fold } from "../../../domain/text.ts";
import { groupsOfUnit, linkGroup, unlinkGroup } from "../../../store/people/groups.ts";
import { addressesOf } from "../../../store/people/identities.ts";
import { departmentsOf } from "../../../store/province/units.ts";
import { displayDate } from "../../../ui/format.ts";
import { dayOf } from "../../../domain/calendar.ts";
import type { Ctx, MemberCtx } from "../../context.ts";

const UNLINK = new Set(["huy", "bo", "go", "unlink"]);

/** /nhomnay said in a group: only the unit's admin links it, and only to the unit or one of its departments. */
export async function linkHere(ctx: Ctx, args: string): Promise<void> {
  const { t, deps, member, msg } = ctx;
  if (!member) {
    ctx.reply(t("group.stranger"));
    return;
  }
  if (member.role !== "ADMIN") {
    ctx.reply(t("group.adminOnly"));
    return;
  }
  const where = { channel: msg.channel, chatId: msg.chatId, unitName: member.unitName };
  if (UNLINK.has(fold(args))) {
    ctx.reply(t((await unlinkGroup(deps.db, where)) ? "group.unlinked" : "group.notLinked"));
    return;
  }
  let departmentId: number | null = null;
  let target = member.unitName;
  if (args) {
    const departments = await departmentsOf(deps.db, member.unitName);
    const found = matchDepartments(args, departments);
    const one = !found.all && found.ids.length === 1 && splitDepartmentNames(args).length === 1;
    if (!one) {
      ctx.reply(t("group.unknownDepartment", { name: args, list: departments.map((d) => d.name).join("; ") }));
      return;
    }
    departmentId = found.ids[0]!;
    target = departments.find((d) => d.id === departmentId)!.name;
  }
  await linkGroup(deps.db, { ...where, departmentId, byId: member.staffId, now: ctx.now });
  ctx.reply(t("group.linked", { target }));
}

/** /nhomnay in the admin's own chat: the groups linked so far, and how to link one. */
export async function groupsCommand(ctx: MemberCtx): Promise<void> {
  const { t, deps } = ctx;
  const groups = await groupsOfUnit(deps.db, ctx.unit);
  ctx.reply(
    [
      groups.length ? t("group.listTitle", { count: groups.length }) : t("group.listEmpty"),
      ...groups.map((g) =>
        t("group.listLine", {
          channel: t(`group.channel.${g.channel}`),
          target: g.departmentName ?? ctx.unit,
          date: displayDate(dayOf(g.linkedAt, deps.settings.tz)),
        }),
      ),
      "",
      t("group.howTo"),
    ].join("\n"),
  );
}

/** The member's own chat on the platform the group is on; null when they have none there yet. */
export async function privateChatOf(ctx: MemberCtx): Promise<string | null> {
  const mine = await addressesOf(ctx.deps.db, [ctx.member.staffId]);
  return mine.find((a) => a.platform === ctx.msg.channel)?.chatId ?? null;
}
