/**
 * One deployment, a province: a Sở and its units, each with its own roster
 * and plan. Staff link once by phone and land in their own unit; the Sở's
 * leaders see every unit ranked and open each; nobody reaches another unit's
 * work through a forged button.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CB } from "../../src/ui/callbacks.ts";
import { createLogger } from "../../src/logger.ts";
import { importCriteriaFile, importIndicatorFile, importPlanFile, importRosterFile } from "../../src/import/imports.ts";
import { recordSelfScore, submitAssessment } from "../../src/store/evaluation/criteria.ts";
import { recordIndicatorReport } from "../../src/store/indicators/indicators.ts";
import { sendReportUp } from "../../src/store/province/unit-reports.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { setRole } from "../../src/store/people/staff.ts";
import { saveSetting } from "../../src/store/settings/settings.ts";
import { addUnit } from "../../src/store/province/units.ts";
import { fixedClock } from "../../src/domain/calendar.ts";
import path from "node:path";
import {
  NOW,
  PEOPLE,
  seedSmallPlan,
  startConsole,
  startTelegram,
  UNIT,
  type TelegramHarness,
  linkOnTelegram,
} from "../helpers/bot.ts";
import { freshDb, snapshot, type TestDb } from "../helpers/db.ts";
import { FakeUser } from "../helpers/fake-telegram.ts";
import { writeText } from "../helpers/files.ts";
import { cchc } from "../helpers/run.ts";

const SO = "Sở Y tế Thử nghiệm";
const BAC = "TTYT Huyện Bắc";
const NAM = "TTYT Huyện Nam";
const SO_LEADER = { name: "Đỗ Văn Sơn", phone: "0915000001" };
const SO_ADMIN = { name: "Vũ Thị Hà", phone: "0915000002" };
const HEAD = { name: "Mai Văn Bắc", phone: "0916000001" };
const NO_INDICATORS = "Chưa có chỉ số nào do khoa/phòng của bạn phụ trách.";
/** On both Bắc's and Nam's rosters. */
const TWICE = "0917000009";

let t: TestDb;
let bot: TelegramHarness;

async function roster(unitName: string, rows: string[]): Promise<void> {
  const file = writeText(
    t.dir,
    `${unitName}-staff.csv`,
    ["Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ", ...rows].join("\n"),
  );
  await importRosterFile(t.db, { file, unitName, now: new Date(NOW) });
}

beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
  await addUnit(t.db, { name: SO });
  for (const name of [UNIT, BAC, NAM]) await addUnit(t.db, { name, parent: SO });
  await roster(SO, [
    `${SO_LEADER.name},${SO_LEADER.phone},Ban Giám đốc,Giám đốc`,
    `${SO_ADMIN.name},${SO_ADMIN.phone},Văn phòng Sở,Chuyên viên`,
  ]);
  await setRole(t.db, { unitName: SO, phone: `+84${SO_ADMIN.phone.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
  await roster(BAC, [
    `${HEAD.name},${HEAD.phone},Phòng Kế hoạch,Trưởng phòng`,
    "Đinh Thị Thu,0916000002,Phòng Kế hoạch,Chuyên viên",
    `Lý Văn Hai,${TWICE},Phòng Kế hoạch,Chuyên viên`,
  ]);
  await roster(NAM, [`Lý Văn Hai,${TWICE},Phòng Điều dưỡng,Chuyên viên`]);
  const plan = writeText(
    t.dir,
    "bac-plan.csv",
    [
      "STT,Nội dung nhiệm vụ,Chủ trì,Phối hợp,Thời gian thực hiện",
      "1,Rà soát TTHC của trung tâm,Phòng Kế hoạch,,15/10/2026",
      "2,Niêm yết TTHC tại bộ phận một cửa,Phòng Kế hoạch,,20/10/2026",
      "3,Báo cáo CCHC năm của trung tâm,Phòng Kế hoạch,,Tháng 12/2026",
    ].join("\n"),
  );
  await importPlanFile(t.db, { file: plan, unitName: BAC, year: 2026, now: new Date(NOW) });
  bot = await startTelegram(t.db);
});
afterEach(async () => {
  await bot.stop();
  await t.close();
});

const linked = (id: number, person: { name: string; phone: string }) => linkOnTelegram(bot.api, id, person);

/** The Sở's criteria set for 2026, from these .csv lines. */
async function soCriteria(lines: string[]): Promise<void> {
  const file = writeText(t.dir, "tieu-chi.csv", lines.join("\n"));
  await importCriteriaFile(t.db, { file, unitName: SO, year: 2026, now: new Date(NOW), defaultTitle: "Bộ tiêu chí" });
}

/** One scheduler tick over every unit, at `iso`. */
const tickAt = (iso: string) =>
  new Scheduler({
    db: t.db,
    clock: fixedClock(iso),
    logger: createLogger("silent"),
    unitName: UNIT,
    tz: "Asia/Ho_Chi_Minh",
    defaultLocale: "vi",
  }).tick();

async function said(user: FakeUser, text: string) {
  user.send(text);
  return user.reply();
}

describe("a province in one deployment", () => {
  it("a unit's staff link by phone and work in their own unit's plan", async () => {
    const head = await linked(3001, HEAD);
    const list = (await said(head, "/nhiemvu")).text;
    expect(list).toContain("Rà soát TTHC của trung tâm");
    expect(list).not.toContain("Rà soát thủ tục hành chính");
    expect((await said(head, "xong 1")).text).toContain("Rà soát TTHC của trung tâm");
    const done = await t.db.assignment.findMany({
      where: { status: "DONE" },
      include: { occurrence: { include: { task: { include: { plan: { include: { unit: true } } } } } } },
    });
    expect(done.map((a) => [a.occurrence.task.plan.unit.name, a.occurrence.task.ref])).toEqual([[BAC, "1"]]);
  });

  it("a unit's indicators are its own: another unit's are neither listed nor in its report", async () => {
    const head = await linked(3001, HEAD);
    expect((await said(head, "/chiso")).text).toBe(NO_INDICATORS);
    const { loadReportData } = await import("../../src/reports/data.ts");
    const { reportWindow } = await import("../../src/domain/report-period.ts");
    const data = await loadReportData(t.db, {
      unitName: BAC,
      window: reportWindow("q4", 2026),
      today: "2026-11-25",
      tz: "Asia/Ho_Chi_Minh",
    });
    expect(data.indicators).toEqual([]);
  });

  it("a phone on two units' rosters is asked for its invitation code, and nothing is linked", async () => {
    const hai = new FakeUser(bot.api, 3002, "Hai");
    hai.shareContact(TWICE);
    expect((await hai.reply()).text).toBe(
      "Số điện thoại này có trong danh sách cán bộ của nhiều đơn vị. Hãy gửi mã mời mà đầu mối CCHC của đơn vị bạn đã gửi, để bot biết bạn làm việc ở đơn vị nào.",
    );
    expect(await t.db.chatIdentity.count({ where: { externalId: "3002" } })).toBe(0);
  });

  it("the Sở's leader sees every unit worst first, the units without a plan, and opens one by name or button", async () => {
    const head = await linked(3001, HEAD);
    await said(head, "xong 3");
    const leader = await linked(3003, SO_LEADER);
    const report = await said(leader, "/baocao");
    expect(report.text).toBe(
      [
        `📈 Báo cáo CCHC quý IV năm 2026 — ${SO} và các đơn vị trực thuộc (4 đơn vị)`,
        "Nhiệm vụ đến hạn 01/10/2026–31/12/2026 · tình hình ngày 25/11/2026 · số liệu 15/09/2026–14/12/2026",
        "",
        "Lượt nhiệm vụ trong kỳ: 7 · tỷ lệ đúng hạn: 14,3% · 🔴 Quá hạn: 3",
        "🟢 Xong đúng hạn: 1   🟠 Xong trễ hạn: 0",
        "🔵 Đang làm: 0",
        "⚪ Chưa bắt đầu: 6, trong đó quá hạn 3",
        "⛔ Vướng mắc: 0",
        "",
        "Theo đơn vị (kém nhất trước):",
        `• ${UNIT}: 0/4 đúng hạn (0%) · 🔴 1`,
        `• ${BAC}: 1/3 đúng hạn (33,3%) · 🔴 2`,
        "",
        `⚠ Chưa nhập kế hoạch năm 2026: ${SO}, ${NAM}`,
        "",
        "📥 Báo cáo kỳ này đã gửi lên: 0/3 đơn vị — xem: /baocaodonvi",
        "",
        "Xem một đơn vị: /tiendo TÊN ĐƠN VỊ",
      ].join("\n"),
    );
    const bacId = (await t.db.unit.findUniqueOrThrow({ where: { name: BAC } })).id;
    expect(report.buttons[1]!.map((b) => b.text)).toEqual([UNIT, BAC]);
    // By name, without marks or the full name; and by the button: the unit's own report, its departments, its late work.
    const byName = (await said(leader, "/tiendo huyen bac")).text;
    expect(byName.split("\n")[0]).toBe(`📈 ${BAC} — báo cáo CCHC quý IV năm 2026`);
    expect(byName).toContain("• Phòng Kế hoạch: 1/3 đúng hạn (33,3%) · 🔴 2");
    expect(byName).toContain("Rà soát TTHC của trung tâm");
    leader.press(CB.reportUnit.build(bacId, "q4", 2026));
    expect((await leader.reply()).text).toBe(byName);
    expect((await said(leader, "/tiendo Huyện Tây")).text).toBe(
      "Không tìm thấy đơn vị hay khoa/phòng “Huyện Tây”. Gõ /baocao để xem tên các đơn vị.",
    );
    // The chart has one bar per unit.
    leader.press(CB.reportChart.build("q4", 2026));
    expect((await leader.reply()).method).toBe("sendPhoto");
  });

  it("the Sở's admin sees the province too; a unit's own leader sees only the unit, and another unit's buttons are refused with nothing written", async () => {
    const admin = await linked(3004, SO_ADMIN);
    expect((await said(admin, "/baocao")).text.split("\n")[0]).toBe(
      `📈 Báo cáo CCHC quý IV năm 2026 — ${SO} và các đơn vị trực thuộc (4 đơn vị)`,
    );
    const dung = await linked(3005, PEOPLE.dung);
    const own = await said(dung, "/baocao");
    expect(own.text.split("\n")[0]).toBe("📈 Báo cáo CCHC quý IV năm 2026");
    expect(own.text).toContain("Theo khoa/phòng (kém nhất trước):");
    expect(own.text).not.toContain(BAC);
    expect((await said(dung, "/tiendo huyen bac")).text).toBe("Không tìm thấy khoa/phòng “huyen bac”.");
    const bacId = (await t.db.unit.findUniqueOrThrow({ where: { name: BAC } })).id;
    const bacDepartment = (await t.db.department.findFirstOrThrow({ where: { unit: { name: BAC } } })).id;
    const bacWork = await t.db.assignment.findFirstOrThrow({ where: { staff: { unit: { name: BAC } } } });
    const { addEvidenceFile } = await import("../../src/store/evidence/evidence.ts");
    const evidence = await addEvidenceFile(t.db, {
      assignmentId: bacWork.id,
      staffId: bacWork.staffId,
      channel: "telegram",
      now: new Date(NOW),
      fileName: "bien-ban.pdf",
      mime: "application/pdf",
      data: Buffer.from("%PDF"),
    });
    const before = await snapshot(t.db);
    for (const forged of [
      CB.reportUnit.build(bacId, "q4", 2026),
      CB.reportDepartment.build(bacDepartment),
      CB.evidenceFile.build(evidence.id),
    ]) {
      dung.press(forged);
      expect((await dung.reply()).text).toBe("Nút này không còn dùng được. Gõ /nhiemvu để bắt đầu lại.");
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("one scheduler tick reminds each unit's people of their own unit's work", async () => {
    await linked(3001, HEAD);
    await linked(3006, PEOPLE.an);
    expect((await tickAt(NOW)).decided).toBeGreaterThan(0);
    const ids = (await t.db.reminderLog.findMany({ select: { recipientId: true } })).map((r) => r.recipientId);
    const reminded = await t.db.staff.findMany({
      where: { id: { in: ids } },
      select: { name: true, unit: { select: { name: true } } },
    });
    expect(new Set(reminded.map((r) => `${r.unit.name}: ${r.name}`))).toEqual(
      new Set([`${BAC}: ${HEAD.name}`, `${UNIT}: ${PEOPLE.an.name}`]),
    );
  });
});

describe("a notice to the whole province", () => {
  it("“/tuyentruyen toàn tỉnh” from the Sở reaches every unit's staff; its figures name each unit's departments", async () => {
    const admin = await linked(3004, SO_ADMIN);
    expect((await said(admin, "/tuyentruyen toàn tỉnh")).text).toBe(
      "Soạn thông báo gửi toàn đơn vị — toàn tỉnh (đơn vị mình và các đơn vị trực thuộc): gửi nội dung (có thể kèm ảnh hoặc tệp PDF/DOCX, nội dung ghi ở chú thích).",
    );
    admin.send("Lịch tuyên truyền CCHC tháng 12");
    const [, confirm] = await admin.replies(2);
    // 2 at the Sở, 5 in the test centre, 3 in Bắc, 1 in Nam: one of them (the admin) linked.
    expect(confirm!.text).toContain(
      "Gửi tới: toàn đơn vị — toàn tỉnh (đơn vị mình và các đơn vị trực thuộc) — 1 người nhận được qua chat, 10 người chưa liên kết.",
    );
    // Every unit addressed is counted: those nobody there can receive it in chat are named.
    expect(confirm!.text).toContain(
      `⚪ 3 đơn vị chưa ai liên kết với bot, sẽ không nhận được qua chat: ${BAC}, ${NAM}, ${UNIT}.`,
    );
    admin.pressLabel("Gửi");
    await admin.replies(2);
    const to = (await t.db.outbox.findMany({ where: { kind: "broadcast" }, select: { staffId: true } })).map(
      (o) => o.staffId,
    );
    const units = await t.db.staff.findMany({
      where: { id: { in: to } },
      select: { unit: { select: { name: true } } },
    });
    expect(units.map((u) => u.unit.name).sort()).toEqual(
      [NAM, SO, SO, BAC, BAC, BAC, UNIT, UNIT, UNIT, UNIT, UNIT].sort(),
    );
    const stats = (await said(admin, "/tuyentruyen_thongke")).text;
    expect(stats).toContain(`• ${BAC} · Phòng Kế hoạch: gửi 0/3`);
    expect(stats).toContain(`• ${UNIT} · Khoa Dược: gửi 0/2`);
  });
});

describe("the Sở's workbook", () => {
  it("/xuatbaocao from the Sở's admin gives a summary with a line per unit, worst first", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const fileDir = path.join(t.dir, "out");
    const chat = await startConsole(t.db, { fileDir });
    try {
      await chat.say(`/as ${SO_ADMIN.phone}`);
      expect(await chat.say("/xuatbaocao q4 2026")).toContain("bao-cao-cchc-quy-4-2026.xlsx");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(fileDir, "bao-cao-cchc-quy-4-2026.xlsx"));
      const rows = wb.worksheets[0]!.getSheetValues()
        .filter(Boolean)
        .map((r) => (r as unknown[]).slice(1, 3));
      const header = rows.findIndex((r) => r[0] === "Đơn vị");
      expect(rows.slice(header, header + 3)).toEqual([
        ["Đơn vị", "Lượt nhiệm vụ"],
        [BAC, 3],
        [UNIT, 4],
      ]);
    } finally {
      await chat.stop();
    }
  });
});

describe("the Sở's tasks for its units", () => {
  it("a task for “các đơn vị trực thuộc” or a named unit reaches each unit's admin as work of their unit, counts in both views, and is reminded", async () => {
    const phone = (p: string) => `+84${p.slice(1)}`;
    await setRole(t.db, { unitName: BAC, phone: phone(HEAD.phone), role: "ADMIN", now: new Date(NOW) });
    await setRole(t.db, { unitName: UNIT, phone: phone(PEOPLE.dung.phone), role: "ADMIN", now: new Date(NOW) });
    const plan = writeText(
      t.dir,
      "so-plan.csv",
      [
        "STT,Nội dung nhiệm vụ,Chủ trì,Phối hợp,Thời gian thực hiện",
        "1,Xây dựng kế hoạch CCHC năm 2027 của đơn vị,Các đơn vị trực thuộc,,Tháng 12/2026",
        "2,Tự đánh giá chỉ số CCHC,TTYT Huyện Bắc,Văn phòng Sở,15/11/2026",
        "3,Tổng hợp báo cáo CCHC của Sở,Văn phòng Sở,,Tháng 12/2026",
      ].join("\n"),
    );
    const r = await importPlanFile(t.db, { file: plan, unitName: SO, year: 2026, now: new Date(NOW) });
    expect(r.warnings.map((w) => w.params?.name ?? w.params?.department)).not.toContain("Các đơn vị trực thuộc");
    const holders = async (ref: string) =>
      (
        await t.db.assignment.findMany({
          where: { occurrence: { task: { ref, plan: { unit: { name: SO } } } } },
          select: { staff: { select: { name: true, unit: { select: { name: true } } } } },
        })
      )
        .map((a) => `${a.staff.unit.name}: ${a.staff.name}`)
        .sort();
    // Nam has no admin yet: nobody there holds it until one is named.
    expect(await holders("1")).toEqual([`${BAC}: ${HEAD.name}`, `${UNIT}: ${PEOPLE.dung.name}`]);
    expect(await holders("2")).toEqual([`${BAC}: ${HEAD.name}`]);
    await setRole(t.db, { unitName: NAM, phone: `+84${TWICE.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
    expect(await holders("1")).toEqual([`${BAC}: ${HEAD.name}`, `${NAM}: Lý Văn Hai`, `${UNIT}: ${PEOPLE.dung.name}`]);

    const head = await linked(3001, HEAD);
    const list = (await said(head, "/nhiemvu")).text;
    expect(list).toContain("Xây dựng kế hoạch CCHC năm 2027");
    expect(list).toContain("Tự đánh giá chỉ số CCHC");
    // The unit's own report counts them with its own (3 + 2); the Sở's counts them under the Sở.
    expect((await said(head, "/baocao")).text).toContain("Lượt nhiệm vụ trong kỳ: 5 ·");
    const leader = await linked(3003, SO_LEADER);
    const province = (await said(leader, "/baocao")).text;
    expect(province).toContain(`• ${SO}: 0/4 đúng hạn (0%) · 🔴 1`);
    expect(province).toContain(`• ${BAC}: 0/3 đúng hạn (0%) · 🔴 2`);
    // The morning's reminder reaches the unit's admin for the Sở's overdue task too.
    await tickAt(NOW);
    const soTask = await t.db.assignment.findFirstOrThrow({
      where: { staff: { name: HEAD.name }, occurrence: { task: { ref: "2", plan: { unit: { name: SO } } } } },
    });
    expect(await t.db.reminderLog.count({ where: { assignmentId: soTask.id } })).toBeGreaterThan(0);
  });
});

