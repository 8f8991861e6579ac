/**
 * One report, whoever asks: `/xuatbaocao` in chat and `cchc report export`
 * both call buildReport, so a Sở gets the same document either way (its own
 * tasks, a section per unit below, the sector's indicators rolled up and the
 * units' reports; in the .xlsx a line per unit).
 */
import type { IsoDate } from "../domain/calendar.ts";
import { reportWindow, type ReportKind, type ReportWindow } from "../domain/report-period.ts";
import type { Translate } from "../i18n.ts";
import type { Db } from "../store/db/db.ts";
import { unitWithBelow } from "../store/province/units.ts";
import { loadReminderContext } from "../store/settings/calendar.ts";
import { loadReportData } from "./data.ts";
import { reportDocx, reportFileName, reportXlsx } from "./export.ts";
import { loadProvinceData } from "./province.ts";

export type ReportFormat = "xlsx" | "docx";

/** The period's window as the unit counts it: its data cut-off (Decree 09) comes from its settings. */
export async function periodWindow(
  db: Db,
  q: { unitName: string; tz: string; kind: ReportKind; year: number },
): Promise<ReportWindow> {
  const { settings } = await loadReminderContext(db, q.unitName, q.tz, q.year);
  return reportWindow(q.kind, q.year, settings.reportCutoff);
}

export interface BuiltReport {
  fileName: string;
  data: Buffer;
  /** Whether it rolls up units below the one it is for. */
  sector: boolean;
}

/** The period's report of a unit, with its units below when it has any, as a file. */
export async function buildReport(
  db: Db,
  t: Translate,
  q: { unitName: string; window: ReportWindow; format: ReportFormat; today: IsoDate; tz: string },
): Promise<BuiltReport> {
  const { window, today, tz } = q;
  const [own, tree] = await Promise.all([
    loadReportData(db, { unitName: q.unitName, window, today, tz }),
    unitWithBelow(db, q.unitName),
  ]);
  // A Sở's report adds its units, their indicators and their reports; its task sheet is the Sở's own plan.
  const sector =
    tree && tree.below.length > 0
      ? await loadProvinceData(db, { me: tree.me, below: tree.below, window, today, tz })
      : undefined;
  // The workbook's first sheet: a line per unit with work in the period, the Sở's own among them.
  const lines = sector
    ? [...(sector.me ? [sector.me] : []), ...sector.units.map((u) => u.line)].filter(
        (l) => l.assigned + l.carriedOver > 0,
      )
    : null;
  const data =
    lines && q.format === "xlsx" ? { ...own, lines, byUnit: true, province: sector } : { ...own, province: sector };
  return {
    fileName: reportFileName(t, window, q.format),
    data: q.format === "docx" ? await reportDocx(t, data) : await reportXlsx(t, data),
    sector: sector !== undefined,
  };
}
