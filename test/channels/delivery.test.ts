/**
 * Delivery at real speeds, against the fake Bot API made slow (latency) and
 * strict (a per-second limit answered with 429), as Telegram is from Viet Nam.
 */
import http from "node:http";
import net from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { wireBot } from "../../src/start/wire.ts";
import { Dispatcher } from "../../src/delivery/dispatcher.ts";
import { ConsoleChannel } from "../../src/channels/console/channel.ts";
import { TelegramChannel } from "../../src/channels/telegram/channel.ts";
import { ChannelError } from "../../src/messages/types.ts";
import { fixedClock, systemClock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { OutboxSender } from "../../src/delivery/sender.ts";
import { createBroadcast } from "../../src/store/notices/broadcasts.ts";
import {
  crowd,
  memoryLogger,
  NOW,
  PEOPLE,
  seedSmallPlan,
  SETTINGS,
  startTelegram,
  TEST_DELIVERY,
  UNIT,
  type TelegramHarness,
  CHAT_ID,
  linkOnTelegram,
} from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { FakeBotApi, FakeUser } from "../helpers/fake-telegram.ts";

let t: TestDb;
let bot: TelegramHarness | null = null;
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
});
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await t.close();
});

const PACE = { pace: { perSecond: 25, perChatMs: 1000 } };
/** 08:00 on 25/11/2026, moving on in real time; skip() moves it on at once, as a retry's backoff passing. */
const movingClock = () => {
  const started = Date.now();
  let skipped = 0;
  return {
    now: () => new Date(Date.parse(NOW) + (Date.now() - started) + skipped),
    skip: (ms: number) => void (skipped += ms),
  };
};
const until = async (what: () => Promise<boolean> | boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

const notice = (attachment?: { kind: "document"; name: string; fileId: string }) =>
  createBroadcast(t.db, {
    unitName: UNIT,
    senderId: null,
    text: "Tuyên truyền Nghị định mới",
    audience: { departments: ["Khoa Dược"], role: null },
    now: new Date(NOW),
    ...(attachment ? { attachment } : {}),
  });

describe("replies at Telegram's real limits", () => {
  it("30 people sharing their contact at the same moment, against a strict 10/s limit: every one is answered, 429s waited out", async () => {
    const api = await new FakeBotApi().start();
    api.network = { latencyMs: 50, perSecond: 10 };
    const { logger, lines } = memoryLogger();
    bot = await startTelegram(t.db, { api, logger, delivery: PACE });
    const dept = await t.db.department.findFirstOrThrow({ where: { name: "Khoa Dược" } });
    const users: FakeUser[] = [];
    for (let i = 0; i < 30; i++) {
      await t.db.staff.create({
        data: { unitId: 1, name: `Người mới ${i}`, phone: `+8492${String(1_000_000 + i)}`, departmentId: dept.id },
      });
      users.push(new FakeUser(api, 20_000 + i, `Người ${i}`));
    }
    users.forEach((u, i) => u.shareContact(`092${String(1_000_000 + i)}`));
    await until(() => users.every((_, i) => api.to(20_000 + i).some((m) => m.text.includes(`Người mới ${i}`))), 60_000);
    expect(api.refused).toBeGreaterThan(0);
    expect(lines().filter((l) => l.msg === "reply not sent")).toEqual([]);
  }, 90_000);

  it("a reply to someone's own message goes ahead of a notice still going out", async () => {
    const api = await new FakeBotApi().start();
    bot = await startTelegram(t.db, { api, delivery: PACE });
    const chi = await linkOnTelegram(api, CHAT_ID.chi, PEOPLE.chi);
    const chats = await crowd(t, 60);
    await notice();
    const draining = bot.wired.sender.drain();
    await until(() => api.sent.length >= 8);
    chi.send("/huongdan");
    const help = await chi.reply();
    const lastNotice = Math.max(...chats.map((c) => api.sent.findIndex((m) => m.chatId === String(c))));
    expect(api.sent.indexOf(api.sent.find((m) => m.messageId === help.messageId)!)).toBeLessThan(lastNotice);
    await draining;
  }, 30_000);

  it("at a 200 ms round trip several sends are on the way at once, at the pace", async () => {
    const api = await new FakeBotApi().start();
    api.network = { latencyMs: 200, perSecond: 30 };
    bot = await startTelegram(t.db, { api, delivery: PACE });
    const chats = await crowd(t, 20);
    await notice();
    await bot.wired.sender.drain();
    expect(chats.every((c) => api.to(c).length === 1)).toBe(true);
    expect(api.maxConcurrent).toBeGreaterThanOrEqual(3);
    expect(api.refused).toBe(0);
  }, 30_000);
});

/** An (head) hands I.2 to Bình; both linked on Telegram. */
async function anGivesBinhI2(clock?: ReturnType<typeof movingClock>) {
  const api = await new FakeBotApi().start();
  bot = await startTelegram(t.db, { api, ...(clock ? { clock } : {}) });
  const an = await linkOnTelegram(api, CHAT_ID.an, PEOPLE.an);
  an.send("/giao I.2 0912000002");
  await an.reply();
  const binh = await linkOnTelegram(api, CHAT_ID.binh, PEOPLE.binh);
  return { api, binh, harness: bot };
}

describe("nothing twice", () => {
  it("a “vướng” redelivered after a restart is not recorded or told again", async () => {
    const { api, binh, harness } = await anGivesBinhI2();
    const id = binh.send("vướng: chưa có số liệu");
    expect((await binh.reply()).text).toContain("Đã báo: Nguyễn Văn An.");
    const toHead = { kind: "notify", payload: { contains: "chưa có số liệu" } };
    await until(async () => (await t.db.outbox.count({ where: { ...toHead, status: "SENT" } })) === 1);
    // The process dies after handling, before Telegram heard the update was taken: it comes again to a new process.
    await harness.wired.stop(1000);
    bot = await startTelegram(t.db, { api });
    api.redeliver({
      update_id: id,
      message: {
        message_id: 77,
        date: 0,
        chat: { id: 1002, type: "private" },
        from: { id: 1002, is_bot: false, first_name: "Bình" },
        text: "vướng: chưa có số liệu",
      },
    });
    binh.send("/huongdan");
    expect((await binh.reply()).text).toContain("Hướng dẫn");
    expect(await t.db.statusUpdate.count({ where: { toStatus: "BLOCKED" } })).toBe(1);
    expect(await t.db.outbox.count({ where: toHead })).toBe(1);
    expect(api.to(1001).filter((m) => m.text.includes("chưa có số liệu"))).toHaveLength(1);
  }, 30_000);

  it("the head hears of a blocker through the outbox: a refused first try is sent later, once", async () => {
    const clock = movingClock();
    const { api, binh, harness } = await anGivesBinhI2(clock);
    let refused = 0;
    api.failWith = (call) =>
      call.method === "sendMessage" && String(call.body.chat_id) === "1001" && refused++ === 0
        ? { error_code: 502, description: "Bad Gateway" }
        : undefined;
    binh.send("vướng: chưa có số liệu");
    await binh.reply();
    const toHead = { kind: "notify", payload: { contains: "chưa có số liệu" } };
    await until(async () => (await t.db.outbox.findFirst({ where: toHead }))?.attempts === 1);
    // Its backoff (1 s) passed.
    clock.skip(1100);
    await harness.wired.sender.drain();
    expect(await t.db.outbox.findFirstOrThrow({ where: toHead })).toMatchObject({ status: "SENT", attempts: 1 });
    expect(api.to(1001).filter((m) => m.text.includes("chưa có số liệu"))).toHaveLength(1);
  }, 30_000);

  it("a notice with a file whose text is refused once: the retry sends the text only, not the file again", async () => {
    const api = await new FakeBotApi().start();
    const clock = movingClock();
    bot = await startTelegram(t.db, { api, clock });
    const [chat] = await crowd(t, 1);
    await notice({ kind: "document", name: "ke-hoach.pdf", fileId: "DOC-1" });
    let refused = 0;
    api.failWith = (call) =>
      call.method === "sendMessage" && refused++ === 0 ? { error_code: 502, description: "Bad Gateway" } : undefined;
    await bot.wired.sender.drain();
    expect(
      await t.db.outbox.findFirstOrThrow({ where: { kind: "broadcast", status: { not: "UNREACHABLE" } } }),
    ).toMatchObject({ status: "PENDING", partsSent: 1, attempts: 1 });
    clock.skip(1100);
    await bot.wired.sender.drain();
    expect(api.to(chat!).map((m) => m.method)).toEqual(["sendDocument", "sendMessage"]);
    expect(
      (await t.db.outbox.findFirstOrThrow({ where: { kind: "broadcast", status: { not: "UNREACHABLE" } } })).status,
    ).toBe("SENT");
  }, 30_000);

  it("a send that hangs is UNKNOWN after its own timeout and is not retried; the queue goes on", async () => {
    await crowd(t, 3);
    await notice();
    const calls: string[] = [];
    const dispatcher = new Dispatcher(
      async (_c, chatId) => {
        calls.push(chatId);
        if (chatId === "10001") return new Promise(() => {});
        return { messageId: chatId };
      },
      { paces: {}, defaultPace: { perSecond: 1000, perChatMs: 0 }, sendTimeoutMs: 300 },
    );
    const sender = new OutboxSender(t.db, dispatcher, systemClock, createLogger("silent"), ["telegram"]);
    await sender.drain();
    await sender.drain();
    const rows = await t.db.outbox.findMany({
      where: { kind: "broadcast", status: { not: "UNREACHABLE" } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r.status)).toEqual(["SENT", "UNKNOWN", "SENT"]);
    expect(calls.filter((c) => c === "10001")).toHaveLength(1);
  });

  it("the real telegraf: a refused connection surely did not arrive (retried); a reset after sending may have (not retried)", async () => {
    const closed = await freePort();
    const refused = await new TelegramChannel({ token: "1:X", apiRoot: `http://127.0.0.1:${closed}` })
      .send("1", { kind: "text", text: "x" })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChannelError);
    expect((refused as ChannelError).kind).toBe("transient");
    const resetting = http.createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => resetting.listen(0, "127.0.0.1", r));
    const port = (resetting.address() as net.AddressInfo).port;
    const reset = await new TelegramChannel({ token: "1:X", apiRoot: `http://127.0.0.1:${port}` })
      .send("1", { kind: "text", text: "x" })
      .catch((e: unknown) => e);
    resetting.close();
    expect((reset as ChannelError).kind).toBe("unknown");
  });
});

