/**
 * The parts every Decree 30/2020/NĐ-CP document of the bot shares: the
 * heading (governing body, issuer, number; nation, motto, place and date),
 * "Kính gửi", and "Nơi nhận" with the signature block.
 */
import { Paragraph, Table, TableLayoutType, TableRow, WidthType } from "docx";
import { agencyLines, decreeDate, issuerName, signatureTitle } from "../domain/document.ts";
import type { DocumentSettings } from "../domain/settings.ts";
import type { Translate } from "../i18n.ts";
import { CELL_MARGIN, decreeDocx, mm, para, rule, SMALL, tableCell, TEXT_WIDTH, twoColumns } from "./docx-parts.ts";

export type ReportDocumentSettings = Omit<DocumentSettings, "unitDisplayName">;

/**
 * Decree 30's heading: on the left the body above in capitals, the issuer in
 * bold capitals broken where a reader would break it, a short rule under it,
 * the number; on the right the nation and motto, then place and date.
 */
export function documentHeading(
  t: Translate,
  d: { unitName: string; doc: ReportDocumentSettings; date: { day: string; month: string; year: string } },
): Table {
  const issuer = agencyLines(issuerName(d.unitName, d.doc.superiorBody));
  const longest = Math.max(...issuer.map((l) => l.length));
  const cellInside = Math.round(TEXT_WIDTH * 0.36) - 2 * CELL_MARGIN;
  return twoColumns(
    [
      ...agencyLines(d.doc.superiorBody, 30).map((l) => para(l, { align: "center", size: 26 })),
      ...issuer.map((l) => para(l, { align: "center", bold: true, size: 26 })),
      // Under the issuer's name, 40% of its longest line (a 13 pt bold capital is about 2.6 mm wide),
      // centred in what the cell leaves inside its margins.
      rule(cellInside, Math.min(0.9, mm(0.4 * 2.6 * longest) / cellInside)),
      para(t("export.number", { abbrev: d.doc.unitAbbrev }), { align: "center", size: 26, before: 120 }),
    ],
    [
      para(t("export.nation"), { align: "center", bold: true, size: 24 }),
      para(t("export.motto"), { align: "center", bold: true, underline: true }),
      para(t("export.placeDate", { place: d.doc.place ? `${d.doc.place}, ` : "", ...d.date }), {
        align: "center",
        italic: true,
        before: 120,
      }),
    ],
    36,
  );
}

/** "Kính gửi: X." on one line; several bodies, one a line under it. */
export function addressed(t: Translate, bodies: readonly string[]): Paragraph[] {
  if (bodies.length === 1) return [para(t("export.to", { body: bodies[0]! }), { align: "center", before: 120 })];
  return [
    para(t("export.toMany"), { align: "center", before: 120 }),
    ...bodies.map((b, i) => para(`- ${b}${i === bodies.length - 1 ? "." : ";"}`, { align: "center" })),
  ];
}

/** "Nơi nhận" on the left; the signer's title ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC") and name on the right, no hints. */
export function signatureBlock(t: Translate, d: { doc: ReportDocumentSettings; province: boolean }): Table {
  return twoColumns(
    [
      para(t("export.recipients"), { bold: true, italic: true, size: SMALL, align: "left" }),
      ...t(d.province ? "export.recipientLinesProvince" : "export.recipientLines")
        .split("\n")
        .map((x) => para(x, { size: 22, align: "left" })),
    ],
    [
      ...signatureTitle(d.doc.leaderTitle, d.doc.deputyTitle).map((l) => para(l, { bold: true, align: "center" })),
      new Paragraph({ spacing: { before: 1400 }, children: [] }),
      para(d.doc.leaderName, { bold: true, align: "center" }),
    ],
    50,
  );
}

export interface TableDocument {
  unitName: string;
  doc: ReportDocumentSettings;
  today: string;
  title: string;
  subtitle: string;
  /** Paragraphs before the table. */
  intro: string[];
  /** Column widths in mm (165 in all, portrait). */
  widths: number[];
  header: string[];
  rows: { cells: string[]; bold?: number[] }[];
  /** Columns read left-aligned (names); the rest centred. */
  left: number[];
  size: number;
}

/** A body's signed table (a rating, a ranking): heading, title, intro, the table, the signature. */
export async function tableDocument(t: Translate, d: TableDocument): Promise<Buffer> {
  const cell = (text: string, k: number, o: { bold?: boolean } = {}) =>
    tableCell(text, d.widths[k]!, { size: d.size, left: d.left.includes(k), ...o });
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: d.widths.map(mm),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: d.header.map((h, k) => cell(h, k, { bold: true })) }),
      ...d.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.cells.map((text, k) => cell(text, k, { bold: r.bold?.includes(k) ?? false })),
          }),
      ),
    ],
  });
  return decreeDocx([
    documentHeading(t, { unitName: d.unitName, doc: d.doc, date: decreeDate(d.today) }),
    para(d.title, { align: "center", bold: true, before: 360 }),
    para(d.subtitle, { align: "center", bold: true }),
    rule(TEXT_WIDTH, 0.25),
    ...d.intro.map((text, i) => para(text, { indent: true, ...(i === 0 ? { before: 120 } : {}) })),
    table,
    new Paragraph({ spacing: { after: 240 }, children: [] }),
    signatureBlock(t, { doc: d.doc, province: true }),
  ]);
}
