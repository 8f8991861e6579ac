/**
 * Reads a sent file on a worker thread: exceljs and mammoth parse
 * synchronously for seconds on a big plan, and the bot must keep answering
 * everyone else meanwhile.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ParsedFile } from "./parse-file.ts";

export function parseOffThread(input: { name: string; data: Uint8Array; year: number }): Promise<ParsedFile> {
  const url = new URL(import.meta.url.endsWith(".ts") ? "./parse-worker.ts" : "./parse-worker.js", import.meta.url);
  let worker: Worker;
  if (url.pathname.endsWith(".ts")) {
    // Running from source (tsx, vitest): the worker loads TypeScript through tsx as the main thread does.
    const tsxDir = path.dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
    const tsx = pathToFileURL(path.join(tsxDir, "dist/esm/api/index.mjs")).href;
    worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`,
      { eval: true, workerData: input },
    );
  } else {
    worker = new Worker(url, { workerData: input });
  }
  return new Promise((resolve, reject) => {
    worker.once("message", (m: ParsedFile) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`parse worker exited with ${code}`)));
  });
}
