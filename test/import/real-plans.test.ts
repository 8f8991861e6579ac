/**
 * Plans as admins really get them: the appendix copied out of a signed PDF or
 * a Word file, with continuation rows for extra products and deadlines,
 * content cut by a page break, the header repeated on every page, numbered
 * sections, a shifted row. The same layout as .csv, .xlsx with merged cells
 * and .docx split into several tables must read the same.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readPlanTable, type PlanDraft } from "../../src/domain/tables/plan.ts";
import { translator } from "../../src/i18n.ts";
import { importPlanFile, importRosterFile, readRosterFile } from "../../src/import/imports.ts";
import { readTableFile } from "../../src/import/read-table.ts";
import { savePlan } from "../../src/store/plan/plans.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { toCsv, writeDocxTables, writeText, writeXlsx } from "../helpers/files.ts";

const vi = translator("vi");
const UNIT = "Trung tâm Y tế khu vực Mai Châu";
const NOW = new Date("2026-01-12T02:00:00Z");
let t: TestDb;
beforeEach(async () => (t = await freshDb()));
afterEach(async () => t.close());

const TITLE = ["KẾ HOẠCH", "Cải cách hành chính Trung tâm Y tế khu vực Mai Châu năm 2026"];
const HEADER = ["STT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian thực hiện"];
const TCHC = "Phòng Tổ chức - Hành chính";
const KHNV = "Phòng Kế hoạch - Nghiệp vụ";

// Three pages of one appendix. Each page but the first repeats the header.
const PAGE1 = [
  HEADER,
  ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
  ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", "", ""],
  ["1", "Xây dựng và ban hành Kế hoạch CCHC năm 2026", "- Kế hoạch", TCHC, "Các khoa, phòng", "Quý I/2026"],
  ["", "", "- Báo cáo", "", "", "6 tháng, 01 năm"],
  ["2", "Tuyên truyền về cải cách hành chính trên trang thông tin điện tử của", "Tin, bài", KHNV, "", "Thường"],
];
const PAGE2 = [
  ["", "đơn vị và các nhóm Zalo của khoa, phòng;", "", "", "", "xuyên"],
  ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""],
  ["", "", "", "", "", "Quý II"],
  ["1", "Rà soát, đơn giản hóa thủ tục hành chính;", "Báo cáo rà soát", TCHC, "Các khoa, phòng", "Quý II"],
  ["1.1", "Công bố, công khai TTHC tại bộ phận một cửa;", "Danh mục TTHC", TCHC, "", "Tháng 12/2026"],
  ["", "Kiểm tra việc công khai TTHC", "Biên bản", KHNV, "", "Quý III"],
];
const PAGE3 = [
  HEADER,
  ["III", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "", "", "", ""],
  ["1", "Công tác tổ chức cán bộ", "", "", "", ""],
  ["1.1", "Rà soát vị trí việc làm", "Đề án", TCHC, "", "Quý III"],
  ["1.2", "Sắp xếp, tinh gọn bộ máy", "Quyết định", TCHC, "", "Tháng 11 hàng năm"],
  ["2", "Kiểm tra công vụ", "Báo cáo", "", KHNV, TCHC],
];
const ROWS = [...PAGE1, ...PAGE2, ...PAGE3];

async function draftOf(file: string): Promise<PlanDraft> {
  const r = readPlanTable(await readTableFile(file), { file: "kh", planYear: 2026 });
  if (!r.ok) throw new Error(r.errors.map((e) => vi(e.key, e.params)).join("\n"));
  return r.value;
}

/** What a person reads in the appendix, whatever the file was. */
function reading(d: PlanDraft) {
  return d.tasks.map((x) => ({
    ref: x.ref,
    content: x.content,
    product: x.product,
    lead: x.lead,
    due: x.parsed.dueDates,
  }));
}

