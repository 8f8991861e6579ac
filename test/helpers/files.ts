/** Builds real .xlsx and .docx files in a temp folder, the way users' files are made. */
import fs from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
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
