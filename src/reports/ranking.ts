/** The units' ranking on the PAR index: a workbook (A4 landscape) and a document to sign; rank, unit, total, each area, sent or not. */
import ExcelJS from "exceljs";
import { scoreText } from "../domain/criteria.ts";
import { tableDocument, type ReportDocumentSettings } from "./decree30.ts";
import type { Ranked } from "../domain/ranking.ts";
import type { Translate } from "../i18n.ts";
import type { UnitScoreCard } from "../store/evaluation/criteria.ts";
import { fitRowHeights, printable, ruleTable, tableHeader } from "./xlsx-parts.ts";

export async function rankingXlsx(
  t: Translate,
  d: { year: number; owner: string; areas: { ref: string; max: number }[]; ranked: Ranked<UnitScoreCard>[] },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cchc-bot";
  const ws = wb.addWorksheet(t("ranking.sheet"));
  ws.addRow([t("ranking.title", { year: d.year, owner: d.owner })]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = tableHeader(ws, [
    t("ranking.columns.rank"),
    t("ranking.columns.unit"),
    t("ranking.columns.total"),
    ...d.areas.map((a) => `${a.ref} (${a.max})`),
    t("ranking.columns.state"),
  ]);
  for (const r of d.ranked)
    ws.addRow([
      r.item.submitted ? r.rank : null,
      r.item.unit,
      r.item.total,
      ...d.areas.map((a) => r.item.areas.get(a.ref) ?? 0),
      t(r.item.final ? "ranking.final" : r.item.submitted ? "ranking.sent" : "ranking.notSent"),
    ]);
  [8, 40, 10, ...d.areas.map(() => 9), 14].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  for (let c = 3; c <= 3 + d.areas.length; c++) ws.getColumn(c).numFmt = "0.##";
  ruleTable(ws, header);
  fitRowHeights(ws, header);
  printable(ws, header);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The ranking as a document to sign: rank, unit, total and each area's
 * points in narrow columns (eight areas fit the portrait page at 10 pt).
 */
export async function rankingDocx(
  t: Translate,
  d: {
    unitName: string;
    doc: ReportDocumentSettings;
    today: string;
    year: number;
    areas: { ref: string; max: number }[];
    ranked: Ranked<UnitScoreCard>[];
  },
): Promise<Buffer> {
  const areaWidth = Math.max(9, Math.min(14, Math.floor(90 / Math.max(1, d.areas.length))));
  const nameWidth = 165 - 12 - 16 - 16 - areaWidth * d.areas.length;
  return tableDocument(t, {
    unitName: d.unitName,
    doc: d.doc,
    today: d.today,
    title: t("rating.docTitle"),
    subtitle: t("ranking.docSubtitle", { year: d.year }),
    intro: [t("ranking.docIntro", { year: d.year })],
    widths: [12, nameWidth, 16, ...d.areas.map(() => areaWidth), 16],
    header: [
      t("ranking.columns.rank"),
      t("ranking.columns.unit"),
      t("ranking.columns.total"),
      ...d.areas.map((a) => `${a.ref} (${scoreText(a.max)})`),
      t("ranking.columns.state"),
    ],
    rows: d.ranked.map((r) => ({
      cells: [
        r.item.submitted ? String(r.rank) : "—",
        r.item.unit,
        scoreText(r.item.total),
        ...d.areas.map((a) => scoreText(r.item.areas.get(a.ref) ?? 0)),
        t(r.item.final ? "ranking.final" : r.item.submitted ? "ranking.sent" : "ranking.notSent"),
      ],
      bold: [2],
    })),
    left: [1],
    size: 20,
  });
}
