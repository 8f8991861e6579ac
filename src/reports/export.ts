/**
 * The quarterly report for the superior body, without retyping: an .xlsx
 * (summary, tasks, indicators) and a .docx in the usual shape of a unit's
 * CCHC report (results, indicators against targets, difficulties, proposals).
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import ExcelJS from "exceljs";
import { displayDate } from "../bot/format.ts";
import { dayOf } from "../domain/calendar.ts";
import { describeTarget, describeValue, meetsTarget } from "../domain/indicator.ts";
import type { ReportWindow } from "../domain/report-period.ts";
import type { Translate } from "../i18n.ts";
import type { IndicatorLine } from "../store/indicators.ts";
import type { DepartmentLine, ExportRow } from "../store/report.ts";
import { fromSqlTimestamp } from "../store/sql.ts";
import { onTimeRate, totals, worstFirst } from "./summary.ts";

export interface ReportData {
  unitName: string;
  window: ReportWindow;
  lines: DepartmentLine[];
  rows: ExportRow[];
  indicators: IndicatorLine[];
  tz: string;
}

const indicatorValue = (i: IndicatorLine, v: number) => describeValue(v, i.unitLabel);
const indicatorTarget = (i: IndicatorLine) => describeTarget(i);

export async function reportXlsx(t: Translate, d: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cchc-bot";
  const c = (k: string) => t(`export.columns.${k}`);
  const header = (ws: ExcelJS.Worksheet) => {
    ws.getRow(ws.rowCount).font = { bold: true };
    ws.getRow(ws.rowCount).alignment = { wrapText: true, vertical: "middle" };
  };

  const summary = wb.addWorksheet(t("export.sheets.summary"));
  summary.addRow([t("export.docSubtitle", { period: t(`report.kind.${d.window.kind}`), year: d.window.year })]);
  summary.addRow([t("export.window", { from: displayDate(d.window.from), to: displayDate(d.window.to) })]);
  summary.addRow([]);
  summary.addRow(["department", "assigned", "doneOnTime", "doneLate", "inProgress", "notStarted", "blocked", "overdue", "rate"].map(c));
  header(summary);
  for (const l of worstFirst(d.lines)) summary.addRow([l.department, l.assigned, l.doneOnTime, l.doneLate, l.inProgress, l.notStarted, l.blocked, l.overdue, onTimeRate(l)]);
  const sum = totals(d.lines);
  summary.addRow([t("report.assigned"), sum.assigned, sum.doneOnTime, sum.doneLate, sum.inProgress, sum.notStarted, sum.blocked, sum.overdue, onTimeRate(sum)]);
  summary.getRow(summary.rowCount).font = { bold: true };
  summary.columns = [{ width: 36 }, ...Array.from({ length: 8 }, () => ({ width: 14 }))];

  const tasks = wb.addWorksheet(t("export.sheets.tasks"));
  tasks.addRow(["ref", "area", "content", "product", "lead", "coordinating", "timeframe", "due", "status", "doneAt", "responsible", "note"].map(c));
  header(tasks);
  for (const r of d.rows) {
    tasks.addRow([
      r.ref, r.area, r.content, r.product, r.lead, r.coordinating, r.timeframe, displayDate(r.dueDate), t(`status.name.${r.status}`),
      r.doneAt ? displayDate(dayOf(fromSqlTimestamp(r.doneAt), d.tz)) : "", r.responsible, r.note,
    ]);
  }
  tasks.columns = [10, 24, 60, 36, 26, 22, 16, 12, 14, 14, 22, 30].map((width) => ({ width }));
  tasks.eachRow((row) => (row.alignment = { wrapText: true, vertical: "top" }));

  const ind = wb.addWorksheet(t("export.sheets.indicators"));
  ind.addRow(["code", "name", "target", "latest", "period", "met", "owner"].map(c));
  header(ind);
  for (const i of d.indicators) {
    ind.addRow([i.code, i.name, indicatorTarget(i), i.latest ? indicatorValue(i, i.latest.value) : "", i.latest?.periodLabel ?? "", i.latest ? t(meetsTarget(i.latest.value, { comparator: i.comparator, value: i.target }) ? "indicator.met" : "indicator.notMet") : "", i.owner ?? ""]);
  }
  ind.columns = [12, 50, 12, 12, 10, 14, 30].map((width) => ({ width }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function reportDocx(t: Translate, d: ReportData): Promise<Buffer> {
  const p = (text: string, options: { bold?: boolean; center?: boolean; italic?: boolean } = {}) =>
    new Paragraph({ alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, children: [new TextRun({ text, bold: options.bold, italics: options.italic, font: "Times New Roman", size: 26 })] });
  const h = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, bold: true, font: "Times New Roman", size: 26 })] });
  const sum = totals(d.lines);
  const rate = onTimeRate(sum);
  const areas = new Map<string, { done: number; total: number }>();
  for (const r of d.rows) {
    const a = areas.get(r.area || "—") ?? { done: 0, total: 0 };
    a.total++;
    if (r.status === "DONE") a.done++;
    areas.set(r.area || "—", a);
  }
  const blocked = d.rows.filter((r) => r.status === "BLOCKED" && r.note);
  const doc = new Document({
    sections: [
      {
        children: [
          p(d.unitName.toUpperCase(), { bold: true, center: true }),
          p(""),
          p(t("export.docTitle"), { bold: true, center: true }),
          p(t("export.docSubtitle", { period: t(`report.kind.${d.window.kind}`), year: d.window.year }), { bold: true, center: true }),
          p(t("export.window", { from: displayDate(d.window.from), to: displayDate(d.window.to) }), { italic: true, center: true }),
          h(t("export.partResults")),
          p(t("export.overall", { assigned: sum.assigned, onTime: sum.doneOnTime, late: sum.doneLate, inProgress: sum.inProgress, notStarted: sum.notStarted, blocked: sum.blocked, overdue: sum.overdue, rate: rate === null ? "—" : `${rate}%` })),
          ...[...areas].map(([area, a]) => p(`- ${t("export.areaLine", { area, done: a.done, total: a.total })}`)),
          h(t("export.partIndicators")),
          ...(d.indicators.length
            ? d.indicators.map((i) =>
                p(`- ${t("export.indicatorLine", {
                  code: i.code,
                  name: i.name,
                  target: indicatorTarget(i),
                  value: i.latest ? indicatorValue(i, i.latest.value) : t("export.noValue"),
                  met: i.latest ? t(meetsTarget(i.latest.value, { comparator: i.comparator, value: i.target }) ? "indicator.met" : "indicator.notMet") : "—",
                })}`),
              )
            : [p("—")]),
          h(t("export.partDifficulties")),
          ...(blocked.length ? blocked.map((r) => p(`- ${r.ref} (${r.department}): ${r.note}`)) : [p(t("export.noDifficulties"))]),
          h(t("export.partProposals")),
          p(t("export.proposalPlaceholder"), { italic: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
