/**
 * A unit's plan for next year goes up to the Sở by 15 December: the admin
 * or a leader types /guikehoach [năm] and sends the signed plan file; the
 * Sở's admins get it, and /baocaodonvi kehoach lists who sent it on time.
 */
import { z } from "zod";
import type { Attachment } from "../../../messages/types.ts";
import { planDeadlineAt } from "../../../store/settings/settings.ts";
import { SENDERS } from "../../../domain/roles.ts";
import { unitAbove } from "../../../store/province/unit-reports.ts";
import { displayDate } from "../../../ui/format.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { sendFileUp, signedFile } from "./send-up.ts";

const Asked = z.object({ year: z.number().int() });
type Asked = z.infer<typeof Asked>;

/** "2027", or nothing: next year's plan from July, when units write it; this year's before. */
const YearArg = z
  .string()
  .trim()
  .regex(/^(\d{4})?$/)
  .transform((s) => (s ? Number(s) : null))
  .refine((y) => y === null || (y >= 2000 && y <= 2100));

/** /guikehoach waits for the signed plan file. */
export const SEND_PLAN: ConversationDef<Asked> = {
  kind: "sendPlan",
  schema: Asked,
  roles: SENDERS,
  file: (ctx, asked, attachment) => planFile(ctx, asked, attachment),
};

export async function sendPlanCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t } = ctx;
  const parsed = YearArg.safeParse(args);
  if (!parsed.success) {
    ctx.reply(t("sendPlan.usage"));
    return;
  }
  const [thisYear, month] = ctx.today.split("-").map(Number) as [number, number];
  const year = parsed.data ?? (month >= 7 ? thisYear + 1 : thisYear);
  const above = await unitAbove(ctx.deps.db, ctx.unit);
  if (!above) {
    ctx.reply(t("sendUp.noParent"));
    return;
  }
  const due = await planDeadlineAt(ctx.deps.db, above.name, year);
  ctx.reply(t("sendPlan.ask", { year, parent: above.name, due: displayDate(due) }));
  await ctx.ask(SEND_PLAN, { year });
}

async function planFile(ctx: MemberCtx, asked: Asked, attachment: Attachment): Promise<void> {
  const file = await signedFile(ctx, attachment, /\.(pdf|docx|xlsx)$/i, "sendPlan.wrongType");
  if (!file) return;
  await ctx.forget();
  await sendFileUp(ctx, { kind: "plan", year: asked.year }, file, (t) => t("sendPlan.what", { year: asked.year }));
}
