import { createCanvas, loadImage } from "@napi-rs/canvas";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reportWindow } from "../../src/domain/report-period.ts";
import { at } from "../../src/domain/workdays.ts";
import { translator } from "../../src/i18n.ts";
import { importPlanFile, importRosterFile } from "../../src/import/imports.ts";
import { renderStatusChart } from "../../src/reports/chart.ts";
import { loadReportData } from "../../src/reports/data.ts";
import { reportDocx, reportXlsx } from "../../src/reports/export.ts";
import { departmentLines } from "../../src/store/report.ts";
import { NOW, PEOPLE, startConsole, UNIT, type ConsoleHarness } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { writeText } from "../helpers/files.ts";

const TZ = "Asia/Ho_Chi_Minh";
const vi = translator("vi");
const local = (day: string, hhmm = "10:00") => at(day, hhmm, TZ);
let t: TestDb;
let bot: ConsoleHarness | null = null;

async function seed(withPlan = true): Promise<void> {
  const now = new Date("2026-09-01T02:00:00Z");
  const roster = writeText(t.dir, "staff.csv", [
    "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ",
    `${PEOPLE.an.name},${PEOPLE.an.phone},Phòng Tổ chức - Hành chính,Trưởng phòng`,
    `${PEOPLE.binh.name},${PEOPLE.binh.phone},Phòng Tổ chức - Hành chính,Chuyên viên`,
    `${PEOPLE.chi.name},${PEOPLE.chi.phone},Khoa Dược,Trưởng khoa`,
    `${PEOPLE.dung.name},${PEOPLE.dung.phone},Ban Giám đốc,Giám đốc`,
  ].join("\n"));
  await importRosterFile(t.db, { file: roster, unitName: UNIT, now });
  if (!withPlan) return;
  const plan = writeText(t.dir, "plan.csv", [
    "STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện",
    "1,Báo cáo tháng 10,Phòng Tổ chức - Hành chính,Tháng 10/2026",
    "2,Rà soát quy chế,Phòng Tổ chức - Hành chính,15/11/2026",
    "3,Kiểm kê quý III,Khoa Dược,Quý III",
    "4,Cập nhật danh mục thuốc,Khoa Dược,20/11/2026",
    "5,Chuẩn bị tổng kết,Phòng Tổ chức - Hành chính,10/12/2026",
    "6,Kế hoạch quý I,Phòng Tổ chức - Hành chính,14/03/2026",
  ].join("\n"));
  await importPlanFile(t.db, { file: plan, unitName: UNIT, year: 2026, now });
  const set = async (ref: string, data: Record<string, unknown>) =>
    t.db.assignment.updateMany({ where: { occurrence: { task: { ref } } }, data });
  await set("1", { status: "DONE", doneAt: local("2026-10-30") });
  await set("2", { status: "DONE", doneAt: local("2026-11-18") });
  await set("4", { status: "BLOCKED", blockerReason: "Chưa có danh mục của Sở" });
  await set("5", { status: "IN_PROGRESS" });
}

beforeEach(async () => (t = await freshDb()));
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await t.close();
});

const q4 = () => ({ unitName: UNIT, window: reportWindow("q4", 2026), today: "2026-11-25", tz: TZ });