describe("notices stay in their unit", () => {
  it("a unit's notice goes to its own staff, and its figures are not another unit's to see", async () => {
    const { createBroadcast } = await import("../../src/store/notices/broadcasts.ts");
    const r = await createBroadcast(t.db, {
      unitName: BAC,
      senderId: null,
      text: "Lịch tiếp công dân",
      audience: { departments: [], role: null },
      now: new Date(NOW),
    });
    const to = (await t.db.outbox.findMany({ where: { broadcastId: r.id }, select: { staffId: true } })).map(
      (o) => o.staffId,
    );
    const units = await t.db.staff.findMany({
      where: { id: { in: to } },
      select: { unit: { select: { name: true } } },
    });
    expect([to.length, new Set(units.map((s) => s.unit.name))]).toEqual([3, new Set([BAC])]);
    const admin = await linked(3004, SO_ADMIN);
    expect((await said(admin, "/tuyentruyen_thongke")).text).toBe("Chưa có thông báo nào.");
    expect((await said(admin, `/tuyentruyen_thongke ${r.id}`)).text).toBe("Chưa có thông báo nào.");
    // Nor are its delivery figures: the Sở's admin sees the Sở's own (none).
    expect((await said(admin, "/thongkegui")).text).not.toMatch(/Thông báo[^\n]*[1-9]/);
    admin.press(CB.noticeRemind.build(r.id));
    expect((await admin.reply()).text).toBe("Nút này không còn dùng được. Gõ /nhiemvu để bắt đầu lại.");
    expect((await t.db.broadcast.findUniqueOrThrow({ where: { id: r.id } })).remindedAt).toBeNull();
  });
});

