import { spawnSync } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cchc …` as a user would, in a clean environment with the given settings. */
export function cchc(args: string[], env: Record<string, string>, cwd = ROOT): RunResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/cchc.js"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
