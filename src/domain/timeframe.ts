/**
 * Reads the "Thời gian thực hiện" column of a CCHC plan: free Vietnamese text
 * such as "Quý I, Quý III", "Quý I–IV/2026", "Thường xuyên", "Tháng 11 hàng năm",
 * "6 tháng, 01 năm", "14/01/2026" or "Khi có yêu cầu", often without
 * diacritics. Returns the due dates (last day of each named period) and never
 * guesses: what it cannot read becomes a warning quoting the text.
 *
 * The rules work on folded text (see text.ts) and each consumes what it
 * matched, so a later, looser rule never reads the same words twice.
 */
import { daysInMonth, isoDate, monthEnd, type IsoDate } from "./calendar.ts";
import { fold } from "./text.ts";

export type Recurrence = "none" | "monthly" | "quarterly";

export type TimeframeWarningCode =
  "unreadable" | "partlyUnreadable" | "previousYear" | "outsideYear" | "invalidDate" | "weeklyAsMonthly";

export interface TimeframeWarning {
  code: TimeframeWarningCode;
  /** The raw text (or the part of it) the warning is about. */
  text: string;
  year?: number;
  /** The file row it came from, when a task's timeframe spans several rows. */
  row?: number;
}

export interface DueOccurrence {
  dueDate: IsoDate;
  /** Neutral period key: 2026-Q1, 2026-H1, 2026-9M, 2026-Y, 2026-M11, 2026-11-14 */
  period: string;
}

export interface Timeframe {
  dueDates: IsoDate[];
  occurrences: DueOccurrence[];
  recurring: Recurrence;
  onDemand: boolean;
  warnings: TimeframeWarning[];
}

type Period =
  | { kind: "day"; year: number | null; month: number; day: number; source: string }
  | { kind: "quarter"; year: number | null; quarter: number }
  | { kind: "months"; year: number | null; months: number }
  | { kind: "month"; year: number | null; month: number }
  | { kind: "year"; year: number | null };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

// Vocabulary. Folded forms (no diacritics, lower case).
const SEP = String.raw`\s*(?:,|;|&|-|\bva\b|\bden\b|\btoi\b)\s*`;
const EVERY_YEAR = String.raw`(?:\s*,?\s*(?:hang|moi)\s+nam)?`;
const YEAR_SUFFIX = String.raw`(?:\s*\/\s*(\d{4})|\s+nam\s+(\d{4}))?`;
const QUARTER_NUM = String.raw`(?:iv|i{1,3}|[1-4])\b`;

const ON_DEMAND = [
  /\bkhi\s+co\s+(?:yeu\s+cau|nhu\s+cau|huong\s+dan|chi\s+dao|van\s+ban|ke\s+hoach|phat\s+sinh|de\s+nghi|thong\s+bao)\b/g,
  /\btheo\s+(?:huong\s+dan|yeu\s+cau|chi\s+dao|lo\s+trinh|tinh\s+hinh(?:\s+thuc\s+te)?|thuc\s+te|ke\s+hoach\s+cua|van\s+ban|quy\s+dinh)\b/g,
  /\bsau\s+khi\s+(?:co|duoc)\b/g,
  /\b(?:dot\s+xuat|khi\s+phat\s+sinh|phat\s+sinh)\b/g,
];

const PREVIOUS_YEAR = /\b(?:cua\s+)?nam\s+truoc(?:\s+lien\s+ke(?:\s+nam\s+ke\s+hoach)?)?\b/g;
const QUARTERLY = /\b(?:thuong\s+xuyen|(?:dinh\s+ky\s+)?(?:hang|moi|tung)\s+quy)\b/g;
const MONTHLY = /\b(?:hang|moi|tung)\s+thang\b/g;
const WEEKLY = /\b(?:hang|moi|tung)\s+tuan\b/g;

