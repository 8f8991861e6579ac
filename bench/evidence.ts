/**
 * The evidence zip for the assessment council: 2,000 tasks done, one 100 KB
 * file each (200 MB of evidence), streamed into a .zip with its index. Next
 * to it, in the same run: copying the same bytes straight from the database
 * to one file (the floor any export stands on). Peak memory shows it streams.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { reportWindow } from "../src/domain/report-period.ts";
import { translator } from "../src/i18n.ts";
import { writeEvidenceZip } from "../src/reports/evidence-zip.ts";
import { openDb } from "../src/store/db/db.ts";
import { migrate } from "../src/store/db/migrate.ts";
import { insertRows, sqlTimestamp } from "../src/store/db/sql.ts";

const TASKS = Number(process.env.BENCH_EVIDENCE_TASKS ?? 2000);
const FILE_BYTES = 100 * 1024;

export async function benchEvidence(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-evidence-"));
  const free = fs.statfsSync(dir);
  const needed = TASKS * FILE_BYTES * 3;
  if (free.bavail * free.bsize < needed) {
    console.log(`\nevidence zip: skipped, ${Math.round(needed / 2 ** 20)} MiB of free disk needed in ${dir}`);
    return;
  }
  try {
    const file = path.join(dir, "e.db");
    migrate(file);
    const db = await openDb(file);
    const at = sqlTimestamp(new Date("2026-11-20T03:00:00Z"));
    await db.unit.create({ data: { name: "Bench" } });
    await insertRows(
      db,
      "Staff",
      ["unitId", "name", "phone", "role", "active", "createdAt", "updatedAt"],
      [[1, "Cán bộ", "+84910000000", "STAFF", 1, at, at]],
    );
    await db.plan.create({ data: { unitId: 1, year: 2026, title: "Bench", sourceFile: "bench" } });
    await db.area.create({
      data: { planId: 1, path: "I", code: "I", title: "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", position: 0 },
    });
    await insertRows(
      db,
      "Task",
      ["planId", "areaId", "ref", "code", "content", "product", "recurrence", "onDemand", "position"],
      Array.from({ length: TASKS }, (_, k) => [
        1,
        1,
        `I.${k + 1}`,
        String(k + 1),
        `Nhiệm vụ ${k + 1}`,
        "Báo cáo",
        "NONE",
        0,
        k,
      ]),
    );
    await insertRows(
      db,
      "Occurrence",
      ["taskId", "dueDate", "periodLabel"],
      Array.from({ length: TASKS }, (_, k) => [k + 1, "2026-12-31", "2026-Y"]),
    );
    await insertRows(
      db,
      "Assignment",
      ["occurrenceId", "staffId", "status", "doneAt", "createdAt", "updatedAt"],
      Array.from({ length: TASKS }, (_, k) => [k + 1, 1, "DONE", at, at, at]),
    );
    // Distinct bytes per file, in batches, so the database holds 200 MB without the bench holding it.
    for (let k = 0; k < TASKS; k += 100) {
      const batch = Array.from({ length: Math.min(100, TASKS - k) }, (_, j) => {
        const data = Buffer.alloc(FILE_BYTES, (k + j) % 251);
        data.writeUInt32BE(k + j, 0);
        return [`sha-${k + j}`, FILE_BYTES, "application/pdf", data as unknown as string, at] as (
          string | number | null
        )[];
      });
      await insertRows(db, "EvidenceFile", ["sha256", "size", "mime", "data", "createdAt"], batch);
    }
    await insertRows(
      db,
      "Evidence",
      ["assignmentId", "staffId", "fileId", "fileName", "skipped", "channel", "createdAt"],
      Array.from({ length: TASKS }, (_, k) => [k + 1, 1, k + 1, `bao-cao-${k + 1}.pdf`, 0, "telegram", at]),
    );

    const baseStart = performance.now();
    const raw = fs.openSync(path.join(dir, "raw.bin"), "w");
    for (let id = 1; id <= TASKS; id++)
      fs.writeSync(
        raw,
        Buffer.from((await db.evidenceFile.findUniqueOrThrow({ where: { id }, select: { data: true } })).data),
      );
    fs.closeSync(raw);
    const baseMs = performance.now() - baseStart;

    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const start = performance.now();
    const out = path.join(dir, "minh-chung.zip");
    const r = await writeEvidenceZip(
      db,
      translator("vi"),
      { unitName: "Bench", window: reportWindow("year", 2026), today: "2026-12-31", tz: "Asia/Ho_Chi_Minh" },
      fs.createWriteStream(out),
    );
    const ms = performance.now() - start;
    clearInterval(sample);
    const mib = (b: number) => (b / 2 ** 20).toFixed(0);
    console.log(
      `\nevidence zip: ${TASKS} tasks done, one ${FILE_BYTES / 1024} KB file each (${mib(TASKS * FILE_BYTES)} MiB)`,
    );
    console.log(
      `  the files copied from the database to one file (baseline) ${(baseMs / 1000).toFixed(2).padStart(6)} s`,
    );
    console.log(
      `  the zip with its index                                   ${(ms / 1000).toFixed(2).padStart(6)} s  (${(ms / baseMs).toFixed(2)}× the baseline); ${r.files} files, ${mib(fs.statSync(out).size)} MiB`,
    );
    console.log(
      `  memory while zipping: RSS ${mib(before.rss)} → peak ${mib(peakRss)} MiB, heap ${mib(before.heapUsed)} → peak ${mib(peakHeap)} MiB (the files are ${mib(TASKS * FILE_BYTES)} MiB)`,
    );
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
