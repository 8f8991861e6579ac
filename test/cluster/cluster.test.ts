/**
 * `npm run test:cluster`: three bot processes on one Postgres behind a small
 * round-robin webhook forwarder that also delivers some updates twice, the
 * real telegraf in each against the fake Bot API (50 ms a call, 30 sends a
 * second at most, 429 beyond). Needs TEST_POSTGRES_URL; `.ci/run` runs it
 * after `npm test`. The instances' clocks read Monday 4 January 2027, 08:00,
 * at their start, when every task of the plan (due 31/12/2026) is overdue:
 * the scheduler's morning runs while the replies come in.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { importPlanFile, importRosterFile } from "../../src/import/imports.ts";
import { createBroadcast } from "../../src/store/notices/broadcasts.ts";
import { openDb, type Db } from "../../src/store/db/db.ts";
import { migrateAny } from "../../src/store/db/migrate.ts";
import { FakeBotApi } from "../helpers/fake-telegram.ts";
import { admin, databaseUrl, dropDatabases, uniqueName, ADMIN_URL_VARIABLE } from "../helpers/postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const HEADS = 500;
const PLAIN = 500;
const TASKS_EACH = 5;
const UNIT = "Cụm thử";
const SECRET = "cluster-secret";
const NOW = new Date();
/** The working day the instances live in. */
const DAY = "2027-01-04T08:00:00+07:00";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Instance {
  child: ChildProcess;
  port: number;
  health: number;
  log: string[];
  roles: string[];
  /** How many instances it last counted on the database. */
  count: number;
}

const adminUrl = process.env[ADMIN_URL_VARIABLE];
let url: string;
let name: string;
let db: Db;
let api: FakeBotApi;
let dir: string;
const instances: Instance[] = [];
/** People who write in the instances' first seconds. */
const EARLY = 120;
let earlyRefused = 0;
let earlyAnswered = 0;
let earlyUpdates = 0;

async function seed(): Promise<void> {
  const roster = ["Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ"];
  const plan = ["STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện"];
  for (let s = 0; s < HEADS; s++) {
    roster.push(`Trưởng ${s + 1},09${String(20_000_000 + s)},Phòng ${s + 1},Trưởng phòng`);
    plan.push(`${s + 1},PHÒNG ${s + 1},,`);
    for (let k = 1; k <= TASKS_EACH; k++)
      plan.push(`${s + 1}.${k},Nhiệm vụ ${k} của phòng ${s + 1},Phòng ${s + 1},Quý IV`);
  }
  for (let s = 0; s < PLAIN; s++)
    roster.push(`Cán bộ ${s + 1},09${String(30_000_000 + s)},Phòng ${(s % HEADS) + 1},Chuyên viên`);
  fs.writeFileSync(path.join(dir, "staff.csv"), roster.join("\n"));
  fs.writeFileSync(path.join(dir, "plan.csv"), plan.join("\n"));
  await importRosterFile(db, { file: path.join(dir, "staff.csv"), unitName: UNIT, now: NOW });
  await importPlanFile(db, { file: path.join(dir, "plan.csv"), unitName: UNIT, year: 2026, now: NOW });
  const staff = await db.staff.findMany({ orderBy: { id: "asc" } });
  await db.chatIdentity.createMany({
    data: staff.map((s) => ({
      platform: "telegram",
      externalId: String(100_000 + s.id),
      chatId: String(100_000 + s.id),
      staffId: s.id,
    })),
  });
}