describe("reports up the tree", () => {
  it("before the Decree 09 deadline a unit's admin is reminded to send the report, with the command that sends it up", async () => {
    await setRole(t.db, { unitName: BAC, phone: `+84${HEAD.phone.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
    await linked(3001, HEAD);
    // Friday 11 December 2026, the working day before the year report's deadline (12/12).
    await tickAt("2026-12-11T01:30:00Z");
    const headId = (await t.db.staff.findFirstOrThrow({ where: { name: HEAD.name } })).id;
    const texts = (await t.db.outbox.findMany({ where: { staffId: headId } })).map(
      (o) => (JSON.parse(o.payload) as { text: string }).text,
    );
    const reminder = texts.find((x) => x.includes("Sắp đến hạn gửi báo cáo CCHC năm"));
    expect(reminder).toContain(`📤 Gửi lên ${SO} qua bot: gõ /guibaocao nam 2026`);
  });

  it("a bot started after the deadline sends the admin one reminder that says the report is late, its send-up line once", async () => {
    await setRole(t.db, { unitName: BAC, phone: `+84${HEAD.phone.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
    await linked(3001, HEAD);
    // Down from 25/11 to Monday 14 December 2026: both steps of the year report (11/12 and 12/12) passed.
    await tickAt("2026-12-14T01:30:00Z");
    const headId = (await t.db.staff.findFirstOrThrow({ where: { name: HEAD.name } })).id;
    const text = (await t.db.outbox.findMany({ where: { staffId: headId } }))
      .map((o) => (JSON.parse(o.payload) as { text: string }).text)
      .join("\n");
    expect(text).not.toContain("Sắp đến hạn gửi báo cáo");
    expect(text.match(/Đã quá hạn gửi báo cáo CCHC năm lên cấp trên \(hạn 12\/12\/2026\)/g)).toHaveLength(1);
    expect(text.match(/📤 Gửi lên/g)).toHaveLength(1);
  });

  it("the Sở sets when its units' plans are due (10/12): the reminder, /guikehoach and the Sở's list follow it", async () => {
    await setRole(t.db, { unitName: BAC, phone: `+84${HEAD.phone.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
    const soAdmin = await linked(3004, SO_ADMIN);
    const head = await linked(3001, HEAD);
    expect((await said(soAdmin, "/caidat planDue 10/12")).text).toContain("10/12");
    const headId = (await t.db.staff.findFirstOrThrow({ where: { name: HEAD.name } })).id;
    // Thursday 3 December 2026, five working days before 10/12.
    await tickAt("2026-12-03T01:30:00Z");
    const lines = (await t.db.outbox.findMany({ where: { staffId: headId } })).flatMap((o) =>
      (JSON.parse(o.payload) as { text: string }).text.split("\n").filter((l) => l.includes("Kế hoạch CCHC năm 2027")),
    );
    expect(lines).toEqual([
      `📅 Kế hoạch CCHC năm 2027 của đơn vị phải gửi ${SO} trước ngày 10/12/2026. Gửi qua bot: gõ /guikehoach 2027 rồi gửi tệp kế hoạch đã ký.`,
    ]);
    expect((await said(head, "/guikehoach")).text).toContain("(hạn 10/12/2026)");
    expect((await said(soAdmin, "/baocaodonvi kehoach")).text).toContain(
      "📥 Kế hoạch CCHC năm 2027 của các đơn vị trực thuộc (hạn 10/12/2026) — đã gửi 0/3:",
    );
  });

  it("a unit sends next year's plan up by 15/12: reminded 5 working days before, /guikehoach takes the signed file, the Sở sees who sent", async () => {
    await setRole(t.db, { unitName: BAC, phone: `+84${HEAD.phone.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
    const soAdmin = await linked(3004, SO_ADMIN);
    const head = await linked(3001, HEAD);
    const thu = await linked(3002, { name: "Đinh Thị Thu", phone: "0916000002" });
    // Tuesday 8 December 2026, five working days before 15/12: Bắc's admin is reminded, with the command.
    const remindAt = tickAt;
    const headId = (await t.db.staff.findFirstOrThrow({ where: { name: HEAD.name } })).id;
    // The plan's line, within whatever else the reminder message carries that day.
    const outbox = async () =>
      (await t.db.outbox.findMany({ where: { staffId: headId } })).flatMap((o) =>
        (JSON.parse(o.payload) as { text: string }).text.split("\n").filter((l) => l.startsWith("📅")),
      );
    await remindAt("2026-12-07T01:30:00Z");
    expect((await outbox()).filter((x) => x.includes("Kế hoạch CCHC năm 2027"))).toEqual([]);
    await remindAt("2026-12-08T01:30:00Z");
    expect((await outbox()).filter((x) => x.includes("Kế hoạch CCHC năm 2027"))).toEqual([
      `📅 Kế hoạch CCHC năm 2027 của đơn vị phải gửi ${SO} trước ngày 15/12/2026. Gửi qua bot: gõ /guikehoach 2027 rồi gửi tệp kế hoạch đã ký.`,
    ]);

    // Bad input: a year that is no year, staff, a picture instead of the plan; nothing recorded.
    expect((await said(head, "/guikehoach sau")).text).toBe(
      "Cách dùng: /guikehoach [năm], ví dụ /guikehoach 2027. Không ghi năm: kế hoạch năm sau (từ tháng 7), năm nay (trước đó).",
    );
    expect((await said(thu, "/guikehoach")).text).toBe("Lệnh /guikehoach không dành cho vai trò của bạn.");
    expect((await said(head, "/guikehoach")).text).toBe(
      `Gửi kế hoạch CCHC năm 2027 lên ${SO} (hạn 15/12/2026): gửi cho bot tệp kế hoạch đã ký (.pdf, .docx hoặc .xlsx), bot sẽ chuyển lên và ghi lại thời điểm gửi.`,
    );
    head.sendFile("anh.txt", Buffer.from("x"));
    expect((await head.reply()).text).toBe(
      "anh.txt không phải tệp PDF, DOCX hay XLSX nên chưa gửi. Hãy gửi lại tệp kế hoạch.",
    );
    expect(await t.db.unitReport.count()).toBe(0);
    const plan = Buffer.from("%PDF-1.4 signed plan 2027");
    head.sendFile("KH-CCHC-2027.pdf", plan);
    expect((await head.reply()).text).toBe(
      `📤 Đã gửi KH-CCHC-2027.pdf lên ${SO} (1 quản trị nhận). Bot đã ghi lại thời điểm gửi.`,
    );
    const arrived = await soAdmin.reply();
    expect([arrived.method, arrived.text]).toEqual([
      "sendDocument",
      `📥 ${BAC} gửi kế hoạch CCHC năm 2027 (${HEAD.name} gửi qua bot).`,
    ]);

    const list = await said(soAdmin, "/baocaodonvi kehoach");
    expect(list.text).toBe(
      [
        `📥 Kế hoạch CCHC năm 2027 của các đơn vị trực thuộc (hạn 15/12/2026) — đã gửi 1/3:`,
        "",
        `✅ ${BAC} — gửi 25/11/2026, ${HEAD.name} (bản đã ký)`,
        `⏳ ${NAM} — chưa gửi, hạn 15/12/2026`,
        `⏳ ${UNIT} — chưa gửi, hạn 15/12/2026`,
      ].join("\n"),
    );
    soAdmin.pressLabel(BAC);
    expect((await soAdmin.reply()).fileName).toBe("KH-CCHC-2027.pdf");
    expect((await said(soAdmin, "/baocaodonvi kehoach 20x")).text).toBe(
      "Cách dùng: /baocaodonvi kehoach [năm], ví dụ /baocaodonvi kehoach 2027.",
    );
    // The Sở has nothing above it to send its own plan to.
    expect((await said(soAdmin, "/guikehoach")).text).toContain("chưa có đơn vị cấp trên");
    // Sent: no reminder the next day for a unit that has sent.
    await t.db.reminderLog.deleteMany({ where: { key: { startsWith: "plan:" } } });
    await remindAt("2026-12-09T01:30:00Z");
    expect((await outbox()).filter((x) => x.includes("Kế hoạch CCHC năm 2027"))).toHaveLength(1);
  });

  it("the director takes out and sends up the reports he signs; /nhatkybaocao names who did each; staff are refused, nothing recorded", async () => {
    const soAdmin = await linked(3004, SO_ADMIN);
    const dung = await linked(1004, PEOPLE.dung);
    const binh = await linked(1002, PEOPLE.binh);
    for (const command of ["/xuatbaocao q4 2026", "/xuatminhchung q4 2026", "/guibaocao q4 2026", "/nhatkybaocao"])
      expect((await said(binh, command)).text).toBe(`Lệnh ${command.split(" ")[0]} không dành cho vai trò của bạn.`);
    expect(await t.db.reportExport.count()).toBe(0);
    expect((await said(dung, "/nhatkybaocao")).text).toBe("Chưa ai xuất hay gửi báo cáo nào của đơn vị qua bot.");

    const xlsx = await said(dung, "/xuatbaocao q4 2026");
    expect([xlsx.method, xlsx.fileName]).toEqual(["sendDocument", "bao-cao-cchc-quy-4-2026.xlsx"]);
    expect((await said(dung, "/xuatbaocao q4 2026 docx")).fileName).toBe("bao-cao-cchc-quy-4-2026.docx");
    const zip = await said(dung, "/xuatminhchung q4 2026");
    expect([zip.method, zip.fileName]).toEqual(["sendDocument", "minh-chung-cchc-quy-4-2026.zip"]);
    dung.send("/guibaocao q4 2026");
    await dung.replies(2);
    dung.pressLabel("Gửi bản này");
    expect((await dung.reply()).text).toContain(`📤 Đã gửi bao-cao-cchc-quy-4-2026.docx lên ${SO}`);
    expect((await soAdmin.reply()).text).toContain(`(${PEOPLE.dung.name} gửi qua bot)`);

    const director = await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.dung.name } });
    expect(
      await t.db.reportExport.findMany({ orderBy: { id: "asc" }, select: { staffId: true, format: true, kind: true } }),
    ).toEqual(["xlsx", "docx", "zip"].map((format) => ({ staffId: director.id, format, kind: "q4" })));
    expect((await t.db.unitReport.findFirstOrThrow()).sentById).toBe(director.id);
    const log = (await said(dung, "/nhatkybaocao")).text.split("\n");
    expect(log[0]).toBe("🗂 Báo cáo đã lấy ra và đã gửi lên (4 lần gần nhất):");
    expect(log.slice(1).map((l) => l.replace(/^• .* — /, ""))).toEqual(
      expect.arrayContaining([
        `${PEOPLE.dung.name} xuất bao-cao-cchc-quy-4-2026.xlsx`,
        `${PEOPLE.dung.name} xuất bao-cao-cchc-quy-4-2026.docx`,
        `${PEOPLE.dung.name} xuất minh-chung-cchc-quy-4-2026.zip`,
        `${PEOPLE.dung.name} gửi bao-cao-cchc-quy-4-2026.docx lên đơn vị cấp trên`,
      ]),
    );
  });

  it("a unit's admin sends the draft or the signed file to the Sở's admin, who sees who sent, who is late, and opens each", async () => {
    await setRole(t.db, { unitName: BAC, phone: `+84${HEAD.phone.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
    const soAdmin = await linked(3004, SO_ADMIN);
    const head = await linked(3001, HEAD);
    head.send("/guibaocao q3 2026");
    const [file, ask] = await head.replies(2);
    expect([file!.method, file!.text]).toEqual([
      "sendDocument",
      "Bản dự thảo báo cáo CCHC quý III năm 2026 do bot lập",
    ]);
    expect(ask!.text).toBe(
      `Gửi báo cáo CCHC quý III năm 2026 lên ${SO} (hạn 12/09/2026):\n• bấm “Gửi bản này” để gửi bản dự thảo ở trên, hoặc\n• gửi lại cho bot tệp PDF hoặc DOCX đã ký, bot sẽ gửi bản đó.`,
    );
    head.pressLabel("Gửi bản này");
    expect((await head.reply()).text).toBe(
      `📤 Đã gửi bao-cao-cchc-quy-3-2026.docx lên ${SO} (1 quản trị nhận). Bot đã ghi lại thời điểm gửi.`,
    );
    const arrived = await soAdmin.reply();
    expect([arrived.method, arrived.text]).toEqual([
      "sendDocument",
      `📥 ${BAC} gửi báo cáo CCHC quý III năm 2026 (${HEAD.name} gửi qua bot).`,
    ]);

    // The signed copy for quarter IV: a text file is refused and nothing is recorded; a PDF goes.
    head.send("/guibaocao q4 2026");
    await head.replies(2);
    head.sendFile("ghi-chu.txt", Buffer.from("x"));
    expect((await head.reply()).text).toBe(
      "ghi-chu.txt không phải tệp PDF hay DOCX nên chưa gửi. Gửi lại bản đã ký dạng PDF hoặc DOCX, hoặc bấm “Gửi bản này”.",
    );
    expect(await t.db.unitReport.count()).toBe(1);
    const signed = Buffer.from("%PDF-1.4 signed report");
    head.sendFile("BC-CCHC-Q4-ky.pdf", signed);
    expect((await head.reply()).text).toContain("📤 Đã gửi BC-CCHC-Q4-ky.pdf");
    expect((await soAdmin.reply()).text).toBe(`📥 ${BAC} gửi báo cáo CCHC quý IV năm 2026 (${HEAD.name} gửi qua bot).`);

    const list = await said(soAdmin, "/baocaodonvi q3 2026");
    expect(list.text).toBe(
      [
        "📥 Báo cáo CCHC quý III năm 2026 của các đơn vị trực thuộc — đã gửi 1/3:",
        "",
        `⏰ ${BAC} — gửi 25/11/2026, ${HEAD.name} (bản dự thảo), trễ hạn 12/09/2026`,
        `❌ ${NAM} — chưa gửi, quá hạn 12/09/2026`,
        `❌ ${UNIT} — chưa gửi, quá hạn 12/09/2026`,
      ].join("\n"),
    );
    expect((await said(soAdmin, "/baocaodonvi")).text).toContain(
      `✅ ${BAC} — gửi 25/11/2026, ${HEAD.name} (bản đã ký)`,
    );
    soAdmin.pressLabel(BAC);
    const opened = await soAdmin.reply();
    expect(opened.method).toBe("sendDocument");
    const kept = await t.db.unitReport.findFirstOrThrow({ where: { kind: "q4" }, include: { file: true } });
    expect(Buffer.from(kept.file.data)).toEqual(signed);
    expect((await said(soAdmin, "/baocao q3 2026")).text).toContain(`❌ Quá hạn chưa gửi báo cáo: ${NAM}, ${UNIT}`);

    // Someone else's report through a forged button, the command from a unit with nothing above, and from staff: refused.
    const dung = await linked(3005, PEOPLE.dung);
    await setRole(t.db, {
      unitName: UNIT,
      phone: `+84${PEOPLE.dung.phone.slice(1)}`,
      role: "ADMIN",
      now: new Date(NOW),
    });
    const binh = await linked(3007, PEOPLE.binh);
    const before = await snapshot(t.db);
    dung.press(CB.unitReportFile.build(kept.id));
    expect((await dung.reply()).text).toBe("Nút này không còn dùng được. Gõ /nhiemvu để bắt đầu lại.");
    expect((await said(soAdmin, "/guibaocao")).text).toContain("Đơn vị của bạn chưa có đơn vị cấp trên trong bot");
    expect((await said(binh, "/guibaocao")).text).toBe("Lệnh /guibaocao không dành cho vai trò của bạn.");
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("the Sở's consolidated report", () => {
  /** After the 12/12 deadline for the year's report: Bắc sent late, the others not at all. */
  const DEC15 = "2026-12-15T01:00:00Z";

  async function indicators(unitName: string, values: Record<string, [number, number?, number?]>) {
    const file = writeText(
      t.dir,
      `${unitName}-indicators.csv`,
      [
        "Mã,Tên chỉ số,Chỉ tiêu,Phòng phụ trách,Kỳ",
        "CS01,Tỷ lệ TTHC giải quyết đúng hạn,>98%,,Quý",
        "CS02,Số văn bản ký số,500 văn bản,,Quý",
      ].join("\n"),
    );
    await importIndicatorFile(t.db, { file, unitName, year: 2026 });
    const reporter = await t.db.staff.findFirstOrThrow({ where: { unit: { name: unitName } } });
    for (const [code, [value, numerator, denominator]] of Object.entries(values)) {
      const ind = await t.db.indicator.findFirstOrThrow({ where: { code, unit: { name: unitName } } });
      await recordIndicatorReport(t.db, {
        indicatorId: ind.id,
        value,
        ...(numerator !== undefined ? { numerator, denominator } : {}),
        periodLabel: "2026-Q4",
        reporterId: reporter.id,
        now: new Date("2026-12-01T03:00:00Z"),
      });
    }
  }

  /** "Lượt nhiệm vụ trong kỳ: 3 · tỷ lệ đúng hạn: 0%" and "🔴 Quá hạn: 2" from a unit's own /baocao. */
  function headline(text: string): { assigned: number; rate: string; overdue: number } {
    const m = /Lượt nhiệm vụ trong kỳ: (\d+) · tỷ lệ đúng hạn: (.+)/.exec(text);
    const o = /🔴 Quá hạn: (\d+)/.exec(text);
    if (!m || !o) throw new Error(`no headline in:\n${text}`);
    return { assigned: Number(m[1]), rate: m[2]!.trim(), overdue: Number(o[1]) };
  }

  it("agrees with each unit's own /baocao, rolls the indicators up, names the unit with no plan and the late report", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const mammoth = (await import("mammoth")).default;
    await setRole(t.db, { unitName: BAC, phone: `+84${HEAD.phone.slice(1)}`, role: "LEADER", now: new Date(NOW) });
    await indicators(UNIT, { CS01: [97.92, 47, 48], CS02: [300] });
    await indicators(BAC, { CS01: [90, 90, 100], CS02: [250] });
    const head = await t.db.staff.findFirstOrThrow({ where: { phone: `+84${HEAD.phone.slice(1)}` } });
    await sendReportUp(t.db, {
      unitName: BAC,
      kind: "q4",
      year: 2026,
      fileName: "bc-bac.pdf",
      mime: "application/pdf",
      data: Buffer.from("%PDF-1.4 signed"),
      source: "signed",
      sentById: head.id,
      now: new Date(DEC15),
      caption: () => "",
    });
    const fileDir = path.join(t.dir, "out");
    const chat = await startConsole(t.db, { fileDir, clock: fixedClock(DEC15) });
    try {
      await chat.say(`/as ${PEOPLE.dung.phone}`);
      const own: Record<string, ReturnType<typeof headline>> = { [UNIT]: headline(await chat.say("/baocao q4 2026")) };
      await chat.say(`/as ${HEAD.phone}`);
      own[BAC] = headline(await chat.say("/baocao q4 2026"));
      expect(own[BAC]).toEqual({ assigned: 3, rate: "0%", overdue: 2 });

      await chat.say(`/as ${SO_ADMIN.phone}`);
      expect(await chat.say("/xuatbaocao q4 2026 xlsx")).toContain("bao-cao-cchc-quy-4-2026.xlsx");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(fileDir, "bao-cao-cchc-quy-4-2026.xlsx"));
      const values = (name: string) =>
        wb
          .getWorksheet(name)!
          .getSheetValues()
          .filter(Boolean)
          .map((r) => (r as unknown[]).slice(1));
      for (const unit of [UNIT, BAC]) {
        const row = values("Tổng hợp").find((r) => r[0] === unit)!;
        expect({ assigned: row[1], overdue: row[7] }).toEqual({
          assigned: own[unit]!.assigned,
          overdue: own[unit]!.overdue,
        });
      }
      // The seeded plan's own indicator, never reported, comes first.
      const sector = values("Chỉ số toàn ngành").filter((r) => r[2] === "Toàn ngành");
      expect(sector.map((r) => [r[0], Math.round(Number(r[4] ?? NaN) * 10000) / 10000, r[5], r[6], r[7]])).toEqual([
        ["TTHC-DH", NaN, "—", "chưa đơn vị nào báo cáo", [UNIT, BAC, NAM].join(", ")],
        ["CS01", 0.9257, "Chưa đạt", "bình quân gia quyền 2 đơn vị", NAM],
        ["CS02", 550, "Đạt", "cộng số liệu 2 đơn vị", NAM],
      ]);
      const bacRows = values("Chỉ số toàn ngành").filter((r) => r[2] === BAC);
      expect(bacRows.map((r) => [r[0], r[4]])).toEqual([
        ["CS01", 0.9],
        ["CS02", 250],
      ]);
      expect(
        values("Báo cáo đơn vị")
          .slice(-3)
          .map((r) => r.slice(0, 4)),
      ).toEqual([
        [BAC, "Trễ hạn", "12/12/2026", "15/12/2026"],
        [NAM, "Chưa gửi", "12/12/2026", ""],
        [UNIT, "Chưa gửi", "12/12/2026", ""],
      ]);

      expect(await chat.say("/xuatbaocao q4 2026 docx")).toContain("bao-cao-cchc-quy-4-2026.docx");
      const text = (await mammoth.extractRawText({ path: path.join(fileDir, "bao-cao-cchc-quy-4-2026.docx") })).value;
      const lines = text.split("\n").filter(Boolean);
      const after = (heading: string) => lines[lines.findIndex((l) => l.endsWith(heading)) + 1];
      expect(lines).toContain("2. Các đơn vị trực thuộc (3 đơn vị)");
      expect(after(`. ${BAC}`)).toMatch(
        new RegExp(`^Đến hạn ${own[BAC]!.assigned} lượt .* quá hạn ${own[BAC]!.overdue};`),
      );
      expect(after(`. ${UNIT}`)).toMatch(
        new RegExp(`^Đến hạn ${own[UNIT]!.assigned} lượt .* quá hạn ${own[UNIT]!.overdue};`),
      );
      expect(after(`. ${NAM}`)).toBe("Chưa có kế hoạch CCHC năm 2026 trên hệ thống.");
      expect(lines).toContain("- Quá hạn: 1. Rà soát TTHC của trung tâm (hạn 15/10/2026, quá 61 ngày).");
      expect(lines.filter((l) => l.includes("; toàn ngành")).slice(1)).toEqual([
        "- CS01 — Tỷ lệ TTHC giải quyết đúng hạn: chỉ tiêu > 98%; toàn ngành 92,57% (Chưa đạt; bình quân gia quyền 2 đơn vị).",
        "- CS02 — Số văn bản ký số: chỉ tiêu ≥ 500 văn bản; toàn ngành 550 văn bản (Đạt; cộng số liệu 2 đơn vị).",
      ]);
      expect(lines).toContain("Đã nhận 1/3 báo cáo của đơn vị.");
      expect(lines).toContain(`Gửi trễ hạn: ${BAC}.`);
      expect(lines).toContain(`Chưa gửi (đã quá hạn): ${NAM} (12/12/2026), ${UNIT} (12/12/2026).`);
      // The annex: a row per unit whose figures are the unit's own.
      const annex = lines.slice(lines.indexOf("PHỤ LỤC"));
      const bac = annex.indexOf(BAC);
      expect(annex.slice(bac, bac + 9)).toEqual([BAC, "3", "0", "0", "3", "2", "0", "0%", "Trễ hạn"]);

      // `cchc report export` for the Sở is the document /xuatbaocao gave: one function builds both.
      const env = { DATABASE_URL: t.url, UNIT_NAME: SO, CLOCK_START: DEC15, TELEGRAM_BOT_TOKEN: "" };
      for (const format of ["docx", "xlsx"]) {
        const file = path.join(t.dir, `cli.${format}`);
        const r = cchc(
          ["report", "export", "--period", "q4", "--year", "2026", "--format", format, "--out", file],
          env,
        );
        expect(r.stderr).toBe("");
        const chatFile = path.join(fileDir, `bao-cao-cchc-quy-4-2026.${format}`);
        if (format === "docx") {
          const cliText = (await mammoth.extractRawText({ path: file })).value;
          expect(cliText).toBe(text);
        } else {
          const sheets = async (f: string) => {
            const book = new ExcelJS.Workbook();
            await book.xlsx.readFile(f);
            return book.worksheets.map((w) => [w.name, JSON.stringify(w.getSheetValues())]);
          };
          expect(await sheets(file)).toEqual(await sheets(chatFile));
        }
      }
    } finally {
      await chat.stop();
    }
  });
});

describe("the units' self-assessments at the Sở", () => {
  it("/chamdiem donvi lists who sent; /chamdiem tralai returns one with its reason, and its admin hears why", async () => {
    await soCriteria(["STT,Tiêu chí,Điểm tối đa", "1,Kế hoạch CCHC,2", "2,Báo cáo định kỳ,1"]);
    await setRole(t.db, { unitName: UNIT, phone: `+84${PEOPLE.an.phone.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
    const setId = (await t.db.criteriaSet.findFirstOrThrow()).id;
    const anId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.an.name } })).id;
    await submitAssessment(t.db, { setId, unitName: UNIT, total: 2.5, byId: anId, now: new Date(NOW) });
    const admin = await linked(3004, SO_ADMIN);
    expect((await said(admin, "/chamdiem donvi")).text).toBe(
      [
        "🏅 Tự chấm Chỉ số CCHC năm 2026 — đã nộp 1/3 đơn vị:",
        `⏳ ${BAC} — chưa nộp`,
        `⏳ ${NAM} — chưa nộp`,
        `✅ ${UNIT} — 2,5 điểm, nộp 25/11/2026`,
      ].join("\n"),
    );
    expect((await said(admin, "/chamdiem tralai Huyện: thiếu")).text).toContain("Không tìm thấy đúng một đơn vị");
    expect((await said(admin, `/chamdiem tralai ${BAC}: thiếu`)).text).toBe(
      `${BAC} chưa nộp bản tự chấm nào để trả lại.`,
    );
    expect((await said(admin, "/chamdiem tralai Thử nghiệm: thiếu minh chứng tiêu chí 2")).text).toBe(
      `↩ Đã trả lại bản tự chấm của ${UNIT}: thiếu minh chứng tiêu chí 2. Quản trị đơn vị đã được báo.`,
    );
    const told = await t.db.outbox.findMany({ where: { staffId: anId }, select: { payload: true } });
    expect(told.map((o) => o.payload).join()).toContain(
      `${SO} trả lại bản tự chấm Chỉ số CCHC của ${UNIT}: thiếu minh chứng tiêu chí 2`,
    );
    // A unit's leader of the Sở's tree who is no admin there cannot return one.
    const leader = await linked(3010, SO_LEADER);
    expect((await said(leader, "/chamdiem tralai Thử nghiệm: x")).text).toContain("Chỉ quản trị của đơn vị ban hành");
  });
});

describe("the units ranked on the PAR index", () => {
  it("the Sở sees the units ranked by the scores sent, with the workbook; a unit sees its own rank and the spread only", async () => {
    await soCriteria(["STT,Tiêu chí,Điểm tối đa", "I,Chỉ đạo,3", "1,Kế hoạch,2", "2,Báo cáo,1"]);
    const setId = (await t.db.criteriaSet.findFirstOrThrow()).id;
    const criteria = await t.db.criterion.findMany({
      where: { parentRef: { not: null } },
      orderBy: { position: "asc" },
    });
    await setRole(t.db, { unitName: UNIT, phone: `+84${PEOPLE.an.phone.slice(1)}`, role: "ADMIN", now: new Date(NOW) });
    const by = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.an.name } })).id;
    // Bắc 3 points and Thử nghiệm 2, both sent; Nam 1, not sent.
    for (const [unit, scores, send] of [
      [BAC, [2, 1], true],
      [UNIT, [1, 1], true],
      [NAM, [1, 0], false],
    ] as const) {
      for (const [i, score] of scores.entries())
        await recordSelfScore(t.db, {
          criterionId: criteria[i]!.id,
          unitName: unit,
          score,
          evidence: "VB",
          explanation: null,
          byId: by,
          now: new Date(NOW),
        });
      if (send)
        await submitAssessment(t.db, {
          setId,
          unitName: unit,
          total: scores[0] + scores[1],
          byId: by,
          now: new Date(NOW),
        });
    }
    const admin = await linked(3004, SO_ADMIN);
    admin.send("/chamdiem xephang");
    const [text, file, signed] = await admin.replies(3);
    expect(text!.text).toBe(
      [
        "🏆 Xếp hạng Chỉ số CCHC năm 2026 (🔒 điểm đã chốt, còn lại điểm tự chấm) — 2/3 đơn vị đã nộp:",
        `1. ${BAC} — 3 điểm`,
        `2. ${UNIT} — 2 điểm`,
        `⏳ Chưa nộp: ${NAM}`,
      ].join("\n"),
    );
    expect(file!.fileName).toBe("xep-hang-chi-so-cchc-2026.xlsx");
    expect(signed!.fileName).toBe("xep-hang-chi-so-cchc-2026.docx");
    const an = await linked(3020, PEOPLE.an);
    expect((await said(an, "/chamdiem xephang")).text).toBe(
      "🏆 Đơn vị bạn xếp thứ 2/2 với 2 điểm. Các đơn vị: cao nhất 3, thấp nhất 2, trung vị 2,5.",
    );
    // Ratings from the Sở's bands: the default, then its own.
    admin.send("/chamdiem xeploai");
    const [rated, doc] = await admin.replies(2);
    expect(rated!.text).toBe(
      [
        "🎖 Xếp loại Chỉ số CCHC năm 2026 (mức: Xuất sắc ≥ 90%; Tốt ≥ 80%; Khá ≥ 65%; Trung bình ≥ 50%; Yếu):",
        `• ${BAC} — 3 điểm (100%): Xuất sắc`,
        `• ${UNIT} — 2 điểm (66,7%): Khá`,
        `• ${NAM} — chưa nộp bản tự chấm: chưa xếp loại`,
      ].join("\n"),
    );
    expect(doc!.fileName).toBe("xep-loai-don-vi-cchc-2026.docx");
    await saveSetting(t.db, SO, "ratingBands", "Đạt ≥ 70; Chưa đạt");
    admin.send("/chamdiem xeploai");
    expect((await admin.replies(2))[0]!.text).toContain(`• ${UNIT} — 2 điểm (66,7%): Chưa đạt`);
    // A unit rates its own departments, never the other units.
    const own = (await said(an, "/chamdiem xeploai")).text;
    expect(own).toContain("Xếp loại CCHC năm 2026 các khoa, phòng");
    expect(own).not.toContain(BAC);
  });
});

