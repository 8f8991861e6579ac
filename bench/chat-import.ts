/**
 * The bot keeps answering while an admin's 2,000-task plan is read for a chat
 * import: reply latency of "/nhiemvu" sent every 25 ms by other people, with
 * nothing else running (baseline), while the file is parsed on a worker
 * thread (what the bot does), and while it is parsed on the main thread (what
 * the worker avoids).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { createBot } from "../src/bot/bot.ts";
import { MemberCache } from "../src/bot/members.ts";
import { fixedClock } from "../src/domain/calendar.ts";
import { importPlanFile, importRosterFile } from "../src/import/imports.ts";
import { parseOffThread } from "../src/import/off-thread.ts";
import { parseTableFile } from "../src/import/parse-file.ts";
import { createLogger } from "../src/logger.ts";
import { ConversationStore } from "../src/store/chat/conversations.ts";
import { openDb } from "../src/store/db/db.ts";
import { migrate } from "../src/store/db/migrate.ts";
import { writeFiles } from "./import.ts";
import { percentile } from "./util.ts";

const NOW = new Date("2026-11-25T01:00:00Z");
const EVERY_MS = 25;

export async function benchChatImport(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-chat-import-"));
  try {
    const { planFile, rosterFile } = await writeFiles(dir);
    const dbFile = path.join(dir, "bench.db");
    migrate(dbFile);
    const db = await openDb(dbFile);
    await importRosterFile(db, { file: rosterFile, unitName: "Bench", now: NOW });
    await importPlanFile(db, { file: planFile, unitName: "Bench", year: 2026, now: NOW });
    const staff = await db.staff.findMany({ take: 40, orderBy: { id: "asc" } });
    await db.chatIdentity.createMany({
      data: staff.map((s) => ({ platform: "console", externalId: `u${s.id}`, chatId: `u${s.id}`, staffId: s.id })),
    });
    const bot = createBot({
      db,
      clock: fixedClock(NOW),
      logger: createLogger("silent"),
      settings: {
        unitName: "Bench",
        planYear: 2026,
        tz: "Asia/Ho_Chi_Minh",
        defaultLocale: "vi",
        inviteTtlDays: 7,
        conversationTtlMinutes: 30,
      },
      conversations: new ConversationStore(db),
      members: new MemberCache(db),
      capabilities: () => new Set(),
    });
    await bot.warmUp();
    const data = new Uint8Array(fs.readFileSync(planFile));

    /** Latencies of replies asked for every EVERY_MS while `work` runs (or for `ms` when there is none). */
    const during = async (work: (() => Promise<unknown>) | null, ms = 3000) => {
      const latencies: number[] = [];
      let n = 0;
      const pending: Promise<void>[] = [];
      // A blocked event loop also delays the timer that asks: its longest stall is what a person waits extra.
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const timer = setInterval(() => {
        const s = staff[n++ % staff.length]!;
        const asked = performance.now();
        pending.push(
          bot
            .handle({
              channel: "console",
              updateId: String(n),
              chatId: `u${s.id}`,
              senderId: `u${s.id}`,
              private: true,
              text: "/nhiemvu",
            })
            .then(() => void latencies.push(performance.now() - asked)),
        );
      }, EVERY_MS);
      const started = performance.now();
      if (work) await work();
      else await new Promise((r) => setTimeout(r, ms));
      const took = performance.now() - started;
      clearInterval(timer);
      loop.disable();
      await Promise.all(pending);
      return { latencies, took, stall: loop.max / 1e6, expected: Math.floor(took / EVERY_MS) };
    };

    const idle = await during(null);
    const worker = await during(() => parseOffThread({ name: "plan.xlsx", data, year: 2026 }));
    const main = await during(() => parseTableFile({ name: "plan.xlsx", data, year: 2026 }));
    await db.$disconnect();
    console.log(
      `\nchat import: /nhiemvu every ${EVERY_MS} ms from 40 people while an admin's 2,000-task .xlsx is read`,
    );
    const row = (
      name: string,
      r: { latencies: number[]; took: number; stall: number; expected: number },
      parse: boolean,
    ) =>
      console.log(
        `  ${name.padEnd(34)} answered ${String(r.latencies.length).padStart(4)}/${String(r.expected).padEnd(4)} reply p50 ${percentile(r.latencies, 50).toFixed(1).padStart(5)}  p99 ${percentile(r.latencies, 99).toFixed(1).padStart(6)} ms  longest stall ${r.stall.toFixed(0).padStart(4)} ms${parse ? `  (read in ${r.took.toFixed(0)} ms)` : ""}`,
      );
    row("nothing else running (baseline)", idle, false);
    row("parsed on a worker thread (ours)", worker, true);
    row("parsed on the main thread", main, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