describe("report numbers", () => {
  it("exact numbers for a plan with known statuses on 25/11/2026, worst department first", async () => {
    await seed();
    const lines = await departmentLines(t.db, q4());
    expect(lines.sort((a, b) => a.department.localeCompare(b.department))).toEqual([
      { departmentId: expect.any(Number), department: "Khoa Dược", assigned: 2, doneOnTime: 0, doneLate: 0, inProgress: 0, notStarted: 1, blocked: 1, overdue: 2 },
      { departmentId: expect.any(Number), department: "Phòng Tổ chức - Hành chính", assigned: 3, doneOnTime: 1, doneLate: 1, inProgress: 1, notStarted: 0, blocked: 0, overdue: 0 },
    ]);
    bot = await startConsole(t.db);
    await bot.say(`/as ${PEOPLE.dung.phone}`);
    const out = await bot.say("/baocao");
    expect(out).toContain("📈 Báo cáo CCHC quý IV năm 2026 (số liệu 15/09/2026–14/12/2026)");
    expect(out).toContain("Lượt nhiệm vụ trong kỳ: 5 · tỷ lệ đúng hạn: 20%");
    expect(out).toContain("🟢 Xong đúng hạn: 1   🟠 Xong trễ hạn: 1");
    expect(out).toContain("🔵 Đang làm: 1   ⚪ Chưa bắt đầu: 1   ⛔ Vướng mắc: 1");
    expect(out).toContain("🔴 Quá hạn: 2");
    expect(out).toContain("• Khoa Dược: 0/2 đúng hạn (0%) · 🔴 2\n• Phòng Tổ chức - Hành chính: 1/3 đúng hạn (33,3%)");
    expect(out).toContain("Quá hạn lâu nhất:\n• 3 · Kiểm kê quý III — Lê Thị Chi, trễ 56 ngày\n• 4 · Cập nhật danh mục thuốc — Lê Thị Chi, trễ 5 ngày");
    const overdue = await bot.say("/quahan");
    expect(overdue).toContain("🔴 3 lượt nhiệm vụ quá hạn:\n\nKhoa Dược (2)");
    expect(overdue).toContain("Phòng Tổ chức - Hành chính (1)\n• 6 · Kế hoạch quý I — Nguyễn Văn An, trễ 256 ngày");
    expect(await bot.say("/tiendo Ban Giám đốc")).toContain("• Ban Giám đốc: 0/0 đúng hạn (—)");
    expect(await bot.say("/baocao q7")).toContain("Cách dùng: /baocao");
    // A head sees their own department only.
    await bot.say(`/as ${PEOPLE.chi.phone}`);
    const chi = await bot.say("/baocao quy 4");
    expect(chi).toContain("Lượt nhiệm vụ trong kỳ: 2");
    expect(chi).not.toContain("Tổ chức");
    expect(await bot.say("/tiendo TCHC")).toContain("chỉ xem tiến độ của khoa/phòng mình");
    // Staff are refused.
    await bot.say(`/as ${PEOPLE.binh.phone}`);
    expect(await bot.say("/baocao")).toContain("không dành cho vai trò của bạn");
  });

  it("the Decree 09 cut-off: done on 14/3 counts in quarter I, on 16/3 in quarter II", async () => {
    await seed();
    const q = (kind: "q1" | "q2") => departmentLines(t.db, { unitName: UNIT, window: reportWindow(kind, 2026), today: "2026-11-25", tz: TZ });
    await t.db.assignment.updateMany({ where: { occurrence: { task: { ref: "6" } } }, data: { status: "DONE", doneAt: local("2026-03-14", "16:00") } });
    expect((await q("q1")).map((l) => [l.doneOnTime, l.doneLate])).toEqual([[1, 0]]);
    expect(await q("q2")).toEqual([]);
    await t.db.assignment.updateMany({ where: { occurrence: { task: { ref: "6" } } }, data: { doneAt: local("2026-03-16", "08:00") } });
    expect(await q("q1")).toEqual([]);
    expect((await q("q2")).map((l) => [l.doneOnTime, l.doneLate])).toEqual([[0, 1]]);
  });

  it("an empty plan says so", async () => {
    await seed(false);
    bot = await startConsole(t.db);
    await bot.say(`/as ${PEOPLE.dung.phone}`);
    expect(await bot.say("/baocao")).toContain("Không có nhiệm vụ nào đến hạn hoặc hoàn thành trong kỳ này.");
    expect(await bot.say("/quahan")).toContain("Không có nhiệm vụ nào quá hạn.");
  });

  it("a leader's /nhiemvu <mã> shows the task's people and history", async () => {
    await seed();
    await t.db.statusUpdate.create({
      data: { assignmentId: (await t.db.assignment.findFirstOrThrow({ where: { occurrence: { task: { ref: "4" } } } })).id, staffId: (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.chi.name } })).id, fromStatus: "NOT_STARTED", toStatus: "BLOCKED", at: local("2026-11-21"), channel: "telegram", text: "vướng: chưa có danh mục" },
    });
    bot = await startConsole(t.db, { clock: { now: () => new Date(NOW) } });
    await bot.say(`/as ${PEOPLE.dung.phone}`);
    expect(await bot.say("/nhiemvu 4")).toContain(
      "🗂 4 · Cập nhật danh mục thuốc\n⛔ Lê Thị Chi — 🔴 quá hạn 5 ngày (hạn 20/11/2026): Vướng mắc\n   21/11/2026 Lê Thị Chi: Chưa bắt đầu → Vướng mắc — “vướng: chưa có danh mục”",
    );
  });
});

