import type { ReportWindow } from "../domain/report-period.ts";
import type { Db } from "../store/db.ts";
import { listIndicators } from "../store/indicators.ts";
import { departmentLines, exportRows } from "../store/report.ts";
import type { ReportData } from "./export.ts";

/** Everything a report file needs for one window. */
export async function loadReportData(db: Db, q: { unitName: string; window: ReportWindow; today: string; tz: string }): Promise<ReportData> {
  const [lines, rows, indicators] = await Promise.all([departmentLines(db, q), exportRows(db, q), listIndicators(db, { year: q.window.year })]);
  return { unitName: q.unitName, window: q.window, lines, rows, indicators, tz: q.tz };
}
