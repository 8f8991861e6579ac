/** Reporting periods as neutral keys: 2026-Q4, 2026-H2, 2026-M11, 2026-Y. */
import type { IsoDate } from "./calendar.ts";
import type { IndicatorPeriod } from "./indicator.ts";

export function quarterOf(day: IsoDate): number {
  return Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
}

export function periodOf(period: IndicatorPeriod, day: IsoDate): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  switch (period) {
    case "MONTH":
      return `${year}-M${String(month).padStart(2, "0")}`;
    case "QUARTER":
      return `${year}-Q${quarterOf(day)}`;
    case "HALF":
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case "YEAR":
      return `${year}-Y`;
  }
}

/** First and last day of the quarter a day is in. */
export function quarterRange(day: IsoDate): { from: IsoDate; to: IsoDate } {
  const q = quarterOf(day);
  const y = day.slice(0, 4);
  const endMonth = q * 3;
  const last = new Date(Date.UTC(Number(y), endMonth, 0)).getUTCDate();
  return {
    from: `${y}-${String(endMonth - 2).padStart(2, "0")}-01`,
    to: `${y}-${String(endMonth).padStart(2, "0")}-${last}`,
  };
}

/** Whole days from one calendar day to another (negative when past). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