describe("an ad-hoc report the Sở asks of its units", () => {
  it("/yeucaubaocao reaches each unit's admin as a task, reminded; the answers and their files are listed per unit", async () => {
    const phone = (p: string) => `+84${p.slice(1)}`;
    await setRole(t.db, { unitName: BAC, phone: phone(HEAD.phone), role: "ADMIN", now: new Date(NOW) });
    await setRole(t.db, { unitName: UNIT, phone: phone(PEOPLE.an.phone), role: "ADMIN", now: new Date(NOW) });
    const leader = await linked(3010, SO_LEADER);
    const head = await linked(3001, HEAD);
    const thu = await linked(3002, { name: "Đinh Thị Thu", phone: "0916000002" });
    const tasks = () => t.db.task.count();
    const before = await tasks();

    // Bad input: no deadline, a deadline gone, staff, a unit with nothing below; nothing written.
    expect((await said(leader, "/yeucaubaocao Báo cáo tiêm chủng")).text).toContain(
      "Cách dùng: /yeucaubaocao NỘI DUNG hạn NGÀY",
    );
    expect((await said(leader, "/yeucaubaocao Báo cáo tiêm chủng hạn 01/11/2026")).text).toBe(
      "Hạn “01/11/2026” đã qua. Chọn một ngày từ hôm nay trở đi.",
    );
    expect((await said(thu, "/yeucaubaocao Báo cáo tiêm chủng hạn 10/12")).text).toBe(
      "Lệnh /yeucaubaocao không dành cho vai trò của bạn.",
    );
    expect((await said(head, "/yeucaubaocao Báo cáo tiêm chủng hạn 10/12")).text).toBe(
      "Đơn vị của bạn không có đơn vị trực thuộc trong bot.",
    );
    expect((await said(leader, "/yeucaubaocao BC-9")).text).toContain("BC-9");
    expect(await tasks()).toBe(before);

    expect((await said(leader, "/yeucaubaocao Báo cáo kết quả tiêm chủng mở rộng đợt 2 hạn 10/12")).text).toBe(
      [
        "📨 Đã yêu cầu báo cáo đột xuất BC-1 “Báo cáo kết quả tiêm chủng mở rộng đợt 2”, hạn 10/12/2026, tới 3 đơn vị. Quản trị các đơn vị nhận như một nhiệm vụ, bot nhắc trước hạn; họ trả lời “xong BC-1” kèm tệp báo cáo. Xem ai đã nộp: /yeucaubaocao BC-1",
        // A unit with no admin in the bot is one of the units asked: named, counted, never left out.
        `⚪ Chưa có quản trị viên: ${NAM} — yêu cầu sẽ tới các đơn vị này khi có quản trị viên (cchc staff role … ADMIN).`,
      ].join("\n"),
    );
    // The scheduler announces it to each unit's admin as work of their unit.
    await tickAt(NOW);
    await bot.wired.sender.drain();
    // Beside the announcement of Bắc's own plan, in whichever order the units' ticks ran.
    expect((await head.replies(2)).map((m) => m.text)).toContain(
      "📌 Bạn được giao 1 nhiệm vụ mới:\n• BC-1 · Báo cáo kết quả tiêm chủng mở rộng đợt 2 — hạn 10/12/2026 (còn 15 ngày)",
    );
    // The unit's admin answers as for any task: "xong" with the code, then the report as the evidence.
    expect((await said(head, "xong BC-1")).text).toContain("📎 Gửi minh chứng cho BC-1");
    head.sendFile("bc-tiem-chung-bac.pdf", Buffer.from("%PDF-1.4 report"));
    expect((await head.reply()).text).toContain("bc-tiem-chung-bac.pdf");
    // The Sở's leader who asked hears of each answer as it comes.
    expect((await leader.reply()).text).toBe(
      `✅ ${HEAD.name} đã xong việc BC-1 · Báo cáo kết quả tiêm chủng mở rộng đợt 2`,
    );
    const answers = await said(leader, "/yeucaubaocao BC-1");
    expect(answers.text).toBe(
      [
        "📨 BC-1 · Báo cáo kết quả tiêm chủng mở rộng đợt 2 (hạn 10/12/2026) — đã nộp 1/3:",
        "",
        `✅ ${BAC} — nộp 25/11/2026, ${HEAD.name}: bc-tiem-chung-bac.pdf`,
        `⏳ ${UNIT} — chưa nộp, hạn 10/12/2026`,
        `⚪ ${NAM} — chưa có quản trị viên trong bot: chưa nhận được yêu cầu`,
      ].join("\n"),
    );
    leader.pressLabel(`📎 ${BAC} · bc-tiem-chung`);
    expect((await leader.reply()).fileName).toBe("bc-tiem-chung-bac.pdf");
    expect((await said(leader, "/yeucaubaocao")).text).toContain(
      "• BC-1 · Báo cáo kết quả tiêm chủng mở rộng đợt 2 — hạn 10/12/2026, đã nộp 1/3",
    );
    // A unit's admin asks the Sở for more time: the request lives in the Sở's plan, and reaches the leader who asked.
    const an = await linked(3020, PEOPLE.an);
    expect((await said(an, "xin gia hạn BC-1 15/12: chờ số liệu của các trạm")).text).toContain(
      "Đã gửi đề nghị gia hạn BC-1 đến 15/12/2026",
    );
    await bot.wired.sender.drain();
    expect((await leader.reply()).text).toContain(`${PEOPLE.an.name} xin gia hạn việc BC-1`);
  });
});