export function parseTimeframe(raw: string, planYear: number): Timeframe {
  const warnings: TimeframeWarning[] = [];
  const periods: Period[] = [];
  let recurring = "none" as Recurrence;
  let onDemand = false;
  let rest = ` ${fold(raw ?? "")} `;

  /** Run a rule over what is left and blank out what it matched. */
  const take = (re: RegExp, use: (m: (string | undefined)[]) => void) => {
    rest = rest.replace(re, (...args: unknown[]) => {
      // replace() passes the match, its groups, then offset and input.
      use(args.slice(0, -2) as (string | undefined)[]);
      return " | ";
    });
  };

  let previousYear = false;
  take(PREVIOUS_YEAR, () => (previousYear = true));
  for (const re of ON_DEMAND) take(re, () => (onDemand = true));

  // Exact days first: "14/01/2026", "trước ngày 15/12", "ngày 15 tháng 12 năm 2026".
  take(/\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?/g, (m) =>
    periods.push({ kind: "day", day: +m[1]!, month: +m[2]!, year: num(m[3]), source: m[0]!.trim() }),
  );
  take(/(?<![\d/])(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?(?![\d/])/g, (m) =>
    periods.push({ kind: "day", day: +m[1]!, month: +m[2]!, year: num(m[3]), source: m[0]!.trim() }),
  );

  // Quarters: "quy i, iii/2026", "quy i-iv", "quy i - quy iv", "quy 2", "quy i hang nam".
  take(
    new RegExp(
      String.raw`\bquy\s+(${QUARTER_NUM}(?:${SEP}(?:quy\s+)?${QUARTER_NUM})*)${YEAR_SUFFIX}${EVERY_YEAR}`,
      "g",
    ),
    (m) => {
      const year = num(m[2] ?? m[3]);
      for (const q of expandList(m[1]!, (t) => ROMAN[t] ?? (Number(t) || undefined), "quy")) {
        periods.push({ kind: "quarter", quarter: q, year });
      }
    },
  );

  // Cumulative reporting periods: "6 tháng (đầu năm)", "06 tháng cuối năm 2025", "9 tháng".
  take(/\b0?(3|6|9|12)\s+thang(?:\s+(dau|cuoi)\s+nam)?(?:\s*\/\s*(\d{4})|\s+(?:nam\s+)?(\d{4}))?/g, (m) => {
    const year = num(m[3] ?? m[4]);
    const months = m[2] === "cuoi" ? 12 : +m[1]!;
    periods.push({ kind: "months", months, year });
  });

  // Months: "tháng 11 hàng năm", "tháng 12/2026", "tháng 3, 6, 9, 12".
  take(
    new RegExp(String.raw`\bthang\s+(\d{1,2}\b(?:${SEP}(?:thang\s+)?\d{1,2}\b)*)${YEAR_SUFFIX}${EVERY_YEAR}`, "g"),
    (m) => {
      const year = num(m[2] ?? m[3]);
      for (const month of expandList(m[1]!, (t) => Number(t) || undefined, "thang")) {
        periods.push({ kind: "month", month, year });
      }
    },
  );

  take(QUARTERLY, () => (recurring = "quarterly"));
  take(MONTHLY, () => (recurring = "monthly"));
  take(WEEKLY, (m) => {
    recurring = "monthly";
    warnings.push({ code: "weeklyAsMonthly", text: m[0]!.trim() });
  });

  // Whole years: "Hàng năm", "01 năm", "Năm 2026", "cả năm", "2026 - 2030", "2026".
  take(/\b(\d{4})\s*-\s*(\d{4})\b/g, (m) => {
    const from = +m[1]!;
    const to = +m[2]!;
    periods.push({ kind: "year", year: planYear >= from && planYear <= to ? planYear : from });
  });
  take(/\b(?:(?:hang|moi|ca|cuoi)\s+nam|0?1\s+nam)\b/g, () => periods.push({ kind: "year", year: null }));
  take(/\b(?:nam\s+)?((?:19|20)\d{2})\b/g, (m) => periods.push({ kind: "year", year: +m[1]! }));

  const byDate = new Map<IsoDate, string>();
  const add = (dueDate: IsoDate, period: string) => {
    if (!byDate.has(dueDate)) byDate.set(dueDate, period);
  };
  let warnedPrevious = false;
  const resolveYear = (year: number | null): number | null => {
    const y = year ?? (previousYear ? planYear - 1 : planYear);
    if (y === planYear) return y;
    if (y === planYear - 1) {
      if (!warnedPrevious) warnings.push({ code: "previousYear", text: tidyRaw(raw), year: y });
      warnedPrevious = true;
      return y;
    }
    warnings.push({ code: "outsideYear", text: tidyRaw(raw), year: y });
    return null;
  };

  for (const p of periods) {
    if (p.kind === "day") {
      if (p.month < 1 || p.month > 12 || p.day < 1) {
        warnings.push({ code: "invalidDate", text: p.source });
        continue;
      }
      const y = resolveYear(p.year);
      if (y === null) continue;
      if (p.day > daysInMonth(y, p.month)) {
        warnings.push({ code: "invalidDate", text: p.source });
        continue;
      }
      add(isoDate(y, p.month, p.day), isoDate(y, p.month, p.day));
    } else if (p.kind === "quarter") {
      const y = resolveYear(p.year);
      if (y !== null) add(monthEnd(y, p.quarter * 3), `${y}-Q${p.quarter}`);
    } else if (p.kind === "months") {
      const y = resolveYear(p.year);
      if (y === null) continue;
      const label =
        p.months === 12 ? `${y}-Y` : p.months === 6 ? `${y}-H1` : p.months === 3 ? `${y}-Q1` : `${y}-${p.months}M`;
      add(monthEnd(y, p.months), label);
    } else if (p.kind === "month") {
      if (p.month < 1 || p.month > 12) {
        warnings.push({ code: "invalidDate", text: `${p.month}` });
        continue;
      }
      const y = resolveYear(p.year);
      if (y !== null) add(monthEnd(y, p.month), `${y}-M${String(p.month).padStart(2, "0")}`);
    } else {
      const y = resolveYear(p.year);
      if (y !== null) add(monthEnd(y, 12), `${y}-Y`);
    }
  }
  if (recurring === "quarterly") for (let q = 1; q <= 4; q++) add(monthEnd(planYear, q * 3), `${planYear}-Q${q}`);
  if (recurring === "monthly")
    for (let m = 1; m <= 12; m++) add(monthEnd(planYear, m), `${planYear}-M${String(m).padStart(2, "0")}`);

  const occurrences = [...byDate]
    .map(([dueDate, period]) => ({ dueDate, period }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const anythingRead = periods.length > 0 || recurring !== "none" || onDemand;
  if (!anythingRead) {
    if (tidyRaw(raw) !== "") warnings.push({ code: "unreadable", text: tidyRaw(raw) });
  } else if (/\d/.test(rest.replace(/\|/g, ""))) {
    warnings.push({ code: "partlyUnreadable", text: tidyRaw(raw) });
  }
  // A task with dates is tracked by them; "on demand" only stands alone.
  const dated = occurrences.length > 0;
  return {
    dueDates: occurrences.map((o) => o.dueDate),
    occurrences,
    recurring,
    onDemand: onDemand && !dated,
    warnings,
  };
}

function num(s: string | undefined): number | null {
  return s ? Number(s) : null;
}

function tidyRaw(raw: string): string {
  return (raw ?? "").replace(/\s+/g, " ").trim();
}

/** "i, iii", "i-iv", "i - quy iv", "1 den 4" → the numbers named, ranges expanded. */
function expandList(list: string, value: (token: string) => number | undefined, prefix: string): number[] {
  const tokens = list
    .replace(new RegExp(String.raw`\b${prefix}\s+`, "g"), "")
    .split(/(\s*(?:,|;|&|-|\bva\b|\bden\b|\btoi\b)\s*)/)
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const v = value(tokens[i]!);
    if (v === undefined) continue;
    const sep = tokens[i - 1];
    const prev = out[out.length - 1];
    if (sep !== undefined && /^(-|den|toi)$/.test(sep) && prev !== undefined && v > prev) {
      for (let k = prev + 1; k <= v; k++) out.push(k);
    } else {
      out.push(v);
    }
  }
  return [...new Set(out)];
}

/** The years a framework plan covers: "giai đoạn 2026-2030". */
export interface YearSpan {
  from: number;
  to: number;
}

const YEAR_RANGE = /\b(20\d\d)\s*[-–—]\s*(20\d\d)\b/;

/** The first "2026-2030" in a text, if it is a real span of at most ten years. */
export function findYearSpan(text: string): YearSpan | null {
  const m = YEAR_RANGE.exec(fold(text));
  if (!m) return null;
  const span = { from: Number(m[1]), to: Number(m[2]) };
  return span.to > span.from && span.to - span.from <= 10 ? span : null;
}

/**
 * A framework plan's timeframe, read over its years: "2026-2030" is due at
 * the end of that range; a cell naming one year ("Năm 2027", "Quý II/2028")
 * is read in that year; anything else ("Hằng năm", "Quý IV", "Thường xuyên")
 * falls due in every year of the plan.
 */
export function parseSpanTimeframe(raw: string, span: YearSpan): Timeframe {
  const range = findYearSpan(raw);
  if (range) return parseTimeframe(`31/12/${range.to}`, range.to);
  const years = [...new Set([...fold(raw).matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1])))];
  if (years.length === 1) return parseTimeframe(raw, years[0]!);
  const each = Array.from({ length: span.to - span.from + 1 }, (_, k) => parseTimeframe(raw, span.from + k));
  const occurrences = each.flatMap((tf) => tf.occurrences);
  return {
    dueDates: occurrences.map((o) => o.dueDate),
    occurrences,
    recurring: each[0]!.recurring,
    onDemand: each[0]!.onDemand,
    // The same words read five times say the same thing: once is enough.
    warnings: each[0]!.warnings,
  };
}
