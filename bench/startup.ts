/**
 * How long a person waits for a command: each `cchc` group's start (its
 * --help: everything the command loads before it works), `cchc staff list`
 * on the example roster (read without the Prisma client), `cchc unit list`
 * (which opens the database through Prisma) and `npm start` up to "Bot đang
 * chạy", each next to a bare `node -e 0` in the same run.
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
    const runs = 5;
    const cchc = (...args: string[]) => [path.join(ROOT, "bin/cchc.js"), ...args];
    const timed: [string, string[]][] = [
      ["node -e 0 (baseline)", ["-e", "0"]],
      ["cchc --help (every group)", cchc("--help")],
      ...["plan", "staff", "report", "broadcast", "settings", "unit", "db"].map((g): [string, string[]] => [
        `cchc ${g} --help`,
        cchc(g, "--help"),
      ]),
      ["cchc staff list", cchc("staff", "list")],
      ["cchc unit list (Prisma)", cchc("unit", "list")],
    ];
    const times = new Map<string, number[]>(timed.map(([name]) => [name, []]));
    const start: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of timed) times.get(name)!.push(timeSync(args, env));
      if (i < 3) start.push(await timeStart(env));
    }
    const bare = median(times.get("node -e 0 (baseline)")!);
    console.log(`\nstartup (median of ${runs}; × = times bare node)`);
    for (const [name, list] of times) {
      const ms = median(list);
      console.log(`  ${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / bare).toFixed(1).padStart(5)}×`);
    }
    console.log(`  ${'npm start → "Bot đang chạy"'.padEnd(34)} ${median(start).toFixed(0).padStart(6)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
