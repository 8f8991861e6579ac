/** `npm start` as a process: Telegram against the fake Bot API, the console on stdin, graceful stop. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeBotApi, FakeUser } from "../helpers/fake-telegram.ts";
import { ROOT } from "../helpers/run.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-start-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  // What `npm start` runs: the install-time build when it is fresh, else the sources through tsx.
  const child = spawn(process.execPath, [path.join(ROOT, "bin/start.js")], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PLAN_YEAR: "2026", LOG_LEVEL: "silent", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = async (what: () => boolean, ms = 30_000) => {
    const until = Date.now() + ms;
    while (!what()) {
      if (Date.now() > until) throw new Error(`timed out; stderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, exited, waitFor, out: () => stdout, err: () => stderr };
}

describe("npm start", () => {
  it("with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT talks to that server, and stops cleanly on SIGTERM", async () => {
    const api = await new FakeBotApi("x").start();
    try {
      const p = start({ TELEGRAM_BOT_TOKEN: "x", TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: `file:${dir}/tg.db` });
      await p.waitFor(() => p.err().includes("Bot đang chạy"));
      expect(p.err()).toContain(`Telegram: @cchc_test_bot qua ${api.apiRoot} (long polling)`);
      const thanh = new FakeUser(api, 42, "Thành");
      thanh.shareContact("0987654301");
      expect((await thanh.reply()).text).toContain("Chào Lê Văn Thành!");
      thanh.send("/nhiemvu");
      expect((await thanh.reply()).text).toMatch(/^📋 Nhiệm vụ của bạn: \d+/);
      p.child.kill("SIGTERM");
      expect(await p.exited).toBe(0);
      expect(p.err()).toContain("Đã dừng.");
    } finally {
      await api.stop();
    }
  });

  it("without a token opens the console on the demo plan", async () => {
    const p = start({ DATABASE_URL: `file:${dir}/console.db` });
    await p.waitFor(() => p.err().includes("Bot đang chạy"));
    expect(p.err()).toContain("đã nạp kế hoạch mẫu");
    expect(p.err()).toMatch(/Gõ \/as <số điện thoại> để đóng vai một cán bộ, ví dụ \/as 0\d{9} \(/);
    p.child.stdin.write("/as 0987654301\n/nhiemvu\n");
    await p.waitFor(() => p.out().includes("Nhiệm vụ của bạn"));
    expect(p.out()).toContain("🤖 Chào Lê Văn Thành!");
    p.child.stdin.end();
    expect(await p.exited).toBe(0);
  });
});
