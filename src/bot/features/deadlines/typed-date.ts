/** A date as people type it in chat ("15/12", "thứ Sáu", "cuối tháng"), for every command that takes one. */
import { leadingDeadline, readDeadline, trailingDeadline, type DeadlineReading } from "../../../domain/deadline.ts";
import { loadReminderContext } from "../../../store/settings/calendar.ts";
import type { MemberCtx } from "../../context.ts";

type Typed = { ok: true; date: string } | { ok: false; message: string };

async function calendarOf(ctx: MemberCtx) {
  const { calendar } = await loadReminderContext(
    ctx.deps.db,
    ctx.unit,
    ctx.deps.settings.tz,
    Number(ctx.today.slice(0, 4)),
  );
  return calendar;
}

function said(ctx: MemberCtx, r: DeadlineReading, text: string): Typed {
  return r.ok ? r : { ok: false, message: ctx.t(`give.deadline.${r.reason}`, { text }) };
}

/** A deadline as typed in chat, read against the unit's working calendar; a line saying what is wrong otherwise. */
export async function deadline(ctx: MemberCtx, text: string): Promise<Typed> {
  return said(ctx, readDeadline(text, ctx.today, await calendarOf(ctx)), text);
}

/**
 * A line that opens with a deadline, in any shape /giaoviec takes ("cuối
 * tháng chờ số liệu", "30/12: chờ hướng dẫn"): the date and the words after
 * it. A line that opens with no date is refused in the line that lists the
 * shapes that work, never read as something else.
 */
export async function deadlineThenText(
  ctx: MemberCtx,
  text: string,
): Promise<{ ok: true; date: string; rest: string } | { ok: false; message: string; noDate: boolean }> {
  const found = leadingDeadline(text, ctx.today, await calendarOf(ctx));
  if (!found) {
    const first = text.trim().split(/\s+/)[0] ?? "";
    return { ok: false, noDate: true, message: ctx.t("give.deadline.unreadable", { text: first }) };
  }
  const r = said(ctx, found.reading, found.when);
  return r.ok ? { ...r, rest: found.rest } : { ...r, noDate: false };
}

/** Words then a deadline ("Báo cáo hồ sơ quá hạn hạn 10/12"): the words and the date; null when no date ends the line. */
export async function textThenDeadline(
  ctx: MemberCtx,
  text: string,
): Promise<{ ok: true; date: string; what: string } | { ok: false; message: string } | null> {
  const found = trailingDeadline(text, ctx.today, await calendarOf(ctx));
  if (!found) return null;
  const r = said(ctx, found.reading, found.when);
  return r.ok ? { ...r, what: found.what } : r;
}
