/** /thongkegui: what the bot sent these seven days, and who may not have received a message (to ask in person). */
import { DAYS, deliveryLines } from "../../../reports/delivery.ts";
import { deliverySummary } from "../../../store/delivery/outbox.ts";
import type { MemberCtx } from "../../context.ts";

export async function deliveryCommand(ctx: MemberCtx): Promise<void> {
  const s = await deliverySummary(ctx.deps.db, new Date(ctx.now.getTime() - DAYS * 86_400_000), ctx.unit);
  ctx.reply(deliveryLines(ctx.t, s, ctx.deps.settings.tz).join("\n"));
}
