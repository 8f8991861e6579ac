/** The same conversations on every channel: what the bot does must not depend on where it is said. */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importCriteriaFile, importPlanFile, importRosterFile } from "../../src/import/imports.ts";
import { addEvidenceReference } from "../../src/store/evidence/evidence.ts";
import { changeStatus } from "../../src/store/work/status.ts";
import { setRole } from "../../src/store/people/staff.ts";
import { saveSetting } from "../../src/store/settings/settings.ts";
import { addUnit } from "../../src/store/province/units.ts";
import { NOW, PEOPLE, seedSmallPlan, SMALL_PLAN, UNIT } from "../helpers/bot.ts";
import { writeText } from "../helpers/files.ts";
import { freshDb, snapshot, type TestDb } from "../helpers/db.ts";
import { consoleDriver, telegramDriver, zaloDriver, type Driver } from "../helpers/drivers.ts";

/** This year's plan gains a section II with a task 5 (a short "5" fits I.5 and II.5 then), with what else it is given. */
async function addTaskII5(
  t: TestDb,
  extra: {
    occurrences?: { create: { dueDate: string; periodLabel: string; assignments: { create: { staffId: number } } } };
  } = {},
) {
  const plan = await t.db.plan.findFirstOrThrow({ where: { year: 2026 } });
  const area = await t.db.area.create({
    data: { planId: plan.id, path: "II", code: "II", title: "TỔ CHỨC", position: 1 },
  });
  await t.db.task.create({
    data: {
      ...{ planId: plan.id, areaId: area.id, ref: "II.5", code: "5", content: "Rà soát vị trí việc làm", position: 9 },
      ...extra,
    },
  });
  return { plan, area };
}

/** Last year's plan of the unit, one section and the given task row ("9,…,Phòng TC-HC,Khi có yêu cầu"). */
async function importLastYear(t: TestDb, row: string): Promise<void> {
  const file = writeText(
    t.dir,
    "plan-2025.csv",
    `STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện\nI,CÔNG TÁC CHỈ ĐẠO,,\n${row}\n`,
  );
  await importPlanFile(t.db, { file, unitName: UNIT, year: 2025, now: new Date(NOW) });
}

const SO = "Sở Y tế Thử nghiệm";
const SO_ADMIN = { name: "Vũ Thị Hà", phone: "0915000002", unit: SO };

/** A Sở above the unit, with its admin and a three-point criteria set its units score themselves by. */
async function soWithCriteria(t: TestDb): Promise<void> {
  const so = SO;
  await addUnit(t.db, { name: so });
  await addUnit(t.db, { name: UNIT, parent: so });
  const soRoster = writeText(
    t.dir,
    "so.csv",
    `Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ\n${SO_ADMIN.name},${SO_ADMIN.phone},Văn phòng Sở,Chuyên viên\n`,
  );
  await importRosterFile(t.db, { file: soRoster, unitName: so, now: new Date(NOW) });
  await setRole(t.db, { unitName: so, phone: "+84915000002", role: "ADMIN", now: new Date(NOW) });
  const set = writeText(
    t.dir,
    "tieu-chi-so.csv",
    [
      "STT,Tiêu chí,Điểm tối đa,Cách chấm,Đơn vị phụ trách",
      "1,Chỉ đạo điều hành,3,,",
      '1.1,Kế hoạch CCHC,2,"Đúng hạn: 2; trễ: 1; không có: 0",Phòng Tổ chức - Hành chính',
      "1.2,Báo cáo định kỳ,1,Đủ: 1; thiếu: 0,Phòng Tổ chức - Hành chính",
    ].join("\n"),
  );
  await importCriteriaFile(t.db, {
    file: set,
    unitName: so,
    year: 2026,
    now: new Date(NOW),
    defaultTitle: "Bộ tiêu chí 2026",
  });
}

