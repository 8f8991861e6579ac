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
  /** The unit, or the department when a unit rates its own. */
  unit: string;
  score: number | null;
  /** The share the rating reads (the score's, blended with the on-time rate when weighed in). */
  percent: number | null;
  /** The on-time rate of the year's tasks, when the body weighs it in. */
  onTime: number | null;
  band: string | null;
}

/** Columns: n, name, score, [on time], share, band (mm). */
const widthsOf = (onTime: boolean) => (onTime ? [12, 62, 22, 22, 22, 25] : [12, 78, 22, 22, 31]);

export async function ratingDocx(
  t: Translate,
  d: {
    unitName: string;
    doc: ReportDocumentSettings;
    today: string;
    year: number;
    max: number;
    lines: RatingLine[];
    /** Whom it rates: the units below the body, or the unit's own departments. */
    of: "units" | "departments";
    /** The on-time rate's weight (%), 0 when the score alone rates. */
    onTimeWeight: number;
  },
): Promise<Buffer> {
  const withOnTime = d.onTimeWeight > 0;
  const widths = widthsOf(withOnTime);
  const cell = (text: string, k: number, o: { bold?: boolean; left?: boolean } = {}) =>
    tableCell(text, widths[k]!, { size: 24, ...o });
  const percent = (n: number | null) => (n === null ? "—" : `${scoreText(n)}%`);
  const keys = withOnTime
    ? (["n", d.of, "score", "onTime", "blended", "band"] as const)
    : (["n", d.of, "score", "percent", "band"] as const);
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map(mm),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: keys.map((k, i) =>
          cell(t(`rating.columns.${k}`, { max: scoreText(d.max), weight: d.onTimeWeight }), i, { bold: true }),
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
              ...(withOnTime ? [cell(percent(l.onTime), 3)] : []),
              cell(percent(l.percent), withOnTime ? 4 : 3),
              cell(l.band ?? t(`rating.notRated.${d.of}`), withOnTime ? 5 : 4, { bold: l.band !== null }),
            ],
          }),
      ),
    ],
  });
  const body: (Paragraph | Table)[] = [
    documentHeading(t, { unitName: d.unitName, doc: d.doc, date: decreeDate(d.today) }),
    para(t("rating.docTitle"), { align: "center", bold: true, before: 360 }),
    para(t(`rating.docSubtitle.${d.of}`, { year: d.year }), { align: "center", bold: true }),
    rule(TEXT_WIDTH, 0.25),
    para(t(`rating.intro.${d.of}`, { year: d.year }), { indent: true, before: 120 }),
    ...(withOnTime ? [para(t("rating.weighed", { weight: d.onTimeWeight }), { indent: true })] : []),
    table,
    new Paragraph({ spacing: { after: 240 }, children: [] }),
    signatureBlock(t, { doc: d.doc, province: true }),
  ];
  return decreeDocx(body);
}
