/** /giao <mã> <sđt|tên>: a department head hands one of their tasks to a member of the department. */
import { normalizePhone } from "../../domain/phone.ts";
import { codeMatches } from "../../domain/status.ts";
import { fold } from "../../domain/text.ts";
import { departmentMembers, openWork, reassign } from "../../store/work.ts";
import type { MemberCtx } from "../context.ts";
import { short } from "../format.ts";

export async function reassignCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, member, deps } = ctx;
  const [code, ...who] = args.split(/\s+/).filter(Boolean);
  if (!code || who.length === 0 || member.departmentId === null) {
    ctx.reply(t("assign.usage"));
    return;
  }
  const items = (await openWork(deps.db, member.staffId)).filter((i) => codeMatches(i.ref, code));
  if (items.length !== 1) {
    ctx.reply(items.length === 0 ? t("status.noSuchCode", { code }) : t("assign.ambiguousCode", { code }));
    return;
  }
  const item = items[0]!;
  const query = who.join(" ");
  const phone = normalizePhone(query);
  const colleagues = (await departmentMembers(deps.db, member.departmentId)).filter((c) => c.staffId !== member.staffId);
  const found = phone ? colleagues.filter((c) => c.phone === phone) : colleagues.filter((c) => fold(c.name).includes(fold(query)));
  if (found.length !== 1) {
    ctx.reply(found.length === 0 ? t("assign.noColleague", { query }) : t("assign.manyColleagues", { query, names: found.map((c) => c.name).join(", ") }));
    return;
  }
  const to = found[0]!;
  const ok = await reassign(deps.db, { assignmentId: item.assignmentId, byStaffId: member.staffId, toStaffId: to.staffId, toName: to.name, channel: ctx.msg.channel, now: ctx.now });
  if (!ok) {
    ctx.reply(t("assign.alreadyHolds", { name: to.name, ref: item.ref }));
    return;
  }
  ctx.reply(t("assign.done", { ref: item.ref, name: to.name }));
  await ctx.notify([to.staffId], (tt) => ({
    kind: "text",
    text: tt("assign.notice", { by: member.name, ref: item.ref, content: short(item.content, 100) }),
    buttons: [[{ label: tt("buttons.open"), data: `to:${item.assignmentId}` }]],
  }));
}