const EXPECTED = [
  {
    ref: "I.1",
    content: "Xây dựng và ban hành Kế hoạch CCHC năm 2026",
    product: "- Kế hoạch\n- Báo cáo",
    lead: TCHC,
    due: ["2026-03-31", "2026-06-30", "2026-12-31"],
  },
  {
    ref: "I.2",
    content:
      "Tuyên truyền về cải cách hành chính trên trang thông tin điện tử của đơn vị và các nhóm Zalo của khoa, phòng;",
    product: "Tin, bài",
    lead: KHNV,
    due: ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"],
  },
  {
    ref: "II.1",
    content: "Rà soát, đơn giản hóa thủ tục hành chính;",
    product: "Báo cáo rà soát",
    lead: TCHC,
    due: ["2026-06-30"],
  },
  {
    ref: "II.1.1",
    content: "Công bố, công khai TTHC tại bộ phận một cửa;",
    product: "Danh mục TTHC",
    lead: TCHC,
    due: ["2026-12-31"],
  },
  { ref: "II.3", content: "Kiểm tra việc công khai TTHC", product: "Biên bản", lead: KHNV, due: ["2026-09-30"] },
  { ref: "III.1.1", content: "Rà soát vị trí việc làm", product: "Đề án", lead: TCHC, due: ["2026-09-30"] },
  { ref: "III.1.2", content: "Sắp xếp, tinh gọn bộ máy", product: "Quyết định", lead: TCHC, due: ["2026-11-30"] },
  { ref: "III.2", content: "Kiểm tra công vụ", product: "Báo cáo", lead: "", due: [] },
];

describe("a plan copied out of a PDF or Word file", () => {
  it("csv: continuation rows join their task, page-break content is appended, numbered sections nest", async () => {
    const file = writeText(t.dir, "kh.csv", toCsv([[TITLE[0]!], [TITLE[1]!], [], ...ROWS]));
    const d = await draftOf(file);
    expect(reading(d)).toEqual(EXPECTED);
    expect(d.areas.map((a) => a.path)).toEqual(["I", "II", "III", "III.1"]);
    expect(d.tasks[0]!.timeframe).toBe("Quý I/2026\n6 tháng, 01 năm");
    expect(d.tasks[1]!.parsed.recurring).toBe("quarterly");
    // Warnings, not refusals: each names the file, the row and the column.
    const rows = (n: number) => n + 3; // three lines above the header
    const said = [
      ...d.warnings,
      ...d.tasks.flatMap((x) =>
        x.parsed.warnings.map((w) => ({
          key: `timeframe.${w.code}`,
          params: { file: "kh", row: w.row ?? x.row, column: d.timeframeColumn, text: w.text, year: "" },
        })),
      ),
    ].map((w) => vi(w.key, w.params));
    expect(said).toEqual([
      `kh, dòng ${rows(9)}, cột B (Nội dung nhiệm vụ): dòng có thời gian/chủ trì nhưng không có nhiệm vụ nào ở trên để ghép vào — bỏ qua dòng này`,
      `kh, dòng ${rows(12)}, cột A (STT): nhiệm vụ không có số thứ tự — đặt mã 3`,
      // The shifted row: its department landed in the timeframe column, and nobody leads it.
      `kh, dòng ${rows(18)}, cột D (Chủ trì): nhiệm vụ III.2 không có đơn vị chủ trì — chưa giao cho ai; ghi tên khoa/phòng vào ô này rồi nhập lại`,
      `kh, dòng ${rows(18)}, cột F (Thời gian thực hiện): không đọc được thời gian “${TCHC}” — nhiệm vụ chưa có hạn`,
    ]);
  });

  it("xlsx with merged cells reads the same", async () => {
    // A PDF-to-Excel export merges the number and content of a task over its continuation row, and section titles across.
    const top = 3;
    const at = (i: number) => i + 1 + top; // sheet row of ROWS[i]
    const file = await writeXlsx(
      t.dir,
      "kh.xlsx",
      [[TITLE[0]!], [TITLE[1]!], [], ...ROWS.map((r, i) => (i === 4 ? ["", "", ...r.slice(2)] : r))],
      [`A${at(3)}:A${at(4)}`, `B${at(3)}:B${at(4)}`, `B${at(2)}:F${at(2)}`, `B${at(7)}:F${at(7)}`],
    );
    const d = await draftOf(file);
    expect(reading(d)).toEqual(EXPECTED);
    expect(d.warnings).toHaveLength(3);
  });

  it("docx split into three tables across pages reads every row", async () => {
    const file = await writeDocxTables(t.dir, "kh.docx", [PAGE1, PAGE2, PAGE3], TITLE);
    const d = await draftOf(file);
    expect(reading(d)).toEqual(EXPECTED);
    expect(d.preamble).toEqual(TITLE);
  });

  it("imports into the database with every due date and assigns the heads", async () => {
    await importRosterFile(t.db, {
      file: writeText(
        t.dir,
        "staff.csv",
        `Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ\nAn,0912000001,${TCHC},Trưởng phòng\nBình,0912000002,${KHNV},Trưởng phòng\n`,
      ),
      unitName: UNIT,
      now: NOW,
    });
    const r = await importPlanFile(t.db, {
      file: writeText(t.dir, "kh.csv", toCsv(ROWS)),
      year: 2026,
      unitName: UNIT,
      now: NOW,
    });
    expect(r).toMatchObject({ tasks: 8, created: 8 });
    const i1 = await t.db.task.findFirstOrThrow({
      where: { ref: "I.1" },
      include: { occurrences: { include: { assignments: true }, orderBy: { dueDate: "asc" } } },
    });
    expect(i1.occurrences.map((o) => [o.dueDate, o.assignments.length])).toEqual([
      ["2026-03-31", 1],
      ["2026-06-30", 1],
      ["2026-12-31", 1],
    ]);
    expect(i1.product).toBe("- Kế hoạch\n- Báo cáo");
  });

  it("a plan imported with the old codes (1.1.1 for 1.1) maps onto the new ones: nothing retired, history kept", async () => {
    const file = writeText(t.dir, "kh.csv", toCsv(ROWS));
    const d = await draftOf(file);
    // What earlier versions wrote: every ref and path in its old form.
    const old: PlanDraft = {
      ...d,
      areas: d.areas.map((a) => ({
        ...a,
        path: a.legacyPath,
        parentPath: a.parentPath ? d.areas.find((p) => p.path === a.parentPath)!.legacyPath : null,
      })),
      tasks: d.tasks.map((x) => ({
        ...x,
        ref: x.legacyRef,
        areaPath: x.areaPath ? d.areas.find((a) => a.path === x.areaPath)!.legacyPath : null,
      })),
    };
    expect(old.tasks.map((x) => x.ref)).toContain("III.1.1.1");
    await savePlan(t.db, { unitName: UNIT, year: 2026, title: "kh", sourceFile: "kh.csv", draft: old, now: NOW });
    const before = await t.db.task.findFirstOrThrow({ where: { ref: "III.1.1.1" } });

    const r = await importPlanFile(t.db, { file, year: 2026, unitName: UNIT, now: NOW });
    expect(r).toMatchObject({ created: 0, removed: 0 });
    expect(await t.db.task.count()).toBe(8);
    expect((await t.db.task.findUniqueOrThrow({ where: { id: before.id } })).ref).toBe("III.1.1");
    expect((await t.db.area.findMany({ orderBy: { position: "asc" } })).map((a) => a.path)).toEqual([
      "I",
      "II",
      "III",
      "III.1",
    ]);
  });
});