async function startInstance(i: number): Promise<Instance> {
  const port = 18_400 + i + (process.pid % 50) * 10;
  const health = port + 1000;
  const child = spawn(process.execPath, [path.join(ROOT, "bin/start.js")], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATABASE_URL: url,
      DATA_DIR: path.join(dir, `data-${i}`),
      UNIT_NAME: UNIT,
      PLAN_YEAR: "2026",
      SEED_DEMO: "false",
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      TELEGRAM_WEBHOOK_PORT: String(port),
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      HEALTH_PORT: String(health),
      LOG_LEVEL: "info",
      CLOCK_START: DAY,
      SCHEDULER_TICK_SECONDS: "5",
    },
  });
  const inst: Instance = { child, port, health, log: [], roles: [], count: 1 };
  let buffered = "";
  child.stderr!.on("data", (d: Buffer) => {
    buffered += String(d);
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      inst.log.push(line);
      if (line.includes('"instance roles"')) inst.roles = (JSON.parse(line) as { roles: string[] }).roles;
      if (line.includes('"instances sharing the database"')) inst.count = (JSON.parse(line) as { count: number }).count;
    }
  });
  child.stdout!.resume();
  // Ready when /healthz answers.
  for (let k = 0; k < 600; k++) {
    if (child.exitCode !== null) throw new Error(`instance ${i} exited:\n${inst.log.join("\n")}`);
    const ok = await fetch(`http://127.0.0.1:${health}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return inst;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`instance ${i} did not start:\n${inst.log.join("\n")}`);
}

let nextUpdate = 1;
let turn = 0;
/** The forwarder: each update to the next live instance in turn, every seventh one to two at once (a redelivery). */
async function forward(message: Record<string, unknown>): Promise<void> {
  const update = JSON.stringify({ update_id: nextUpdate++, message });
  const live = instances.filter((i) => i.child.exitCode === null && !i.child.killed);
  const targets = [live[turn++ % live.length]!];
  if (nextUpdate % 7 === 0) targets.push(live[turn % live.length]!);
  await Promise.all(
    targets.map(async (inst) => {
      const res = await fetch(`http://127.0.0.1:${inst.port}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: update,
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    }),
  );
}

const say = (chatId: number, text: string) =>
  forward({
    message_id: nextUpdate,
    date: Math.floor(Date.now() / 1000),
    chat: { id: chatId, type: "private" },
    from: { id: chatId, is_bot: false, first_name: "U", language_code: "vi" },
    text,
  });

