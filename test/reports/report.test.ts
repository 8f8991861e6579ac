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
import { departmentLines } from "../../src/store/reports/report.ts";
import { NOW, PEOPLE, startConsole, UNIT, type ConsoleHarness } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { writeText } from "../helpers/files.ts";

const TZ = "Asia/Ho_Chi_Minh";
const vi = translator("vi");
const local = (day: string, hhmm = "10:00") => at(day, hhmm, TZ);
let t: TestDb;
let bot: ConsoleHarness | null = null;

/**
 * A quarter I as the issue tells it: a task due 31/3 seen on 12/3 is in
 * progress, not overdue; done on 25/3 and seen on 20/4 it is done on time;
 * open on 20/4 it is overdue. One task is due in quarter II, one was due in
 * 2025 and is still open (carried over).
 */
async function seed(withPlan = true): Promise<void> {
  const now = new Date("2026-01-05T02:00:00Z");
  const roster = writeText(
    t.dir,
    "staff.csv",
    [
      "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ",
      `${PEOPLE.an.name},${PEOPLE.an.phone},Phòng Tổ chức - Hành chính,Trưởng phòng`,
      `${PEOPLE.binh.name},${PEOPLE.binh.phone},Phòng Tổ chức - Hành chính,Chuyên viên`,
      `${PEOPLE.chi.name},${PEOPLE.chi.phone},Khoa Dược,Trưởng khoa`,
      `${PEOPLE.dung.name},${PEOPLE.dung.phone},Ban Giám đốc,Giám đốc`,
    ].join("\n"),
  );
  await importRosterFile(t.db, { file: roster, unitName: UNIT, now });
  if (!withPlan) return;
  const plan = writeText(
    t.dir,
    "plan.csv",
    [
      "STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện",
      "1,Ban hành kế hoạch CCHC năm 2026,Phòng Tổ chức - Hành chính,Quý I",
      "2,Rà soát thủ tục hành chính,Phòng Tổ chức - Hành chính,Quý I",
      "3,Kiểm kê thuốc,Khoa Dược,Quý I",
      "4,Báo cáo tháng 1,Phòng Tổ chức - Hành chính,Tháng 1/2026",
      "5,Kế hoạch quý II,Phòng Tổ chức - Hành chính,Quý II",
      "6,Tổng kết năm 2025,Khoa Dược,31/12/2025",
    ].join("\n"),
  );
  await importPlanFile(t.db, { file: plan, unitName: UNIT, year: 2026, now });
}

const set = async (ref: string, data: Record<string, unknown>) =>
  t.db.assignment.updateMany({ where: { occurrence: { task: { ref } } }, data });

/** How things stood on 20/4/2026. */
async function asOf20April(): Promise<void> {
  await set("1", { status: "DONE", doneAt: local("2026-03-25") });
  await set("2", { status: "DONE", doneAt: local("2026-04-10") });
  await set("4", { status: "BLOCKED", blockerReason: "Chưa có mẫu báo cáo của Sở" });
  await set("5", { status: "IN_PROGRESS" });
}

beforeEach(async () => (t = await freshDb()));
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await t.close();
});

const TODAY = "2026-04-20";
const q1 = (today = TODAY) => ({ unitName: UNIT, window: reportWindow("q1", 2026), today, tz: TZ });
const clockAt = (day: string) => ({ now: () => local(day, "09:00") });
const byName = <T extends { department: string }>(lines: T[]) =>
  [...lines].sort((a, b) => a.department.localeCompare(b.department));

