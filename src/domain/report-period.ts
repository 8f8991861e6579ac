/**
 * Reporting periods. A period holds the plan's tasks DUE in it, by the
 * calendar: quarter I is 1/1–31/3, 6 months 1/1–30/6, 9 months 1/1–30/9, the
 * year all of it. Separately, Decree 09/2019/NĐ-CP counts data
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

export const REPORT_KINDS = ["q1", "q2", "q3", "q4", "h1", "9m", "year"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** What a unit sends up the tree: a period's report, or its plan for a year. */
export type UpKind = ReportKind | "plan";

/** How many working days before the plan's deadline its unit's admin is reminded. */
export const PLAN_REMIND_WORKING_DAYS = 5;

/**
 * A unit's plan for `year` is due at the Sở on a day of the year before that
 * the Sở sets (its setting planDue, MM-DD; 15 December unless it says otherwise).
 */
export function planDeadline(year: number, planDue = "12-15"): string {
  return `${year - 1}-${planDue}`;
}

export interface ReportWindow {
  kind: ReportKind;
  year: number;
  /** The Decree 09 data period: bounds what is counted as happening in it (indicator values entered), printed on the report. */
  from: IsoDate;
  to: IsoDate;
  /** The tasks the period holds: those due from dueFrom to dueTo. */
  dueFrom: IsoDate;
  dueTo: IsoDate;
}

const LAST_MONTH: Record<ReportKind, number> = { q1: 3, q2: 6, q3: 9, q4: 12, h1: 6, "9m": 9, year: 12 };
const FIRST_MONTH: Record<ReportKind, number> = { q1: 1, q2: 4, q3: 7, q4: 10, h1: 1, "9m": 1, year: 1 };

/** The calendar days whose due tasks a period holds. */
export function dueRange(kind: ReportKind, year: number): { dueFrom: IsoDate; dueTo: IsoDate } {
  const last = LAST_MONTH[kind];
  const days = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return {
    dueFrom: `${year}-${String(FIRST_MONTH[kind]).padStart(2, "0")}-01`,
    dueTo: `${year}-${String(last).padStart(2, "0")}-${days}`,
  };
}

export function reportWindow(kind: ReportKind, year: number, cutoff = "12-15"): ReportWindow {
  return { ...dataWindow(kind, year, cutoff), ...dueRange(kind, year) };
}

function dataWindow(
  kind: ReportKind,
  year: number,
  cutoff: string,
): { kind: ReportKind; year: number; from: IsoDate; to: IsoDate } {
  const [cm, cd] = cutoff.split("-");
  const day = cd!;
  const at = (y: number, month: number) => `${y}-${String(month).padStart(2, "0")}-${day}`;
  const prevCutoff = `${year - 1}-${cm}-${day}`;
  const end = (month: number) => addCalendarDays(at(year, month), -1);
  switch (kind) {
    case "q1":
      return { kind, year, from: prevCutoff, to: end(3) };
    case "q2":
      return { kind, year, from: at(year, 3), to: end(6) };
    case "q3":
      return { kind, year, from: at(year, 6), to: end(9) };
    case "q4":
      return { kind, year, from: at(year, 9), to: end(12) };
    case "h1":
      return { kind, year, from: prevCutoff, to: end(6) };
    case "9m":
      return { kind, year, from: prevCutoff, to: end(9) };
    case "year":
      return { kind, year, from: prevCutoff, to: end(12) };
  }
}

/** The calendar quarter a day falls in: what "this quarter" means to a leader. */
export function currentQuarterKind(day: IsoDate): { kind: ReportKind; year: number } {
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  return { kind: (["q1", "q2", "q3", "q4"] as const)[quarter]!, year: Number(day.slice(0, 4)) };
}

/** "q1", "quy 1", "Quý II", "6t", "6 tháng", "nam", "năm" → a kind; null when it is none of them. */
export function parseReportKind(text: string): ReportKind | null {
  const t = fold(text).replace(/\s+/g, "");
  const q = /^(?:q|quy)(1|2|3|4|i|ii|iii|iv)$/.exec(t);
  if (q)
    return (["q1", "q2", "q3", "q4"] as const)[
      ["1", "2", "3", "4"].includes(q[1]!) ? Number(q[1]) - 1 : ["i", "ii", "iii", "iv"].indexOf(q[1]!)
    ]!;
  if (/^(6t|6thang|h1|06thang|nuanam|6thangdaunam)$/.test(t)) return "h1";
  if (/^(9t|9thang|09thang|9m)$/.test(t)) return "9m";
  if (/^(nam|canam|year|y)$/.test(t)) return "year";
  return null;
}

/** Which Decree 09 report carries a period: quarter II goes with the 6 months, 9 months with quarter III, quarter IV with the year. */
const CARRIED_BY: Record<ReportKind, "Q1" | "H1" | "Q3" | "Y"> = {
  q1: "Q1",
  q2: "H1",
  h1: "H1",
  q3: "Q3",
  "9m": "Q3",
  q4: "Y",
  year: "Y",
};

/** The day a unit's report for a period is due at the unit above, by the unit's own report deadlines (MM-DD). */
export function sendingDeadline(
  kind: ReportKind,
  year: number,
  deadlines: readonly { period: "Q1" | "H1" | "Q3" | "Y"; deadline: string }[],
): IsoDate {
  const d = deadlines.find((x) => x.period === CARRIED_BY[kind]);
  return `${year}-${d?.deadline ?? "12-12"}`;
}

/** The /guibaocao word for a Decree 09 report period, for a reminder to name the command. */
export const COMMAND_WORD: Record<"Q1" | "H1" | "Q3" | "Y", string> = { Q1: "q1", H1: "6t", Q3: "q3", Y: "nam" };
