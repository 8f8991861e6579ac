/**
 * How long a person waits for a command: `cchc staff list` and `npm start` up
 * to "Bot đang chạy", each next to a bare `node -e 0` in the same run.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { median } from "./util.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

function timeSync(args: string[], env: Record<string, string>): number {
  const t0 = performance.now();
  spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "ignore" });
  return performance.now() - t0;
}

/** Until the bot says it is running, then it is stopped. */
function timeStart(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn("npm", ["start", "--silent"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    const watch = (d: Buffer) => {
      out += d.toString();
      if (/Bot đang chạy|Bot is running/.test(out)) {
        resolve(performance.now() - t0);
        child.stdin.end();
      }
    };
    // The console channel stops when its input ends, as Ctrl+D does.
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("exit", () => reject(new Error(`npm start ended before it was ready:\n${out}`)));
  });
}

export async function benchStartup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-start-"));
  try {
    const env = { DATABASE_URL: `file:${path.join(dir, "b.db")}`, TELEGRAM_BOT_TOKEN: "", DEFAULT_LOCALE: "vi" };
    // The first start creates the database and loads the example; what is timed is a start on an existing one.
    await timeStart(env).catch(() => 0);
    const runs = 3;
    const bare: number[] = [];
    const list: number[] = [];
    const start: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(timeSync(["-e", "0"], env));
      list.push(timeSync([path.join(ROOT, "bin/cchc.js"), "staff", "list"], env));
      start.push(await timeStart(env));
    }
    console.log(`\nstartup (median of ${runs})`);
    console.log(`  node -e 0 (baseline)                ${median(bare).toFixed(0).padStart(6)} ms`);
    console.log(`  cchc staff list                     ${median(list).toFixed(0).padStart(6)} ms`);
    console.log(`  npm start → "Bot đang chạy"         ${median(start).toFixed(0).padStart(6)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
