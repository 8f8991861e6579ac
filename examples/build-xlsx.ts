/**
 * Rebuilds yen-bai-2026-plan.xlsx from the CSV the way a unit's Excel file
 * looks: a title above the table, wrapped text, section rows merged across.
 * Run: npx tsx examples/build-xlsx.ts
 */
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

const here = new URL(".", import.meta.url).pathname;
const rows = parse(fs.readFileSync(`${here}yen-bai-2026-plan.csv`, "utf8").replace(/^\uFEFF/, "")) as string[][];
const wb = new ExcelJS.Workbook();
wb.creator = "cchc-bot examples";
wb.created = new Date("2026-01-10T00:00:00Z");
wb.modified = wb.created;
const ws = wb.addWorksheet("Phụ lục I");
ws.addRow(["PHỤ LỤC I"]);
ws.addRow(["DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"]);
ws.addRow(["(Kèm theo Kế hoạch số:        /KH-TTYT ngày      tháng 01 năm 2026)"]);
ws.addRow([]);
for (const r of [1, 2, 3]) {
  ws.mergeCells(r, 1, r, 6);
  ws.getRow(r).font = { bold: r < 3, italic: r === 3 };
  ws.getRow(r).alignment = { horizontal: "center" };
}
ws.columns = [{ width: 6 }, { width: 60 }, { width: 36 }, { width: 24 }, { width: 22 }, { width: 14 }];
for (const [i, cells] of rows.entries()) {
  const row = ws.addRow(cells);
  row.alignment = { wrapText: true, vertical: "top" };
  const isSection = i > 0 && !cells[5];
  if (i === 0 || isSection) row.font = { bold: true };
  if (isSection) ws.mergeCells(row.number, 2, row.number, 6);
  row.eachCell({ includeEmpty: true }, (c) => {
    c.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  });
}
await wb.xlsx.writeFile(`${here}yen-bai-2026-plan.xlsx`);
console.log("wrote examples/yen-bai-2026-plan.xlsx");
