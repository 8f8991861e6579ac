/**
 * Inbound speed: N status replies ("đang làm 3", "xong 3", …) from many
 * staff, through the real telegraf polling a fake Bot API on 127.0.0.1,
 * each handled and durably written to SQLite, next to a bare telegraf echo
 * bot on the same fake server in the same run. Prints both rates, their
 * ratio, handler latency percentiles and SQL statements per update; then
 * the same replies while another process imports a 20,000-task plan.
 * BENCH_SQL=1 lists the commonest statements, BENCH_NO_IMPORT=1 skips the
 * import, BENCH_KEEP=1 keeps the databases, BENCH_WAIT_MS bounds the wait.
 * With TEST_POSTGRES_URL the same replies run once more on Postgres, by
 * one instance and by three (BENCH_NO_CHAT_LOCK=1: without the chat lock).
 */
import { Dispatcher } from "../src/delivery/dispatcher.ts";
import { takeUpdate } from "../src/store/chat/updates.ts";
import { openChatLocks } from "../src/store/chat/chat-locks.ts";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Telegraf } from "telegraf";
import { commandMenus, createBot } from "../src/bot/bot.ts";
import { MemberCache } from "../src/bot/members.ts";
import { BotRunner } from "../src/bot/runner.ts";
import { TelegramChannel } from "../src/channels/telegram/channel.ts";
import { fixedClock } from "../src/domain/calendar.ts";
import { importPlanFile, importRosterFile } from "../src/import/imports.ts";
import { createLogger } from "../src/logger.ts";
import { ConversationStore } from "../src/store/chat/conversations.ts";
import { openDb } from "../src/store/db/db.ts";
import { providerOf } from "../src/store/db/dialect.ts";
import { migrateAny } from "../src/store/db/migrate.ts";
import { admin, databaseUrl, dropDatabases, uniqueName } from "../test/helpers/postgres.ts";
import { FakeBotApi } from "../test/helpers/fake-telegram.ts";
import { percentile } from "./util.ts";

const STAFF = 250;
const TASKS_PER_PERSON = 10;
const NOW = new Date("2026-11-25T01:00:00Z");

function userMessage(api: FakeBotApi, chatId: number, text: string) {
  api.pushUpdate({
    message: {
      message_id: 1,
      date: 0,
      chat: { id: chatId, type: "private" },
      from: { id: chatId, is_bot: false, first_name: "U", language_code: "vi" },
      text,
    },
  });
}

/** Every person: "đang làm k", then "xong k", for each of their tasks: each one a real change. */
function script(): { chatId: number; text: string }[] {
  const out: { chatId: number; text: string }[] = [];
  for (let k = 1; k <= TASKS_PER_PERSON; k++) {
    for (const verb of ["đang làm", "xong"]) {
      for (let s = 0; s < STAFF; s++) out.push({ chatId: 10_000 + s, text: `${verb} ${s + 1}.${k}` });
    }
  }
  return out;
}

async function drain(api: FakeBotApi, expected: number): Promise<number> {
  const start = performance.now();
  await api.waitFor(() => api.sent.length >= expected, Number(process.env.BENCH_WAIT_MS ?? 300_000));
  return performance.now() - start;
}

async function bareEcho(messages: { chatId: number; text: string }[]): Promise<number> {
  const api = await new FakeBotApi("1:ECHO", "echo_bot", 50).start();
  const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
  bot.on("text", (ctx) => ctx.reply(ctx.message.text));
  for (const m of messages) userMessage(api, m.chatId, m.text);
  const started = performance.now();
  void bot.launch();
  await api.waitFor(() => api.sent.length >= messages.length, 300_000);
  const ms = performance.now() - started;
  bot.stop();
  await api.stop();
  return ms;
}