describe.skipIf(!adminUrl)("three instances on one Postgres", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-cluster-"));
    name = uniqueName("cchc_cluster");
    await admin(adminUrl!, (c) => c.query(`CREATE DATABASE "${name}"`));
    url = databaseUrl(adminUrl!, name);
    await migrateAny(url);
    db = await openDb(url);
    await seed();
    api = await new FakeBotApi("1:CLUSTER", "cchc_cluster_bot", 300).start();
    api.network = { latencyMs: 50, perSecond: 30 };
    // The first holds every role; the others answer messages only.
    instances.push(await startInstance(0));
    instances.push(await startInstance(1), await startInstance(2));
    const started = Date.now();
    const refusedBefore = api.refused;
    // Right after the start, 120 people write at once: each instance must already keep its third of the pace
    // (a joining instance tells the others, who count again at once).
    const early = await db.staff.findMany({ where: { role: "STAFF" }, take: EARLY, select: { id: true } });
    const chats = new Set(early.map((s) => String(100_000 + s.id)));
    const answered = () => new Set(api.sent.filter((m) => chats.has(m.chatId)).map((m) => m.chatId)).size;
    await Promise.all(early.map((s) => say(100_000 + s.id, "/huongdan")));
    while (Date.now() - started < 10_000 && answered() < EARLY) await sleep(50);
    // The scheduler's morning sends too in these seconds: the count is of every send refused.
    while (Date.now() - started < 10_000) await sleep(50);
    earlyRefused = api.refused - refusedBefore;
    earlyAnswered = answered();
    for (let k = 0; k < 300 && instances.some((i) => i.count !== 3); k++) await sleep(100);
    earlyUpdates = await db.processedUpdate.count();
  }, 300_000);

  afterAll(async () => {
    for (const i of instances) i.child.kill("SIGKILL");
    await db?.$disconnect();
    await api?.stop();
    if (adminUrl && name) await dropDatabases(adminUrl, [name]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("one instance holds the scheduler, the sender and Zalo; the others none; each counts three", () => {
    expect(instances.map((i) => i.roles)).toEqual([["scheduler", "sender", "zalo"], [], []]);
    expect(instances.map((i) => i.count)).toEqual([3, 3, 3]);
  });

  it("from their first second the three keep one pace: the 120 answered in the first 10 s, none refused with 429", () => {
    console.log(`cluster: first 10 s: ${earlyAnswered} of ${EARLY} answered, ${earlyRefused} refused with 429`);
    expect(earlyAnswered).toBe(EARLY);
    expect(earlyRefused).toBe(0);
  });

  it("5,000 replies from 500 chats through the forwarder, some twice: each applied once, in each chat's order", async () => {
    const heads = await db.staff.findMany({
      where: { role: "DEPT_HEAD" },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    expect(heads).toHaveLength(HEADS);
    const scriptOf = (s: number) =>
      Array.from({ length: TASKS_EACH }, (_, k) => [`đang làm ${s + 1}.${k + 1}`, `xong ${s + 1}.${k + 1}`]).flat();
    const started = Date.now();
    // Every chat sends its messages one after another, as a person does; the 500 chats all at once.
    await Promise.all(
      heads.map(async (h, s) => {
        for (const text of scriptOf(s)) await say(100_000 + h.id, text);
      }),
    );
    const rows = await db.statusUpdate.findMany({ orderBy: { id: "asc" }, select: { staffId: true, text: true } });
    expect(rows).toHaveLength(HEADS * TASKS_EACH * 2);
    const byStaff = new Map<number, string[]>();
    for (const r of rows) byStaff.set(r.staffId, [...(byStaff.get(r.staffId) ?? []), r.text ?? ""]);
    expect(heads.map((h) => byStaff.get(h.id))).toEqual(heads.map((_, s) => scriptOf(s)));
    expect(await db.processedUpdate.count()).toBe(earlyUpdates + HEADS * TASKS_EACH * 2);
    // Three instances answering, one pace: each took a third of it. Their sends are not coordinated one
    // by one, so a busy machine may now and then bunch 31 into one second (0 and 4 refused in two runs);
    // three full paces (75 a second against a limit of 30) would be refused by the thousand.
    // A refused reply waits out its retry_after and goes: every reply arrived.
    expect(api.refused).toBeLessThan(HEADS * TASKS_EACH * 2 * 0.01);
    expect(api.sent.length).toBeGreaterThanOrEqual(HEADS * TASKS_EACH * 2);
    console.log(
      `cluster: ${HEADS * TASKS_EACH * 2} replies in ${((Date.now() - started) / 1000).toFixed(1)} s, ${api.sent.length} messages sent, ${api.refused} refused`,
    );
  }, 600_000);

  it("a notice to 1,000: the sender's holder is killed halfway; another takes over within 30 s and nobody gets it twice", async () => {
    const refusedBefore = api.refused;
    const sentBefore = api.sent.length;
    const notice = "Thông báo thử: lịch tiếp công dân tháng 12";
    await createBroadcast(db, {
      unitName: UNIT,
      senderId: null,
      text: notice,
      audience: { departments: [], role: null },
      now: new Date(),
    });
    const notices = () => api.sent.slice(sentBefore).filter((m) => m.text.includes(notice));
    await api.waitFor(() => notices().length >= 300, 120_000);
    const holder = instances.find((i) => i.roles.includes("sender"))!;
    holder.child.kill("SIGKILL");
    const killedAt = Date.now();
    const countAtKill = notices().length;
    await api.waitFor(() => notices().length > countAtKill + 16, 60_000);
    const resumed = notices()[countAtKill + 16]!;
    const takeoverMs = resumed.at - killedAt;
    expect(takeoverMs).toBeLessThan(30_000);
    expect(instances.filter((i) => i !== holder && i.roles.includes("sender"))).toHaveLength(1);
    // Done when every row is final: the dead holder's claims come back after their lease (60 s).
    const open = () =>
      db.outbox.count({ where: { kind: "broadcast", status: { in: ["PENDING", "CLAIMED", "SENDING"] } } });
    for (let k = 0; k < 600 && (await open()) > 0; k++) await new Promise((r) => setTimeout(r, 500));
    expect(await open()).toBe(0);
    const rows = await db.outbox.findMany({ where: { kind: "broadcast" }, select: { status: true, staffId: true } });
    expect(rows).toHaveLength(HEADS + PLAIN);
    const unknown = rows.filter((r) => r.status === "UNKNOWN").length;
    expect(rows.filter((r) => r.status === "SENT").length + unknown).toBe(HEADS + PLAIN);
    // Only what was on its way when the holder died may be unknown: never sent twice, at most once each.
    expect(unknown).toBeLessThanOrEqual(16);
    const perChat = new Map<string, number>();
    for (const m of notices()) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    expect(Math.max(...perChat.values())).toBe(1);
    expect(perChat.size).toBeGreaterThanOrEqual(HEADS + PLAIN - unknown);
    // One pace for the platform: the stand-in's limit was never hit while the notice went out.
    expect(api.refused - refusedBefore).toBe(0);
    console.log(`cluster: takeover ${takeoverMs} ms after SIGKILL; ${unknown} unknown; ${perChat.size} delivered once`);
  }, 600_000);

  it("the scheduler's morning: every reminder decided once and sent once, also after its holder was killed", async () => {
    // The first instance held the scheduler and died with the notice; another holds it now.
    const live = instances.filter((i) => i.child.exitCode === null && !i.child.killed);
    for (let k = 0; k < 300 && !live.some((i) => i.roles.includes("scheduler")); k++) await sleep(100);
    expect(live.filter((i) => i.roles.includes("scheduler"))).toHaveLength(1);
    // Two more of its ticks on the same day (its /metrics counts them): nothing is decided or sent again.
    const decided = await db.reminderLog.count();
    const holder = live.find((i) => i.roles.includes("scheduler"))!;
    const ticks = async () => {
      const text = await (await fetch(`http://127.0.0.1:${holder.health}/metrics`)).text();
      return Number(/^cchc_scheduler_tick_seconds_count (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const before = await ticks();
    await vi.waitFor(async () => expect(await ticks()).toBeGreaterThanOrEqual(before + 2), {
      timeout: 60_000,
      interval: 200,
    });
    expect(await db.reminderLog.count()).toBe(decided);
    const logs = await db.reminderLog.findMany({ select: { recipientId: true, outboxId: true } });
    // Every head had five overdue tasks at 08:00: each was decided, in one message per head.
    expect(new Set(logs.map((l) => l.recipientId)).size).toBe(HEADS);
    const ids = [...new Set(logs.flatMap((l) => (l.outboxId ? [l.outboxId] : [])))];
    const open = () =>
      db.outbox.count({ where: { id: { in: ids }, status: { in: ["PENDING", "CLAIMED", "SENDING"] } } });
    for (let k = 0; k < 600 && (await open()) > 0; k++) await sleep(500);
    const rows = await db.outbox.findMany({
      where: { id: { in: ids } },
      select: { staffId: true, status: true, payload: true },
    });
    expect(rows).toHaveLength(HEADS);
    const unknown = rows.filter((r) => r.status === "UNKNOWN").length;
    expect(rows.filter((r) => r.status === "SENT").length + unknown).toBe(HEADS);
    const received = new Map<string, number>();
    for (const m of api.sent) received.set(`${m.chatId}\n${m.text}`, (received.get(`${m.chatId}\n${m.text}`) ?? 0) + 1);
    const times = rows.map(
      (r) => received.get(`${100_000 + r.staffId}\n${(JSON.parse(r.payload) as { text: string }).text}`) ?? 0,
    );
    expect(Math.max(...times)).toBe(1);
    expect(times.filter((n) => n === 1).length).toBeGreaterThanOrEqual(HEADS - unknown);
    console.log(
      `cluster: the scheduler's morning: ${logs.length} reminders decided for ${HEADS} people, each message sent once (${unknown} unknown)`,
    );
  }, 600_000);
});