describe("report files", () => {
  it("the xlsx has summary, task and indicator sheets with the right cells", async () => {
    await seed();
    const data = await loadReportData(t.db, q4());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(vi, data)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Nhiệm vụ", "Chỉ số"]);
    const summary = wb.getWorksheet("Tổng hợp")!;
    expect(summary.getRow(4).values).toEqual([undefined, "Khoa/Phòng", "Lượt nhiệm vụ", "Xong đúng hạn", "Xong trễ hạn", "Đang làm", "Chưa bắt đầu", "Vướng mắc", "Quá hạn", "Tỷ lệ đúng hạn (%)"]);
    expect(summary.getRow(5).values).toEqual([undefined, "Khoa Dược", 2, 0, 0, 0, 1, 1, 2, 0]);
    expect(summary.getRow(6).values).toEqual([undefined, "Phòng Tổ chức - Hành chính", 3, 1, 1, 1, 0, 0, 0, 33.3]);
    expect(summary.getRow(7).values).toEqual([undefined, "Lượt nhiệm vụ trong kỳ", 5, 1, 1, 1, 1, 1, 2, 20]);
    const tasks = wb.getWorksheet("Nhiệm vụ")!;
    expect(tasks.rowCount).toBe(6);
    const row = (tasks.getRow(3).values as unknown[]).slice(1);
    expect(row).toEqual(["2", "", "Rà soát quy chế", "", "Phòng Tổ chức - Hành chính", "", "15/11/2026", "15/11/2026", "Hoàn thành", "18/11/2026", PEOPLE.an.name, ""]);
    expect((tasks.getRow(5).values as unknown[])[12]).toBe("Chưa có danh mục của Sở");
  });

  it("the docx reads as a unit's quarterly report", async () => {
    await seed();
    const data = await loadReportData(t.db, q4());
    const { value } = await mammoth.extractRawText({ buffer: await reportDocx(vi, data) });
    expect(value).toContain("BÁO CÁO");
    expect(value).toContain("Kết quả thực hiện công tác cải cách hành chính quý IV năm 2026");
    expect(value).toContain("(Số liệu tính từ ngày 15/09/2026 đến ngày 14/12/2026)");
    expect(value).toContain("Trong kỳ có 5 lượt nhiệm vụ; hoàn thành đúng hạn 1, hoàn thành trễ hạn 1, đang thực hiện 1, chưa triển khai 1, vướng mắc 1; quá hạn 2. Tỷ lệ hoàn thành đúng hạn: 20%.");
    expect(value).toContain("III. KHÓ KHĂN, VƯỚNG MẮC");
    expect(value).toContain("- 4 (Khoa Dược): Chưa có danh mục của Sở");
    expect(value).toContain("IV. ĐỀ XUẤT, KIẾN NGHỊ");
  });

  it("the chart is a PNG of the expected size that decodes", async () => {
    await seed();
    const lines = await departmentLines(t.db, q4());
    const png = await renderStatusChart(vi, { title: "Tiến độ CCHC quý IV năm 2026 theo khoa/phòng", lines });
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([1000, 140 + 2 * 34]);
    // Not blank: the bars are drawn in their colours.
    const canvas = createCanvas(image.width, image.height);
    const g = canvas.getContext("2d");
    g.drawImage(image, 0, 0);
    const pixels = g.getImageData(0, 0, image.width, image.height).data;
    let green = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] === 0x2e && pixels[i + 1] === 0x7d && pixels[i + 2] === 0x32) green++;
    expect(green).toBeGreaterThan(500);
  });
});
