/** "💤 Nhắc lại mai": this person's next reminder about this task waits for the next working morning. */
import { at, nextWorkingDay, localTime } from "../../../domain/workdays.ts";
import { loadReminderContext } from "../../../store/settings/calendar.ts";
import { snooze } from "../../../store/reminders/snooze.ts";
import type { MemberCtx } from "../../context.ts";
import { displayDate } from "../../../ui/format.ts";

export async function snoozeButton(ctx: MemberCtx, assignmentId: number): Promise<void> {
  const { deps, now } = ctx;
  const { tz } = deps.settings;
  const { settings, calendar } = await loadReminderContext(deps.db, ctx.unit, tz, Number(ctx.today.slice(0, 4)));
  const day = nextWorkingDay(localTime(now, tz).day, calendar);
  const until = at(day, settings.remindAt, tz);
  if (!(await snooze(deps.db, assignmentId, ctx.member.staffId, until))) {
    ctx.reply(ctx.t("tasks.notYours"));
    return;
  }
  ctx.reply(ctx.t("snooze.done", { time: settings.remindAt, date: displayDate(day) }));
}