describe("a period counts the tasks due in it, each with its status on the report's date", () => {
  it("on 12/3 a task due 31/3 is open but not overdue; January's blocked report is; 2025's open task is carried over", async () => {
    await seed();
    await set("1", { status: "IN_PROGRESS" });
    await set("4", { status: "BLOCKED", blockerReason: "Chưa có mẫu" });
    const lines = byName(await departmentLines(t.db, q1("2026-03-12")));
    expect(
      lines.map((l) => [l.department, l.assigned, l.inProgress, l.notStarted, l.blocked, l.overdue, l.carriedOver]),
    ).toEqual([
      ["Khoa Dược", 1, 0, 1, 0, 0, 1],
      ["Phòng Tổ chức - Hành chính", 3, 1, 1, 1, 1, 0],
    ]);
  });

  it("on 20/4: done on time, done late, overdue; the next quarter holds its own task and carries the rest", async () => {
    await seed();
    await asOf20April();
    const lines = byName(await departmentLines(t.db, q1()));
    expect(
      lines.map((l) => [
        l.department,
        l.assigned,
        l.doneOnTime,
        l.doneLate,
        l.notStarted,
        l.overdueNotStarted,
        l.blocked,
        l.overdueBlocked,
        l.overdue,
        l.carriedOver,
      ]),
    ).toEqual([
      ["Khoa Dược", 1, 0, 0, 1, 1, 0, 0, 1, 1],
      ["Phòng Tổ chức - Hành chính", 3, 1, 1, 0, 0, 1, 1, 1, 0],
    ]);
    const q2 = await departmentLines(t.db, { ...q1(), window: reportWindow("q2", 2026) });
    expect(byName(q2).map((l) => [l.department, l.assigned, l.inProgress, l.overdue, l.carriedOver])).toEqual([
      ["Khoa Dược", 0, 0, 0, 2],
      ["Phòng Tổ chức - Hành chính", 1, 1, 0, 1],
    ]);
    // 6 months holds quarters I and II; the year everything of 2026.
    const h1 = await departmentLines(t.db, { ...q1(), window: reportWindow("h1", 2026) });
    expect(h1.reduce((n, l) => n + l.assigned, 0)).toBe(5);
    expect(reportWindow("9m", 2026)).toMatchObject({
      dueFrom: "2026-01-01",
      dueTo: "2026-09-30",
      from: "2025-12-15",
      to: "2026-09-14",
    });
  });

  it("/baocao, /quahan, /tiendo, the chart and both files agree", async () => {
    await seed();
    await asOf20April();
    bot = await startConsole(t.db, { clock: clockAt(TODAY) });
    await bot.say(`/as ${PEOPLE.dung.phone}`);
    const out = await bot.say("/baocao q1");
    expect(out).toContain(
      "📈 Báo cáo CCHC quý I năm 2026\nNhiệm vụ đến hạn 01/01/2026–31/03/2026 · tình hình ngày 20/04/2026 · số liệu 15/12/2025–14/03/2026",
    );
    expect(out).toContain("Lượt nhiệm vụ trong kỳ: 4 · tỷ lệ đúng hạn: 25%");
    expect(out).toContain("🟢 Xong đúng hạn: 1   🟠 Xong trễ hạn: 1");
    expect(out).toContain("⚪ Chưa bắt đầu: 1, trong đó quá hạn 1");
    expect(out).toContain("⛔ Vướng mắc: 1, trong đó quá hạn 1");
    expect(out).toContain("🔴 Quá hạn: 2");
    expect(out).toContain(
      "Quá hạn lâu nhất:\n• ⛔ 4 · Báo cáo tháng 1 — Nguyễn Văn An, trễ 79 ngày\n• 3 · Kiểm kê thuốc — Lê Thị Chi, trễ 20 ngày",
    );
    expect(out).toContain(
      "📦 Tồn đọng từ kỳ trước (1 lượt chưa xong):\n• 6 · Tổng kết năm 2025 — Lê Thị Chi, trễ 110 ngày",
    );
    // /quahan lists everything overdue today with the same day counts.
    const overdue = await bot.say("/quahan");
    expect(overdue).toContain("🔴 3 lượt nhiệm vụ quá hạn:");
    expect(overdue).toContain("• 3 · Kiểm kê thuốc — Lê Thị Chi, trễ 20 ngày");
    expect(overdue).toContain("• ⛔ 4 · Báo cáo tháng 1 — Nguyễn Văn An, trễ 79 ngày");
    expect(overdue).toContain("• 6 · Tổng kết năm 2025 — Lê Thị Chi, trễ 110 ngày");
    // /tiendo is the current quarter (II): its own work, and quarter I's open work as carried over.
    const progress = await bot.say("/tiendo Khoa Dược");
    expect(progress).toContain("📈 Khoa Dược — quý II năm 2026");
    expect(progress).not.toContain("Quá hạn lâu nhất");
    expect(progress).toContain(
      "📦 Tồn đọng từ kỳ trước (2 lượt chưa xong):\n• 6 · Tổng kết năm 2025 — Lê Thị Chi, trễ 110 ngày\n• 3 · Kiểm kê thuốc — Lê Thị Chi, trễ 20 ngày",
    );
    expect(await bot.say("/baocao 1999")).toBe("🤖 Chưa có kế hoạch năm 1999.\n");
    expect(await bot.say("/baocao nam")).toContain("📈 Báo cáo CCHC năm 2026\n");

    const data = await loadReportData(t.db, q1());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(vi, data)) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet("Tổng hợp")!;
    const totalRow = summary.getRow(summary.rowCount - 2).values as unknown[];
    expect(totalRow.slice(1)).toEqual(["Tổng cộng", 4, 1, 1, 0, 1, 1, 2, 0.25, 1]);
    // The note spans the table under it, one merged cell.
    const note = summary.getRow(summary.rowCount).getCell(1);
    expect([note.value, note.isMerged]).toEqual([
      "Minh chứng: 0/2 lượt nhiệm vụ đã hoàn thành có tài liệu kiểm chứng; 2 lượt chưa có minh chứng.",
      true,
    ]);
    const { value } = await mammoth.extractRawText({ buffer: await reportDocx(vi, data) });
    expect(value).toContain(
      "Trong kỳ có 4 lượt nhiệm vụ đến hạn: hoàn thành đúng hạn 1, hoàn thành trễ hạn 1, đang thực hiện 0, chưa triển khai 1, vướng mắc 1 (trong đó quá hạn 2). Tỷ lệ hoàn thành đúng hạn: 25%.",
    );
    expect(value).toContain("- 3. Kiểm kê thuốc (Khoa Dược; hạn 31/03/2026): chưa bắt đầu, quá hạn 20 ngày.");
    expect(value).toContain("Tồn đọng từ kỳ trước (1 lượt chưa xong)");
    const lines = await departmentLines(t.db, q1());
    const png = await renderStatusChart(vi, {
      title: "Tiến độ CCHC quý I năm 2026 theo khoa/phòng",
      unit: UNIT,
      lines,
    });
    const drawn = await decode(png);
    expect(countPixels(drawn, [0xd3, 0x2f, 0x2f])).toBeGreaterThan(500);
    // Phòng TC-HC's blocked share is overdue too: it is drawn in the blocked colour, what holds it up being the news.
    expect(countPixels(drawn, [0x6a, 0x1b, 0x9a])).toBeGreaterThan(500);
  });

  it("a plan year with no task due in the period says so", async () => {
    await seed();
    bot = await startConsole(t.db, { clock: clockAt(TODAY) });
    await bot.say(`/as ${PEOPLE.dung.phone}`);
    expect(await bot.say("/baocao q3")).toContain("Không có nhiệm vụ nào đến hạn trong kỳ này.");
  });

  it("an empty plan says so", async () => {
    await seed(false);
    bot = await startConsole(t.db);
    await bot.say(`/as ${PEOPLE.dung.phone}`);
    expect(await bot.say("/baocao")).toContain("Chưa có kế hoạch năm 2026.");
    expect(await bot.say("/quahan")).toContain("Không có nhiệm vụ nào quá hạn.");
  });

  it("a head sees their own department only, and staff are refused", async () => {
    await seed();
    await asOf20April();
    bot = await startConsole(t.db, { clock: clockAt(TODAY) });
    await bot.say(`/as ${PEOPLE.chi.phone}`);
    const chi = await bot.say("/baocao quy 1");
    expect(chi).toContain("Lượt nhiệm vụ trong kỳ: 1");
    expect(chi).not.toContain("Tổ chức");
    expect(await bot.say("/tiendo TCHC")).toContain("chỉ xem tiến độ của khoa/phòng mình");
    await bot.say(`/as ${PEOPLE.binh.phone}`);
    expect(await bot.say("/baocao")).toContain("không dành cho vai trò của bạn");
  });
  it("a leader's /nhiemvu <mã> shows the task's people and history", async () => {
    await seed();
    await set("3", { status: "BLOCKED", blockerReason: "chưa có danh mục" });
    await t.db.statusUpdate.create({
      data: {
        assignmentId: (await t.db.assignment.findFirstOrThrow({ where: { occurrence: { task: { ref: "3" } } } })).id,
        staffId: (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.chi.name } })).id,
        fromStatus: "NOT_STARTED",
        toStatus: "BLOCKED",
        at: local("2026-11-21"),
        channel: "telegram",
        text: "vướng: chưa có danh mục",
      },
    });
    bot = await startConsole(t.db, { clock: { now: () => new Date(NOW) } });
    await bot.say(`/as ${PEOPLE.dung.phone}`);
    expect(await bot.say("/nhiemvu 3")).toContain(
      "🗂 3 · Kiểm kê thuốc\n⛔ Lê Thị Chi — 🔴 quá hạn 239 ngày (hạn 31/03/2026): Vướng mắc\n   21/11/2026 Lê Thị Chi: Chưa bắt đầu → Vướng mắc — “vướng: chưa có danh mục”",
    );
    // Done late is orange, and told by when it was finished.
    await asOf20April();
    expect(await bot.say("/nhiemvu 2")).toContain(
      "🟠 Nguyễn Văn An — hạn 31/03/2026, xong 10/04/2026 (trễ 10 ngày): Hoàn thành",
    );
    expect(await bot.say("/nhiemvu 1")).toContain("🟢 Nguyễn Văn An — hạn 31/03/2026, xong 25/03/2026: Hoàn thành");
  });
});

