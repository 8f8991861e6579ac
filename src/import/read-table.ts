/**
 * Any table file to sheets of text cells. Units keep their plans as .xlsx,
 * .csv (often with ";" from a Vietnamese Excel), a table inside .docx, or
 * the signed copy printed to PDF.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { parse as parseHtml, type HTMLElement } from "node-html-parser";
import type { Row, Sheet } from "../domain/tables/sheet.ts";
import { UserError } from "../errors.ts";
import { readPdf } from "./read-pdf.ts";

/** Larger than any real plan or staff list; what Telegram lets a bot download. */
export const MAX_TABLE_FILE_BYTES = 20 * 1024 * 1024;

export async function readTableFile(file: string): Promise<Sheet[]> {
  const name = path.basename(file);
  checkExtension(name);
  let data: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_TABLE_FILE_BYTES) throw UserError.of("import.tooLarge", { file: name, mb: 20 });
    data = await fs.readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw UserError.of("import.notFound", { file });
  }
  return readTableBuffer(name, data);
}

function checkExtension(name: string): string {
  const ext = path.extname(name).toLowerCase();
  if (![".xlsx", ".csv", ".docx", ".pdf"].includes(ext)) {
    throw UserError.of(ext === ".xls" ? "import.oldExcel" : "import.wrongExtension", { file: name, ext: ext || name });
  }
  return ext;
}

/** The same for bytes that came another way (a file sent to the bot), named by their file name. */
export async function readTableBuffer(name: string, data: Buffer): Promise<Sheet[]> {
  const ext = checkExtension(name);
  if (data.length > MAX_TABLE_FILE_BYTES) throw UserError.of("import.tooLarge", { file: name, mb: 20 });
  if (
    data.length === 0 ||
    (ext === ".csv" &&
      data
        .toString("utf8")
        .replace(/^\uFEFF/, "")
        .trim() === "")
  ) {
    throw UserError.of("import.empty", { file: name });
  }
  const corrupt = (format: string) => UserError.of("import.corrupt", { file: name, format });
  if (ext === ".csv") {
    try {
      return [readCsv(name, data)];
    } catch {
      throw corrupt("CSV");
    }
  }
  if (ext === ".xlsx") {
    let sheets: Sheet[];
    try {
      sheets = await readXlsx(data);
    } catch {
      throw corrupt("Excel .xlsx");
    }
    if (sheets.every((s) => s.rows.length === 0)) throw UserError.of("import.empty", { file: name });
    return sheets;
  }
  if (ext === ".pdf") return readPdf(name, data);
  let sheets: Sheet[];
  try {
    sheets = await readDocx(data);
  } catch {
    throw corrupt("Word .docx");
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
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 10)
    .map((l) => l.replace(/"[^"]*"/g, ""));
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
      const mergedDown: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        // A merged range holds its text in the top-left cell only.
        const covered = cell.isMerged && cell.master !== cell;
        cells[col - 1] = covered ? "" : cellText(cell.value);
        if (covered && cell.master.fullAddress.row < number && cell.master.fullAddress.col === col)
          mergedDown[col - 1] = cellText(cell.master.value);
      });
      rows.push({ number, cells: Array.from(cells, (c) => c ?? ""), ...withMergedDown(mergedDown) });
    });
    return { name: ws.name, rows };
  });
}

function withMergedDown(mergedDown: string[]): { mergedDown?: string[] } {
  return mergedDown.some((t) => t) ? { mergedDown: Array.from(mergedDown, (c) => c ?? "") } : {};
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return `${value.getUTCDate().toString().padStart(2, "0")}/${(value.getUTCMonth() + 1).toString().padStart(2, "0")}/${value.getUTCFullYear()}`;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

/**
 * Every table of the document, with the paragraphs above it. A table right
 * after another, with nothing but blank paragraphs between, may be its
 * continuation on the next page (see readPlanTable).
 */
async function readDocx(data: Buffer): Promise<Sheet[]> {
  const { value: html } = await mammoth.convertToHtml({ buffer: data });
  const root = parseHtml(html);
  const sheets: Sheet[] = [];
  let text: string[] = [];
  for (const node of root.childNodes) {
    const el = node as HTMLElement;
    if (el.tagName === "TABLE") {
      sheets.push({
        name: `table ${sheets.length + 1}`,
        rows: tableRows(el),
        continues: sheets.length > 0 && text.length === 0,
        preamble: text,
      });
      text = [];
    } else {
      const line = el.text?.replace(/\s+/g, " ").trim();
      if (line) text.push(line);
    }
  }
  return sheets;
}

/** HTML rows to a grid: a cell spanning columns or rows leaves empty cells behind it. */
function tableRows(table: HTMLElement): Row[] {
  const rows: Row[] = [];
  const carried = new Map<number, { rows: number; text: string }>(); // column → a rowspan still covering it
  table.querySelectorAll("tr").forEach((tr, r) => {
    const cells: string[] = [];
    const mergedDown: string[] = [];
    let col = 0;
    const skipCovered = () => {
      for (let span = carried.get(col); span && span.rows > 0; span = carried.get(col)) {
        span.rows--;
        mergedDown[col] = span.text;
        cells[col++] = "";
      }
    };
    for (const td of tr.querySelectorAll("td, th")) {
      skipCovered();
      const paragraphs = td.querySelectorAll("p");
      const text = (paragraphs.length ? paragraphs.map((p) => p.text) : [td.text])
        .map((t) => t.trim())
        .filter(Boolean)
        .join("\n");
      const colspan = Math.min(Math.max(1, Number(td.getAttribute("colspan")) || 1), 100);
      const rowspan = Math.min(Math.max(1, Number(td.getAttribute("rowspan")) || 1), 10_000);
      for (let k = 0; k < colspan; k++) {
        if (rowspan > 1) carried.set(col, { rows: rowspan - 1, text: k === 0 ? text : "" });
        cells[col++] = k === 0 ? text : "";
      }
    }
    skipCovered();
    rows.push({ number: r + 1, cells: Array.from(cells, (c) => c ?? ""), ...withMergedDown(mergedDown) });
  });
  return rows;
}
