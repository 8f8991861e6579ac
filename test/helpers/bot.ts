/** A running bot over a fresh database: the real telegraf against the fake Bot API, or the console channel. */
import { PassThrough } from "node:stream";
import { commandMenus } from "../../src/bot/bot.ts";
import type { BotSettings } from "../../src/bot/context.ts";
import type { RunnerOptions } from "../../src/bot/runner.ts";
import { wireBot, type DeliveryOptions, type Wired } from "../../src/start/wire.ts";
import { ConsoleChannel } from "../../src/channels/console/channel.ts";
import { TelegramChannel } from "../../src/channels/telegram/channel.ts";
import { fixedClock, type Clock } from "../../src/domain/calendar.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import { importIndicatorFile, importPlanFile, importRosterFile } from "../../src/import/imports.ts";
import type { Db } from "../../src/store/db/db.ts";
import { afterEach, beforeEach, expect } from "vitest";
import { freshDb, type TestDb } from "./db.ts";
import { writeText } from "./files.ts";
import { FakeBotApi, FakeUser } from "./fake-telegram.ts";

export const UNIT = "TTYT Thử nghiệm";
/** 08:00 on Wednesday 25 November 2026 in Hà Nội. */
export const NOW = "2026-11-25T01:00:00Z";

export const SETTINGS: BotSettings = {
  unitName: UNIT,
  planYear: 2026,
  tz: "Asia/Ho_Chi_Minh",
  defaultLocale: "vi",
  inviteTtlDays: 7,
  conversationTtlMinutes: 30,
};

export const PEOPLE = {
  an: { phone: "0912000001", name: "Nguyễn Văn An" },
  binh: { phone: "0912000002", name: "Trần Thị Bình" },
  chi: { phone: "0912000003", name: "Lê Thị Chi" },
  dung: { phone: "0912000004", name: "Phạm Văn Dũng" },
  em: { phone: "0912000005", name: "Hoàng Văn Em" },
};

/** The small plan's lines (.csv): a test may import it again with rows of its own added. */
export const SMALL_PLAN = [
  "STT,Nội dung nhiệm vụ,Chủ trì,Phối hợp,Thời gian thực hiện",
  "I,CẢI CÁCH THỦ TỤC HÀNH CHÍNH,,,",
  "1,Rà soát thủ tục hành chính,Phòng Tổ chức - Hành chính,Khoa Dược,Quý IV",
  "2,Báo cáo CCHC năm,Phòng TC-HC,,Tháng 12/2026",
  "3,Kiểm kê thuốc và vật tư,Khoa Dược,,Quý IV",
  '4,Tuyên truyền CCHC,Phòng Tổ chức - Hành chính,"Các khoa, phòng",Khi có yêu cầu',
  "5,Lập kế hoạch kiểm tra công vụ,Phòng Tổ chức - Hành chính,,15/10/2026",
];

/** A small plan whose every assignment is known. */
export async function seedSmallPlan(t: TestDb, now = new Date(NOW)): Promise<void> {
  const roster = writeText(
    t.dir,
    "staff.csv",
    [
      "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ",
      `${PEOPLE.an.name},${PEOPLE.an.phone},Phòng Tổ chức - Hành chính,Trưởng phòng`,
      `${PEOPLE.binh.name},${PEOPLE.binh.phone},Phòng Tổ chức - Hành chính,Chuyên viên`,
      `${PEOPLE.chi.name},${PEOPLE.chi.phone},Khoa Dược,Trưởng khoa`,
      `${PEOPLE.dung.name},${PEOPLE.dung.phone},Ban Giám đốc,Giám đốc`,
      `${PEOPLE.em.name},${PEOPLE.em.phone},Khoa Dược,Dược sĩ`,
    ].join("\n"),
  );
  const plan = writeText(t.dir, "plan.csv", SMALL_PLAN.join("\n"));
  const indicators = writeText(
    t.dir,
    "ind.csv",
    "Mã,Tên chỉ số,Chỉ tiêu,Phòng phụ trách,Kỳ\nTTHC-DH,Tỷ lệ hồ sơ TTHC giải quyết đúng hạn,>98%,Phòng Tổ chức - Hành chính,Quý\n",
  );
  await importRosterFile(t.db, { file: roster, unitName: UNIT, now });
  await importPlanFile(t.db, { file: plan, unitName: UNIT, year: 2026, now });
  await importIndicatorFile(t.db, { file: indicators, unitName: UNIT, year: 2026 });
}

/** Logs kept in memory, to check what an error left behind. */
export function memoryLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = { write: (s: string) => void chunks.push(s) };
  return {
    logger: createLogger("debug", stream),
    lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>),
  };
}

/** Tests talk to fakes on 127.0.0.1: no platform pace to keep (tests of the pace set their own). */
export const TEST_DELIVERY: DeliveryOptions = {
  pace: { perSecond: 10_000, perChatMs: 0 },
  paces: { zalo: { perSecond: 10_000, perChatMs: 0 } },
};

export interface TelegramHarness {
  api: FakeBotApi;
  channel: TelegramChannel;
  wired: Wired;
  stop(): Promise<void>;
}

