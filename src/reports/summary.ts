/** Totals, rates and the worst-first order of a report, from the department lines. */
import type { DepartmentLine } from "../store/report.ts";

export type Totals = Omit<DepartmentLine, "departmentId" | "department">;

export function totals(lines: readonly DepartmentLine[]): Totals {
  const t: Totals = { assigned: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, notStarted: 0, blocked: 0, overdue: 0 };
  for (const l of lines) for (const k of Object.keys(t) as (keyof Totals)[]) t[k] += l[k];
  return t;
}

/** Done on time ÷ everything counted in the window; null when nothing was. */
export function onTimeRate(t: Pick<Totals, "assigned" | "doneOnTime">): number | null {
  return t.assigned ? Math.round((t.doneOnTime / t.assigned) * 1000) / 10 : null;
}

/** Lowest on-time rate first; among equals, most overdue first. */
export function worstFirst(lines: readonly DepartmentLine[]): DepartmentLine[] {
  return [...lines].sort((a, b) => (onTimeRate(a) ?? 101) - (onTimeRate(b) ?? 101) || b.overdue - a.overdue || a.department.localeCompare(b.department));
}
