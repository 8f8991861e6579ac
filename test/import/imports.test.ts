import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readPlanTable } from "../../src/domain/tables/plan.ts";
import { UserError } from "../../src/errors.ts";
import { translator } from "../../src/i18n.ts";
import { importIndicatorFile, importPlanFile, importRosterFile } from "../../src/import/imports.ts";
import { readTableFile } from "../../src/import/read-table.ts";
import { counts, planOverview } from "../../src/store/plan/overview.ts";
import { setRole } from "../../src/store/people/staff.ts";
import { example, freshDb, snapshot, type TestDb } from "../helpers/db.ts";
import { writeDocx, writeText } from "../helpers/files.ts";

const vi = translator("vi");
const UNIT = "Trung tâm Y tế khu vực Yên Bái";
const NOW = new Date("2026-01-12T02:00:00Z");
let t: TestDb;
beforeEach(async () => (t = await freshDb()));
afterEach(async () => t.close());

const importPlan = (file: string) => importPlanFile(t.db, { file, year: 2026, unitName: UNIT, now: NOW });
const importStaff = (file: string) => importRosterFile(t.db, { file, unitName: UNIT, now: NOW });

async function rejection(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UserError);
  return (e as UserError).render(vi);
}

describe("importing the Yên Bái example", () => {
  it("yields every task of the appendix with its due dates, assigned to the lead departments' heads", async () => {
    const staff = await importStaff(example("yen-bai-2026-staff.csv"));
    expect(staff).toMatchObject({ count: 16, created: 16, departments: 7, warnings: [] });
    const plan = await importPlan(example("yen-bai-2026-plan.xlsx"));
    expect(plan).toMatchObject({ tasks: 38, created: 38, updated: 0, removed: 0, warnings: [] });
    expect(plan.title).toBe("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026");

    const tasks = await t.db.task.findMany({
      include: { occurrences: { orderBy: { dueDate: "asc" } }, area: true },
      orderBy: { position: "asc" },
    });
    expect(tasks.map((x) => x.ref)).toEqual([
      ...["A.1", "A.2", "A.3", "A.4", "A.5"],
      ...["B.I.1", "B.I.2", "B.I.3", "B.I.4", "B.I.5"],
      ...["B.II.1", "B.II.2", "B.II.3", "B.II.4", "B.II.5", "B.II.6"],
      ...["B.III.1", "B.III.2", "B.III.3", "B.III.4"],
      ...["B.IV.1", "B.IV.2", "B.IV.3", "B.IV.4", "B.IV.5", "B.IV.6", "B.IV.7"],
      ...["B.V.1", "B.V.2", "B.V.3", "B.V.4", "B.V.5"],
      ...["B.VI.1", "B.VI.2", "B.VI.3", "B.VI.4", "B.VI.5", "B.VI.6"],
    ]);
    const due = (ref: string) => tasks.find((x) => x.ref === ref)!.occurrences.map((o) => o.dueDate);
    expect(due("A.1")).toEqual(["2026-03-31", "2026-06-30"]);
    expect(due("B.II.1")).toEqual(["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]);
    expect(due("B.IV.5")).toEqual(["2026-06-30", "2026-12-31"]);
    expect(tasks.find((x) => x.ref === "B.I.1")!.recurrence).toBe("QUARTERLY");
    expect(tasks.find((x) => x.ref === "B.VI.3")!.area!.title).toBe("XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ");
    const areas = await t.db.area.findMany({ orderBy: { position: "asc" } });
    expect(areas.map((a) => a.path)).toEqual(["A", "B", "B.I", "B.II", "B.III", "B.IV", "B.V", "B.VI"]);

    // A.1 is led by two departments: each head gets each quarter.
    const a1 = await t.db.assignment.findMany({
      where: { occurrence: { task: { ref: "A.1" } } },
      include: { staff: true, occurrence: true },
      orderBy: [{ occurrence: { dueDate: "asc" } }, { staffId: "asc" }],
    });
    expect(a1.map((a) => [a.occurrence.dueDate, a.staff.name])).toEqual([
      ["2026-03-31", "Lê Văn Thành"],
      ["2026-03-31", "Vũ Thị Thu Hà"],
      ["2026-06-30", "Lê Văn Thành"],
      ["2026-06-30", "Vũ Thị Thu Hà"],
    ]);
    // "Phòng Điều dưỡng - CTXH" is the roster's "Phòng Điều dưỡng - Công tác xã hội".
    const a5 = await t.db.assignment.findFirst({
      where: { occurrence: { task: { ref: "A.5" } } },
      include: { staff: true },
    });
    expect(a5!.staff.name).toBe("Đinh Thị Nga");
    // "Các khoa, phòng" as lead: every department head but the leadership's.
    const b12 = await t.db.assignment.findMany({
      where: { occurrence: { task: { ref: "B.I.2" }, dueDate: "2026-03-31" } },
      include: { staff: true },
    });
    expect(b12.map((a) => a.staff.name).sort()).toEqual(
      ["Cao Thị Yến", "Lý Văn Quang", "Lê Văn Thành", "Bùi Thị Mai", "Vũ Thị Thu Hà", "Đinh Thị Nga"].sort(),
    );
    expect(await t.db.assignment.count({ where: { staff: { role: { not: "DEPT_HEAD" } } } })).toBe(0);

    const ind = await importIndicatorFile(t.db, {
      file: example("yen-bai-2026-indicators.csv"),
      unitName: UNIT,
      year: 2026,
    });
    expect(ind).toMatchObject({ count: 6, created: 6, warnings: [] });
    // The same file again changes nothing, and says so.
    expect(
      await importIndicatorFile(t.db, { file: example("yen-bai-2026-indicators.csv"), unitName: UNIT, year: 2026 }),
    ).toMatchObject({ count: 6, created: 0, updated: 0 });
    const tthc = await t.db.indicator.findFirst({ where: { code: "TTHC-DH" }, include: { ownerDepartment: true } });
    expect(tthc).toMatchObject({ target: 98, comparator: "GT", unitLabel: "%", period: "QUARTER" });
    expect(tthc!.ownerDepartment!.name).toBe("Phòng Tổ chức - Hành chính");
    const kdtm = await t.db.indicator.findFirst({ where: { code: "KDTM" }, include: { ownerDepartment: true } });
    expect(kdtm!.ownerDepartment!.name).toBe("Phòng Tài chính - Kế toán");
  });

  it("csv and xlsx of the same plan read the same", async () => {
    const [csv, xlsx] = await Promise.all(
      ["yen-bai-2026-plan.csv", "yen-bai-2026-plan.xlsx"].map(async (f) => {
        const r = readPlanTable(await readTableFile(example(f)), { file: "plan", planYear: 2026 });
        if (!r.ok) throw new Error("unreadable");
        return r.value.tasks.map(({ row: _row, continuationRows: _rows, ...task }) => task);
      }),
    );
    expect(xlsx).toEqual(csv);
  });

  it("the plan can come before the roster: assignments appear when the heads do", async () => {
    const plan = await importPlan(example("yen-bai-2026-plan.csv"));
    expect(plan.assignments).toBe(0);
    expect(plan.warnings).toEqual([]);
    const staff = await importStaff(example("yen-bai-2026-staff.csv"));
    const total = await t.db.assignment.count();
    expect(staff.assignments).toBe(total);
    expect(total).toBeGreaterThan(100);
    // And the same count as roster-first.
    const other = await freshDb();
    try {
      await importRosterFile(other.db, { file: example("yen-bai-2026-staff.csv"), unitName: UNIT, now: NOW });
      const r = await importPlanFile(other.db, {
        file: example("yen-bai-2026-plan.csv"),
        year: 2026,
        unitName: UNIT,
        now: NOW,
      });
      expect(r.assignments).toBe(total);
    } finally {
      await other.close();
    }
  });
});

describe("the plan at a glance", () => {
  it("shows a task's earliest open due date, overdue ones included, not the next one to come", async () => {
    await importStaff(example("yen-bai-2026-staff.csv"));
    await importPlan(example("yen-bai-2026-plan.csv"));
    const next = async () =>
      (await planOverview(t.db, { unitName: UNIT, year: 2026, today: "2026-11-25" }))!.tasks.find(
        (x) => x.ref === "B.II.1",
      )!.nextDue;
    expect(await next()).toBe("2026-03-31");
    await t.db.assignment.updateMany({
      where: { occurrence: { task: { ref: "B.II.1" }, dueDate: { lt: "2026-12-31" } } },
      data: { status: "DONE", doneAt: NOW },
    });
    expect(await next()).toBe("2026-12-31");
  });
});

describe("re-importing", () => {
  it("updates in place: no duplicates, history kept", async () => {
    await importStaff(example("yen-bai-2026-staff.csv"));
    await importPlan(example("yen-bai-2026-plan.csv"));
    const a = await t.db.assignment.findFirstOrThrow({
      where: { occurrence: { task: { ref: "B.IV.5" }, dueDate: "2026-06-30" } },
    });
    await t.db.assignment.update({ where: { id: a.id }, data: { status: "DONE", doneAt: NOW } });
    await t.db.statusUpdate.create({
      data: { assignmentId: a.id, staffId: a.staffId, fromStatus: "NOT_STARTED", toStatus: "DONE", channel: "test" },
    });
    const before = await counts(t.db, 2026);

    const again = await importPlan(example("yen-bai-2026-plan.xlsx"));
    expect(again).toMatchObject({ created: 0, updated: 0, removed: 0, assignments: 0 });
    expect(await counts(t.db, 2026)).toEqual(before);
    expect(await t.db.task.count()).toBe(38);
    expect((await t.db.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("DONE");
    expect(await t.db.statusUpdate.count()).toBe(1);
  });

  it("a changed plan: edited task updated, dropped task marked removed, new dates added", async () => {
    await importStaff(example("yen-bai-2026-staff.csv"));
    await importPlan(example("yen-bai-2026-plan.csv"));
    const text = fs.readFileSync(example("yen-bai-2026-plan.csv"), "utf8");
    const lines = text.split(/\r?\n(?=(?:"?[A-Z0-9]+"?),)/);
    const edited = lines
      .filter((l) => !l.startsWith('6,"Cử cán bộ'))
      .map((l) =>
        l.startsWith("3,Tham mưu xây dựng vị trí việc làm")
          ? l.replace(/Thường xuyên\s*$/, '"Quý III, 15/10/2026"')
          : l,
      )
      .join("\n");
    const file = writeText(t.dir, "plan-v2.csv", edited);
    const r = await importPlan(file);
    expect(r).toMatchObject({ tasks: 37, created: 0, updated: 1, removed: 1 });
    const removed = await t.db.task.findFirstOrThrow({ where: { ref: "B.VI.6" } });
    expect(removed.removedAt).not.toBeNull();
    const changed = await t.db.task.findFirstOrThrow({
      where: { ref: "B.III.3" },
      include: { occurrences: { orderBy: { dueDate: "asc" } } },
    });
    expect(changed.occurrences.filter((o) => !o.removedAt).map((o) => o.dueDate)).toEqual(["2026-09-30", "2026-10-15"]);
    expect(changed.occurrences.filter((o) => o.removedAt).map((o) => o.dueDate)).toEqual([
      "2026-03-31",
      "2026-06-30",
      "2026-12-31",
    ]);
    // Putting the original back revives it rather than duplicating it.
    const back = await importPlan(example("yen-bai-2026-plan.csv"));
    expect(back).toMatchObject({ created: 0, updated: 2, removed: 0 });
    expect(await t.db.task.count()).toBe(38);
    expect(await t.db.occurrence.count({ where: { task: { ref: "B.III.3" }, removedAt: null } })).toBe(4);
  });
});

describe("bad input leaves the database exactly as before", () => {
  beforeEach(async () => {
    await importStaff(example("yen-bai-2026-staff.csv"));
    await importPlan(example("yen-bai-2026-plan.csv"));
  });

  it("a plan with no recognisable header", async () => {
    const before = await snapshot(t.db);
    const file = writeText(t.dir, "random.csv", "a,b,c\n1,2,3\n");
    expect(await rejection(importPlan(file))).toEqual([
      "random.csv: không tìm thấy dòng tiêu đề của bảng — cần các cột như “STT”, “Nội dung nhiệm vụ”, “Sản phẩm”, “Chủ trì”, “Phối hợp”, “Thời gian thực hiện”, “Ghi chú”",
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("a header with no rows", async () => {
    const file = writeText(t.dir, "header-only.csv", "STT,Nội dung,Thời gian thực hiện\n");
    expect(await rejection(importPlan(file))).toEqual(["header-only.csv: bảng không có nhiệm vụ hay dòng dữ liệu nào"]);
  });

  it("a staff list whose every row is bad writes nothing", async () => {
    const before = await snapshot(t.db);
    const file = writeText(
      t.dir,
      "staff.csv",
      ["Họ tên,SĐT,Đơn vị,Chức vụ", "Bình,12345,Khoa Dược,Dược sĩ", ",0912 000 003,Khoa Dược,"].join("\n"),
    );
    expect(await rejection(importStaff(file))).toEqual([
      "staff.csv, dòng 2, cột B (SĐT): “12345” không phải số điện thoại Việt Nam",
      "staff.csv, dòng 3, cột A (Họ tên): thiếu họ tên",
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("indicators with a target that is not one", async () => {
    const before = await snapshot(t.db);
    const file = writeText(
      t.dir,
      "ind.csv",
      "Mã,Tên chỉ số,Chỉ tiêu,Kỳ\nA,Tỷ lệ đúng hạn,cao,Quý\nB,Tỷ lệ khác,90%,bất kỳ\n",
    );
    expect(await rejection(importIndicatorFile(t.db, { file, unitName: UNIT, year: 2026 }))).toEqual([
      "ind.csv, dòng 2, cột C (Chỉ tiêu): không đọc được chỉ tiêu “cao” (ví dụ: >98%, ≥ 95%, 80%)",
      "ind.csv, dòng 3, cột D (Kỳ): không rõ kỳ báo cáo “bất kỳ” (tháng, quý, 6 tháng, năm)",
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("a corrupt file and a wrong extension", async () => {
    const before = await snapshot(t.db);
    expect(await rejection(importPlan(writeText(t.dir, "x.xlsx", "garbage")))).toHaveLength(1);
    expect(await rejection(importPlan(writeText(t.dir, "x.txt", "STT,Nội dung")))).toEqual([
      "x.txt: không đọc được loại tệp “.txt” — hãy dùng .xlsx, .csv, .docx hoặc .pdf",
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("other shapes of plan", () => {
  it("a docx table in another column order, without diacritics, with unknown departments reported", async () => {
    await importStaff(example("yen-bai-2026-staff.csv"));
    const file = await writeDocx(t.dir, "kh.docx", [
      ["Thoi gian hoan thanh", "TT", "Linh vuc, noi dung cong viec", "Don vi chu tri", "Phoi hop", "Ghi chu"],
      ["", "I", "CONG TAC CHI DAO", "", "", ""],
      ["Quy I", "1", "Ban hanh ke hoach CCHC", "Phong TC-HC", "Cac khoa, phong", ""],
      ["Khi co yeu cau", "2", "Tuyen truyen CCHC", "Phong Cong nghe thong tin", "", "Lien tuc"],
      ["Quy IV cua nam truoc", "3", "Xay dung ke hoach nam sau", "Phong KH-NV", "", ""],
      ["sap toi", "4", "Viec chua ro han", "Khoa Duoc - VTYT", "", ""],
    ]);
    const r = await importPlan(file);
    expect(r.tasks).toBe(4);
    expect(r.warnings.map((w) => vi(w.key, w.params))).toEqual([
      "kh.docx, dòng 5, cột A (Thoi gian hoan thanh): “Quy IV cua nam truoc” thuộc năm trước (2025)",
      "kh.docx, dòng 6, cột A (Thoi gian hoan thanh): không đọc được thời gian “sap toi” — nhiệm vụ chưa có hạn",
      "Không khớp được đơn vị “Phong Cong nghe thong tin” với danh sách khoa/phòng (1 nhiệm vụ)",
    ]);
    const tasks = await t.db.task.findMany({
      include: { occurrences: true, departments: { include: { department: true } } },
      orderBy: { position: "asc" },
    });
    expect(tasks.map((x) => [x.ref, x.occurrences.map((o) => o.dueDate), x.onDemand, x.notes])).toEqual([
      ["I.1", ["2026-03-31"], false, null],
      ["I.2", [""], true, "Lien tuc"],
      ["I.3", ["2025-12-31"], false, null],
      ["I.4", [""], false, null],
    ]);
    expect(tasks[3]!.departments.map((d) => d.department.name)).toEqual(["Khoa Dược - Vật tư y tế"]);
  });

  it("a department without a head is reported, and the head added later gets the work", async () => {
    const roster = writeText(
      t.dir,
      "staff.csv",
      "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ\nAn,0912000001,Khoa Dược,Dược sĩ\n",
    );
    await importStaff(roster);
    const plan = writeText(
      t.dir,
      "plan.csv",
      'STT,Nội dung,Chủ trì,Thời gian\n1,Kiểm kê thuốc,Khoa Dược,"Quý I, III"\n',
    );
    const r = await importPlan(plan);
    expect(r.warnings.map((w) => vi(w.key, w.params))).toEqual([
      "Khoa/phòng “Khoa Dược” chưa có trưởng khoa/phòng trong danh sách cán bộ: 2 lượt nhiệm vụ chưa giao được cho ai",
    ]);
    await setRole(t.db, { unitName: UNIT, phone: "+84912000001", role: "DEPT_HEAD", now: NOW });
    expect(await t.db.assignment.count()).toBe(2);
  });

  it("an ADMIN keeps the role when the roster is imported again; people who left are deactivated", async () => {
    await importStaff(example("yen-bai-2026-staff.csv"));
    await setRole(t.db, { unitName: UNIT, phone: "+84987654303", role: "ADMIN", now: NOW });
    const shorter = fs
      .readFileSync(example("yen-bai-2026-staff.csv"), "utf8")
      .split("\n")
      .filter((l) => !l.includes("Phùng Văn Tài"))
      .join("\n");
    const r = await importStaff(writeText(t.dir, "staff2.csv", shorter));
    expect(r).toMatchObject({ count: 15, created: 0, updated: 0, deactivated: 1 });
    expect((await t.db.staff.findFirstOrThrow({ where: { phone: "+84987654303" } })).role).toBe("ADMIN");
    expect((await t.db.staff.findFirstOrThrow({ where: { name: "Phùng Văn Tài" } })).active).toBe(false);
  });

  it("setting a role for an unknown phone says so", async () => {
    expect(await rejection(setRole(t.db, { unitName: UNIT, phone: "+84912999999", role: "ADMIN", now: NOW }))).toEqual([
      "Không có cán bộ nào với số +84912999999",
    ]);
  });
});

describe("targets from the plan's objectives", () => {
  it("the Yên Bái plan's MỤC TIÊU rows become indicators MT1…; a re-import adds none twice and keeps a correction", async () => {
    const first = await importPlan(example("yen-bai-2026-plan.csv"));
    expect(first.targets).toBe(6);
    const list = async () =>
      (await t.db.indicator.findMany({ orderBy: { id: "asc" } })).map((i) => [i.code, i.name, i.comparator, i.target]);
    expect(await list()).toEqual([
      [
        "MT1",
        "Tỷ lệ thủ tục hành chính thuộc thẩm quyền giải quyết của đơn vị được rà soát, đơn giản hóa, chuẩn hóa, công khai đầy đủ, kịp thời, đúng quy định",
        "GTE",
        100,
      ],
      ["MT2", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn", "GT", 98],
      ["MT3", "Tỉ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính, dịch vụ công", "GTE", 80],
      ["MT4", "Tỉ lệ giao dịch không dùng tiền mặt", "GTE", 80],
      ["MT5", "Tỉ lệ người dân có Sổ sức khỏe điện tử", "GTE", 95],
      ["MT6", "Mức độ hài lòng của người dân về cung cấp dịch vụ y tế công lập", "GTE", 90],
    ]);
    // The indicators file corrects MT2; importing the plan again keeps the correction and adds nothing.
    const fix = writeText(
      t.dir,
      "chi-so.csv",
      "Mã,Tên chỉ số,Chỉ tiêu,Phòng phụ trách,Kỳ\nMT2,Tỷ lệ hồ sơ giải quyết đúng hạn,>99%,,Quý\n",
    );
    await importIndicatorFile(t.db, { file: fix, unitName: UNIT, year: 2026 });
    expect((await importPlan(example("yen-bai-2026-plan.csv"))).targets).toBe(0);
    expect(await t.db.indicator.count()).toBe(6);
    expect((await t.db.indicator.findFirstOrThrow({ where: { code: "MT2" } })).target).toBe(99);
  });

  it("a target is owned by its row's lead; the indicators file's same measure is one indicator, whichever comes first", async () => {
    await importStaff(example("yen-bai-2026-staff.csv"));
    await importPlan(example("yen-bai-2026-plan.csv"));
    const mt5 = await t.db.indicator.findFirstOrThrow({
      where: { code: "MT5" },
      select: { ownerText: true, ownerDepartment: { select: { name: true } } },
    });
    expect([mt5.ownerText, mt5.ownerDepartment?.name]).toEqual([
      "Phòng Kế hoạch - Nghiệp vụ",
      "Phòng Kế hoạch - Nghiệp vụ",
    ]);
    // The unit's indicators file defines all six measures under its own codes: the plan's copies go.
    await importIndicatorFile(t.db, { file: example("yen-bai-2026-indicators.csv"), unitName: UNIT, year: 2026 });
    const codes = async () => (await t.db.indicator.findMany({ orderBy: { code: "asc" } })).map((i) => i.code);
    expect(await codes()).toEqual(["HL", "KDTM", "SSK", "TTHC-CK", "TTHC-DH", "TTTT"]);
    // The plan imported again adds none of them back.
    expect((await importPlan(example("yen-bai-2026-plan.csv"))).targets).toBe(0);
    expect(await codes()).toEqual(["HL", "KDTM", "SSK", "TTHC-CK", "TTHC-DH", "TTTT"]);
  });

  it("a plan's target already reported on stays beside the file's, and the import says so", async () => {
    await importPlan(example("yen-bai-2026-plan.csv"));
    const mt2 = await t.db.indicator.findFirstOrThrow({ where: { code: "MT2" } });
    await t.db.indicatorReport.create({ data: { indicatorId: mt2.id, periodLabel: "2026-Q1", value: 98.5 } });
    const r = await importIndicatorFile(t.db, {
      file: example("yen-bai-2026-indicators.csv"),
      unitName: UNIT,
      year: 2026,
    });
    expect(r.warnings.map((w) => vi(w.key, w.params))).toContain(
      "Chỉ số MT2 (từ phần mục tiêu của kế hoạch) đo cùng nội dung với TTHC-DH của tệp chỉ số nhưng đã có số liệu báo cáo nên được giữ lại; nếu trùng, hãy báo cáo tiếp vào TTHC-DH.",
    );
    expect(await t.db.indicator.count({ where: { code: { startsWith: "MT" } } })).toBe(1);
  });

  it("a Word plan's objectives above the table are read too, and a number that is no target is a warning", async () => {
    const { writeDocxTables } = await import("../helpers/files.ts");
    const file = await writeDocxTables(
      t.dir,
      "kh-2026.docx",
      [
        [
          ["STT", "Nội dung nhiệm vụ", "Chủ trì", "Thời gian thực hiện"],
          ["1", "Rà soát thủ tục hành chính", "Phòng Tổ chức - Hành chính", "Quý I"],
        ],
      ],
      [
        "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "2. Mục tiêu cụ thể:",
        "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%;",
        "- 100% văn bản đi được ký số;",
        "- Tổ chức 02 hội nghị tập huấn;",
        "II. NHIỆM VỤ",
        "Thực hiện 100% nhiệm vụ được giao",
      ],
    );
    const r = await importPlan(file);
    expect(r.targets).toBe(2);
    expect(r.warnings.map((w) => vi(w.key, w.params)).filter((w) => w.includes("mục tiêu"))).toEqual([
      "kh-2026.docx, phần mục tiêu trên bảng: có số nhưng không đọc được thành chỉ tiêu: “Tổ chức 02 hội nghị tập huấn” — thêm bằng tệp chỉ số nếu cần",
    ]);
  });
});

describe("a due date moved in chat", () => {
  it("stays moved when the plan is imported again, and the report shows both dates", async () => {
    const { moveDeadline } = await import("../../src/store/deadlines/deadlines.ts");
    const { reportRows } = await import("../../src/store/reports/report.ts");
    const { rowStatus } = await import("../../src/reports/export.ts");
    await importStaff(example("yen-bai-2026-staff.csv"));
    await importPlan(example("yen-bai-2026-plan.csv"));
    const first = await t.db.occurrence.findFirstOrThrow({
      where: { removedAt: null, dueDate: "2026-03-31" },
      orderBy: { id: "asc" },
    });
    const by = await t.db.staff.findFirstOrThrow();
    expect(
      await moveDeadline(t.db, {
        occurrenceId: first.id,
        toDate: "2026-04-15",
        reason: "chờ Sở",
        byId: by.id,
        now: NOW,
      }),
    ).toBe("moved");
    const again = await importPlan(example("yen-bai-2026-plan.csv"));
    expect(again.warnings.filter((w) => w.key === "plan.noContent")).toEqual([]);
    const after = await t.db.occurrence.findUniqueOrThrow({ where: { id: first.id } });
    expect([after.dueDate, after.originalDueDate, after.removedAt]).toEqual(["2026-04-15", "2026-03-31", null]);
    expect(
      await t.db.occurrence.count({ where: { taskId: first.taskId, dueDate: "2026-03-31", removedAt: null } }),
    ).toBe(0);
    const rows = await reportRows(t.db, {
      unitName: UNIT,
      window: { dueFrom: "2026-04-01", dueTo: "2026-06-30" },
      today: "2026-04-10",
      tz: "Asia/Ho_Chi_Minh",
    });
    const row = rows.find((r) => r.assignmentId && r.dueDate === "2026-04-15")!;
    expect(row.originalDueDate).toBe("2026-03-31");
    expect(rowStatus(vi, row, "2026-04-10")).not.toContain("quá hạn");
    // The quarter's report file names both dates.
    const { loadReportData } = await import("../../src/reports/data.ts");
    const { reportDocx } = await import("../../src/reports/export.ts");
    const { reportWindow } = await import("../../src/domain/report-period.ts");
    const mammoth = (await import("mammoth")).default;
    const data = await loadReportData(t.db, {
      unitName: UNIT,
      window: reportWindow("q2", 2026),
      today: "2026-04-10",
      tz: "Asia/Ho_Chi_Minh",
    });
    const { value } = await mammoth.extractRawText({ buffer: await reportDocx(vi, data) });
    expect(value).toContain("hạn 15/04/2026 (gia hạn từ 31/03/2026)");
  });
});
