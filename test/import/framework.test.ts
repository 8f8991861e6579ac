/**
 * A framework plan (a Sở's five-year plan): Mục tiêu / Nhiệm vụ / Hoạt động,
 * the objective and task cells merged down over their activities, timeframes
 * "Hằng năm" and "2026-2030". Each activity is a task of its own, its text
 * whole, under its task and objective; "Hằng năm" falls due every year of the
 * span, "2026-2030" at its end. Built here as the .docx and .xlsx units get.
 */
import fs from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importPlanFile } from "../../src/import/imports.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { writeText, writeXlsx } from "../helpers/files.ts";
import { planOverview } from "../../src/store/plan/overview.ts";

const UNIT = "Sở Y tế Thử nghiệm";
const NOW = new Date("2026-01-12T02:00:00Z");
const TITLE = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2026-2030";
const HEADER = [
  "TT",
  "Mục tiêu",
  "Nhiệm vụ",
  "Hoạt động",
  "Kết quả/Sản phẩm",
  "Chủ trì",
  "Phối hợp",
  "Thời gian hoàn thành",
];
const SECTION = "CẢI CÁCH THỦ TỤC HÀNH CHÍNH (2 Mục tiêu; 3 Nhiệm vụ; 3 Hoạt động)";
const O1 = "Mục tiêu 1. Nâng cao chất lượng giải quyết thủ tục hành chính, lấy người dân làm trung tâm";
const O2 = "Mục tiêu 2. Xây dựng chính quyền số trong ngành y tế";
const T1 = "Nhiệm vụ 1: Rà soát, đơn giản hóa thủ tục hành chính";
const T2 = "Nhiệm vụ 2: Số hóa hồ sơ, kết quả giải quyết TTHC";
const T3 = "Nhiệm vụ 3: Ký số văn bản điện tử";
const A1 =
  "Hoạt động 1: Rà soát toàn bộ thủ tục hành chính thuộc thẩm quyền giải quyết của Sở, đề xuất phương án đơn giản hóa, cắt giảm ít nhất 20% chi phí tuân thủ";
const A2 = "Hoạt động 2: Công khai đầy đủ, kịp thời thủ tục hành chính trên Cổng Dịch vụ công quốc gia";
const A3 = "Hoạt động 3: Số hóa 100% hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực";
/** The rows as printed, as in Lai Châu's framework plan; null is a cell merged into the one above. */
const ROWS: (string | null)[][] = [
  ["III", SECTION, "", "", "", "", "", ""],
  ["1", O1, T1, A1, "Báo cáo rà soát", "Văn phòng", "Các phòng chuyên môn", "Hàng năm"],
  [null, null, null, A2, "Danh mục TTHC", "Văn phòng", "", "Quý I"],
  [null, null, T2, A3, "Kho dữ liệu số", "Phòng Kế hoạch - Tài chính", "", "2026-2030"],
  ["2", O2, T3, "", "Văn bản ký số", "Văn phòng", "", "Năm 2027"],
];

/** Word's vertical merges: a cell spanning down over the rows whose cell is null. */
async function frameworkDocx(dir: string): Promise<string> {
  const span = (r: number, c: number) => {
    let n = 1;
    while (ROWS[r + n]?.[c] === null) n++;
    return n;
  };
  const table = new Table({
    rows: [
      new TableRow({ children: HEADER.map((h) => new TableCell({ children: [new Paragraph(h)] })) }),
      ...ROWS.map(
        (row, r) =>
          new TableRow({
            children: row.flatMap((cell, c) =>
              cell === null ? [] : [new TableCell({ rowSpan: span(r, c), children: [new Paragraph(cell)] })],
            ),
          }),
      ),
    ],
  });
  const doc = new Document({ sections: [{ children: [new Paragraph(TITLE), table] }] });
  const file = path.join(dir, "khung-2026-2030.docx");
  fs.writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

async function frameworkXlsx(dir: string): Promise<string> {
  const merges: string[] = [];
  ROWS.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell === null || ROWS[r + 1]?.[c] !== null) return;
      let end = r + 1;
      while (ROWS[end + 1]?.[c] === null) end++;
      const col = String.fromCharCode(65 + c);
      merges.push(`${col}${r + 3}:${col}${end + 3}`);
    }),
  );
  return writeXlsx(dir, "khung-2026-2030.xlsx", [[TITLE], HEADER, ...ROWS.map((r) => r.map((c) => c ?? ""))], merges);
}

let t: TestDb;
beforeEach(async () => (t = await freshDb()));
afterEach(async () => t.close());