describe("report files", () => {
  it("the xlsx prints: A4 landscape, one page wide, header repeated, numbers as numbers", async () => {
    await seed();
    await asOf20April();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(vi, await loadReportData(t.db, q1()))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Nhiệm vụ", "Chỉ số"]);
    const tasks = wb.getWorksheet("Nhiệm vụ")!;
    expect(tasks.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "4:4",
    });
    expect(tasks.getRow(1).values).toContain(
      "TTYT Thử nghiệm — Kết quả thực hiện công tác cải cách hành chính quý I năm 2026",
    );
    const rows = [...Array(tasks.rowCount).keys()].map((i) => (tasks.getRow(i + 1).values as unknown[]).slice(1));
    expect(rows).toContainEqual([
      "3",
      "",
      "Kiểm kê thuốc",
      "",
      "Khoa Dược",
      "31/03/2026",
      "Chưa bắt đầu, quá hạn 20 ngày",
      "",
      PEOPLE.chi.name,
      "Khoa Dược",
      "",
      "",
    ]);
    expect(rows).toContainEqual([
      "2",
      "",
      "Rà soát thủ tục hành chính",
      "",
      "Phòng Tổ chức - Hành chính",
      "31/03/2026",
      "Xong trễ 10 ngày",
      "10/04/2026",
      PEOPLE.an.name,
      "Phòng Tổ chức - Hành chính",
      "chưa có minh chứng",
      "",
    ]);
    const summary = wb.getWorksheet("Tổng hợp")!;
    expect(summary.getColumn(9).numFmt).toBe("0.0%");
  });

  it("the docx is a Decree 30 draft: heading, Kính gửi, sections from the data, parts for the leader, signature", async () => {
    await seed();
    await asOf20April();
    await t.db.unitSetting.createMany({
      data: [
        { key: "superiorBody", value: "Sở Y tế tỉnh Lào Cai" },
        { key: "place", value: "Yên Bái" },
        { key: "leaderName", value: "Trần Quang Mạnh" },
      ].map((x) => ({ ...x, unitId: 1 })),
    });
    const { value } = await mammoth.extractRawText({ buffer: await reportDocx(vi, await loadReportData(t.db, q1())) });
    for (const text of [
      "SỞ Y TẾ TỈNH LÀO CAI",
      "TTYT THỬ NGHIỆM",
      "Số:      /BC-TTYT",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Yên Bái, ngày 20 tháng 4 năm 2026",
      "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026",
      "(Số liệu tính từ ngày 15/12/2025 đến ngày 14/03/2026)",
      "Kính gửi: Sở Y tế tỉnh Lào Cai.",
      "II. KHÓ KHĂN, VƯỚNG MẮC",
      "- 4 (Phòng Tổ chức - Hành chính): Chưa có mẫu báo cáo của Sở",
      "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
      "- 5. Kế hoạch quý II (Phòng Tổ chức - Hành chính; hạn 30/06/2026).",
      "IV. ĐỀ XUẤT, KIẾN NGHỊ",
      "[Phần này do lãnh đạo đơn vị viết trước khi ký]",
      "Nơi nhận:",
      "GIÁM ĐỐC",
      "Trần Quang Mạnh",
    ])
      expect(value).toContain(text);
    expect(value).not.toMatch(/[🟢🟠🔴⛔📈]/u);
  });
});

async function decode(png: Buffer) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext("2d");
  g.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, pixels: g.getImageData(0, 0, image.width, image.height).data };
}

function countPixels(img: { pixels: Uint8ClampedArray }, [r, g, b]: number[]): number {
  let n = 0;
  for (let i = 0; i < img.pixels.length; i += 4)
    if (img.pixels[i] === r && img.pixels[i + 1] === g && img.pixels[i + 2] === b) n++;
  return n;
}
