/** /huylienket <sđt>: the admin cuts a person's chats loose (lost phone, new account). */
import { normalizePhone } from "../../../domain/phone.ts";
import { unlinkStaff } from "../../../store/people/identities.ts";
import type { MemberCtx } from "../../context.ts";

export async function unlinkCommand(ctx: MemberCtx, args: string): Promise<void> {
  const phone = normalizePhone(args);
  if (!phone) {
    ctx.reply(ctx.t("unlink.usage"));
    return;
  }
  const r = await unlinkStaff(ctx.deps.db, { unitName: ctx.unit, phone });
  ctx.deps.members.clear();
  ctx.reply(
    r ? ctx.t("unlink.done", { name: r.name, count: r.removed }) : ctx.t("roster.unknownPhone", { phone: args }),
  );
}
