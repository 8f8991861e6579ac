/**
 * The self-assessment report a unit sends with its PAR index score (Decree 30
 * layout, as the period reports): I. the score table by area, criterion and
 * sub-criterion with the evidence named; II. the explanation of every
 * criterion scored without evidence, and those not scored; III. difficulties
 * and proposals, for the leader to write.
 */
import { Paragraph, Table, TableLayoutType, TableRow, WidthType } from "docx";
import { scoreText } from "../domain/criteria.ts";
import { decreeDate } from "../domain/document.ts";
import { scoredLines, scoreTotals } from "../domain/score-totals.ts";
import type { Translate } from "../i18n.ts";
import type { CriterionLine } from "../store/evaluation/criteria.ts";
import { addressed, documentHeading, signatureBlock, type ReportDocumentSettings } from "./decree30.ts";
import { decreeDocx, mm, para, rule, tableCell, TEXT_WIDTH } from "./docx-parts.ts";

export interface SelfAssessmentData {
  unitName: string;
  doc: ReportDocumentSettings;
  today: string;
  year: number;
  /** The set's title and the body whose set it is. */
  title: string;
  owner: string;
  items: CriterionLine[];
}

/** Millimetres of the portrait page's 165 mm: code, criterion, maximum, own score, evidence. */
const WIDTHS = [16, 77, 17, 17, 38];
const SIZE = 22; // 11 pt

export async function selfAssessmentDocx(t: Translate, d: SelfAssessmentData): Promise<Buffer> {
  const lines = d.items.map((i) => ({ ...i, score: i.score?.value ?? null }));
  const sum = scoreTotals(lines);
  const scoredOf = new Map(sum.areas.map((a) => [a.ref, a.scored]));
  const leaves = new Set(scoredLines(d.items).map((i) => i.ref));
  const explained = d.items.filter((i) => leaves.has(i.ref) && i.score && !i.score.evidence);
  const open = d.items.filter((i) => leaves.has(i.ref) && !i.score);
  const cell = (text: string, k: number, o: { bold?: boolean; left?: boolean } = {}) =>
    tableCell(text, WIDTHS[k]!, { size: SIZE, ...o });
  const row = (i: CriterionLine) => {
    const area = i.depth === 1;
    const own = leaves.has(i.ref)
      ? i.score
        ? scoreText(i.score.value)
        : "—"
      : area
        ? scoreText(scoredOf.get(i.ref) ?? 0)
        : "";
    const proof = i.score?.evidence ?? (i.score?.explanation ? t("selfReport.seeExplanation") : "");
    return new TableRow({
      cantSplit: true,
      children: [
        cell(i.code, 0, { bold: area }),
        cell(i.title, 1, { bold: area, left: true }),
        cell(scoreText(i.max), 2, { bold: area }),
        cell(own, 3, { bold: area }),
        cell(proof, 4, { left: true }),
      ],
    });
  };
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: WIDTHS.map(mm),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: (["code", "criterion", "max", "own", "evidence"] as const).map((k, i) =>
          cell(t(`selfReport.columns.${k}`), i, { bold: true }),
        ),
      }),
      ...d.items.map(row),
      new TableRow({
        children: [
          cell("", 0),
          cell(t("export.total"), 1, { bold: true, left: true }),
          cell(scoreText(sum.total.max), 2, { bold: true }),
          cell(scoreText(sum.total.scored), 3, { bold: true }),
          cell("", 4),
        ],
      }),
    ],
  });
  const date = decreeDate(d.today);
  const body: (Paragraph | Table)[] = [
    documentHeading(t, { unitName: d.unitName, doc: d.doc, date }),
    para(t("export.docTitle"), { align: "center", bold: true, before: 360 }),
    para(t("selfReport.subtitle", { year: d.year }), { align: "center", bold: true }),
    rule(TEXT_WIDTH, 0.25),
    ...addressed(t, d.doc.addressees),
    para(
      t("selfReport.intro", {
        title: d.title,
        owner: d.owner,
        unit: d.unitName,
        scored: scoreText(sum.total.scored),
        max: scoreText(sum.total.max),
      }),
      { indent: true, before: 120 },
    ),
    para(t("selfReport.partScores"), { bold: true, before: 240 }),
    table,
    para(t("selfReport.partExplanations"), { bold: true, before: 240 }),
    ...(explained.length || open.length
      ? [
          ...explained.map((i) => para(`- ${i.ref}. ${i.title}: ${i.score!.explanation ?? ""}`, { indent: true })),
          ...open.map((i) => para(t("selfReport.notScored", { ref: i.ref, title: i.title }), { indent: true })),
        ]
      : [para(t("selfReport.allEvidenced"), { indent: true })]),
    para(t("selfReport.partDifficulties"), { bold: true, before: 240 }),
    para(t("export.leaderWrites"), { italic: true, indent: true }),
    new Paragraph({ spacing: { after: 240 }, children: [] }),
    signatureBlock(t, { doc: d.doc, province: false }),
  ];
  return decreeDocx(body);
}

/** "tu-cham-diem-chi-so-cchc-2026.docx". */
export function selfAssessmentFileName(year: number): string {
  return `tu-cham-diem-chi-so-cchc-${year}.docx`;
}
