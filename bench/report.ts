/**
 * /baocao over 50,000 assignments in 200 departments, from the leader's
 * message to the reply text, next to the single SQL aggregate it relies on.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createBot } from "../src/bot/bot.ts";
import { MemberCache } from "../src/bot/members.ts";
import { fixedClock } from "../src/domain/calendar.ts";
import { reportWindow } from "../src/domain/report-period.ts";
import { createLogger } from "../src/logger.ts";
import { ConversationStore } from "../src/store/conversations.ts";
import { departmentLines } from "../src/store/report.ts";
import { bigUnit } from "./fixtures.ts";
import { median } from "./util.ts";

export async function benchReport(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-report-"));
  try {
    const { db } = await bigUnit(dir, { statuses: true });
    const bot = createBot({
      db,
      clock: fixedClock("2026-11-25T02:00:00Z"),
      logger: createLogger("silent"),
      settings: { unitName: "Bench", planYear: 2026, tz: "Asia/Ho_Chi_Minh", defaultLocale: "vi", inviteTtlDays: 7, conversationTtlMinutes: 30 },
      conversations: new ConversationStore(db),
      members: new MemberCache(db),
      capabilities: () => new Set(["buttons"]),
    });
    const leader = (await db.staff.findFirstOrThrow({ where: { role: "LEADER" } })).id;
    const q = { unitName: "Bench", window: reportWindow("q4", 2026), today: "2026-11-25", tz: "Asia/Ho_Chi_Minh" };
    const sql: number[] = [];
    const full: number[] = [];
    let text = "";
    for (let i = 0; i < 22; i++) {
      const a = performance.now();
      await departmentLines(db, q);
      const b = performance.now();
      const out = await bot.handle({ channel: "telegram", updateId: String(i), chatId: String(leader), senderId: String(leader), private: true, text: "/baocao q4 2026" });
      const c = performance.now();
      // The first two warm the caches and Prisma's compiled queries.
      if (i >= 2) {
        sql.push(b - a);
        full.push(c - b);
      }
      text = out[0]?.reply.kind === "text" ? out[0].reply.text : "";
    }
    console.log(`\n/baocao: 50,000 assignments, 200 departments (median of ${full.length})`);
    console.log(`  the counting query and counts (baseline) ${median(sql).toFixed(1).padStart(7)} ms`);
    console.log(`  /baocao, message in → reply out         ${median(full).toFixed(1).padStart(8)} ms`);
    console.log(`  reply: ${text.split("\n")[3]}`);
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
