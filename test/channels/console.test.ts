/** The console is for trying the bot: it answers a stranger every time and remembers who you were. */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { translator } from "../../src/i18n.ts";
import { PEOPLE, seedSmallPlan, startConsole } from "../helpers/bot.ts";
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
  expect(await first.say("/as")).toBe("🤖 Trong cửa sổ này, gõ /as <số điện thoại> để đóng vai cán bộ có số đó, ví dụ /as 0912345601.\n");
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
