/** The building blocks of the Decree 30 documents: Times New Roman 14, A4 with its margins, borderless layout tables. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Header,
  type ISectionOptions,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from "docx";

export const FONT = "Times New Roman";
export const BODY = 28; // half-points: 14 pt
export const SMALL = 24; // 12 pt, for "Nơi nhận"
export const mm = (v: number) => Math.round((v / 25.4) * 1440);
export const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
export const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

export interface Style {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: "center" | "left" | "justified";
  underline?: boolean;
  indent?: boolean;
  before?: number;
}

export function para(text: string | ParagraphChild[], s: Style = {}): Paragraph {
  const align =
    s.align === "center" ? AlignmentType.CENTER : s.align === "left" ? AlignmentType.LEFT : AlignmentType.JUSTIFIED;
  const run = (x: string) =>
    new TextRun({
      text: x,
      bold: s.bold,
      italics: s.italic,
      font: FONT,
      size: s.size ?? BODY,
      ...(s.underline ? { underline: {} } : {}),
    });
  return new Paragraph({
    alignment: align,
    spacing: { before: s.before ?? 0, after: 60, line: 300 },
    ...(s.indent ? { indent: { firstLine: mm(10) } } : {}),
    children: typeof text === "string" ? [run(text)] : text,
  });
}

/** A table cell's own left and right margin, in twentieths of a point, as Word and LibreOffice default it. */
export const CELL_MARGIN = 108;

/** The text width of an A4 page with the decree's 30 mm and 15 mm side margins. */
export const TEXT_WIDTH = mm(210 - 30 - 15);

export function twoColumns(left: Paragraph[], right: Paragraph[], leftShare = 40): Table {
  // Fixed widths in twentieths of a point: Word and LibreOffice both honour them, not every reader honours percentages.
  const widths = [Math.round((TEXT_WIDTH * leftShare) / 100), TEXT_WIDTH - Math.round((TEXT_WIDTH * leftShare) / 100)];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: widths[0]!, type: WidthType.DXA }, borders: NO_BORDERS, children: left }),
          new TableCell({ width: { size: widths[1]!, type: WidthType.DXA }, borders: NO_BORDERS, children: right }),
        ],
      }),
    ],
  });
}

/** A short solid rule centred under the line above: `share` of `width` (Decree 30: a third to a half). */
export function rule(width: number, share: number): Paragraph {
  const side = Math.round((width * (1 - share)) / 2);
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 60, line: 120 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [],
  });
}

export const THIN = { style: BorderStyle.SINGLE, size: 4, color: "666666" };

/** A ruled table cell `width` mm wide, its text centred (or left), in half-points `size`. */
export function tableCell(
  text: string,
  width: number,
  o: { bold?: boolean; left?: boolean; italic?: boolean; size: number; span?: number },
): TableCell {
  return new TableCell({
    width: { size: mm(width), type: WidthType.DXA },
    ...(o.span ? { columnSpan: o.span } : {}),
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 20, bottom: 20, left: 60, right: 60 },
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
    children: [
      new Paragraph({
        alignment: o.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { before: 0, after: 0, line: 240 },
        children: [new TextRun({ text, bold: o.bold, italics: o.italic, font: FONT, size: o.size })],
      }),
    ],
  });
}

/** The page number alone, centred, 13 pt: the header of every page but the first. */
export function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
      }),
    ],
  });
}

/** A Decree 30 document's A4 portrait section: margins 20/20/30/15 mm, the page number from page 2, centred in the top margin. */
function decreeSection(children: ISectionOptions["children"]): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: 11906, height: 16838 },
        margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10) },
      },
    },
    headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
    children,
  };
}

/** A Decree 30 document packed: Times New Roman 14, its first section the portrait body, then any others (annexes). */
export function decreeDocx(body: ISectionOptions["children"], more: ISectionOptions[] = []): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [decreeSection(body), ...more],
  });
  return Packer.toBuffer(doc);
}
