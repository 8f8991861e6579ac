/**
 * What a period's report counts, in one place for /baocao, /quahan, /tiendo,
 * the chart and both files, so their numbers agree. A period holds the
 * assignments due in it; each is counted with its status on the report's
 * date: done on time (finished by the end of its due day), done late, or
 * still open, and open past its due day is overdue. Work due before the
 * period and still open is carried over ("tồn đọng từ kỳ trước"): listed
 * apart, never in the period's own counts.
 */
import type { IsoDate } from "./calendar.ts";
import { daysBetween } from "./period.ts";
import type { Status } from "./status.ts";

export interface ReportItem {
  departmentId: number | null;
  department: string;
  dueDate: IsoDate;
  status: Status;
  /** The local day it was finished, when it is DONE. */
  doneDay: IsoDate | null;
}

export type Outcome = "doneOnTime" | "doneLate" | "open";

export function outcome(item: Pick<ReportItem, "status" | "dueDate" | "doneDay">): Outcome {
  if (item.status !== "DONE") return "open";
  return item.doneDay !== null && item.doneDay <= item.dueDate ? "doneOnTime" : "doneLate";
}

export function isOverdue(item: Pick<ReportItem, "status" | "dueDate">, today: IsoDate): boolean {
  return item.status !== "DONE" && item.dueDate < today;
}

/** Days late: past due for open work, how late it was finished for done work. */
export function daysLate(item: Pick<ReportItem, "status" | "dueDate" | "doneDay">, today: IsoDate): number {
  const end = item.status === "DONE" && item.doneDay ? item.doneDay : today;
  return Math.max(0, daysBetween(item.dueDate, end));
}

export interface Counts {
  assigned: number;
  doneOnTime: number;
  doneLate: number;
  /** Open work by status; each includes its overdue part, given beside it. */
  inProgress: number;
  notStarted: number;
  blocked: number;
  overdue: number;
  overdueInProgress: number;
  overdueNotStarted: number;
  overdueBlocked: number;
  /** Due before the period and still open. */
  carriedOver: number;
}

export interface DepartmentLine extends Counts {
  departmentId: number | null;
  department: string;
}

export function emptyCounts(): Counts {
  return {
    assigned: 0,
    doneOnTime: 0,
    doneLate: 0,
    inProgress: 0,
    notStarted: 0,
    blocked: 0,
    overdue: 0,
    overdueInProgress: 0,
    overdueNotStarted: 0,
    overdueBlocked: 0,
    carriedOver: 0,
  };
}

const OPEN_KEY = {
  IN_PROGRESS: ["inProgress", "overdueInProgress"],
  NOT_STARTED: ["notStarted", "overdueNotStarted"],
  BLOCKED: ["blocked", "overdueBlocked"],
} as const;

/** Adds one item to counts: due in the period, or carried over into it. */
export function count(c: Counts, item: ReportItem, period: { dueFrom: IsoDate }, today: IsoDate): void {
  if (item.dueDate < period.dueFrom) {
    if (item.status !== "DONE") c.carriedOver++;
    return;
  }
  c.assigned++;
  const o = outcome(item);
  if (o !== "open") {
    c[o]++;
    return;
  }
  const [all, late] = OPEN_KEY[item.status as keyof typeof OPEN_KEY];
  c[all]++;
  if (isOverdue(item, today)) {
    c[late]++;
    c.overdue++;
  }
}

/** One line per department that has work in the period or carried over. */
export function departmentLines(
  items: readonly ReportItem[],
  period: { dueFrom: IsoDate },
  today: IsoDate,
): DepartmentLine[] {
  const lines = new Map<number | null, DepartmentLine>();
  for (const item of items) {
    let line = lines.get(item.departmentId);
    if (!line)
      lines.set(
        item.departmentId,
        (line = { departmentId: item.departmentId, department: item.department, ...emptyCounts() }),
      );
    count(line, item, period, today);
  }
  return [...lines.values()];
}

export function totals(lines: readonly Counts[]): Counts {
  const t = emptyCounts();
  for (const l of lines) for (const k of Object.keys(t) as (keyof Counts)[]) t[k] += l[k];
  return t;
}

/** Done on time ÷ everything due in the period; null when nothing was. */
export function onTimeRate(t: Pick<Counts, "assigned" | "doneOnTime">): number | null {
  return t.assigned ? Math.round((t.doneOnTime / t.assigned) * 1000) / 10 : null;
}

/** Lowest on-time rate first; among equals, most overdue first. */
export function worstFirst<T extends DepartmentLine>(lines: readonly T[]): T[] {
  return [...lines].sort(
    (a, b) =>
      (onTimeRate(a) ?? 101) - (onTimeRate(b) ?? 101) ||
      b.overdue - a.overdue ||
      a.department.localeCompare(b.department),
  );
}
