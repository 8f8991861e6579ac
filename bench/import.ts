/**
 * Import speed: a generated 2,000-task plan and 1,000-person roster, imported
 * into a fresh SQLite file, next to the time exceljs alone takes to read the
 * same files (the floor any xlsx import stands on).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { importPlanFile, importRosterFile } from "../src/import/imports.ts";
import { openDb } from "../src/store/db/db.ts";
import { migrate } from "../src/store/db/migrate.ts";
import { median, report, time } from "./util.ts";

const TIMEFRAMES = [
  "Quý I, Quý III",
  "Thường xuyên",
  "Quý I–IV/2026",
  "Hàng năm",
  "Tháng 11 hàng năm",
  "6 tháng, 01 năm",
  "Khi có yêu cầu",
  "14/01/2026",
  "Quý II",
];
const DEPARTMENTS = Array.from({ length: 40 }, (_, i) => `Phòng Nghiệp vụ số ${i + 1}`);

export async function writeFiles(dir: string) {
  const plan = new ExcelJS.Workbook();
  const ws = plan.addWorksheet("Phụ lục");
  ws.addRow(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"]);
  ws.addRow(["STT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian thực hiện", "Ghi chú"]);
  for (let a = 0; a < 20; a++) {
    ws.addRow([
      [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
        "XIV",
        "XV",
        "XVI",
        "XVII",
        "XVIII",
        "XIX",
        "XX",
      ][a],
      `LĨNH VỰC ${a + 1}`,
    ]);
    for (let k = 1; k <= 100; k++) {
      ws.addRow([
        k,
        `Nhiệm vụ ${a + 1}.${k}: rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền`,
        "Báo cáo kết quả",
        DEPARTMENTS[(a * 7 + k) % 40],
        "Các khoa, phòng",
        TIMEFRAMES[k % TIMEFRAMES.length],
        "",
      ]);
    }
  }
  const planFile = path.join(dir, "plan.xlsx");
  await plan.xlsx.writeFile(planFile);
  const roster = new ExcelJS.Workbook();
  const rs = roster.addWorksheet("Cán bộ");
  rs.addRow(["STT", "Họ và tên", "Số điện thoại", "Khoa/Phòng", "Chức vụ"]);
  for (let i = 0; i < 1000; i++) {
    rs.addRow([
      i + 1,
      `Nguyễn Văn ${i + 1}`,
      `09${String(10_000_000 + i).padStart(8, "0")}`,
      DEPARTMENTS[i % 40],
      i < 40 ? "Trưởng phòng" : "Viên chức",
    ]);
  }
  const rosterFile = path.join(dir, "staff.xlsx");
  await roster.xlsx.writeFile(rosterFile);
  return { planFile, rosterFile };
}

export async function benchImport(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-import-"));
  try {
    const { planFile, rosterFile } = await writeFiles(dir);
    const template = path.join(dir, "template.db");
    migrate(template);
    const runs = 5;
    const read: number[] = [];
    const full: number[] = [];
    const again: number[] = [];
    for (let i = 0; i < runs; i++) {
      read.push(
        await time(async () => {
          for (const f of [planFile, rosterFile]) await new ExcelJS.Workbook().xlsx.readFile(f);
        }),
      );
      const file = path.join(dir, `run${i}.db`);
      fs.copyFileSync(template, file);
      const db = await openDb(file);
      full.push(
        await time(async () => {
          await importRosterFile(db, { file: rosterFile, unitName: "Bench", now: new Date() });
          await importPlanFile(db, { file: planFile, unitName: "Bench", year: 2026, now: new Date() });
        }),
      );
      again.push(
        await time(() => importPlanFile(db, { file: planFile, unitName: "Bench", year: 2026, now: new Date() })),
      );
      if (i === 0) {
        const [tasks, occ, asg] = await Promise.all([db.task.count(), db.occurrence.count(), db.assignment.count()]);
        console.log(`  rows written: ${tasks} tasks, ${occ} occurrences, ${asg} assignments, 1000 staff`);
      }
      await db.$disconnect();
    }
    report("import 2,000 tasks + 1,000 staff (xlsx)", [
      ["exceljs read only (baseline)", median(read)],
      ["full import: read, parse, write", median(full)],
      ["re-import of the same plan", median(again)],
    ]);
    console.log(`  ratio full/baseline: ${(median(full) / median(read)).toFixed(2)}x (median of ${runs})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
