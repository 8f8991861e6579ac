/**
 * A task due every quarter is worked one quarter at a time: "xong" closes the
 * quarter now due and says which; /giao hands over every open quarter or the
 * one named; the admin may hand over any task of the unit.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importPlanFile, importRosterFile } from "../../src/import/imports.ts";
import { PEOPLE, startConsole, UNIT, type ConsoleHarness } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { writeText } from "../helpers/files.ts";

let t: TestDb;
let bot: ConsoleHarness;
const TCHC = "Phòng Tổ chức - Hành chính";

beforeEach(async () => {
  t = await freshDb();
  const now = new Date("2026-01-05T02:00:00Z");
  await importRosterFile(t.db, {
    file: writeText(
      t.dir,
      "staff.csv",
      [
        "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ",
        `${PEOPLE.an.name},${PEOPLE.an.phone},${TCHC},Trưởng phòng`,
        `${PEOPLE.binh.name},${PEOPLE.binh.phone},${TCHC},Chuyên viên`,
        `${PEOPLE.chi.name},${PEOPLE.chi.phone},Khoa Dược,Trưởng khoa`,
        `${PEOPLE.em.name},${PEOPLE.em.phone},Khoa Dược,Dược sĩ`,
        `${PEOPLE.dung.name},${PEOPLE.dung.phone},Ban Giám đốc,Giám đốc`,
      ].join("\n"),
    ),
    unitName: UNIT,
    now,
  });
  await importPlanFile(t.db, {
    file: writeText(
      t.dir,
      "plan.csv",
      [
        "STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện",
        `1,Báo cáo tình hình giải quyết TTHC,${TCHC},"Quý I, Quý II, Quý III, Quý IV"`,
        "2,Kiểm kê thuốc,Khoa Dược,Quý II",
      ].join("\n"),
    ),
    unitName: UNIT,
    year: 2026,
    now,
  });
  // 20 April: quarter I is late, quarter II is the next one due.
  bot = await startConsole(t.db, { clock: { now: () => new Date("2026-04-20T02:00:00Z") } });
});
afterEach(async () => {
  await bot.stop();
  await t.close();
});

describe("tasks due every quarter", () => {
  it("“xong 1” closes the oldest open quarter, names it, and lists what is still open", async () => {
    await bot.say(`/as ${PEOPLE.an.phone}`);
    expect(await bot.say("xong 1")).toBe(
      "🤖 ✅ Đã ghi nhận hoàn thành: 1 · Báo cáo tình hình giải quyết TTHC\nKỳ đã xong: Quý I/2026 (hạn 31/03/2026).\nCòn mở: Quý II/2026 (30/06/2026), Quý III/2026 (30/09/2026), Quý IV/2026 (31/12/2026).\n📎 Gửi minh chứng cho 1: tệp (ảnh, PDF, Word, Excel) hoặc số và ngày văn bản (ví dụ: Kế hoạch số 12/KH-TTYT ngày 15/01/2026). Không có thì gõ “bỏ qua”.\n",
    );
    expect(await bot.say("xong 1")).toContain(
      "Kỳ đã xong: Quý II/2026 (hạn 30/06/2026).\nCòn mở: Quý III/2026 (30/09/2026), Quý IV/2026 (31/12/2026).",
    );
    const open = await t.db.assignment.findMany({ where: { status: { not: "DONE" } }, include: { occurrence: true } });
    expect(open.map((a) => a.occurrence.dueDate).sort()).toEqual(["2026-06-30", "2026-09-30", "2026-12-31"]);
  });

  it("/giao hands over every open quarter, or only the one named; the admin any task of the unit", async () => {
    const holder = async (due: string) =>
      (
        await t.db.assignment.findFirstOrThrow({
          where: { occurrence: { dueDate: due, task: { ref: "1" } } },
          include: { staff: true },
        })
      ).staff.name;
    await bot.say(`/as ${PEOPLE.an.phone}`);
    expect(await bot.say("/giao 1 q3 Bình")).toContain("Đã giao 1 cho Trần Thị Bình: Quý III/2026 (30/09/2026).");
    expect(await holder("2026-09-30")).toBe(PEOPLE.binh.name);
    expect(await holder("2026-06-30")).toBe(PEOPLE.an.name);
    expect(await bot.say("/giao 1 Em")).toContain("Không tìm thấy ai trong khoa/phòng của bạn khớp với “Em”");
    expect(await bot.say("/giao 1 Bình")).toContain(
      "Đã giao 1 cho Trần Thị Bình: Quý I/2026 (31/03/2026), Quý II/2026 (30/06/2026), Quý IV/2026 (31/12/2026).",
    );
    expect(await bot.say("/giao 2 Bình")).toContain("Không có nhiệm vụ đang mở nào bạn giao được mang mã “2”");
    // The admin may hand any task of the unit to anyone in it.
    await t.db.staff.updateMany({ where: { name: PEOPLE.em.name }, data: { role: "ADMIN" } });
    await bot.say(`/as ${PEOPLE.em.phone}`);
    expect(await bot.say("/giao 1 q4 0912000001")).toContain("Đã giao 1 cho Nguyễn Văn An: Quý IV/2026 (31/12/2026).");
    expect(await holder("2026-12-31")).toBe(PEOPLE.an.name);
    expect(await bot.say("/giao 1 q4 Ai Đó")).toContain("Không tìm thấy cán bộ nào khớp với “Ai Đó”.");
    expect(await bot.say("/giao 1 Chi")).toContain("1 đang do Trần Thị Bình, Nguyễn Văn An thực hiện");
    const history = await t.db.statusUpdate.count({ where: { text: { startsWith: "→" } } });
    expect(history).toBe(5);
    // The leader reads the handovers as handovers; an unknown code is said to be unknown.
    await bot.say(`/as ${PEOPLE.dung.phone}`);
    const seen = await bot.say("/nhiemvu 1");
    expect(seen).toContain("Nguyễn Văn An: giao lại cho Trần Thị Bình");
    expect(seen).not.toContain("→");
    expect(await bot.say("/nhiemvu 2")).toContain("Chưa có ai cập nhật nhiệm vụ này.");
    expect(await bot.say("/nhiemvu 9.9")).toContain("Không có nhiệm vụ nào mang mã “9.9” trong kế hoạch.");
  });
});
