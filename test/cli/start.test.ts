/** `npm start` as a process: Telegram against the fake Bot API, the console on stdin, graceful stop. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeBotApi, FakeUser } from "../helpers/fake-telegram.ts";
import { cchc, ROOT } from "../helpers/run.ts";

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
      fs.chmodSync(dir, 0o755);
      const health = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, "127.0.0.1", () => {
          const port = (probe.address() as net.AddressInfo).port;
          probe.close(() => resolve(port));
        });
      });
      const p = start({
        TELEGRAM_BOT_TOKEN: "x",
        TELEGRAM_API_ROOT: api.apiRoot,
        DATABASE_URL: `file:${dir}/tg.db`,
        HEALTH_PORT: String(health),
      });
      await p.waitFor(() => p.err().includes("Bot đang chạy"));
      expect(p.err()).toContain(`Telegram: @cchc_test_bot qua ${api.apiRoot} (long polling)`);
      const thanh = new FakeUser(api, 42, "Thành");
      thanh.shareContact("0987654301");
      expect((await thanh.reply()).text).toContain("Chào Lê Văn Thành!");
      thanh.send("/nhiemvu");
      expect((await thanh.reply()).text).toMatch(/^📋 Nhiệm vụ của bạn: \d+/);
      // What a service manager and Prometheus ask.
      const ready = await fetch(`http://127.0.0.1:${health}/readyz`);
      expect([ready.status, ((await ready.json()) as { ready: boolean }).ready]).toEqual([200, true]);
      expect(await (await fetch(`http://127.0.0.1:${health}/metrics`)).text()).toMatch(
        /cchc_sends_total\{platform="telegram",outcome="sent"\} [1-9]/,
      );
      // A restore is refused while the bot runs; a backup is made as it runs (that night's).
      const restore = cchc(["db", "restore", path.join(dir, "tg.db")], { DATABASE_URL: `file:${dir}/tg.db` }, dir);
      expect(restore.status).toBe(1);
      expect(restore.stderr).toContain("Bot đang chạy (tiến trình");
      p.child.kill("SIGTERM");
      expect(await p.exited).toBe(0);
      expect(p.err()).toContain("Đã dừng.");
      // Every phone number is in there: only the bot's user may read it.
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dir, "tg.db")).mode & 0o777).toBe(0o600);
      const backups = fs.readdirSync(path.join(dir, "backups"));
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(/^cchc-\d{4}-\d\d-\d\d\.db$/);
      expect(fs.statSync(path.join(dir, "backups", backups[0]!)).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(path.join(dir, "bot.pid"))).toBe(false);
    } finally {
      await api.stop();
    }
    // Two processes from source on a busy machine: seconds each, never a bound on speed.
  }, 120_000);

  it("a damaged database stops the start with one line saying to restore", async () => {
    fs.writeFileSync(path.join(dir, "broken.db"), "this is not a database, it was overwritten by mistake".repeat(100));
    const p = start({ DATABASE_URL: `file:${dir}/broken.db` });
    expect(await p.exited).toBe(1);
    const lines = p.err().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /broken\.db không phải cơ sở dữ liệu dùng được \(.*\)\. Dừng bot, khôi phục bản sao lưu gần nhất: npx cchc db restore/,
    );
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
