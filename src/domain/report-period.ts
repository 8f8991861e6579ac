/**
 * Reporting windows for leaders' reports. Decree 09/2019/NĐ-CP counts data
 * from the cut-off (15/12 of the previous year by default) to the day before
 * the same day of the report's last month: quarter I is 15/12–14/3,
 * 6 months 15/12–14/6, quarter III 15/12–14/9, the year 15/12–14/12.
 * Quarters II and IV, which the Decree does not report alone, run between
 * the neighbouring cut-offs (15/3–14/6, 15/9–14/12). So a task done on 14/3
 * counts in quarter I and one done on 16/3 in quarter II.
 */
import { addCalendarDays } from "./workdays.ts";
import type { IsoDate } from "./calendar.ts";
import { fold } from "./text.ts";

export const REPORT_KINDS = ["q1", "q2", "q3", "q4", "h1", "year"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportWindow {
  kind: ReportKind;
  year: number;
  from: IsoDate;
  to: IsoDate;
}

export function reportWindow(kind: ReportKind, year: number, cutoff = "12-15"): ReportWindow {
  const [cm, cd] = cutoff.split("-");
  const day = cd!;
  const at = (y: number, month: number) => `${y}-${String(month).padStart(2, "0")}-${day}`;
  const prevCutoff = `${year - 1}-${cm}-${day}`;
  const end = (month: number) => addCalendarDays(at(year, month), -1);
  switch (kind) {
    case "q1": return { kind, year, from: prevCutoff, to: end(3) };
    case "q2": return { kind, year, from: at(year, 3), to: end(6) };
    case "q3": return { kind, year, from: at(year, 6), to: end(9) };
    case "q4": return { kind, year, from: at(year, 9), to: end(12) };
    case "h1": return { kind, year, from: prevCutoff, to: end(6) };
    case "year": return { kind, year, from: prevCutoff, to: end(12) };
  }
}

/** The window a day falls in, as a quarter. */
export function currentQuarterKind(day: IsoDate, cutoff = "12-15"): { kind: ReportKind; year: number } {
  const year = Number(day.slice(0, 4));
  for (const kind of ["q1", "q2", "q3", "q4"] as const) {
    const w = reportWindow(kind, year, cutoff);
    if (day >= w.from && day <= w.to) return { kind, year };
  }
  // After the December cut-off the next year's first quarter has begun.
  return { kind: "q1", year: year + 1 };
}

/** "q1", "quy 1", "Quý II", "6t", "6 tháng", "nam", "năm" → a kind; null when it is none of them. */
export function parseReportKind(text: string): ReportKind | null {
  const t = fold(text).replace(/\s+/g, "");
  const q = /^(?:q|quy)(1|2|3|4|i|ii|iii|iv)$/.exec(t);
  if (q) return (["q1", "q2", "q3", "q4"] as const)[["1", "2", "3", "4"].includes(q[1]!) ? Number(q[1]) - 1 : ["i", "ii", "iii", "iv"].indexOf(q[1]!)]!;
  if (/^(6t|6thang|h1|06thang|nuanam)$/.test(t)) return "h1";
  if (/^(nam|canam|year|y)$/.test(t)) return "year";
  return null;
}
