/**
 * How long a person waits for a command: each `cchc` group's start (its
 * --help: everything the command loads before it works), `cchc staff list`
 * on the example roster (read without the Prisma client), the commands that
 * open the database through Prisma (`unit list`, `plan show`, `report
 * export`) and `npm start` up to "Bot đang chạy", each next to a bare
 * `node -e 0` and to the Prisma floor (a script that only opens the client
 * and runs one query, bench/prisma-floor.ts), as installed: from dist/.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
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
    // Built beside node_modules, as the CLI is, so that its packages resolve the same way.
    const floor = path.join(ROOT, "node_modules", ".cache", "cchc-bench", "prisma-floor.mjs");
    await build({
      absWorkingDir: ROOT,
      entryPoints: [path.join(ROOT, "bench", "prisma-floor.ts")],
      outfile: floor,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      logLevel: "warning",
    });
    const timed: [string, string[]][] = [
      ["node -e 0 (baseline)", ["-e", "0"]],
      ["Prisma floor (open, one query)", [floor, path.join(dir, "b.db")]],
      ["Prisma + exceljs floor", [floor, path.join(dir, "b.db"), "xlsx"]],
      ["cchc --help (every group)", cchc("--help")],
      ...["plan", "staff", "report", "broadcast", "settings", "unit", "db"].map((g): [string, string[]] => [
        `cchc ${g} --help`,
        cchc(g, "--help"),
      ]),
      ["cchc staff list", cchc("staff", "list")],
      ["cchc unit list (Prisma)", cchc("unit", "list")],
      ["cchc plan show (Prisma)", cchc("plan", "show")],
      ["cchc report export q1 xlsx", cchc("report", "export", "--period", "q1", "--out", path.join(dir, "r.xlsx"))],
    ];
    const times = new Map<string, number[]>(timed.map(([name]) => [name, []]));
    const start: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of timed) times.get(name)!.push(timeSync(args, env));
      if (i < 3) start.push(await timeStart(env));
    }
    const bare = median(times.get("node -e 0 (baseline)")!);
    const prisma = median(times.get("Prisma floor (open, one query)")!);
    const xlsxFloor = median(times.get("Prisma + exceljs floor")!);
    const builtAt = fs.readFileSync(path.join(ROOT, "dist", "built-at"), "utf8");
    console.log(
      `\nstartup (median of ${runs}; × node = times bare node, × its floor = times the Prisma floor, with exceljs for a spreadsheet)`,
    );
    console.log(
      `  launchers run ${(await import("../bin/launch.js")).runsBuild() ? "dist/" : "src/ through tsx"} (built ${new Date(Number(builtAt)).toISOString()})`,
    );
    for (const [name, list] of times) {
      const ms = median(list);
      const base = /export/.test(name) ? xlsxFloor : / \(Prisma\)/.test(name) ? prisma : null;
      const vsFloor = base ? `  ${(ms / base).toFixed(2).padStart(5)}× its floor` : "";
      console.log(
        `  ${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / bare).toFixed(1).padStart(5)}× node${vsFloor}`,
      );
    }
    console.log(`  ${'npm start → "Bot đang chạy"'.padEnd(34)} ${median(start).toFixed(0).padStart(6)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