/** Seeds an SQLite file in `dir`, or the Postgres database `url` when given; returns where it is. */
async function seed(dir: string, url?: string): Promise<string> {
  const file = url ?? path.join(dir, "bench.db");
  await migrateAny(file);
  const db = await openDb(file);
  const roster = ["Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ"];
  const plan = ["STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện"];
  for (let s = 0; s < STAFF; s++) {
    roster.push(`Cán bộ ${s + 1},09${String(20_000_000 + s)},Phòng ${s + 1},Trưởng phòng`);
    plan.push(`${s + 1},PHÒNG ${s + 1},,`);
    for (let k = 1; k <= TASKS_PER_PERSON; k++)
      plan.push(`${s + 1}.${k},Nhiệm vụ ${k} của phòng ${s + 1},Phòng ${s + 1},Quý IV`);
  }
  fs.writeFileSync(path.join(dir, "staff.csv"), roster.join("\n"));
  fs.writeFileSync(path.join(dir, "plan.csv"), plan.join("\n"));
  await importRosterFile(db, { file: path.join(dir, "staff.csv"), unitName: "Bench", now: NOW });
  await importPlanFile(db, { file: path.join(dir, "plan.csv"), unitName: "Bench", year: 2026, now: NOW });
  const staff = await db.staff.findMany({ orderBy: { id: "asc" } });
  await db.chatIdentity.createMany({
    data: staff.map((s, i) => ({
      platform: "telegram",
      externalId: String(10_000 + i),
      chatId: String(10_000 + i),
      staffId: s.id,
    })),
  });
  await db.$disconnect();
  return file;
}

/**
 * The bot on `file` as `instances` processes would run it on one database:
 * each with its own connection pool, channel and runner, and on Postgres the
 * per-chat lock they share; each chat writes to one instance (a sticky
 * forwarder), so a chat's replies stay in order.
 */
async function ours(file: string, messages: { chatId: number; text: string }[], instances = 1) {
  let statements = 0;
  // BENCH_SQL=1 prints the statements run most often: where a regression of "statements per update" comes from.
  const seen = new Map<string, number>();
  const latencies: number[] = [];
  const logger = createLogger(process.env.BENCH_LOG ?? "silent");
  const started = await Promise.all(
    Array.from({ length: instances }, async (_, i) => {
      const db = await openDb(file, {
        onQuery: (sql) => {
          statements++;
          if (process.env.BENCH_SQL) seen.set(sql.slice(0, 90), (seen.get(sql.slice(0, 90)) ?? 0) + 1);
        },
      });
      const api = await new FakeBotApi(`1:BOT${i}`, "cchc_bench_bot", 50).start();
      const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot, menus: commandMenus("vi") });
      const inner = createBot({
        db,
        clock: fixedClock(NOW),
        logger,
        settings: {
          unitName: "Bench",
          planYear: 2026,
          tz: "Asia/Ho_Chi_Minh",
          defaultLocale: "vi",
          inviteTtlDays: 7,
          conversationTtlMinutes: 30,
        },
        // As the bot runs: on Postgres conversations are read from the database (instances share it).
        conversations: new ConversationStore(db, providerOf(db) === "postgresql"),
        members: new MemberCache(db),
        capabilities: () => channel.capabilities,
      });
      const timed = {
        ...inner,
        async handle(m: Parameters<typeof inner.handle>[0]) {
          const t0 = performance.now();
          const out = await inner.handle(m);
          latencies.push(performance.now() - t0);
          return out;
        },
      };
      const locks = instances > 1 && !process.env.BENCH_NO_CHAT_LOCK ? openChatLocks(file) : null;
      const dispatcher = new Dispatcher((_c, chatId, reply) => channel.send(chatId, reply), {
        paces: {},
        defaultPace: { perSecond: 1_000_000, perChatMs: 0 },
        maxInFlight: 100,
      });
      const runner = new BotRunner(
        timed,
        [channel],
        logger,
        { rateLimit: { count: 1_000_000, windowMs: 1000 }, dedupeSize: 100_000 },
        {
          dispatcher,
          takeUpdate: (id) => takeUpdate(db, `${i}:${id}`, new Date(NOW)),
          ...(locks?.lock ? { chatLock: locks.lock } : {}),
        },
      );
      const mine = messages.filter((m) => m.chatId % instances === i);
      for (const m of mine) userMessage(api, m.chatId, m.text);
      return { db, api, runner, locks, expected: mine.length };
    }),
  );
  const startStatements = statements;
  const t0 = performance.now();
  await Promise.all(started.map((s) => s.runner.start()));
  await Promise.all(started.map((s) => drain(s.api, s.expected)));
  const ms = performance.now() - t0;
  for (const s of started) {
    await s.runner.stop();
    await s.api.stop();
    await s.locks?.close();
  }
  const db = started[0]!.db;
  const changed = await db.statusUpdate.count();
  const done = await db.assignment.count({ where: { status: "DONE" } });
  for (const s of started) await s.db.$disconnect();
  if (process.env.BENCH_SQL) console.log([...seen].sort((a, b) => b[1] - a[1]).slice(0, 10));
  return { ms, latencies, statements: statements - startStatements, changed, done };
}