describe("a framework plan", () => {
  for (const [format, build] of [
    ["docx", frameworkDocx],
    ["xlsx", frameworkXlsx],
  ] as const) {
    it(`.${format}: each activity is a task under its task and objective, its text whole, due in every year it names`, async () => {
      const file = await build(t.dir);
      const r = await importPlanFile(t.db, { file, year: 2026, unitName: UNIT, now: NOW });
      expect(r.tasks).toBe(4);
      const areas = await t.db.area.findMany({ orderBy: { position: "asc" } });
      const title = new Map(areas.map((a) => [a.id, a.title]));
      const parent = new Map(areas.map((a) => [a.id, a.parentId]));
      const tasks = await t.db.task.findMany({ include: { occurrences: true }, orderBy: { position: "asc" } });
      expect(
        tasks.map((x) => ({
          ref: x.ref,
          content: x.content,
          under: [
            title.get(parent.get(parent.get(x.areaId!) ?? -1) ?? -1),
            title.get(parent.get(x.areaId!) ?? -1),
            title.get(x.areaId!),
          ],
          due: x.occurrences.map((o) => o.dueDate).sort(),
        })),
      ).toEqual([
        {
          ref: "III.1.1.1",
          content: A1,
          under: [SECTION, O1, T1],
          due: ["2026-12-31", "2027-12-31", "2028-12-31", "2029-12-31", "2030-12-31"],
        },
        {
          ref: "III.1.1.2",
          content: A2,
          under: [SECTION, O1, T1],
          due: ["2026-03-31", "2027-03-31", "2028-03-31", "2029-03-31", "2030-03-31"],
        },
        { ref: "III.1.2.3", content: A3, under: [SECTION, O1, T2], due: ["2030-12-31"] },
        // A task with no activities of its own is the task.
        { ref: "III.2.3", content: T3, under: [undefined, SECTION, O2], due: ["2027-12-31"] },
      ]);
      expect(r.warnings.filter((w) => w.key.startsWith("timeframe.") || w.key.startsWith("plan.no"))).toEqual([]);
    });
  }

  it("is one plan over its span, beside the yearly plan of its first year: both are kept, and each re-import finds its own", async () => {
    const framework = await frameworkXlsx(t.dir);
    await importPlanFile(t.db, { file: framework, year: 2026, unitName: UNIT, now: NOW });
    const yearly = writeText(
      t.dir,
      "kh-2026.csv",
      "STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện\nI,CÔNG TÁC CHỈ ĐẠO,,\n1,Xây dựng kế hoạch CCHC năm 2026,Văn phòng Sở,Quý I\n",
    );
    await importPlanFile(t.db, { file: yearly, year: 2026, unitName: UNIT, now: NOW });
    const plans = async () =>
      (await t.db.plan.findMany({ orderBy: { id: "asc" }, include: { _count: { select: { tasks: true } } } })).map(
        (p) => [p.year, p.framework, p.spanTo, p._count.tasks],
      );
    expect(await plans()).toEqual([
      [2026, true, 2030, 4],
      [2026, false, null, 1],
    ]);
    // Each imported again (the framework as if for another year): nothing doubled, nothing retired.
    await importPlanFile(t.db, { file: framework, year: 2027, unitName: UNIT, now: NOW });
    await importPlanFile(t.db, { file: yearly, year: 2026, unitName: UNIT, now: NOW });
    expect(await plans()).toEqual([
      [2026, true, 2030, 4],
      [2026, false, null, 1],
    ]);
    expect(await t.db.task.count({ where: { removedAt: null } })).toBe(5);
    // A year with no plan of its own shows the framework that covers it.
    expect((await planOverview(t.db, { unitName: UNIT, year: 2028, today: "2028-01-10" }))?.tasks).toHaveLength(4);
    expect((await planOverview(t.db, { unitName: UNIT, year: 2026, today: "2026-01-10" }))?.tasks).toHaveLength(1);
  });

  it("a framework imported before plans had their kind (kept as its first year's plan) becomes the framework when imported again", async () => {
    const framework = await frameworkXlsx(t.dir);
    await importPlanFile(t.db, { file: framework, year: 2026, unitName: UNIT, now: NOW });
    // As an earlier version stored it.
    await t.db.plan.updateMany({ data: { framework: false, spanTo: null } });
    const before = await t.db.task.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    await importPlanFile(t.db, { file: framework, year: 2026, unitName: UNIT, now: NOW });
    const plans = await t.db.plan.findMany();
    expect(plans.map((p) => [p.year, p.framework, p.spanTo])).toEqual([[2026, true, 2030]]);
    // The same tasks, their history with them.
    expect(await t.db.task.findMany({ select: { id: true }, orderBy: { id: "asc" } })).toEqual(before);
  });
});