describe.each([telegramDriver, consoleDriver, zaloDriver])("channel contract: %o", (makeDriver) => {
  let t: TestDb;
  let d: Driver;
  beforeEach(async () => {
    t = await freshDb();
    await seedSmallPlan(t);
    d = makeDriver();
    await d.start(t);
  });
  afterEach(async () => {
    await d.stop();
    await t.close();
  });

  it("a stranger is told how to join and learns nothing", async () => {
    const out = await d.stranger().say("/nhiemvu");
    expect(out).toContain("Bạn chưa được liên kết");
    for (const p of Object.values(PEOPLE)) expect(out).not.toContain(p.name);
    expect(await t.db.chatIdentity.count()).toBe(0);
  });

  it("linking, listing tasks, and marking one done by text after choosing it", async () => {
    const an = await d.link("an");
    expect(await t.db.chatIdentity.count()).toBe(1);
    const list = await an.say("/nhiemvu");
    expect(list).toContain("📋 Nhiệm vụ của bạn: 4");
    expect(list).toContain("🔴 I.5 · Lập kế hoạch kiểm tra công vụ");
    const ask = await an.say("xong");
    expect(ask).toContain("“Hoàn thành” là cho nhiệm vụ nào?");
    expect(await an.choose("I.2")).toContain("✅ Đã ghi nhận hoàn thành: I.2 · Báo cáo CCHC năm");
    const done = await t.db.assignment.findMany({
      where: { status: "DONE" },
      include: { occurrence: { include: { task: true } } },
    });
    expect(done.map((a) => a.occurrence.task.ref)).toEqual(["I.2"]);
  });

  it("“hoàn thành 50%” is progress with its figure; “xong 1 và 2” closes both; words not used are said back", async () => {
    const an = await d.link("an");
    const half = await an.say("hoàn thành 1 50%");
    expect(half).toContain("🔵 Đã ghi nhận đang làm: I.1");
    expect(half).toContain("Tiến độ 50% — chưa tính là hoàn thành");
    const status = (ref: string) =>
      t.db.assignment
        .findFirstOrThrow({ where: { occurrence: { task: { ref } }, staff: { name: PEOPLE.an.name } } })
        .then((a) => a.status);
    expect(await status("I.1")).toBe("IN_PROGRESS");
    // A later figure is news too: kept in the history with the words.
    expect(await an.say("hoàn thành 1 80%")).toContain("Tiến độ 80%");
    const history = await t.db.statusUpdate.findMany({ orderBy: { id: "asc" }, select: { text: true } });
    expect(history.map((h) => h.text)).toEqual(["hoàn thành 1 50%", "hoàn thành 1 80%"]);

    const both = await an.say("xong 1 và 2 còn chờ ký");
    expect(both).toContain("✅ Đã ghi nhận hoàn thành: I.1");
    expect(both).toContain("✅ Đã ghi nhận hoàn thành: I.2");
    expect(both).toContain("Chưa hiểu phần: “còn chờ ký”");
    expect([await status("I.1"), await status("I.2")]).toEqual(["DONE", "DONE"]);
    expect(await an.say("xong 9 và 5")).toContain("Bạn không có nhiệm vụ đang mở nào mang mã “9”");
    expect(await status("I.5")).toBe("DONE");
  });

  it("marking done from the task's own buttons", async () => {
    const chi = await d.link("chi");
    await chi.say("/nhiemvu");
    const detail = await chi.choose("I.3");
    expect(detail).toContain("Kiểm kê thuốc và vật tư");
    expect(await chi.choose("Xong")).toContain("✅ Đã ghi nhận hoàn thành: I.3");
  });

  it("blocked with a reason reaches the head of the lead department", async () => {
    const an = await d.link("an");
    await an.say("/giao I.2 0912000002");
    const binh = await d.link("binh");
    const blocked = await binh.say("vướng: chưa có số liệu");
    expect(blocked).toContain("Lý do: chưa có số liệu");
    expect(blocked).toContain("Đã báo: Nguyễn Văn An.");
    const history = await t.db.statusUpdate.findMany({ where: { toStatus: "BLOCKED" } });
    expect(history).toHaveLength(1);
  });

  it("an indicator number with a decimal comma, and a wrong number", async () => {
    const an = await d.link("an");
    expect(await an.say("/chiso TTHC-DH 98,5")).toContain("98,5% — chỉ tiêu > 98%: ✅ đạt");
    expect(await an.say("/chiso TTHC-DH 9x")).toContain("không phải số liệu hợp lệ");
    expect(await t.db.indicatorReport.count()).toBe(1);
  });

  it("the admin imports a plan by sending the file: summary, “Huỷ” writes nothing, “Nhập” writes; staff are refused", async () => {
    await t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
    const an = await d.link("an");
    const plan = Buffer.from(
      'STT,Nội dung nhiệm vụ,Sản phẩm,Chủ trì,Thời gian thực hiện\nI,CẢI CÁCH THỦ TỤC HÀNH CHÍNH,,,\n1,Rà soát thủ tục hành chính,- Kế hoạch,Phòng Tổ chức - Hành chính,Quý I/2026\n,,- Báo cáo,,"6 tháng, 01 năm"\n',
    );
    const before = await snapshot(t.db);
    const summary = await an.sendFile("ke-hoach.csv", plan);
    expect(summary).toContain("📄 ke-hoach.csv — kế hoạch năm 2026: 1 nhiệm vụ trong 1 mục");
    expect(summary).toContain("Mốc hạn: quý I 1 · quý II 1 · quý III 0 · quý IV 1");
    expect(await an.choose("Huỷ")).toContain("Đã huỷ: không ghi gì từ ke-hoach.csv.");
    const { PendingImport: _a, ...after } = await snapshot(t.db);
    const { PendingImport: _b, ...was } = before;
    expect(after).toEqual(was);
    await an.sendFile("ke-hoach.csv", plan);
    expect(await an.choose("Nhập")).toContain("Đã nhập kế hoạch");
    const task = await t.db.task.findFirstOrThrow({
      where: { ref: "I.1", removedAt: null },
      include: { occurrences: { where: { removedAt: null } } },
    });
    expect(task.occurrences.map((o) => o.dueDate).sort()).toEqual(["2026-03-31", "2026-06-30", "2026-12-31"]);
    const binh = await d.link("binh");
    expect(await binh.sendFile("ke-hoach.csv", plan)).toContain("Chỉ quản trị viên của đơn vị nhập kế hoạch");
  });

  it("evidence: done → a file kept once, a reference, bỏ qua, hoàn tác, a 25 MB file refused, seen and fetched by a leader, sent back by the admin", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2048, 7)]);
    await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "LEADER" } });
    await t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
    const chi = await d.link("chi");
    const asked = await chi.say("xong");
    expect(asked).toContain("✅ Đã ghi nhận hoàn thành: I.3");
    expect(asked).toContain("📎 Gửi minh chứng cho I.3");
    expect(await chi.sendFile("bien-ban-kiem-ke.pdf", pdf)).toContain(
      "📎 Đã lưu minh chứng cho I.3: bien-ban-kiem-ke.pdf.",
    );
    // The same bytes for another task, under another name: recorded, kept once.
    const an = await d.link("an");
    expect(await an.say("xong I.1")).toContain("📎 Gửi minh chứng cho I.1");
    expect(await an.sendFile("ke-hoach.pdf", pdf)).toContain("tệp này đã có, không lưu thêm bản nữa");
    expect(await t.db.evidenceFile.count()).toBe(1);
    expect(await t.db.evidence.count()).toBe(2);
    // "bỏ qua" is recorded; any other text ends the question and is read as usual.
    expect(await an.say("xong I.2")).toContain("📎 Gửi minh chứng cho I.2");
    expect(await an.say("bỏ qua")).toContain("Đã ghi I.2: chưa có minh chứng.");
    // hoàn tác takes today's "xong" back; a reference counts as evidence.
    expect(await chi.say("hoàn tác")).toContain("↩️ Đã hoàn tác: I.3 trở lại “Chưa bắt đầu”.");
    expect(await chi.say("xong")).toContain("📎 Gửi minh chứng cho I.3");
    expect(await chi.say("Biên bản số 12/BB-KD ngày 20/11/2026")).toContain(
      "📎 Đã lưu minh chứng cho I.3: văn bản số 12/BB-KD ngày 20/11/2026.",
    );
    // Over 20 MB: one line, nothing kept.
    expect(await chi.say("/minhchung I.3")).toContain("📎 Gửi minh chứng cho I.3");
    const big = await chi.sendFile("scan.pdf", Buffer.alloc(25 * 1024 * 1024, 1));
    expect(big).toContain("scan.pdf nặng 25,0 MB, quá giới hạn 20,0 MB: chưa lưu.");
    expect(await t.db.evidence.count()).toBe(4);
    // A leader sees it in /nhiemvu <mã> and gets the file back.
    const dung = await d.link("dung");
    const shown = await dung.say("/nhiemvu I.3");
    expect(shown).toContain("📎 Minh chứng:\n• bien-ban-kiem-ke.pdf — Lê Thị Chi");
    expect(shown).toContain("• Văn bản số 12/BB-KD ngày 20/11/2026 — Lê Thị Chi");
    expect(await dung.choose("bien-ban-kiem-ke.pdf")).toContain("📎 Minh chứng I.3 — Lê Thị Chi");
    // The admin finds it wanting and sends it back: it reopens, the history keeps both.
    expect(await an.say("/tralai I.3 thiếu chữ ký")).toContain("↩️ Đã trả lại I.3 cho Lê Thị Chi");
    const a = await t.db.assignment.findFirstOrThrow({
      where: { staff: { name: PEOPLE.chi.name } },
      include: { history: { orderBy: { id: "asc" } } },
    });
    expect(a.status).toBe("IN_PROGRESS");
    expect(a.history.map((h) => `${h.fromStatus}→${h.toStatus}`)).toEqual([
      "NOT_STARTED→DONE",
      "DONE→NOT_STARTED",
      "NOT_STARTED→DONE",
      "DONE→IN_PROGRESS",
    ]);
    expect(a.history.at(-1)!.text).toBe("Trả lại: thiếu chữ ký");
    expect(await t.db.outbox.count({ where: { kind: "notify", payload: { contains: "thiếu chữ ký" } } })).toBe(1);
  });

  it("unknown text gets help; a staff member cannot use a leader command", async () => {
    const binh = await d.link("binh");
    expect(await binh.say("hôm nay thế nào")).toContain("/huongdan");
    expect(await binh.say("/baocao")).toContain("không dành cho vai trò của bạn");
  });

  it("a leader moves a plan task's due date with the reason; the holder is told; /lichsu lists it; bad input writes nothing", async () => {
    const dung = await d.link("dung");
    const chi = await d.link("chi");
    const binh = await d.link("binh");
    // Bad input: no reason, an unknown code, a date gone, another department's head, staff.
    expect(await dung.say("/gianhan I.5 30/12")).toContain("Cách dùng: /gianhan MÃ NGÀY LÝ DO");
    expect(await dung.say("/gianhan X.9 30/12 chờ Sở")).toContain("X.9");
    expect(await dung.say("/gianhan I.5 01/11/2026 chờ Sở")).toContain("đã qua");
    expect(await chi.say("/gianhan I.5 30/12 chờ Sở")).toContain("không do khoa/phòng của bạn chủ trì");
    expect(await binh.say("/gianhan I.5 30/12 chờ Sở")).toContain("không dành cho vai trò của bạn");
    expect(await t.db.deadlineChange.count()).toBe(0);

    expect(await dung.say("/gianhan I.5 30/12 chờ hướng dẫn của Sở")).toContain(
      "📅 Đã gia hạn I.5 · Lập kế hoạch kiểm tra công vụ: 15/10/2026 → 30/12/2026. Lý do: chờ hướng dẫn của Sở.",
    );
    const moved = await t.db.occurrence.findFirstOrThrow({ where: { task: { ref: "I.5" } } });
    expect([moved.dueDate, moved.originalDueDate]).toEqual(["2026-12-30", "2026-10-15"]);
    const an = await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.an.name } });
    const told = (await t.db.outbox.findMany({ where: { kind: "notify", staffId: an.id } })).map(
      (o) => (JSON.parse(o.payload) as { text: string }).text,
    );
    expect(told).toEqual([
      `📅 ${PEOPLE.dung.name} gia hạn I.5 · Lập kế hoạch kiểm tra công vụ: 15/10/2026 → 30/12/2026. Lý do: chờ hướng dẫn của Sở`,
    ]);
    expect(await dung.say("/lichsu I.5")).toContain(
      `— ${PEOPLE.dung.name}: 15/10/2026 → 30/12/2026 (chờ hướng dẫn của Sở)`,
    );
    // Counted against the new date: no longer overdue.
    expect(await dung.say("/quahan")).not.toContain("I.5");
  });

  it("a request for a “Khi có yêu cầu” task gives it a due date; until then the report lists it apart", async () => {
    const dung = await d.link("dung");
    const an = await d.link("an");
    const binh = await d.link("binh");
    // Last year's plan had its own on-demand task: not this year's business.
    await importLastYear(t, "9,Báo cáo đột xuất năm 2025,Phòng TC-HC,Khi có yêu cầu");
    expect(await dung.say("/baocao q4 2026")).toContain(
      "⚪ Chưa phát sinh yêu cầu (1 nhiệm vụ “Khi có yêu cầu”, không tính vào tỷ lệ): I.4",
    );
    const dated = () => t.db.occurrence.count({ where: { task: { ref: "I.4" }, dueDate: { not: "" } } });
    expect(await dung.say("/yeucau I.1 21/12 gấp")).toContain("I.1 không phải nhiệm vụ “Khi có yêu cầu”");
    expect(await dung.say("/yeucau I.4 01/11/2026")).toContain("đã qua");
    expect(await dung.say("/yeucau X.9 21/12")).toContain("X.9");
    expect(await binh.say("/yeucau I.4 21/12")).toContain("không dành cho vai trò của bạn");
    expect(await dated()).toBe(0);

    expect(await dung.say("/yeucau I.4 21/12 tuyên truyền Nghị định 118")).toContain(
      "📌 Đã giao yêu cầu I.4 · Tuyên truyền CCHC, hạn 21/12/2026, cho 1 người phụ trách",
    );
    expect(await dated()).toBe(1);
    const anId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.an.name } })).id;
    const told = (await t.db.outbox.findMany({ where: { kind: "notify", staffId: anId } })).map(
      (o) => (JSON.parse(o.payload) as { text: string }).text,
    );
    expect(told).toEqual([
      `📌 ${PEOPLE.dung.name} yêu cầu thực hiện I.4 · Tuyên truyền CCHC, hạn 21/12/2026: tuyên truyền Nghị định 118. Làm xong trả lời “xong I.4”.`,
    ]);
    expect(await dung.say("/baocao q4 2026")).not.toContain("Chưa phát sinh yêu cầu");
    expect(await an.say("xong I.4")).toContain("✅ Đã ghi nhận hoàn thành: I.4");
    const done = await t.db.assignment.findFirstOrThrow({
      where: { status: "DONE", occurrence: { task: { ref: "I.4" } } },
      include: { occurrence: true },
    });
    expect(done.occurrence.dueDate).toBe("2026-12-21");
  });

  it("a coordinating department sees its part, reports it with a file, the lead sees who reported; reports count the lead only", async () => {
    const dung = await d.link("dung");
    const before = await dung.say("/baocao q4 2026");
    const chi = await d.link("chi");
    const em = await d.link("em");
    const list = await chi.say("/nhiemvu");
    expect(list).toContain("🤝 Phối hợp (1): phần của phòng bạn trong việc phòng khác chủ trì");
    expect(list).toContain("🤝 I.1 · Rà soát thủ tục hành chính");
    // Bad input: staff (not a head), an unknown code, the lead's own "xong" is not touched.
    expect(await em.say("xong phần phối hợp I.1")).toContain("Phòng của bạn không có phần phối hợp nào đang chờ báo.");
    expect(await chi.say("xong phần phối hợp I.9")).toContain(
      "Phòng của bạn không có phần phối hợp nào đang chờ ở nhiệm vụ I.9.",
    );
    expect(await t.db.coordinationReport.count()).toBe(0);

    const done = await chi.say("xong phan phoi hop I.1");
    expect(done).toContain("✅ Đã ghi: Khoa Dược xong phần phối hợp nhiệm vụ I.1.");
    expect(done).toContain(`Đã báo cho bên chủ trì: ${PEOPLE.an.name}.`);
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(512, 3)]);
    expect(await chi.sendFile("bien-ban-phoi-hop.pdf", pdf)).toContain(
      "📎 Đã lưu bien-ban-phoi-hop.pdf làm minh chứng phần phối hợp I.1.",
    );
    expect(await chi.say("xong phần phối hợp I.1")).toContain("không có phần phối hợp nào đang chờ");
    expect(await t.db.coordinationReport.count()).toBe(1);
    expect(await chi.say("/nhiemvu")).not.toContain("Phối hợp (");

    const anId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.an.name } })).id;
    const told = (await t.db.outbox.findMany({ where: { kind: "notify", staffId: anId } })).map(
      (o) => (JSON.parse(o.payload) as { text: string }).text,
    );
    expect(told).toEqual([
      `🤝 Khoa Dược đã xong phần phối hợp nhiệm vụ I.1 · Rà soát thủ tục hành chính (${PEOPLE.chi.name} báo).`,
    ]);
    const an = await d.link("an");
    expect(await an.say("/nhiemvu I.1")).toContain(
      `Phối hợp:\n  ✅ Khoa Dược — xong 25/11/2026 (${PEOPLE.chi.name}) 📎 bien-ban-phoi-hop.pdf`,
    );
    // The lead's assignment is untouched, and the report reads the same.
    expect(await t.db.assignment.count({ where: { status: "DONE" } })).toBe(0);
    expect(await dung.say("/baocao q4 2026")).toBe(before);
  });

  it("“Các khoa, phòng” makes every department a coordinator of a requested task; a part is reported with its buttons", async () => {
    const dung = await d.link("dung");
    await dung.say("/yeucau I.4 21/12 tuyên truyền Nghị định 118");
    const chi = await d.link("chi");
    expect(await chi.say("/nhiemvu")).toContain("🤝 Phối hợp (2)");
    const which = await chi.say("xong phần phối hợp");
    expect(which).toContain("Phần phối hợp nào đã xong?");
    expect(await t.db.coordinationReport.count()).toBe(0);
    await chi.say("/nhiemvu");
    expect(await chi.choose("🤝 I.4")).toContain("🤝 I.4 · Phối hợp — Khoa Dược");
    expect(await chi.choose("Xong phần phối hợp")).toContain("✅ Đã ghi: Khoa Dược xong phần phối hợp nhiệm vụ I.4.");
    expect(await chi.say("bỏ qua")).toContain("Được: phần phối hợp I.4 không kèm minh chứng.");
    const reports = await t.db.coordinationReport.findMany({ include: { department: true } });
    expect(reports.map((r) => [r.department.name, r.fileId])).toEqual([["Khoa Dược", null]]);
  });

  it("dates in words and numeric codes in /gianhan, /yeucau and “xin gia hạn”; a request without a reason is asked for one", async () => {
    const dung = await d.link("dung");
    const an = await d.link("an");
    // Today is 25/11/2026: "cuối tháng" is Monday 30/11; "thứ Sáu tuần sau" is 04/12.
    expect(await dung.say("/gianhan 5 sớm nhất có thể")).toContain("Chưa hiểu hạn “sớm”");
    expect(await t.db.deadlineChange.count()).toBe(0);
    expect(await dung.say("/gianhan 5 cuối tháng: chờ hướng dẫn của Sở")).toContain(
      "📅 Đã gia hạn I.5 · Lập kế hoạch kiểm tra công vụ: 15/10/2026 → 30/11/2026. Lý do: chờ hướng dẫn của Sở.",
    );
    expect(await dung.say("/lichsu 5")).toContain("15/10/2026 → 30/11/2026 (chờ hướng dẫn của Sở)");
    expect(await dung.say("/yeucau 4 thứ Sáu tuần sau báo cáo đột xuất")).toContain(
      "📌 Đã giao yêu cầu I.4 · Tuyên truyền CCHC, hạn 04/12/2026",
    );

    // "xin gia hạn 5 …" names task I.5 (now due 30/11); with no reason the bot asks, and the answer goes with the request.
    const asked = await an.say("xin gia hạn 5 thứ Sáu tuần sau");
    expect(asked).toContain("📅 Xin gia hạn I.5 đến 04/12/2026: lý do là gì?");
    expect(await t.db.extensionRequest.count()).toBe(0);
    expect(await an.say("chờ số liệu của Sở")).toContain("04/12/2026");
    const request = await t.db.extensionRequest.findFirstOrThrow();
    expect([request.dueDate, request.reason]).toEqual(["2026-12-04", "chờ số liệu của Sở"]);
  });

  it("a code that fits several tasks is asked about, with the full codes; an exact code and this year's plan come first", async () => {
    const dung = await d.link("dung");
    // Last year's plan had its own I.5; this year's gains a section II with a task 5.
    await importLastYear(t, "5,Tổng kết năm 2025,Phòng TC-HC,Tháng 12/2025");
    expect(await dung.say("/lichsu I.5")).toContain("I.5 · Lập kế hoạch kiểm tra công vụ");
    await addTaskII5(t);
    // Asked which, with numbered choices; the command goes on with the one chosen.
    expect(await dung.say("/gianhan 5 cuối tháng chờ Sở")).toContain(
      "Mã “5” khớp 2 nhiệm vụ. Bạn muốn nói nhiệm vụ nào?",
    );
    expect(await t.db.deadlineChange.count()).toBe(0);
    expect(await dung.choose("I.5")).toContain(
      "📅 Đã gia hạn I.5 · Lập kế hoạch kiểm tra công vụ: 15/10/2026 → 30/11/2026. Lý do: chờ Sở.",
    );
    expect(await dung.say("/lichsu 5")).toContain("Bạn muốn nói nhiệm vụ nào?");
    expect(await dung.choose("II.5")).toContain("II.5 · Rà soát vị trí việc làm");
    expect(await dung.say("/lichsu II.5")).toContain("II.5 · Rà soát vị trí việc làm");
  });

  it("every command that takes a code asks which task a short code means, and goes on with the one chosen", async () => {
    // Section II gains a task 5 that Nguyễn Văn An holds too, and an on-demand task 4.
    const anId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.an.name } })).id;
    const { plan, area } = await addTaskII5(t, {
      occurrences: {
        create: { dueDate: "2026-12-28", periodLabel: "2026-12-28", assignments: { create: { staffId: anId } } },
      },
    });
    await t.db.task.create({
      data: {
        planId: plan.id,
        areaId: area.id,
        ref: "II.4",
        code: "4",
        content: "Họp báo",
        position: 8,
        onDemand: true,
      },
    });
    const an = await d.link("an");
    const dung = await d.link("dung");
    const several = "Mã “5” khớp 2 nhiệm vụ. Bạn muốn nói nhiệm vụ nào?";

    expect(await an.say("/nhiemvu 5")).toContain(several);
    expect(await an.choose("II.5")).toContain("II.5 · Chưa bắt đầu\nRà soát vị trí việc làm");
    expect(await an.say("/minhchung 5")).toContain(several);
    expect(await an.choose("I.5")).toContain("📎 Gửi minh chứng cho I.5");
    await an.say("bỏ qua");
    expect(await an.say("/giao 5 Bình")).toContain(several);
    expect(await an.choose("II.5")).toContain(`Đã giao II.5 cho ${PEOPLE.binh.name}`);
    const holder = await t.db.assignment.findFirstOrThrow({
      where: { occurrence: { task: { ref: "II.5" } } },
      select: { staff: { select: { name: true } } },
    });
    expect(holder.staff.name).toBe(PEOPLE.binh.name);
    expect(await an.say("/tralai 5 thiếu minh chứng")).toContain(several);
    expect(await an.choose("I.5")).toContain("I.5 chưa có ai báo xong");
    expect(await dung.say("/yeucau 4 21/12 họp báo quý IV")).toContain("Mã “4” khớp 2 nhiệm vụ.");
    expect(await dung.choose("I.4")).toContain("📌 Đã giao yêu cầu I.4 · Tuyên truyền CCHC, hạn 21/12/2026");
    // An exact code is never asked about; a task handed on is no longer the sender's to add evidence to.
    expect(await an.say("/minhchung II.5")).toContain("mang mã “II.5”");
    expect(await dung.say("/yeucau II.4 22/12 họp báo")).toContain("II.4");
  });

  it("/yeucaubaocao to the units below: the title keeps its own words before the date; a unit with no admin is named and counted", async () => {
    // The test unit stands for a Sở here: one unit below it with an admin, one with none.
    const below = ["TTYT Huyện Bắc", "TTYT Huyện Nam"];
    for (const name of below) await addUnit(t.db, { name, parent: UNIT });
    const roster = writeText(
      t.dir,
      "bac.csv",
      "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ\nMai Văn Bắc,0916000001,Phòng Kế hoạch,Trưởng phòng\n",
    );
    await importRosterFile(t.db, { file: roster, unitName: below[0]!, now: new Date(NOW) });
    await setRole(t.db, { unitName: below[0]!, phone: "+84916000001", role: "ADMIN", now: new Date(NOW) });
    const dung = await d.link("dung");
    const sent = await dung.say("/yeucaubaocao Báo cáo hồ sơ quá hạn hạn 10/12");
    expect(sent).toContain(
      "📨 Đã yêu cầu báo cáo đột xuất BC-1 “Báo cáo hồ sơ quá hạn”, hạn 10/12/2026, tới 2 đơn vị.",
    );
    expect(sent).toContain(`⚪ Chưa có quản trị viên: ${below[1]}`);
    const list = await dung.say("/yeucaubaocao BC-1");
    expect(list).toContain("đã nộp 0/2");
    expect(list).toContain(`⚪ ${below[1]} — chưa có quản trị viên trong bot: chưa nhận được yêu cầu`);
  });

  it("the PAR index in chat: the admin imports the criteria set; a head scores with evidence or an explanation; a wrong score is refused; the leader adds it up", async () => {
    await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "ADMIN" } });
    const dung = await d.link("dung");
    // A set with a duplicate code: said by its line, nothing written.
    const bad = "STT,Tiêu chí,Điểm tối đa\n1,Kế hoạch,2\n1,Báo cáo,2\n";
    expect(await dung.sendFile("tieu-chi-loi.csv", Buffer.from(bad))).toContain(
      "tieu-chi-loi.csv, dòng 3, cột A (STT): mã “1” trùng với dòng 2",
    );
    // A line with no maximum stops it too; a total that does not add up is a warning naming the line.
    const noMax = "STT,Tiêu chí,Điểm tối đa\n1,Kế hoạch,2\n2,Báo cáo,\n";
    expect(await dung.sendFile("tieu-chi-thieu.csv", Buffer.from(noMax))).toContain("dòng 3");
    const sums = "STT,Tiêu chí,Điểm tối đa\nI,Chỉ đạo,5\n1,Kế hoạch,2\n2,Báo cáo,2\n";
    const warned = await dung.sendFile("tieu-chi-tong.csv", Buffer.from(sums));
    expect(warned).toContain("dòng 2");
    expect(warned).toContain("5");
    expect(await dung.choose("Huỷ")).not.toContain("Đã nhập");
    expect(await t.db.criteriaSet.count()).toBe(0);
    const example = fs.readFileSync(path.resolve(import.meta.dirname, "../../examples/chi-so-cchc-2026-tieu-chi.csv"));
    expect(await dung.sendFile("chi-so-cchc-2026.csv", example)).toContain(
      "🏅 chi-so-cchc-2026.csv: bộ tiêu chí Chỉ số CCHC năm 2026 — 8 lĩnh vực, 29 tiêu chí chấm điểm, tổng 100 điểm.",
    );
    expect(await dung.choose("Nhập")).toContain("✅ Đã nhập bộ tiêu chí năm 2026");

    const an = await d.link("an");
    const list = await an.say("/chamdiem");
    expect(list).toContain("⚪ I.1.1 · Ban hành kế hoạch CCHC năm đúng thời hạn — tối đa 1");
    expect(list).not.toContain("II.2 ·"); // Phòng Kế hoạch - Nghiệp vụ's, not his
    expect(await an.say("/chamdiem I.1.1 2")).toContain("Điểm 2 vượt tối đa 1 của I.1.1.");
    expect(await an.say("/chamdiem I.1.1 0,75")).toContain("I.1.1 chỉ nhận các mức: 1; 0,5; 0");
    expect(await an.say("/chamdiem I.1.1 -1")).toContain("Điểm không được âm");
    expect(await an.say("/chamdiem II.2 3")).toContain("không do khoa/phòng của bạn phụ trách");
    // The admin gives it to the head's department in chat: the head is told, and may score it.
    expect(await an.say("/chamdiem giao II.2 Phòng Tổ chức - Hành chính")).toContain("Chỉ quản trị viên");
    expect(await dung.say("/chamdiem giao II.2 Phòng Hậu cần")).toContain(
      "Không có khoa, phòng nào tên “Phòng Hậu cần”",
    );
    expect(await dung.say("/chamdiem giao II.2 Phòng Tổ chức - Hành chính")).toContain(
      "✅ II.2 giao cho Phòng Tổ chức - Hành chính",
    );
    const anId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.an.name } })).id;
    const told = await t.db.outbox.findMany({ where: { staffId: anId }, select: { payload: true } });
    expect(told.map((o) => o.payload).join()).toContain("giao khoa/phòng của bạn chấm tiêu chí II.2");
    expect(await an.say("/chamdiem II.2")).toContain("Cách chấm");
    expect(await an.say("/chamdiem I.1")).toContain("có tiêu chí thành phần");
    expect(await t.db.selfScore.count()).toBe(0);
    expect(await an.say("/chamdiem I.1.1 0,5 Kế hoạch số 12/KH-TTYT")).toContain(
      "✅ Đã chấm I.1.1: 0,5/1 điểm. Minh chứng: Kế hoạch số 12/KH-TTYT",
    );
    // Opened first: the plan's tasks that hold evidence for it are offered, one tap uses it.
    const share = await t.db.assignment.findFirstOrThrow({ where: { occurrence: { task: { ref: "I.5" } } } });
    const done = { assignmentId: share.id, staffId: share.staffId, channel: "test", now: new Date(NOW) };
    await changeStatus(t.db, { ...done, from: share.status, to: "DONE" });
    await addEvidenceReference(t.db, { ...done, reference: "KH 20", docNumber: "20/KH-TTYT", docDate: "2026-10-10" });
    const opened = await an.say("/chamdiem I.3.1");
    expect(opened).toContain("Cách chấm: Có kế hoạch: 1; không có: 0");
    expect(opened).toContain("Minh chứng đã có trong bot của các nhiệm vụ liên quan");
    expect(await an.choose("I.5")).toContain("📎 I.3.1: dùng minh chứng I.5: 20/KH-TTYT (10/10/2026). Giờ gõ điểm.");
    expect(await an.say("1")).toContain("✅ Đã chấm I.3.1: 1/1 điểm. Minh chứng: I.5: 20/KH-TTYT (10/10/2026)");
    // Answered with no evidence: the explanation is asked.
    await an.say("/chamdiem I.4");
    expect(await an.say("2")).toContain("Hướng dẫn chấm điểm yêu cầu giải trình");
    expect(await an.say("Kế hoạch đang trình ký, bổ sung trước 20/12")).toContain(
      "✅ Đã chấm I.4: 2/2 điểm, kèm giải trình: Kế hoạch đang trình ký, bổ sung trước 20/12",
    );
    // A file sent while a criterion is open: kept for it, the score's evidence; a second one joins a given score.
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(1024, 5)]);
    await an.say("/chamdiem I.3.2");
    expect(await an.sendFile("bien-ban-kiem-tra-khoa-duoc.pdf", pdf)).toContain(
      "📎 Đã lưu tệp bien-ban-kiem-tra-khoa-duoc.pdf làm minh chứng cho I.3.2. Gõ điểm để chấm",
    );
    expect(await an.say("1")).toContain("✅ Đã chấm I.3.2: 1/1 điểm. Minh chứng: bien-ban-kiem-tra-khoa-duoc.pdf");
    await an.say("/chamdiem I.3.2");
    expect(await an.sendFile("bien-ban-kiem-tra-khoa-noi.pdf", Buffer.concat([pdf, Buffer.from("2")]))).toContain(
      "(điểm 1 giữ nguyên)",
    );
    const scores = await t.db.selfScore.findMany({ orderBy: { id: "asc" } });
    expect(scores.map((s) => [s.score, s.evidence, s.explanation])).toEqual([
      [0.5, "Kế hoạch số 12/KH-TTYT", null],
      [1, "I.5: 20/KH-TTYT (10/10/2026)", null],
      [2, null, "Kế hoạch đang trình ký, bổ sung trước 20/12"],
      [1, "bien-ban-kiem-tra-khoa-duoc.pdf; bien-ban-kiem-tra-khoa-noi.pdf", null],
    ]);
    const sum = await dung.say("/chamdiem tonghop");
    expect(sum).toContain("tự chấm 4,5/100 điểm");
    expect(sum).toMatch(/• I CÔNG TÁC CHỈ ĐẠO[^\n]*: 4,5\/10 — còn 3 tiêu chí chưa chấm/);
    // The report as it stands, and the table with its evidence column, as files in the chat.
    const report = await dung.say("/chamdiem baocao");
    expect(report).toContain("Báo cáo tự chấm điểm Chỉ số CCHC năm 2026: 4,5/100 điểm");
    expect(report).toContain("Bảng tự chấm điểm (.xlsx) kèm cột minh chứng.");
    // The evidence pack of one criterion, and of a criterion with none.
    expect(await dung.say("/chamdiem minhchung I.3.2")).toContain(
      "📦 Minh chứng tự chấm điểm Chỉ số CCHC năm 2026 — I.3.2: 2 tệp",
    );
    expect(await dung.say("/chamdiem minhchung I.1.1")).toContain("Chưa có tệp minh chứng nào gửi cho I.1.1");
    expect(await dung.say("/chamdiem minhchung X.9")).toContain("Không có tiêu chí mã “X.9”");
    // A department with criteria still unscored is not rated on a score it has not given.
    expect(await dung.say("/chamdiem xeploai")).toMatch(
      /• Phòng Tổ chức - Hành chính — còn \d+ tiêu chí chưa chấm: chưa xếp loại/,
    );
    // Staff do not score.
    const em = await d.link("em");
    expect(await em.say("/chamdiem")).toContain("không dành cho vai trò của bạn");
  });

  it("the self-assessment goes up to the Sở when complete, is read-only there, and can be sent again once returned", async () => {
    const so = SO;
    await soWithCriteria(t);
    await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "ADMIN" } });
    const dung = await d.link("dung");
    const an = await d.link("an");
    expect(await dung.say("/chamdiem gui")).toContain("Chưa nộp được: còn 2 tiêu chí chưa chấm (1.1, 1.2…)");
    await an.say("/chamdiem 1.1 2 Kế hoạch số 12/KH-TTYT");
    await an.say("/chamdiem 1.2 1 Báo cáo số 30/BC-TTYT");
    expect(await dung.say("/chamdiem gui")).toContain(
      `📨 Đã nộp bản tự chấm điểm Chỉ số CCHC của ${UNIT} cho ${so}: 3/3 điểm.`,
    );
    const byId = (await t.db.staff.findFirstOrThrow({ where: { name: SO_ADMIN.name } })).id;
    const told = await t.db.outbox.findMany({ where: { staffId: byId }, select: { payload: true } });
    expect(told.map((o) => o.payload).join()).toContain(`${UNIT} đã nộp bản tự chấm điểm Chỉ số CCHC: 3/3 điểm`);
    // Sent: read-only, the score stays.
    expect(await an.say("/chamdiem 1.1 1 Kế hoạch sửa")).toContain(`Bản tự chấm đã nộp ${so} ngày 25/11/2026`);
    expect((await t.db.selfScore.findFirstOrThrow({ where: { criterion: { ref: "1.1" } } })).score).toBe(2);
    // Returned by the Sở's admin in chat, with the reason: scored again and sent anew.
    const ha = await d.link(SO_ADMIN);
    expect(await ha.say("/chamdiem tralai Huyện Tây: thiếu")).toContain("Huyện Tây");
    expect(await ha.say("/chamdiem tralai thu nghiem: thiếu minh chứng 1.1")).toContain(UNIT);
    expect((await t.db.selfAssessment.findFirstOrThrow()).status).toBe("RETURNED");
    expect(await an.say("/chamdiem 1.1 1 Kế hoạch sửa")).toContain("✅ Đã chấm 1.1: 1/2 điểm.");
    expect(await dung.say("/chamdiem gui")).toContain("2/3 điểm");
  });

  it("the Sở appraises: a changed score needs a reason; the unit answers each change once; the admin fixes the scores; ranking published", async () => {
    await soWithCriteria(t);
    await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "ADMIN" } });
    const dung = await d.link("dung");
    const an = await d.link("an");
    const ha = await d.link(SO_ADMIN);
    // The Sở's admin sets the deadline; the head with criteria to score is told.
    expect(await dung.say("/chamdiem han 15/12/2026")).toContain("Chỉ quản trị viên của cơ quan ban hành");
    expect(await ha.say("/chamdiem han 15/12/2026")).toContain(
      "📅 Hạn chấm điểm: 15/12/2026. Đã báo 1 trưởng khoa/phòng",
    );
    const anId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.an.name } })).id;
    const anTold = await t.db.outbox.findMany({ where: { staffId: anId }, select: { payload: true } });
    expect(anTold.map((o) => o.payload).join()).toContain("phụ trách 2 tiêu chí: 1.1, 1.2");
    await an.say("/chamdiem 1.1 2 Kế hoạch số 12/KH-TTYT");
    await an.say("/chamdiem 1.2 1 Báo cáo số 30/BC-TTYT");
    await dung.say("/chamdiem gui");
    expect(await ha.say("/chamdiem thamdinh")).toContain(`📥 ${UNIT} — đã nộp (3 điểm), chờ thẩm định`);
    expect(await ha.say("/chamdiem thamdinh thu nghiem")).toContain(`🔎 ${UNIT}: tự chấm 3, theo thẩm định 3/3 điểm.`);
    // A changed score without its reason, a score off the rule, a unit nobody has: nothing written.
    expect(await ha.say("/chamdiem thamdinh thu nghiem 1.1 1")).toContain("cần lý do");
    expect(await ha.say("/chamdiem thamdinh thu nghiem 1.1 1,5: trễ")).toContain("1.1 chỉ nhận các mức: 2; 1; 0");
    expect(await ha.say("/chamdiem thamdinh Huyện Tây 1.1 1: trễ")).toContain("Không xác định được đơn vị");
    expect(await t.db.selfScore.count({ where: { appraised: { not: null } } })).toBe(0);
    expect(await ha.say("/chamdiem thamdinh thu nghiem 1.1 1: Kế hoạch ban hành trễ hạn")).toContain(
      `✏️ ${UNIT} — 1.1: 2 → 1 (Kế hoạch ban hành trễ hạn).`,
    );
    expect(await ha.say("/chamdiem thamdinh thu nghiem 1.2 1")).toContain("giữ điểm tự chấm 1");
    expect(await ha.say("/chamdiem thamdinh thu nghiem chot")).toContain("Chưa gửi kết quả thẩm định");
    expect(await ha.say("/chamdiem thamdinh thu nghiem gui")).toContain(
      `📨 Đã gửi kết quả thẩm định cho ${UNIT}: 1 tiêu chí đổi điểm, 2/3 điểm (tự chấm 3). Đơn vị phản hồi đến hết 30/11/2026.`,
    );
    const dungId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.dung.name } })).id;
    const told = await t.db.outbox.findMany({ where: { staffId: dungId }, select: { payload: true } });
    expect(told.map((o) => o.payload).join()).toContain("1.1 Kế hoạch CCHC: 2 → 1 — Kế hoạch ban hành trễ hạn");
    // The unit: read-only, its result, one answer per changed criterion, by its leaders.
    expect(await an.say("/chamdiem 1.1 2 Kế hoạch sửa")).toContain("Bản tự chấm đã nộp");
    expect(await an.say("/chamdiem phanhoi 1.1: đúng hạn")).toContain("Lãnh đạo hoặc quản trị viên");
    expect(await dung.say("/chamdiem ketqua")).toContain(`🔎 Kết quả thẩm định của ${SO}: 2/3 điểm (tự chấm 3).`);
    expect(await dung.say("/chamdiem phanhoi 1.2: đủ")).toContain("1.2 không bị đổi điểm");
    expect(await dung.say("/chamdiem phanhoi 1.1: Kế hoạch ban hành đúng hạn theo Công văn của Sở")).toContain(
      `💬 Đã gửi phản hồi về 1.1 cho ${SO}.`,
    );
    expect(await dung.say("/chamdiem phanhoi 1.1: thêm")).toContain("mỗi tiêu chí chỉ phản hồi một lần");
    expect(await ha.say("/chamdiem thamdinh thu nghiem")).toContain(
      "💬 Đơn vị phản hồi: Kế hoạch ban hành đúng hạn theo Công văn của Sở",
    );
    // Fixed: the ranking reads the final score; a unit sees only its rank until the Sở publishes.
    expect(await dung.say("/chamdiem thamdinh thu nghiem chot")).toContain("Thẩm định dành cho cơ quan");
    expect(await ha.say("/chamdiem thamdinh thu nghiem chot")).toContain(
      `🔒 Đã chốt điểm Chỉ số CCHC năm 2026 của ${UNIT}: 2/3 điểm.`,
    );
    expect(await ha.say("/chamdiem thamdinh thu nghiem 1.2 0: thiếu")).toContain("đã chốt (2 điểm)");
    expect(await dung.say("/chamdiem ketqua")).toContain("🔒 Điểm đã chốt: 2 điểm.");
    expect(await dung.say("/chamdiem xephang")).toContain("Đơn vị bạn xếp thứ 1/1 với 2 điểm");
    // Ratings from the bands: the Sở its units on the final score, the unit its departments.
    expect(await ha.say("/chamdiem xeploai")).toContain(`• ${UNIT} — 2 điểm (66,7%): Khá`);
    const own = await dung.say("/chamdiem xeploai");
    expect(own).toContain("🎖 Xếp loại CCHC năm 2026 các khoa, phòng");
    expect(own).toContain("• Phòng Tổ chức - Hành chính — 2 điểm (66,7%): Khá");
    expect(own).not.toContain("Khoa Dược");
    await saveSetting(t.db, UNIT, "ratingOnTimeWeight", "50");
    const weighed = await dung.say("/chamdiem xeploai");
    expect(weighed).toContain("(tính 50% tỷ lệ đúng hạn)");
    expect(weighed).toMatch(/• Phòng Tổ chức - Hành chính — 2 điểm, đúng hạn [\d,]+% → [\d,]+%: /);
    expect(await dung.say("/chamdiem congbo")).toContain("Chỉ quản trị viên của cơ quan ban hành");
    expect(await ha.say("/chamdiem congbo")).toContain("📢 Đã công bố xếp hạng");
    expect(await dung.say("/chamdiem xephang")).toContain(`1. ${UNIT} — 2 điểm 🔒`);
  });

  it("the Sở inspects: coverage against its target, two findings become the unit's tasks, the minutes kept, both closed with evidence", async () => {
    await soWithCriteria(t);
    for (const name of ["TTYT Huyện Bắc", "TTYT Huyện Nam", "TTYT Huyện Đông", "TTYT Huyện Tây"])
      await addUnit(t.db, { name, parent: SO });
    await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "ADMIN" } });
    const ha = await d.link(SO_ADMIN);
    const dung = await d.link("dung");
    expect(await dung.say("/kiemtra")).toContain("Kiểm tra dành cho cơ quan có đơn vị trực thuộc");
    expect(await ha.say("/kiemtra")).toContain("⚠️ Đã lên kế hoạch 0/5 đơn vị = 0%: chưa đạt chỉ tiêu tối thiểu 20%");
    expect(await ha.say("/kiemtra them Huyện 10/12/2026")).toContain("Không xác định được đơn vị");
    expect(await ha.say("/kiemtra them thu nghiem 30/02/2026")).not.toContain("Đã lên lịch");
    expect(await ha.say("/kiemtra bienban thu nghiem")).toContain("Chưa có lịch kiểm tra");
    const planned = await ha.say("/kiemtra them thu nghiem 01/12/2026");
    expect(planned).toContain(`📅 Đã lên lịch kiểm tra ${UNIT} ngày 01/12/2026.`);
    expect(planned).toContain("✅ Đã lên kế hoạch 1/5 đơn vị = 20% (chỉ tiêu tối thiểu 20%).");
    // After the visit: two findings, a bad one refused, the minutes as a file.
    expect(await ha.say("/kiemtra khacphuc thu nghiem niêm yết lại")).toContain("/kiemtra khacphuc ĐƠN VỊ HẠN");
    expect(
      await ha.say("/kiemtra khacphuc thu nghiem 15/12/2026: Niêm yết lại TTHC còn thiếu tại bộ phận một cửa"),
    ).toContain(`📌 KT-1: ${UNIT} khắc phục “Niêm yết lại TTHC còn thiếu tại bộ phận một cửa” hạn 15/12/2026.`);
    expect(await ha.say("/kiemtra khacphuc thu nghiem 31/12/2026: Bổ sung quy chế làm việc")).toContain("📌 KT-2");
    expect(await t.db.task.count({ where: { inspectionId: { not: null } } })).toBe(2);
    expect(await ha.say("/kiemtra bienban thu nghiem")).toContain("📎 Gửi tệp biên bản kiểm tra");
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(512, 3)]);
    expect(await ha.sendFile("bien-ban-kiem-tra.pdf", pdf)).toContain("✅ Đã lưu biên bản kiểm tra");
    const before = await ha.say("/kiemtra thu nghiem");
    expect(before).toContain("Biên bản: bien-ban-kiem-tra.pdf. Thông báo kết luận: chưa có.");
    expect(before).toContain("Khắc phục: 0/2 xong");
    // The unit's admin holds both as tasks and closes them with evidence.
    const tasks = await dung.say("/nhiemvu");
    expect(tasks).toContain("KT-1");
    expect(tasks).toContain("KT-2");
    expect(await dung.say("xong KT-1")).toContain("📎 Gửi minh chứng cho KT-1");
    expect(await dung.say("Thông báo số 3/TB-TTYT ngày 10/12/2026")).toContain("KT-1");
    expect(await dung.say("xong KT-2")).toContain("📎 Gửi minh chứng cho KT-2");
    expect(await dung.sendFile("quy-che.pdf", pdf)).toContain("KT-2");
    const after = await ha.say("/kiemtra");
    expect(after).toContain(`✅ ${UNIT} — đã kiểm tra 25/11/2026; khắc phục 2/2`);
    expect(await ha.say("/kiemtra thu nghiem")).toContain("Khắc phục: 2/2 xong");
  });

  it("a task every department leads: a head moves their own department's part, a leader the shared date", async () => {
    const plan = writeText(
      t.dir,
      "plan-shared.csv",
      [...SMALL_PLAN, '6,Tự kiểm tra công tác CCHC,"Các khoa, phòng",,15/12/2026'].join("\n"),
    );
    await importPlanFile(t.db, { file: plan, unitName: UNIT, year: 2026, now: new Date(NOW) });
    const dates = async () =>
      (
        await t.db.assignment.findMany({
          where: { occurrence: { task: { ref: "I.6" } } },
          select: { staff: { select: { name: true } }, occurrence: { select: { dueDate: true } } },
          orderBy: { staffId: "asc" },
        })
      ).map((a) => `${a.staff.name} ${a.occurrence.dueDate}`);
    const chi = await d.link("chi");
    const dung = await d.link("dung");
    expect(await chi.say("/gianhan I.6 21/12 chờ kiểm kê")).toContain(
      "📅 Đã gia hạn phần của khoa/phòng bạn trong I.6 · Tự kiểm tra công tác CCHC: 15/12/2026 → 21/12/2026.",
    );
    expect(await dates()).toEqual([`${PEOPLE.an.name} 2026-12-15`, `${PEOPLE.chi.name} 2026-12-21`]);
    expect(await dung.say("/gianhan I.6 22/12 chờ Sở")).toContain("📅 Đã gia hạn I.6");
    expect(await dates()).toEqual([`${PEOPLE.an.name} 2026-12-22`, `${PEOPLE.chi.name} 2026-12-21`]);
    // /lichsu lists both moves, with who made each.
    expect(await dung.say("/lichsu I.6")).toMatch(
      /Lê Thị Chi: 15\/12\/2026 → 21\/12\/2026[\s\S]*Phạm Văn Dũng: 15\/12/,
    );
  });

  it("“Gia hạn” on a task: the lead's head moves the date; a staff member asks the head; a date gone writes nothing", async () => {
    const an = await d.link("an");
    await an.say("/nhiemvu I.5");
    expect(await an.choose("Gia hạn")).toContain("📅 Gia hạn I.5 (hạn hiện tại 15/10/2026): gõ ngày mới và lý do");
    expect(await an.say("30/12")).toContain("Cần cả lý do");
    expect(await an.say("01/11/2026 chờ Sở")).toContain("đã qua");
    expect(await t.db.deadlineChange.count()).toBe(0);
    await an.say("/nhiemvu I.5");
    await an.choose("Gia hạn");
    expect(await an.say("30/12 chờ hướng dẫn của Sở")).toContain(
      "📅 Đã gia hạn I.5 · Lập kế hoạch kiểm tra công vụ: 15/10/2026 → 30/12/2026.",
    );
    expect((await t.db.occurrence.findFirstOrThrow({ where: { task: { ref: "I.5" } } })).dueDate).toBe("2026-12-30");

    const chi = await d.link("chi");
    await chi.say("/giao I.3 0912000005");
    const em = await d.link("em");
    await em.say("/nhiemvu I.3");
    expect(await em.choose("Gia hạn")).toContain("📅 Xin gia hạn I.3 (hạn hiện tại 31/12/2026)");
    expect(await em.say("15/01/2027 chờ thuốc về")).toContain("Đã gửi đề nghị gia hạn I.3 đến 15/01/2027");
    expect(await t.db.extensionRequest.count()).toBe(1);
    const chiId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.chi.name } })).id;
    const asked = await t.db.outbox.findFirstOrThrow({
      where: { staffId: chiId, payload: { contains: "xin gia hạn" } },
    });
    expect(asked.payload).toContain(`${PEOPLE.em.name} xin gia hạn việc I.3`);
  });

  it("group chats: only the admin links one; commands there are answered privately; a notice “gửi cả nhóm” is posted there, nothing personal ever is", async () => {
    await t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
    // A stranger, a staff member, a department that is not one: one line each, nothing written.
    expect((await d.stranger().sayInGroup("duoc", "/nhomnay Khoa Dược")).group).toContain(
      "Bot chỉ nhận lệnh trong nhóm từ người đã liên kết tài khoản.",
    );
    const em = await d.link("em");
    expect((await em.sayInGroup("duoc", "/nhomnay Khoa Dược")).group).toContain("Chỉ quản trị CCHC");
    const an = await d.link("an");
    expect((await an.sayInGroup("duoc", "/nhomnay Khoa Sản")).group).toContain(
      "Không tìm thấy đúng một khoa/phòng “Khoa Sản”",
    );
    expect(await t.db.groupChat.count()).toBe(0);

    expect((await an.sayInGroup("duoc", "/nhomnay Khoa Duoc")).group).toContain(
      "✅ Nhóm này đã liên kết với Khoa Dược.",
    );
    expect((await an.sayInGroup("chung", "/nhomnay")).group).toContain(`✅ Nhóm này đã liên kết với ${UNIT}.`);
    expect(await an.say("/nhomnay")).toContain("👥 Nhóm chat đã liên kết (2):");
    // Chatter is not the bot's business; a command is answered in the person's own chat.
    expect(await em.sayInGroup("duoc", "xong rồi nhé")).toEqual({ group: "", own: "" });
    const chi = await d.link("chi");
    const asked = await chi.sayInGroup("duoc", "/nhiemvu");
    expect(asked.group).toBe(`📩 ${PEOPLE.chi.name}: bot đã trả lời riêng cho bạn.`);
    expect(asked.own).toContain("I.3 · Kiểm kê thuốc và vật tư");

    // A notice to Khoa Dược, posted in its group too; the unit's group is not Khoa Dược's.
    await an.say("/tuyentruyen Khoa Dược");
    expect(await an.say("Lịch tập huấn CCHC ngày 10/12")).toContain(
      "Có 1 nhóm chat đã liên kết: chọn “Gửi cả nhóm” để đăng vào nhóm nữa.",
    );
    expect(await an.choose("Gửi cả nhóm")).toContain("👥 Đăng cả vào 1 nhóm chat đã liên kết.");
    await d.deliver();
    expect(d.groupPosts("duoc")).toContain("📢 Thông báo tuyên truyền CCHC\n\nLịch tập huấn CCHC ngày 10/12");
    expect(d.groupPosts("duoc")).not.toContain("Đã đọc");
    expect(d.groupPosts("chung")).not.toContain("Lịch tập huấn");
    // Who received and read it counts people, not groups.
    expect(await t.db.outbox.count({ where: { kind: "broadcast" } })).toBe(2);
    // Nothing personal in either group: only the lines the bot says there, and the notice.
    for (const group of ["duoc", "chung"])
      expect(d.groupPosts(group)).not.toMatch(/I\.\d|Nhiệm vụ của bạn|Kiểm kê|Bạn được giao/);

    expect((await an.sayInGroup("chung", "/nhomnay huy")).group).toContain("Đã bỏ liên kết nhóm này");
    expect(await t.db.groupChat.count()).toBe(1);
  });
});
