/**
 * The admin imports in chat: sends the file, reads the summary, taps "Nhập"
 * or "Huỷ". Nothing is written before "Nhập"; others are refused.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PEOPLE, seedSmallPlan, startConsole, type ConsoleHarness } from "../helpers/bot.ts";
import fs from "node:fs";
import path from "node:path";
import { example, freshDb, snapshot, type TestDb } from "../helpers/db.ts";
import { toCsv, writeText } from "../helpers/files.ts";

let t: TestDb;
let bot: ConsoleHarness;
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
  await t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
  bot = await startConsole(t.db);
});
afterEach(async () => {
  await bot.stop();
  await t.close();
});

const PLAN = toCsv([
  ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH TRUNG TÂM Y TẾ KHU VỰC MAI CHÂU NĂM 2026"],
  ["STT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Thời gian thực hiện"],
  ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""],
  ["1", "Rà soát thủ tục hành chính", "- Kế hoạch", "Phòng Tổ chức - Hành chính", "Quý I/2026"],
  ["", "", "- Báo cáo", "", "6 tháng, 01 năm"],
  ["", "", "", "", "Phòng Tổ chức"],
]);

describe("importing a plan by sending it to the bot", () => {
  it("the signed plan as a PDF: a summary as for its .docx (see test/import/pdf.test.ts), and Nhập writes it", async () => {
    await bot.say(`/as ${PEOPLE.an.phone}`);
    const summary = await bot.say(`/tep ${example("yen-bai-2026-plan.pdf")}`);
    expect(summary).toContain("📄 yen-bai-2026-plan.pdf — kế hoạch năm 2026: 38 nhiệm vụ");
    // Its objectives' targets, for the admin to see before they become indicators.
    expect(summary).toContain(
      "🎯 Chỉ tiêu đọc từ phần mục tiêu (6), sẽ nhập làm chỉ số:\n• MT1 · Tỷ lệ thủ tục hành chính thuộc thẩm quyền giải quyết của đơn vị được…: ≥ 100%\n" +
        // The unit's indicators file has this measure already, as TTHC-DH: one indicator, not two.
        "• MT2 · Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn: > 98% — cùng nội dung với chỉ số TTHC-DH đã có: dùng TTHC-DH, không thêm",
    );
    const done = await bot.say("1");
    expect(done).toContain("Đã nhập kế hoạch");
    expect(done).toContain("🎯 Đã thêm 5 chỉ số từ phần mục tiêu của kế hoạch");
    expect(await t.db.task.count({ where: { removedAt: null } })).toBe(38);
  });

  it("the summary shows tasks, due dates per quarter, changes and warnings; Huỷ writes nothing, Nhập writes it", async () => {
    await bot.say(`/as ${PEOPLE.an.phone}`);
    const file = writeText(t.dir, "ke-hoach.csv", PLAN);
    const before = await snapshot(t.db);
    const summary = await bot.say(`/tep ${file}`);
    expect(summary).toContain("📄 ke-hoach.csv — kế hoạch năm 2026: 1 nhiệm vụ trong 1 mục");
    expect(summary).toContain("• CẢI CÁCH THỦ TỤC HÀNH CHÍNH: 1");
    expect(summary).toContain("Mốc hạn: quý I 1 · quý II 1 · quý III 0 · quý IV 1 · chưa có hạn 0");
    expect(summary).toMatch(/So với kế hoạch đang dùng: 0 nhiệm vụ mới, \d+ gỡ bỏ, 1 đổi hạn\./);
    expect(summary).toContain(
      "⚠ ke-hoach.csv, dòng 6, cột E (Thời gian thực hiện): không đọc được thời gian “Phòng Tổ chức”",
    );
    expect(summary).toContain("1. ✅ Nhập\n2. ✖ Huỷ");
    const { PendingImport: _p, ...rest } = await snapshot(t.db);
    const { PendingImport: _q, ...restBefore } = before;
    expect(rest).toEqual(restBefore);

    expect(await bot.say("2")).toContain("Đã huỷ: không ghi gì từ ke-hoach.csv.");
    expect((await snapshot(t.db)).Task).toEqual(before.Task);
    expect(await bot.say("1")).not.toContain("Đã nhập");

    await bot.say(`/tep ${file}`);
    const done = await bot.say("1");
    expect(done).toContain("Đã nhập kế hoạch");
    const task = await t.db.task.findFirstOrThrow({
      where: { ref: "I.1", removedAt: null },
      include: { occurrences: { where: { removedAt: null }, orderBy: { dueDate: "asc" } } },
    });
    expect(task.occurrences.map((o) => o.dueDate)).toEqual(["2026-03-31", "2026-06-30", "2026-12-31"]);
    expect((await t.db.unit.findFirstOrThrow()).displayName).toBe("TRUNG TÂM Y TẾ KHU VỰC MAI CHÂU");
  });

  it("a staff list with a bad row: summary lists it; a broken file is refused with nothing written; staff cannot import", async () => {
    await bot.say(`/as ${PEOPLE.an.phone}`);
    const staff = writeText(
      t.dir,
      "can-bo.csv",
      `Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ\n${PEOPLE.an.name},${PEOPLE.an.phone},Phòng Tổ chức - Hành chính,Trưởng phòng\nAi đó,123,Khoa Dược,\n`,
    );
    const summary = await bot.say(`/tep ${staff}`);
    expect(summary).toContain("👥 can-bo.csv — danh sách cán bộ: 1 người, 1 khoa/phòng; 1 dòng bỏ qua");
    expect(summary).toContain("⚠ can-bo.csv, dòng 3, cột B (Số điện thoại): “123” không phải số điện thoại Việt Nam");
    expect(await bot.say("2")).toContain("Đã huỷ");
    const before = await snapshot(t.db);
    const broken = writeText(t.dir, "hong.xlsx", "not a workbook");
    expect(await bot.say(`/tep ${broken}`)).toContain(
      "hong.xlsx: tệp bị hỏng hoặc không phải Excel .xlsx — hãy mở tệp bằng Excel/Word, lưu lại rồi gửi lại\nChưa nhập gì",
    );
    expect(await bot.say(`/tep ${writeText(t.dir, "x.csv", "a,b\n1,2\n")}`)).toContain("x.csv: không nhận ra bảng");
    expect(await bot.say(`/tep ${t.dir}/mat-tep.xlsx`)).toContain(
      "Không tải được tệp mat-tep.xlsx — hãy gửi lại. Chưa ghi gì.",
    );
    expect(await bot.say(`/tep ${writeText(t.dir, "ke-hoach.doc", "old")}`)).toContain(
      "ke-hoach.doc: bot nhận kế hoạch và danh sách cán bộ dạng .xlsx, .csv, .docx hoặc .pdf.",
    );
    expect(await bot.say(`/tep ${writeText(t.dir, "ke-hoach.pdf", "%PDF")}`)).toContain(
      "ke-hoach.pdf: tệp bị hỏng hoặc không phải PDF",
    );
    const scan = path.join(t.dir, "ke-hoach-ky.pdf");
    fs.copyFileSync(example("scanned-plan.pdf"), scan);
    expect(await bot.say(`/tep ${scan}`)).toContain(
      "ke-hoach-ky.pdf: bản PDF này là ảnh chụp (bản scan), không có chữ để đọc — hãy gửi bản .docx hoặc .xlsx của kế hoạch\nChưa nhập gì",
    );
    expect(await snapshot(t.db)).toEqual(before);
    await bot.say(`/as ${PEOPLE.binh.phone}`);
    expect(await bot.say(`/tep ${staff}`)).toContain("Chỉ quản trị viên của đơn vị nhập kế hoạch");
  });
});
