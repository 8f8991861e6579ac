/** The console is for trying the bot: it answers a stranger every time and remembers who you were. */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { translator } from "../../src/i18n.ts";
import { createBroadcast } from "../../src/store/notices/broadcasts.ts";
import { PEOPLE, seedSmallPlan, startConsole, UNIT } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";

const vi = translator("vi");
let t: TestDb;
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
});
afterEach(async () => t.close());

it("a stranger is answered every time with how to pick a person; /as alone explains itself; a restart goes on as the same person", async () => {
  const stateFile = path.join(t.dir, "console-as");
  const options = { stateFile, asUsage: vi("start.asUsage") };
  const first = await startConsole(t.db, options);
  for (let i = 0; i < 2; i++) {
    const out = await first.say("/nhiemvu");
    expect(out).toContain("Bạn chưa được liên kết");
    expect(out).toContain("→ Trong cửa sổ này, gõ /as <số điện thoại>");
  }
  expect(await first.say("/as")).toBe(
    "🤖 Trong cửa sổ này, gõ /as <số điện thoại> để đóng vai cán bộ có số đó, ví dụ /as 0912345601.\n",
  );
  expect(await first.say(`/as ${PEOPLE.chi.phone}`)).toContain("Chào Lê Thị Chi");
  expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);
  await first.stop();

  const again = await startConsole(t.db, options);
  expect(await again.say("/nhiemvu")).toContain("📋 Nhiệm vụ của bạn");
  await again.stop();
});

it("a number typed after a cancelled notice is a fresh message, not the old question's answer", async () => {
  const bot = await startConsole(t.db);
  await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "LEADER" } });
  await bot.say(`/as ${PEOPLE.dung.phone}`);
  expect(await bot.say("/tuyentruyen")).toContain("1. ✖ Hủy");
  expect(await bot.say("1")).toContain("Đã hủy, chưa gửi gì.");
  const again = await bot.say("2");
  expect(again).not.toContain("hết hạn");
  expect(again).toContain("/huongdan");
  await bot.stop();
});

it("a notice written at 00:15 waits for 07:30 unless the sender chooses to send it now", async () => {
  await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "LEADER" } });
  const bot = await startConsole(t.db, { clock: { now: () => new Date("2026-11-24T17:15:00Z") } });
  await bot.say(`/as ${PEOPLE.dung.phone}`);
  await bot.say("/tuyentruyen");
  const confirm = await bot.say("Họp giao ban CCHC lúc 14:00 thứ Sáu.");
  expect(confirm).toContain(
    "⏰ Bây giờ là ngoài giờ làm việc: thông báo sẽ đi lúc 07:30 thứ Tư 25/11/2026, trừ khi bạn chọn “Gửi ngay”.",
  );
  expect(confirm).toContain("1. 📤 Gửi lúc 07:30 thứ Tư 25/11/2026\n2. ⚡ Gửi ngay\n3. ✖ Hủy");
  expect(await bot.say("1")).toContain("sẽ gửi lúc 07:30 thứ Tư 25/11/2026");
  const held = await t.db.outbox.findMany({ where: { kind: "broadcast", status: "PENDING" } });
  expect(held.length).toBeGreaterThan(0);
  expect(held.every((o) => o.notBefore?.toISOString() === "2026-11-25T00:30:00.000Z")).toBe(true);
  await bot.say("/tuyentruyen");
  await bot.say("Khẩn: nộp báo cáo trước 8 giờ.");
  expect(await bot.say("2")).toContain("Đã xếp thông báo #2");
  expect(
    (await t.db.outbox.findMany({ where: { broadcastId: 2, status: "PENDING" } })).every((o) => o.notBefore === null),
  ).toBe(true);
  await bot.stop();
});

it("a head of department sees only their own department: notice statistics and other departments' tasks", async () => {
  const bot = await startConsole(t.db);
  await createBroadcast(t.db, {
    unitName: UNIT,
    senderId: null,
    text: "Thông báo chung",
    audience: { departments: [], role: null },
    now: new Date(),
  });
  await bot.say(`/as ${PEOPLE.chi.phone}`);
  const stats = await bot.say("/tuyentruyen_thongke");
  expect(stats).toContain("Khoa Dược");
  expect(stats).not.toContain("Tổ chức");
  expect(stats).not.toContain(PEOPLE.an.name);
  const other = await bot.say("/nhiemvu I.2");
  expect(other).toContain("Nhiệm vụ “I.2” không do khoa/phòng của bạn thực hiện.");
  expect(other).not.toContain("Báo cáo CCHC năm");
  await bot.stop();
});
