/** How tasks, dates and numbers look in a chat. */
import { displayDate, type IsoDate } from "../domain/calendar.ts";
import { clip } from "../domain/text.ts";
import { daysBetween } from "../domain/period.ts";
import type { Status } from "../domain/status.ts";
import type { Locale, Translate } from "../i18n.ts";
import { localTime } from "../domain/workdays.ts";
import { SETTING_FORMATS, toPerson, type SettingKey } from "../domain/settings.ts";

// The colours Vietnamese task trackers use: green done, blue in progress,
// grey not started, red overdue; blocked gets a stop sign.
export const STATUS_ICON: Record<Status, string> = { DONE: "🟢", IN_PROGRESS: "🔵", NOT_STARTED: "⚪", BLOCKED: "⛔" };
export const OVERDUE_ICON = "🔴";
export const DONE_LATE_ICON = "🟠";

/** A task's colour: red when open past its due day, orange when it was finished after it. */
export function icon(status: Status, dueDate: string, today: IsoDate, doneDay?: IsoDate | null): string {
  if (status === "DONE") return dueDate !== "" && doneDay && doneDay > dueDate ? DONE_LATE_ICON : STATUS_ICON.DONE;
  return status !== "BLOCKED" && dueDate !== "" && dueDate < today ? OVERDUE_ICON : STATUS_ICON[status];
}

/** "hạn 31/12/2026 (còn 36 ngày)", "quá hạn 5 ngày", "khi có yêu cầu". */
export function dueText(t: Translate, dueDate: string, today: IsoDate, onDemand: boolean): string {
  if (!dueDate) return t(onDemand ? "task.onDemand" : "task.noDue");
  const left = daysBetween(today, dueDate);
  if (left < 0) return t("task.overdue", { date: displayDate(dueDate), count: -left });
  if (left === 0) return t("task.dueToday", { date: displayDate(dueDate) });
  return t("task.dueIn", { date: displayDate(dueDate), count: left });
}

export function short(text: string, max = 60): string {
  return clip(text, max);
}

export { displayDate };

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 2 }).format(value);
}

const ROMAN = ["I", "II", "III", "IV"];

/** A stored period key in words: "2026-Q1" → "Quý I/2026", "2026-Y" → "năm 2026", "2026-11-14" → "14/11/2026". */
export function periodName(t: Translate, label: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (q) return t("periodName.quarter", { n: ROMAN[Number(q[2]) - 1], year: q[1] });
  const m = /^(\d{4})-M(\d\d)$/.exec(label);
  if (m) return t("periodName.month", { month: Number(m[2]), year: m[1] });
  const k = /^(\d{4})-(H1|H2|9M|Y)$/.exec(label);
  if (k) return t(`periodName.${k[2]}`, { year: k[1] });
  if (/^\d{4}-\d\d-\d\d$/.test(label)) return displayDate(label);
  return label;
}

/** A setting as people read it: its Vietnamese name, its value, and what it takes ("giờ:phút, ví dụ 07:45"). */
export function describeSetting(
  t: Translate,
  key: SettingKey,
  stored: string,
): { name: string; value: string; takes: string } {
  const shown = toPerson(key, stored);
  const format = SETTING_FORMATS[key];
  return {
    name: t(`settings.key.${key}`),
    value:
      shown.yesNo === undefined ? shown.value || t("settings.empty") : t(shown.yesNo ? "settings.yes" : "settings.no"),
    takes: t(`settings.format.${format.kind}`, format.kind === "number" ? { min: format.min, max: format.max } : {}),
  };
}

/** An instant as a person reads it in the unit's zone: "07:30 thứ Hai 30/11/2026". */
export function whenText(t: Translate, at: Date, tz: string): string {
  const local = localTime(at, tz);
  const hhmm = `${String(Math.floor(local.minute / 60)).padStart(2, "0")}:${String(local.minute % 60).padStart(2, "0")}`;
  return t("time.when", { time: hhmm, weekday: t(`time.weekday.${local.weekday}`), date: displayDate(local.day) });
}

/** What an imported plan brought, in one line: the same in chat and from the CLI. */
export function planImportedLine(
  t: Translate,
  plan: { title: string; year: number },
  r: { tasks: number; created: number; updated: number; removed: number; occurrences: number; assignments: number },
): string {
  const { tasks, created, updated, removed, occurrences, assignments } = r;
  return t("plan.imported", { ...plan, tasks, created, updated, removed, occurrences, assignments });
}
