/**
 * Indicator targets ("TTHC giải quyết đúng hạn >98%", "tối thiểu 90%",
 * "80%") and the numbers staff send back ("98,5", "47/48", "98.5%").
 */
import { fold } from "./text.ts";

export const COMPARATORS = ["GT", "GTE", "EQ", "LTE", "LT"] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const INDICATOR_PERIODS = ["MONTH", "QUARTER", "HALF", "YEAR"] as const;
export type IndicatorPeriod = (typeof INDICATOR_PERIODS)[number];

export interface Target {
  comparator: Comparator;
  value: number;
  /** "%", a counting word ("hồ sơ", "ngày"), or "" for a bare number. */
  unit: string;
}

// Order matters: the longer phrase first ("không dưới" before "dưới").
const COMPARATOR_WORDS: [RegExp, Comparator][] = [
  [/^(>=|≥|=>|tu\b.*\btro len|toi thieu|it nhat|khong duoi|khong thap hon)/, "GTE"],
  [/^(<=|≤|=<|toi da|khong qua|khong vuot qua|khong cao hon)/, "LTE"],
  [/^(>|tren|hon|cao hon)/, "GT"],
  [/^(<|duoi|thap hon)/, "LT"],
  [/^(=|bang|dung)/, "EQ"],
];

/** A target cell to comparator, value and unit; a bare number means "at least". Null if no number. */
export function parseTarget(raw: string): Target | null {
  const found = /\d+(?:[.,]\d+)*/.exec(raw);
  if (!found) return null;
  const value = parseNumber(found[0]);
  if (value === null) return null;
  const before = fold(raw.slice(0, found.index)).replace(/^.*?\b(dat|chi tieu|muc tieu)\b\s*:?\s*/, "");
  const after = raw.slice(found.index + found[0].length).trim();
  const afterFolded = fold(after);
  let comparator = COMPARATOR_WORDS.find(([re]) => re.test(before))?.[1] ?? "GTE";
  if (/tro len$/.test(afterFolded)) comparator = "GTE";
  if (/tro xuong$/.test(afterFolded)) comparator = "LTE";
  const unit = after.startsWith("%")
    ? "%"
    : after
        .replace(/\s*trở (lên|xuống)$/i, "")
        .replace(/\s*tro (len|xuong)$/i, "")
        .trim();
  return { comparator, value, unit };
}

/**
 * "98,5" or "98.5%" or "1.234" (thousands) or "47/48". A decimal comma is the
 * Vietnamese way; a dot is a decimal point unless it groups thousands.
 */
export function parseNumber(raw: string): number | null {
  const s = raw.trim().replace(/\s+/g, "").replace(/%$/, "");
  if (!/^[+-]?\d+(?:[.,]\d+)*$/.test(s)) return null;
  let normal: string;
  if (s.includes(",")) normal = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) normal = s.replace(/\./g, "");
  else normal = s;
  if ((normal.match(/\./g) ?? []).length > 1) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

export interface ReportedValue {
  value: number;
  numerator?: number;
  denominator?: number;
}

/** What a staff member typed for an indicator. A fraction of a "%" indicator becomes a percentage. */
export function parseReportedValue(raw: string, unit: string): ReportedValue | null {
  const fraction = /^\s*(\d+(?:[.,]\d+)?)\s*\/\s*(\d+(?:[.,]\d+)?)\s*$/.exec(raw);
  if (fraction) {
    const numerator = parseNumber(fraction[1]!);
    const denominator = parseNumber(fraction[2]!);
    if (numerator === null || denominator === null || denominator === 0 || numerator > denominator) return null;
    const ratio = numerator / denominator;
    return { value: round(unit === "%" ? ratio * 100 : ratio), numerator, denominator };
  }
  const value = parseNumber(raw);
  if (value === null || value < 0) return null;
  if (unit === "%" && value > 100) return null;
  return { value };
}

export function meetsTarget(value: number, target: Pick<Target, "comparator" | "value">): boolean {
  const eps = 1e-9;
  switch (target.comparator) {
    case "GT":
      return value > target.value + eps;
    case "GTE":
      return value >= target.value - eps;
    case "EQ":
      return Math.abs(value - target.value) <= eps;
    case "LTE":
      return value <= target.value + eps;
    case "LT":
      return value < target.value - eps;
  }
}

export const COMPARATOR_SYMBOL: Record<Comparator, string> = { GT: ">", GTE: "≥", EQ: "=", LTE: "≤", LT: "<" };

/** "98,5%", "120 hồ sơ", with the reader's number format. */
export function describeValue(value: number, unit: string, format: (n: number) => string = String): string {
  return `${format(value)}${unit === "%" ? "%" : unit ? ` ${unit}` : ""}`;
}

/** "> 98%" */
export function describeTarget(
  t: { comparator: Comparator; target: number; unitLabel: string },
  format?: (n: number) => string,
): string {
  return `${COMPARATOR_SYMBOL[t.comparator]} ${describeValue(t.target, t.unitLabel, format)}`;
}

/** "Quý", "Hàng quý", "6 tháng", "Năm", "Tháng": how often the indicator is reported. Quarterly if unsaid. */
export function parseIndicatorPeriod(raw: string | null | undefined): IndicatorPeriod | null {
  const t = fold(raw ?? "");
  if (t === "") return "QUARTER";
  const upper = t.toUpperCase();
  if ((INDICATOR_PERIODS as readonly string[]).includes(upper)) return upper as IndicatorPeriod;
  if (/\b0?6 thang\b|nua nam/.test(t)) return "HALF";
  if (/\bquy\b/.test(t)) return "QUARTER";
  if (/\bthang\b/.test(t)) return "MONTH";
  if (/\bnam\b/.test(t)) return "YEAR";
  return null;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
