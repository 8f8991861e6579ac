/**
 * What a Sở's own report adds for its sector: each unit's counts with its
 * oldest open tasks by name, the units' indicators rolled up, the units with
 * no plan, and whose report came in, late or not at all. Counted by the rules
 * a unit's own report uses, so each unit's line is the total of its /baocao
 * (the Sở's tasks a unit's people hold count under the Sở, not the unit).
 */
import { departmentLines, emptyCounts, type DepartmentLine } from "../domain/report.ts";
import type { ReportWindow } from "../domain/report-period.ts";
import { rollUp, type RolledIndicator } from "../domain/rollup.ts";
import { addCalendarDays, at } from "../domain/workdays.ts";
import type { Db } from "../store/db/db.ts";
import { indicatorsOfUnits } from "../store/indicators/indicators.ts";
import { lateTasksOfUnits, unitItems, unitsWithPlan, type LateTask } from "../store/reports/report.ts";
import { receivedReports, type Received } from "./received.ts";

/** Enough to name a unit's worst without the report becoming the units' task lists. */
export const LATE_NAMED = 3;

export interface UnitSection {
  id: number;
  name: string;
  line: DepartmentLine;
  hasPlan: boolean;
  /** Its oldest open tasks past due, up to LATE_NAMED, and how many there are in all. */
  late: LateTask[];
  lateCount: number;
}

export interface ProvinceData {
  /** The asking unit's own line (its plan's tasks counted as a unit's), when it has work in the period. */
  me: DepartmentLine | null;
  units: UnitSection[];
  indicators: RolledIndicator[];
  reports: Received[];
}

export async function loadProvinceData(
  db: Db,
  q: {
    me: { id: number; name: string };
    below: readonly { id: number; name: string }[];
    window: ReportWindow;
    today: string;
    tz: string;
  },
): Promise<ProvinceData> {
  const ids = q.below.map((u) => u.id);
  const enteredBefore = at(addCalendarDays(q.window.to, 1), "00:00", q.tz);
  const [items, late, planned, values, own, reports] = await Promise.all([
    unitItems(db, { units: [q.me, ...q.below], window: q.window, today: q.today, tz: q.tz }),
    lateTasksOfUnits(db, { unitIds: ids, window: q.window, today: q.today }),
    unitsWithPlan(db, ids, q.window.year),
    indicatorsOfUnits(db, { unitIds: ids, year: q.window.year, enteredBefore }),
    indicatorsOfUnits(db, { unitIds: [q.me.id], year: q.window.year, enteredBefore }),
    receivedReports(db, { window: q.window, below: q.below, today: q.today, tz: q.tz }),
  ]);
  const lines = new Map(departmentLines(items, q.window, q.today).map((l) => [l.departmentId, l]));
  const lateOf = new Map<number, LateTask[]>();
  for (const l of late) lateOf.set(l.unitId, [...(lateOf.get(l.unitId) ?? []), l]);
  return {
    me: lines.get(q.me.id) ?? null,
    units: q.below.map((u) => ({
      id: u.id,
      name: u.name,
      line: lines.get(u.id) ?? { departmentId: u.id, department: u.name, ...emptyCounts() },
      hasPlan: planned.has(u.id),
      late: (lateOf.get(u.id) ?? []).slice(0, LATE_NAMED),
      lateCount: lateOf.get(u.id)?.length ?? 0,
    })),
    indicators: rollUp(ids, values, own),
    reports,
  };
}