export async function startTelegram(
  db: Db,
  options: {
    clock?: Clock;
    logger?: Logger;
    runner?: Partial<RunnerOptions>;
    api?: FakeBotApi;
    delivery?: DeliveryOptions;
  } = {},
): Promise<TelegramHarness> {
  const api = options.api ?? (await new FakeBotApi().start());
  const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot, menus: commandMenus("vi") });
  const wired = wireBot({
    db,
    clock: options.clock ?? fixedClock(NOW),
    logger: options.logger ?? createLogger("silent"),
    settings: SETTINGS,
    channels: [channel],
    runner: options.runner,
    delivery: options.delivery ?? TEST_DELIVERY,
  });
  await wired.runner.start();
  return {
    api,
    channel,
    wired,
    stop: async () => {
      await wired.stop(1000);
      await api.stop();
    },
  };
}

export interface ConsoleHarness {
  /** Types a line and returns what the bot printed in answer. */
  say(line: string): Promise<string>;
  /** Everything printed so far. */
  printed(): string;
  wired: Wired;
  stop(): Promise<void>;
}

export async function startConsole(
  db: Db,
  options: { clock?: Clock; fileDir?: string; stateFile?: string; asUsage?: string } = {},
): Promise<ConsoleHarness> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
  const channel = new ConsoleChannel({
    input,
    output,
    fileDir: options.fileDir,
    stateFile: options.stateFile,
    asUsage: options.asUsage,
  });
  const wired = wireBot({
    db,
    clock: options.clock ?? fixedClock(NOW),
    logger: createLogger("silent"),
    settings: SETTINGS,
    channels: [channel],
    delivery: TEST_DELIVERY,
  });
  await wired.runner.start();
  return {
    async say(line) {
      const before = printed.length;
      input.write(`${line}\n`);
      // readline emits on the next tick; then the line's work is on the channel's queue.
      await new Promise((r) => setImmediate(r));
      await channel.idle();
      return printed.slice(before);
    },
    printed: () => printed,
    wired,
    stop: () => wired.stop(1000),
  };
}

/** `count` people of Khoa Dược, each linked on Telegram to chat 10000 + i; returns the chats. */
export async function crowd(t: TestDb, count: number): Promise<number[]> {
  const dept = await t.db.department.findFirstOrThrow({ where: { name: "Khoa Dược" } });
  const chats: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = await t.db.staff.create({
      data: { unitId: 1, name: `Dược sĩ ${i}`, phone: `+8491${String(1_000_000 + i)}`, departmentId: dept.id },
    });
    await t.db.chatIdentity.create({
      data: { platform: "telegram", externalId: String(10_000 + i), chatId: String(10_000 + i), staffId: s.id },
    });
    chats.push(10_000 + i);
  }
  return chats;
}

/** Each person's Telegram chat id in the tests: 1001 for An … 1005 for Em. */
export const CHAT_ID: Record<keyof typeof PEOPLE, number> = { an: 1001, binh: 1002, chi: 1003, dung: 1004, em: 1005 };

/** Someone linking on Telegram as a user does: sharing their contact, then greeted by name. */
export async function linkOnTelegram(
  api: FakeBotApi,
  id: number,
  person: { name: string; phone: string },
  languageCode = "vi",
): Promise<FakeUser> {
  const user = new FakeUser(api, id, person.name.split(" ").at(-1), languageCode);
  user.shareContact(person.phone);
  expect((await user.reply()).text).toContain(person.name);
  return user;
}

export interface TelegramTest {
  /** This test's database (fresh, seeded). */
  readonly t: TestDb;
  /** The bot of this test, once started. */
  readonly bot: TelegramHarness;
  /** Starts the real telegraf against a fake Bot API over this test's database. */
  start(options?: Parameters<typeof startTelegram>[1]): Promise<TelegramHarness>;
  /** A person of the small plan, linked on their own chat (CHAT_ID). */
  link(who: keyof typeof PEOPLE, languageCode?: string): Promise<FakeUser>;
  /** A bot the test put together itself (a webhook), stopped after the test like the others. */
  adopt(harness: TelegramHarness): TelegramHarness;
}

/**
 * The usual Telegram test, set up once here: before each test a fresh
 * database with the small plan (or `seed`), after it the bot stopped and the
 * database dropped. The test starts the bot (with its own options) and links
 * whoever it needs.
 */
export function telegramTest(seed: (t: TestDb) => Promise<void> = seedSmallPlan): TelegramTest {
  let t: TestDb | null = null;
  let bot: TelegramHarness | null = null;
  beforeEach(async () => {
    t = await freshDb();
    await seed(t);
  });
  afterEach(async () => {
    await bot?.stop();
    bot = null;
    await t?.close();
    t = null;
  });
  const test: TelegramTest = {
    get t() {
      if (!t) throw new Error("telegramTest: no database outside a test");
      return t;
    },
    get bot() {
      if (!bot) throw new Error("telegramTest: start() the bot first");
      return bot;
    },
    async start(options) {
      bot = await startTelegram(test.t.db, options);
      return bot;
    },
    link: (who, languageCode) => linkOnTelegram(test.bot.api, CHAT_ID[who], PEOPLE[who], languageCode),
    adopt: (harness) => (bot = harness),
  };
  return test;
}