describe("stopping and starting", () => {
  it("a stop in the middle of a notice claims nothing more and leaves the rest waiting, none half-sent", async () => {
    const api = await new FakeBotApi().start();
    api.network = { latencyMs: 50 };
    bot = await startTelegram(t.db, { api, delivery: PACE });
    await crowd(t, 100);
    await notice();
    void bot.wired.sender.drain();
    await until(() => api.sent.length >= 10);
    await bot.wired.stop(2000);
    const rows = await t.db.outbox.findMany({ where: { kind: "broadcast" } });
    const by = (s: string) => rows.filter((r) => r.status === s).length;
    expect(by("CLAIMED") + by("SENDING")).toBe(0);
    expect(by("PENDING")).toBeGreaterThan(0);
    expect(by("SENT")).toBe(api.sent.length);
    await api.stop();
    bot = null;
  }, 30_000);

  it("Telegram unreachable at start-up: the console answers at once, Telegram connects when it comes back", async () => {
    const port = await freePort();
    const telegram = new TelegramChannel({ token: "123:TEST", apiRoot: `http://127.0.0.1:${port}` });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
    const console = new ConsoleChannel({ input, output });
    const { logger, lines } = memoryLogger();
    const wired = wireBot({
      db: t.db,
      clock: fixedClock(NOW),
      logger,
      settings: SETTINGS,
      channels: [telegram, console],
      delivery: TEST_DELIVERY,
    });
    await wired.runner.start();
    try {
      expect([...wired.runner.up]).toEqual(["console"]);
      expect(lines().some((l) => l.msg === "channel could not start; retrying")).toBe(true);
      input.write("/as 0912000003\n/nhiemvu\n");
      await until(() => printed.includes("Nhiệm vụ của bạn"));
      const api = await new FakeBotApi().start(port);
      try {
        await until(() => wired.runner.up.has("telegram"));
        const chi = new FakeUser(api, 1003, "Chi");
        chi.shareContact(PEOPLE.chi.phone);
        expect((await chi.reply()).text).toContain(PEOPLE.chi.name);
      } finally {
        await wired.stop(1000);
        await api.stop();
      }
    } finally {
      await wired.stop(1000);
    }
  }, 30_000);
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
