/**
 * A notice to many recipients through the real telegraf and the fake Bot API
 * at 25 messages a second, at a 0 ms and a 200 ms round trip (Telegram from
 * Viet Nam) with Telegram's 30/s limit answered by 429, each next to the
 * floor (recipients ÷ 25), with peak memory; then 300 people sharing their
 * contact at the same moment. BENCH_RECIPIENTS sets the notice's size (300).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { wireBot } from "../src/start/wire.ts";
import { TelegramChannel } from "../src/channels/telegram/channel.ts";
import { systemClock } from "../src/domain/calendar.ts";
import { createLogger } from "../src/logger.ts";
import { outboxExpander } from "../src/scheduler/broadcast.ts";
import { TELEGRAM_PACE } from "../src/delivery/paces.ts";
import { OutboxSender } from "../src/delivery/sender.ts";
import { createBroadcast } from "../src/store/notices/broadcasts.ts";
import { openDb } from "../src/store/db/db.ts";
import { migrate } from "../src/store/db/migrate.ts";
import { insertRows, sqlTimestamp } from "../src/store/db/sql.ts";
import { FakeBotApi, FakeUser } from "../test/helpers/fake-telegram.ts";
import { burstThenNotice } from "../test/helpers/burst-notice.ts";

/** A database under `dir` with `n` staff of unit "Bench", linked on Telegram to chats 1… when `linked`. */
async function benchStaff(dir: string, n: number, linked: boolean) {
  const file = path.join(dir, "bench.db");
  migrate(file);
  const db = await openDb(file);
  const now = sqlTimestamp(new Date());
  await db.unit.create({ data: { name: "Bench" } });
  await insertRows(
    db,
    "Staff",
    ["unitId", "name", "phone", "role", "active", "createdAt", "updatedAt"],
    Array.from({ length: n }, (_, i) => [1, `Cán bộ ${i}`, `+8491${String(1_000_000 + i)}`, "STAFF", 1, now, now]),
  );
  if (linked)
    await insertRows(
      db,
      "ChatIdentity",
      ["platform", "externalId", "chatId", "staffId", "linkedAt"],
      Array.from({ length: n }, (_, i) => ["telegram", String(i + 1), String(i + 1), i + 1, now]),
    );
  return db;
}

async function notice(n: number, latencyMs: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-broadcast-"));
  const api = await new FakeBotApi().start();
  api.network = { latencyMs, perSecond: 30 };
  try {
    const db = await benchStaff(dir, n, true);
    const created = performance.now();
    const b = await createBroadcast(db, {
      unitName: "Bench",
      senderId: null,
      text: "Thông báo tuyên truyền: triển khai dịch vụ công trực tuyến toàn trình.",
      audience: { departments: [], role: null },
      now: new Date(),
    });
    const createMs = performance.now() - created;
    const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    const sender = new OutboxSender(
      db,
      (_c, chatId, reply) => channel.send(chatId, reply),
      systemClock,
      createLogger("silent"),
      ["telegram"],
      { pace: TELEGRAM_PACE, expand: outboxExpander(db, "vi") },
    );
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
    const sent = api.sent.length;
    const floor = (n / TELEGRAM_PACE.perSecond) * 1000;
    console.log(`\nnotice to ${n} recipients, round trip ${latencyMs} ms, limit 30/s with 429 (fake Bot API)`);
    console.log(`  floor (n / 25 s)                        ${(floor / 1000).toFixed(2).padStart(8)} s`);
    console.log(
      `  measured delivery                       ${(ms / 1000).toFixed(2).padStart(8)} s  (${(ms / floor).toFixed(2)}× the floor)`,
    );
    console.log(`  most requests on the way at once        ${String(api.maxConcurrent).padStart(8)}`);
    console.log(
      `  outbox written in one transaction       ${createMs.toFixed(1).padStart(8)} ms for ${b.reachable} rows`,
    );
    console.log(
      `  messages sent ${sent}, refused with 429 ${api.refused}; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB, peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB`,
    );
    await db.$disconnect();
  } finally {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 300 people share their contact at once; Telegram answers in 200 ms and refuses beyond 30/s. */
async function linkingBurst(n: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-link-"));
  const api = await new FakeBotApi().start();
  api.network = { latencyMs: 200, perSecond: 30 };
  try {
    const db = await benchStaff(dir, n, false);
    const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    const settings = {
      unitName: "Bench",
      planYear: 2026,
      tz: "Asia/Ho_Chi_Minh",
      defaultLocale: "vi" as const,
      inviteTtlDays: 7,
      conversationTtlMinutes: 30,
    };
    const wired = wireBot({ db, clock: systemClock, logger: createLogger("silent"), settings, channels: [channel] });
    await wired.runner.start();
    const start = performance.now();
    for (let i = 0; i < n; i++) new FakeUser(api, 50_000 + i, `CB ${i}`).shareContact(`091${String(1_000_000 + i)}`);
    const answered = () => new Set(api.sent.filter((m) => m.text.includes("Chào")).map((m) => m.chatId)).size;
    while (answered() < n && performance.now() - start < 120_000) await new Promise((r) => setTimeout(r, 50));
    const ms = performance.now() - start;
    const replies = api.sent.length;
    await wired.stop(2000);
    console.log(`\n${n} people sharing their contact at once, round trip 200 ms, limit 30/s with 429`);
    console.log(`  answered                                ${String(answered()).padStart(8)} of ${n}`);
    console.log(
      `  replies sent ${replies} in ${(ms / 1000).toFixed(1)} s; refused with 429 and retried: ${api.refused}`,
    );
    console.log(`  floor (${replies} replies / 25 per s)          ${(replies / 25).toFixed(1).padStart(8)} s`);
    await db.$disconnect();
  } finally {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchBroadcast(): Promise<void> {
  const n = Number(process.env.BENCH_RECIPIENTS ?? 300);
  if (process.env.BENCH_ONLY !== "burstNotice") {
    await notice(n, 0);
    await notice(n, 200);
    await linkingBurst(300);
  }
  const floor = (300 / TELEGRAM_PACE.perSecond) * 1000;
  const r = await burstThenNotice(300);
  console.log(`\n300 link at once, then a notice to them from another process (the CLI), 200 ms round trip, 30/s`);
  console.log(`  reached                                 ${String(r.reached).padStart(8)} of 300`);
  console.log(
    `  in                                      ${(r.ms / 1000).toFixed(1).padStart(8)} s  (${(r.ms / floor).toFixed(2)}× the floor; goal ≤ 1.25×), CLI start included; 429 received: ${r.refused}`,
  );
  console.log(
    `  the CLI's run (start, write, exit)      ${(r.written / 1000).toFixed(1).padStart(8)} s; first notice sent at ${(r.first / 1000).toFixed(1)} s`,
  );
  console.log(`  floor (300 / 25 per s)                  ${(floor / 1000).toFixed(1).padStart(8)} s`);
}