/**
 * A 20,000-task plan for 2027 imported by `cchc plan import` in its own
 * process while the bot runs; its codes (1001.1 …) and lead department do
 * not touch the tasks the measured replies name.
 */
function importInAnotherProcess(
  dir: string,
  file: string,
): Promise<{ ms: number; code: number | null; stderr: string }> {
  const lines = ["STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện"];
  for (let a = 0; a < 200; a++) {
    lines.push(`${a + 1001},LĨNH VỰC ${a + 1},,`);
    for (let k = 1; k <= 100; k++)
      lines.push(`${a + 1001}.${k},Nhiệm vụ ${k} của lĩnh vực ${a + 1},Văn phòng Sở,"Quý I, Quý III"`);
  }
  const csv = path.join(dir, "big-2027.csv");
  fs.writeFileSync(csv, lines.join("\n"));
  const started = performance.now();
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, "../bin/cchc.js"), "plan", "import", csv], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATABASE_URL: `file:${file}`,
      PLAN_YEAR: "2027",
      UNIT_NAME: "Bench",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on("exit", (code) => resolve({ ms: performance.now() - started, code, stderr })),
  );
}

export async function benchInbound(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-inbound-"));
  try {
    const messages = script();
    const n = messages.length;
    const echoMs = await bareEcho(messages);
    const file = await seed(dir);
    const r = await ours(file, messages);
    const busyDir = path.join(dir, "busy");
    fs.mkdirSync(busyDir);
    const busyFile = await seed(busyDir);
    const importing = process.env.BENCH_NO_IMPORT
      ? Promise.resolve({ ms: 0, code: 0, stderr: "" })
      : importInAnotherProcess(busyDir, busyFile);
    const busy = await ours(busyFile, messages);
    const imported = await importing;
    const pgAdmin = process.env.TEST_POSTGRES_URL;
    let pg: Awaited<ReturnType<typeof ours>> | null = null;
    let pg3: Awaited<ReturnType<typeof ours>> | null = null;
    if (pgAdmin) {
      const names = [uniqueName("cchc_bench"), uniqueName("cchc_bench3")];
      for (const name of names) await admin(pgAdmin, (c) => c.query(`CREATE DATABASE "${name}"`));
      try {
        pg = await ours(await seed(dir, databaseUrl(pgAdmin, names[0]!)), messages);
        pg3 = await ours(await seed(dir, databaseUrl(pgAdmin, names[1]!)), messages, 3);
      } finally {
        await dropDatabases(pgAdmin, names);
      }
    }
    const echoRate = (n / echoMs) * 1000;
    const rate = (n / r.ms) * 1000;
    console.log(`\ninbound: ${n} status replies from ${STAFF} chats through telegraf + fake Bot API (127.0.0.1)`);
    console.log(
      `  bare telegraf echo (baseline)   ${echoRate.toFixed(0).padStart(6)} updates/s  (${echoMs.toFixed(0)} ms)`,
    );
    console.log(`  status replies, written         ${rate.toFixed(0).padStart(6)} updates/s  (${r.ms.toFixed(0)} ms)`);
    console.log(`  ratio ours/echo                 ${(rate / echoRate).toFixed(2)}`);
    console.log(
      `  handler latency p50 / p99 / max ${percentile(r.latencies, 50).toFixed(2)} / ${percentile(r.latencies, 99).toFixed(2)} / ${Math.max(...r.latencies).toFixed(2)} ms`,
    );
    const steady = r.latencies.slice(500);
    console.log(
      `  the same after the first 500    ${percentile(steady, 50).toFixed(2)} / ${percentile(steady, 99).toFixed(2)} / ${Math.max(...steady).toFixed(2)} ms`,
    );
    console.log(`  SQL statements per update       ${(r.statements / n).toFixed(2)}`);
    console.log(
      `  written: ${r.changed} status changes, ${r.done} assignments done (expected ${n} and ${STAFF * TASKS_PER_PERSON})`,
    );
    const busyRate = (n / busy.ms) * 1000;
    console.log(
      `\n  the same while another process imports a 20,000-task plan (cchc plan import, ${(imported.ms / 1000).toFixed(1)} s, exit ${imported.code})`,
    );
    console.log(
      `  status replies, written         ${busyRate.toFixed(0).padStart(6)} updates/s  (${(busyRate / rate).toFixed(2)}× the rate without)`,
    );
    console.log(
      `  handler latency p50 / p99 / max ${percentile(busy.latencies, 50).toFixed(2)} / ${percentile(busy.latencies, 99).toFixed(2)} / ${Math.max(...busy.latencies).toFixed(2)} ms`,
    );
    console.log(
      `  written: ${busy.changed} status changes, ${busy.done} assignments done; import stderr: ${imported.stderr.trim().split("\n").at(-1) || "—"}`,
    );
    if (pg) {
      const pgRate = (n / pg.ms) * 1000;
      console.log(`\n  the same on Postgres (127.0.0.1), one instance`);
      console.log(
        `  status replies, written         ${pgRate.toFixed(0).padStart(6)} updates/s  (${(pgRate / rate).toFixed(2)}× SQLite in this run)`,
      );
      console.log(
        `  handler latency p50 / p99 / max ${percentile(pg.latencies, 50).toFixed(2)} / ${percentile(pg.latencies, 99).toFixed(2)} / ${Math.max(...pg.latencies).toFixed(2)} ms`,
      );
      console.log(
        `  SQL statements per update       ${(pg.statements / n).toFixed(2)}; written: ${pg.changed} status changes, ${pg.done} assignments done`,
      );
      if (pg3) {
        const rate3 = (n / pg3.ms) * 1000;
        console.log(
          `\n  the same on Postgres, three instances (own pools and runners, ${process.env.BENCH_NO_CHAT_LOCK ? "no chat locks" : "per-chat advisory locks"}, each chat to one instance)`,
        );
        console.log(
          `  status replies, written         ${rate3.toFixed(0).padStart(6)} updates/s  (${(rate3 / pgRate).toFixed(2)}× one instance)`,
        );
        console.log(
          `  handler latency p50 / p99 / max ${percentile(pg3.latencies, 50).toFixed(2)} / ${percentile(pg3.latencies, 99).toFixed(2)} / ${Math.max(...pg3.latencies).toFixed(2)} ms`,
        );
        console.log(`  written: ${pg3.changed} status changes, ${pg3.done} assignments done`);
      }
    } else console.log("\n  Postgres skipped: set TEST_POSTGRES_URL to measure it too");
  } finally {
    if (process.env.BENCH_KEEP) console.log("kept", dir);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
