/**
 * Any table file to sheets of text cells. Units keep their plans as .xlsx,
 * .csv (often with ";" from a Vietnamese Excel) or a table inside .docx.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { parse as parseHtml, type HTMLElement } from "node-html-parser";
import type { Row, Sheet } from "../domain/tables/sheet.ts";
import { UserError } from "../errors.ts";

export async function readTableFile(file: string): Promise<Sheet[]> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (![".xlsx", ".csv", ".docx"].includes(ext)) {
    throw UserError.of(ext === ".xls" ? "import.oldExcel" : "import.wrongExtension", { file: name, ext: ext || name });
  }
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch {
    throw UserError.of("import.notFound", { file });
  }
  if (data.length === 0 || (ext === ".csv" && data.toString("utf8").replace(/^\uFEFF/, "").trim() === "")) {
    throw UserError.of("import.empty", { file: name });
  }
  const corrupt = (format: string, e: unknown) =>
    UserError.of("import.corrupt", { file: name, format, detail: String((e as Error)?.message ?? e).split("\n")[0]!.slice(0, 120) });
  if (ext === ".csv") {
    try {
      return [readCsv(name, data)];
    } catch (e) {
      throw corrupt("CSV", e);
    }
  }
  if (ext === ".xlsx") {
    let sheets: Sheet[];
    try {
      sheets = await readXlsx(data);
    } catch (e) {
      throw corrupt("Excel .xlsx", e);
    }
    if (sheets.every((s) => s.rows.length === 0)) throw UserError.of("import.empty", { file: name });
    return sheets;
  }
  let sheets: Sheet[];
  try {
    sheets = await readDocx(data);
  } catch (e) {
    throw corrupt("Word .docx", e);
  }
  if (sheets.length === 0) throw UserError.of("import.noTable", { file: name });
  return sheets;
}

function readCsv(name: string, data: Buffer): Sheet {
  const text = data.toString("utf8").replace(/^\uFEFF/, "");
  const records = parseCsv(text, {
    delimiter: guessDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  return { name, rows: records.map((cells, i) => ({ number: i + 1, cells })) };
}

/** The delimiter that splits the first lines most evenly: Excel in Vietnamese locale writes ";". */
function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 10).map((l) => l.replace(/"[^"]*"/g, ""));
  let best = ",";
  let bestScore = 0;
  for (const d of [",", ";", "\t"]) {
    const score = Math.min(...lines.map((l) => l.split(d).length - 1));
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

async function readXlsx(data: Buffer): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: Row[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        // A merged range holds its text in the top-left cell only.
        cells[col - 1] = cell.isMerged && cell.master !== cell ? "" : cellText(cell.value);
      });
      rows.push({ number, cells: Array.from(cells, (c) => c ?? "") });
    });
    return { name: ws.name, rows };
  });
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return `${value.getUTCDate().toString().padStart(2, "0")}/${(value.getUTCMonth() + 1).toString().padStart(2, "0")}/${value.getUTCFullYear()}`;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

async function readDocx(data: Buffer): Promise<Sheet[]> {
  const { value: html } = await mammoth.convertToHtml({ buffer: data });
  const root = parseHtml(html);
  return root.querySelectorAll("table").map((table, i) => ({ name: `table ${i + 1}`, rows: tableRows(table) }));
}

/** HTML rows to a grid: a cell spanning columns or rows leaves empty cells behind it. */
function tableRows(table: HTMLElement): Row[] {
  const rows: Row[] = [];
  const carried = new Map<number, number>(); // column → rows still covered by a rowspan
  table.querySelectorAll("tr").forEach((tr, r) => {
    const cells: string[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((carried.get(col) ?? 0) > 0) {
        carried.set(col, carried.get(col)! - 1);
        cells[col++] = "";
      }
    };
    for (const td of tr.querySelectorAll("td, th")) {
      skipCovered();
      const paragraphs = td.querySelectorAll("p");
      const text = (paragraphs.length ? paragraphs.map((p) => p.text) : [td.text]).map((t) => t.trim()).filter(Boolean).join("\n");
      const colspan = Number(td.getAttribute("colspan") ?? 1);
      const rowspan = Number(td.getAttribute("rowspan") ?? 1);
      for (let k = 0; k < colspan; k++) {
        if (rowspan > 1) carried.set(col, rowspan - 1);
        cells[col++] = k === 0 ? text : "";
      }
    }
    skipCovered();
    rows.push({ number: r + 1, cells: Array.from(cells, (c) => c ?? "") });
  });
  return rows;
}
