/**
 * A notice to many recipients through the real telegraf and the fake Bot API
 * at 25 messages a second, next to the theoretical minimum (recipients ÷ 25),
 * with peak memory. Scaled down from the 3,000 (120 s) to 500 (20 s)
 * so `npm run bench` stays short; BENCH_RECIPIENTS=3000 runs the full size.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { TelegramChannel } from "../src/channels/telegram/channel.ts";
import { systemClock } from "../src/domain/calendar.ts";
import { createLogger } from "../src/logger.ts";
import { broadcastExpander } from "../src/scheduler/broadcast.ts";
import { OutboxSender, TELEGRAM_PACE } from "../src/scheduler/sender.ts";
import { createBroadcast } from "../src/store/broadcasts.ts";
import { openDb } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { insertRows, sqlTimestamp } from "../src/store/sql.ts";
import { FakeBotApi } from "../test/helpers/fake-telegram.ts";

export async function benchBroadcast(): Promise<void> {
  const n = Number(process.env.BENCH_RECIPIENTS ?? 500);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-broadcast-"));
  const api = await new FakeBotApi().start();
  try {
    const file = path.join(dir, "b.db");
    migrate(file);
    const db = await openDb(file);
    const now = sqlTimestamp(new Date());
    await db.unit.create({ data: { name: "Bench" } });
    await insertRows(db, "Staff", ["unitId", "name", "phone", "role", "active", "createdAt", "updatedAt"], Array.from({ length: n }, (_, i) => [1, `Cán bộ ${i}`, `+8491${String(1_000_000 + i)}`, "STAFF", 1, now, now]));
    await insertRows(db, "ChatIdentity", ["platform", "externalId", "chatId", "staffId", "linkedAt"], Array.from({ length: n }, (_, i) => ["telegram", String(i + 1), String(i + 1), i + 1, now]));
    const created = performance.now();
    const b = await createBroadcast(db, { unitName: "Bench", senderId: null, text: "Thông báo tuyên truyền: triển khai dịch vụ công trực tuyến toàn trình.", audience: { departments: [], role: null }, now: new Date() });
    const createMs = performance.now() - created;
    const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    const sender = new OutboxSender(db, (_c, chatId, reply) => channel.send(chatId, reply), systemClock, createLogger("silent"), ["telegram"], { pace: TELEGRAM_PACE, expand: broadcastExpander(db, "vi") });
    let peakRss = 0;
    let peakHeap = 0;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 100);
    const start = performance.now();
    await sender.drain();
    const ms = performance.now() - start;
    clearInterval(sample);
    const sent = api.calls.filter((c) => c.method === "sendMessage").length;
    const ideal = ((n - 1) / TELEGRAM_PACE.perSecond) * 1000;
    console.log(`\nnotice to ${n} recipients at ${TELEGRAM_PACE.perSecond} msg/s (fake Bot API on 127.0.0.1)${n < 3000 ? ", scaled down from 3,000" : ""}`);
    console.log(`  theoretical minimum ((n-1)/25 s)        ${(ideal / 1000).toFixed(2).padStart(8)} s`);
    console.log(`  measured delivery                       ${(ms / 1000).toFixed(2).padStart(8)} s  (${((ms / ideal - 1) * 100).toFixed(1)}% over)`);
    console.log(`  outbox written in one transaction       ${createMs.toFixed(1).padStart(8)} ms for ${b.reachable} rows`);
    console.log(`  messages sent ${sent}; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB, peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB`);
    await db.$disconnect();
  } finally {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
