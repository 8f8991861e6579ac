/**
 * The building blocks of the workbooks a unit prints: a header row that
 * reads as one, every cell of a table ruled, rows as tall as their wrapped
 * text, A4 landscape one page wide with the header on each page.
 */
import type ExcelJS from "exceljs";

const THIN = { style: "thin" as const, color: { argb: "FF999999" } };
export const TABLE_BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The table's header row: bold, centred, wrapped, ruled and shaded. Returns its row number. */
export function tableHeader(ws: ExcelJS.Worksheet, names: string[]): number {
  const row = ws.addRow(names);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  row.eachCell((cell) => {
    cell.border = TABLE_BORDER;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
  });
  return row.number;
}

/** Every cell of the table's rows after the header ruled and wrapped, the empty ones too: a blank cell is part of the grid. */
export function ruleTable(ws: ExcelJS.Worksheet, headerRow: number, to = ws.rowCount): void {
  ws.eachRow((row, n) => {
    if (n <= headerRow || n > to) return;
    for (let col = 1; col <= ws.columnCount; col++) {
      const cell = row.getCell(col);
      cell.border = TABLE_BORDER;
      cell.alignment = { wrapText: true, vertical: "top" };
    }
  });
}

/**
 * Rows tall enough for their wrapped text, from the header row down: Excel
 * does not grow a row written by a program. A cell merged across the row
 * (a heading, a note) wraps over the columns it spans, not its first one;
 * bold text runs wider.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, from: number): void {
  const widths = (ws.columns ?? []).map((c) => c.width ?? 10);
  ws.eachRow((row, n) => {
    if (n < from) return;
    let lines = 1;
    row.eachCell((cell, col) => {
      // The other cells of a merged range show the first one's text, which wraps over all of them.
      if (cell.isMerged && cell.master !== cell) return;
      const text = String(cell.value ?? "");
      const span = cell.isMerged && cell.master === cell ? mergedWidth(ws, row.number, col, widths) : widths[col - 1];
      const per = Math.max(1, Math.floor((span ?? 10) * (cell.font?.bold || row.font?.bold ? 0.9 : 1.2)));
      lines = Math.max(
        lines,
        text.split("\n").reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / per)), 0),
      );
    });
    row.height = Math.min(409, 15 * lines + 3);
  });
}

/** The width of the columns a merged cell spans from `col` on its row. */
function mergedWidth(ws: ExcelJS.Worksheet, rowNumber: number, col: number, widths: readonly number[]): number {
  let width = widths[col - 1] ?? 10;
  for (
    let c = col + 1;
    c <= widths.length && ws.getRow(rowNumber).getCell(c).master.address === ws.getRow(rowNumber).getCell(col).address;
    c++
  )
    width += widths[c - 1] ?? 10;
  return width;
}

export function printable(ws: ExcelJS.Worksheet, headerRow: number): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  ws.views = [{ state: "frozen", ySplit: headerRow }];
}
