/**
 * A plan import from the command line while the bot is busy: the import's
 * transaction is short, so the bot's own writes wait a moment instead of
 * failing with "Operation has timed out".
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertRows, sqlTimestamp } from "../../src/store/db/sql.ts";
import { memoryLogger, seedSmallPlan, startTelegram, UNIT, type TelegramHarness } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { FakeUser } from "../helpers/fake-telegram.ts";
import { ROOT } from "../helpers/run.ts";
import { writeXlsx } from "../helpers/files.ts";

let t: TestDb;
let bot: TelegramHarness;
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
});
afterEach(async () => {
  await bot?.stop();
  await t.close();
});

describe("an import while the bot works", () => {
  it("200 people link while a 2,000-task plan is imported by another process: all answered, no apology, nothing failed", async () => {
    const now = sqlTimestamp(new Date());
    await insertRows(
      t.db,
      "Staff",
      ["unitId", "name", "phone", "role", "active", "createdAt", "updatedAt"],
      Array.from({ length: 200 }, (_, i) => [1, `Cán bộ ${i}`, `+8493${String(1_000_000 + i)}`, "STAFF", 1, now, now]),
    );
    const rows: (string | number)[][] = [["STT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Thời gian thực hiện"]];
    for (let a = 0; a < 20; a++) {
      rows.push([
        `${["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][a % 10]}${a >= 10 ? "B" : ""}`,
        `LĨNH VỰC ${a + 1}`,
      ]);
      for (let k = 1; k <= 100; k++)
        rows.push([
          k,
          `Nhiệm vụ ${a + 1}.${k}: rà soát thủ tục hành chính`,
          "Báo cáo",
          "Khoa Dược",
          ["Quý I, Quý III", "Thường xuyên", "6 tháng, 01 năm"][k % 3]!,
        ]);
    }
    const file = await writeXlsx(t.dir, "ke-hoach-lon.xlsx", rows);
    const { logger, lines } = memoryLogger();
    bot = await startTelegram(t.db, { logger });
    const child = spawn(process.execPath, [path.join(ROOT, "bin/cchc.js"), "plan", "import", file], {
      cwd: t.dir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DATABASE_URL: t.url,
        PLAN_YEAR: "2026",
        UNIT_NAME: UNIT,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    // Keep the bot writing until the import is over, then 200 people at once more.
    const users = Array.from({ length: 200 }, (_, i) => new FakeUser(bot.api, 30_000 + i, `CB ${i}`));
    let linked = 0;
    let done = false;
    void exited.then(() => (done = true));
    while (!done && linked < 150) {
      users[linked]!.shareContact(`093${String(1_000_000 + linked)}`);
      linked++;
      await new Promise((r) => setTimeout(r, 20));
    }
    for (; linked < 200; linked++) users[linked]!.shareContact(`093${String(1_000_000 + linked)}`);
    expect(await exited, err).toBe(0);
    expect(out).toContain("Đã nhập kế hoạch");
    const replies = await Promise.all(users.map((u) => u.reply()));
    expect(replies.filter((r) => !r.text.includes("Chào Cán bộ"))).toEqual([]);
    expect(await t.db.chatIdentity.count({ where: { externalId: { startsWith: "3" } } })).toBe(200);
    expect(await t.db.task.count()).toBeGreaterThanOrEqual(2000);
    expect(lines().filter((l) => l.level === 50 || l.msg === "handler failed")).toEqual([]);
  }, 120_000);
});