describe("a staff list with bad rows", () => {
  it("imports the good rows, lists the bad ones, and leaves the people they name as they were", async () => {
    const good =
      "Họ tên,SĐT,Đơn vị,Chức vụ\nAn,0912 000 001,Khoa Dược,Trưởng khoa\nBình,0912 000 002,Khoa Dược,Dược sĩ\nChi,0912 000 003,Khoa Dược,Dược sĩ\n";
    await importRosterFile(t.db, { file: writeText(t.dir, "s1.csv", good), unitName: UNIT, now: NOW });
    const bad =
      "Họ tên,SĐT,Đơn vị,Chức vụ\nAn,0912 000 001,Khoa Dược,Trưởng khoa\nBình,12345,Khoa Dược,Dược sĩ\n,0912 000 003,Khoa Dược,\nDũng,0912 000 004,Khoa Dược,Dược sĩ\nDũng B,0912.000.004,Khoa Dược,\n";
    const file = writeText(t.dir, "s2.csv", bad);
    const r = await importRosterFile(t.db, { file, unitName: UNIT, now: NOW });
    expect(r).toMatchObject({ count: 2, created: 1, deactivated: 0 });
    expect(r.warnings.map((w) => vi(w.key, w.params))).toEqual([
      "s2.csv, dòng 3, cột B (SĐT): “12345” không phải số điện thoại Việt Nam",
      "s2.csv, dòng 4, cột A (Họ tên): thiếu họ tên",
      "s2.csv, dòng 6, cột B (SĐT): số 0912.000.004 trùng với dòng 5",
    ]);
    // Bình (bad phone) and Chi (no name) are still active, exactly as before.
    const staff = await t.db.staff.findMany({ orderBy: { phone: "asc" } });
    expect(staff.map((s) => [s.name, s.active])).toEqual([
      ["An", true],
      ["Bình", true],
      ["Chi", true],
      ["Dũng", true],
    ]);
    expect((await readRosterFile(file)).skipped).toHaveLength(3);
  });
});
