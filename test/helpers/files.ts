/** Builds real .xlsx and .docx files in a temp folder, the way users' files are made. */
import fs from "node:fs";
import path from "node:path";
import {
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import ExcelJS from "exceljs";

/** merges: "A3:A4" ranges, as a PDF-to-Excel export leaves them (the text in the top-left cell). */
export async function writeXlsx(
  dir: string,
  name: string,
  rows: (string | number | null)[][],
  merges: string[] = [],
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

export async function writeDocx(
  dir: string,
  name: string,
  rows: string[][],
  before = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026",
): Promise<string> {
  const table = new Table({
    rows: rows.map(
      (r) =>
        new TableRow({
          children: r.map((c) => new TableCell({ children: c.split("\n").map((line) => new Paragraph(line)) })),
        }),
    ),
  });
  const doc = new Document({ sections: [{ children: [new Paragraph(before), table] }] });
  const file = path.join(dir, name);
  fs.writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

/** Several tables one after another, as Word leaves a table split across pages. */
export async function writeDocxTables(
  dir: string,
  name: string,
  tables: string[][][],
  before: string[],
): Promise<string> {
  const children = before.map((line) => new Paragraph(line)) as (Paragraph | Table)[];
  tables.forEach((rows, i) => {
    if (i > 0) children.push(new Paragraph(""));
    children.push(
      new Table({
        rows: rows.map(
          (r) =>
            new TableRow({
              children: r.map((c) => new TableCell({ children: c.split("\n").map((line) => new Paragraph(line)) })),
            }),
        ),
      }),
    );
  });
  const doc = new Document({ sections: [{ children }] });
  const file = path.join(dir, name);
  fs.writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

export function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n");
}

export function writeText(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A1-style range ("B2:F2") to zero-based corners. */
function rangeOf(ref: string): { top: number; left: number; bottom: number; right: number } {
  const cell = (a: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(m[2]) - 1, col };
  };
  const [from, to] = ref.split(":").map(cell);
  return { top: from!.row, left: from!.col, bottom: to!.row, right: to!.col };
}

/**
 * One table as Word keeps merged cells: a cell merged across has gridSpan, one
 * merged down has vMerge on the cells below (docx writes those), and only the
 * first cell of a range has text. `rows` and `merges` are the same grid and
 * ranges as writeXlsx takes.
 */
export async function writeDocxGrid(
  dir: string,
  name: string,
  rows: string[][],
  merges: string[],
  before: string[],
): Promise<string> {
  const ranges = merges.map(rangeOf);
  const covered = (r: number, c: number) =>
    ranges.some((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right && !(r === x.top && c === x.left));
  // A4 landscape, fixed column widths and the header repeated on each page, as plans are typed.
  const widths = [6, 34, 18, 16, 12, 14].map((p) => Math.round((14838 * p) / 100));
  const spanWidth = (c: number, span: number) => widths.slice(c, c + span).reduce((a, b) => a + b, 0);
  const table = new Table({
    width: { size: 14838, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: r === 0,
          cantSplit: false,
          children: cells.flatMap((text, c) => {
            if (covered(r, c)) return [];
            const range = ranges.find((x) => x.top === r && x.left === c);
            const span = range ? range.right - range.left + 1 : 1;
            return [
              new TableCell({
                children: text
                  .split("\n")
                  .map(
                    (line) =>
                      new Paragraph({ children: [new TextRun({ text: line, font: "Times New Roman", size: 24 })] }),
                  ),
                width: { size: spanWidth(c, span), type: WidthType.DXA },
                columnSpan: range ? span : undefined,
                rowSpan: range ? range.bottom - range.top + 1 : undefined,
              }),
            ];
          }),
        }),
    ),
  });
  const doc = new Document({
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 },
            margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 },
          },
        },
        children: [...before.map((line) => new Paragraph(line)), table],
      },
    ],
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}
