/**
 * The year-end rating document (xếp loại) a body signs: each unit below it
 * with its score, its share of the maximum and its rating, in the Decree 30
 * layout of the other documents.
 */
import { Paragraph, Table, TableLayoutType, TableRow, WidthType } from "docx";
import { scoreText } from "../domain/criteria.ts";
import { decreeDate } from "../domain/document.ts";
import type { Translate } from "../i18n.ts";
import { documentHeading, signatureBlock, type ReportDocumentSettings } from "./decree30.ts";
import { decreeDocx, mm, para, rule, tableCell, TEXT_WIDTH } from "./docx-parts.ts";

export interface RatingLine {
  unit: string;
  score: number | null;
  percent: number | null;
  band: string | null;
}

const WIDTHS = [12, 78, 22, 22, 31];

export async function ratingDocx(
  t: Translate,
  d: { unitName: string; doc: ReportDocumentSettings; today: string; year: number; max: number; lines: RatingLine[] },
): Promise<Buffer> {
  const cell = (text: string, k: number, o: { bold?: boolean; left?: boolean } = {}) =>
    tableCell(text, WIDTHS[k]!, { size: 24, ...o });
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: WIDTHS.map(mm),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: (["n", "unit", "score", "percent", "band"] as const).map((k, i) =>
          cell(t(`rating.columns.${k}`, { max: scoreText(d.max) }), i, { bold: true }),
        ),
      }),
      ...d.lines.map(
        (l, i) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(String(i + 1), 0),
              cell(l.unit, 1, { left: true }),
              cell(l.score === null ? "—" : scoreText(l.score), 2),
              cell(l.percent === null ? "—" : `${scoreText(l.percent)}%`, 3),
              cell(l.band ?? t("rating.notSent"), 4, { bold: l.band !== null }),
            ],
          }),
      ),
    ],
  });
  const body: (Paragraph | Table)[] = [
    documentHeading(t, { unitName: d.unitName, doc: d.doc, date: decreeDate(d.today) }),
    para(t("rating.docTitle"), { align: "center", bold: true, before: 360 }),
    para(t("rating.docSubtitle", { year: d.year }), { align: "center", bold: true }),
    rule(TEXT_WIDTH, 0.25),
    para(t("rating.intro", { year: d.year }), { indent: true, before: 120 }),
    table,
    new Paragraph({ spacing: { after: 240 }, children: [] }),
    signatureBlock(t, { doc: d.doc, province: true }),
  ];
  return decreeDocx(body);
}
