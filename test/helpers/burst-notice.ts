/**
 * The sequence a unit runs, with real processes: `npm start` against Telegram
 * (the fake Bot API, here at 200 ms a round trip and 30 sends a second),
 * `n` people share their contact at once, then the admin runs `cchc
 * broadcast send --text-file f` in another process while the bot runs. Used
 * by the broadcast bench (300 people, timed against the floor) and its test.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { FakeBotApi, FakeUser } from "./fake-telegram.ts";
import { ROOT } from "./run.ts";

export const NOTICE_TEXT = "Thông báo tuyên truyền: lịch tiếp công dân tháng 12.";

export interface BurstNoticeResult {
  /** People who got the notice. */
  reached: number;
  /** From the CLI's start to the last one. */
  ms: number;
  /** The CLI's own run: start, write, exit. */
  written: number;
  /** When the first notice left, from the CLI's start. */
  first: number;
  /** Sends the fake refused with 429. */
  refused: number;
}

export async function burstThenNotice(
  n: number,
  o: { latencyMs?: number; limitMs?: number } = {},
): Promise<BurstNoticeResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-burst-notice-"));
  const api = await new FakeBotApi().start();
  api.network = { latencyMs: o.latencyMs ?? 200, perSecond: 30 };
  const env = {
    ...process.env,
    DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "cchc.db")}`,
    UNIT_NAME: "Bench",
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
    // A Wednesday morning: the notice goes at once, not held for working hours.
    CLOCK_START: "2026-11-25T09:00:00+07:00",
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
  };
  const run = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const p = spawn(process.execPath, [path.join(ROOT, "bin/cchc.js"), ...args], { env, stdio: "ignore" });
      p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`cchc ${args.join(" ")} exited ${code}`))));
    });
  const roster = path.join(dir, "staff.csv");
  fs.writeFileSync(
    roster,
    [
      "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ",
      ...Array.from({ length: n }, (_, i) => `Cán bộ ${i},091${String(1_000_000 + i)},Văn phòng,Chuyên viên`),
    ].join("\n"),
  );
  await run(["staff", "import", roster]);
  const bot = spawn(process.execPath, [path.join(ROOT, "bin/start.js")], { env, stdio: "ignore" });
  const limit = o.limitMs ?? 150_000;
  try {
    while (!api.calls.some((c) => c.method === "getUpdates")) await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < n; i++) new FakeUser(api, 50_000 + i, `CB ${i}`).shareContact(`091${String(1_000_000 + i)}`);
    const answered = () => new Set(api.sent.filter((m) => m.text.includes("Chào")).map((m) => m.chatId)).size;
    const linking = performance.now();
    while (answered() < n && performance.now() - linking < limit) await new Promise((r) => setTimeout(r, 50));
    const text = path.join(dir, "notice.txt");
    fs.writeFileSync(text, NOTICE_TEXT);
    const start = performance.now();
    await run(["broadcast", "send", "--text-file", text]);
    const written = performance.now() - start;
    const got = () => api.sent.filter((m) => m.text.includes(NOTICE_TEXT));
    while (new Set(got().map((m) => m.chatId)).size < n && performance.now() - start < limit)
      await new Promise((r) => setTimeout(r, 50));
    const ms = performance.now() - start;
    const first = Math.min(...got().map((m) => m.at)) - (performance.timeOrigin + start);
    return { reached: new Set(got().map((m) => m.chatId)).size, ms, written, first, refused: api.refused };
  } finally {
    bot.kill("SIGTERM");
    await new Promise((r) => bot.once("exit", r));
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
