/** The task a person just opened is what a bare reply means, for a few minutes, and the answer names it. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { importPlanFile } from "../../src/import/imports.ts";
import { NOW, PEOPLE, seedSmallPlan, startConsole, UNIT, type ConsoleHarness } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { writeText } from "../helpers/files.ts";

let t: TestDb;
let bot: ConsoleHarness;
let now = new Date(NOW);
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
  now = new Date(NOW);
  bot = await startConsole(t.db, { clock: { now: () => now } });
  await bot.say(`/as ${PEOPLE.an.phone}`);
});
afterEach(async () => {
  await bot.stop();
  await t.close();
});

const statusOf = async (ref: string) =>
  (
    await t.db.assignment.findFirstOrThrow({
      where: { occurrence: { task: { ref } }, staff: { name: PEOPLE.an.name } },
    })
  ).status;

it("after opening a task, “dang lam” and “vướng: lý do” apply to it; after ten minutes the bot asks again", async () => {
  await bot.say("/nhiemvu I.1");
  expect(await bot.say("dang lam")).toContain("🔵 Đã ghi nhận đang làm: I.1");
  await bot.say("/nhiemvu I.2");
  const blocked = await bot.say("vướng: chưa có mẫu báo cáo");
  expect(blocked).toContain("⛔ Đã ghi nhận vướng mắc: I.2");
  expect(await statusOf("I.2")).toBe("BLOCKED");
  expect(await statusOf("I.1")).toBe("IN_PROGRESS");
  // A code still wins over the opened task.
  expect(await bot.say("xong I.5")).toContain("✅ Đã ghi nhận hoàn thành: I.5");
  now = new Date(now.getTime() + 11 * 60_000);
  // ("hoàn thành", not "xong": on the console a typed "xong" is also the label of the open task's ✅ button.)
  expect(await bot.say("hoàn thành")).toContain("“Hoàn thành” là cho nhiệm vụ nào?");
});

it("with more tasks than choices, the example repeats the reply typed: “vướng <mã>”, not “xong”", async () => {
  const rows = [
    "STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện",
    ...Array.from({ length: 10 }, (_, k) => `${k + 1},Việc số ${k + 1},Phòng Tổ chức - Hành chính,Quý IV`),
  ];
  await importPlanFile(t.db, {
    file: writeText(t.dir, "many.csv", rows.join("\n")),
    unitName: UNIT,
    year: 2026,
    now: new Date(NOW),
  });
  const out = await bot.say("vướng: chưa có người");
  expect(out).toContain("…và 2 nhiệm vụ khác: gõ kèm mã, ví dụ “vướng 9”.");
});

it("a blocked reason longer than 1,000 characters is cut, and the person is told", async () => {
  await bot.say("/nhiemvu I.1");
  const out = await bot.say(`vướng: ${"thiếu hồ sơ ".repeat(150)}`);
  expect(out).toContain("(Lý do dài quá 1000 ký tự nên đã được cắt bớt");
  const a = await t.db.assignment.findFirstOrThrow({
    where: { occurrence: { task: { ref: "I.1" } }, staff: { name: PEOPLE.an.name } },
  });
  expect([...a.blockerReason!].length).toBe(1000);
  expect(a.blockerReason!.endsWith("…")).toBe(true);
});
