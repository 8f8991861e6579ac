/** A date as people type it in chat ("15/12", "thứ Sáu", "cuối tháng"), for every command that takes one. */
import { readDeadline } from "../../../domain/deadline.ts";
import { loadReminderContext } from "../../../store/settings/calendar.ts";
import type { MemberCtx } from "../../context.ts";

/** A deadline as typed in chat, read against the unit's working calendar; a line saying what is wrong otherwise. */
export async function deadline(
  ctx: MemberCtx,
  text: string,
): Promise<{ ok: true; date: string } | { ok: false; message: string }> {
  const { calendar } = await loadReminderContext(
    ctx.deps.db,
    ctx.unit,
    ctx.deps.settings.tz,
    Number(ctx.today.slice(0, 4)),
  );
  const r = readDeadline(text, ctx.today, calendar);
  return r.ok ? r : { ok: false, message: ctx.t(`give.deadline.${r.reason}`, { text }) };
}
