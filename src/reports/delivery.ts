/** What the bot sent these days, in words, for the chat and the command line alike. */
import { dayOf, displayDate } from "../domain/calendar.ts";
import { displayPhone } from "../domain/phone.ts";
import type { Translate } from "../i18n.ts";
import type { DeliverySummary } from "../store/delivery/outbox.ts";

export const DAYS = 7;

export function deliveryLines(t: Translate, s: DeliverySummary, tz: string): string[] {
  const lines = [t("delivery.title", { days: DAYS })];
  for (const group of ["reminders", "notices", "messages"] as const) {
    const c = s.counts[group];
    const pending = (c.PENDING ?? 0) + (c.CLAIMED ?? 0) + (c.SENDING ?? 0);
    lines.push(
      t("delivery.line", {
        group: t(`delivery.group.${group}`),
        sent: c.SENT ?? 0,
        unknown: c.UNKNOWN ?? 0,
        blocked: c.BLOCKED ?? 0,
        unreachable: c.UNREACHABLE ?? 0,
        failed: c.FAILED ?? 0,
        pending,
      }),
    );
  }
  if (s.unknown.length) {
    lines.push("", t("delivery.unknownTitle", { count: s.unknown.length }));
    for (const u of s.unknown)
      lines.push(
        t("delivery.unknownLine", {
          name: u.name,
          phone: displayPhone(u.phone),
          group: t(`delivery.group.${u.group}`),
          date: displayDate(dayOf(u.at, tz)),
        }),
      );
  }
  return lines;
}
