/**
 * The outbox against the real telegraf and the fake Bot API: the platform's
 * pace, a 429 that pauses everything, a 403 that marks the person blocked,
 * a 5xx that is retried.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TelegramChannel } from "../../src/channels/telegram/channel.ts";
import { fixedClock, systemClock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { OutboxSender } from "../../src/delivery/sender.ts";
import { openDb } from "../../src/store/db/db.ts";
import { LEASE_MS, claimNext, markSending } from "../../src/store/delivery/outbox.ts";
import { seedSmallPlan } from "../helpers/bot.ts";
import { freshDb, onPostgres, type TestDb } from "../helpers/db.ts";
import { FakeBotApi } from "../helpers/fake-telegram.ts";

let t: TestDb;
let api: FakeBotApi;
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
  api = await new FakeBotApi().start();
});
afterEach(async () => {
  await api.stop();
  await t.close();
});

/** Twelve people, each linked to chat 500+i, each with one message waiting. */
async function queue(): Promise<number[]> {
  const chats: number[] = [];
  for (let i = 0; i < 12; i++) {
    const s = await t.db.staff.create({
      data: { unitId: 1, name: `Người ${i}`, phone: `+8490000${String(i).padStart(4, "0")}` },
    });
    await t.db.chatIdentity.create({
      data: { platform: "telegram", externalId: String(500 + i), chatId: String(500 + i), staffId: s.id },
    });
    await t.db.outbox.create({
      data: {
        staffId: s.id,
        kind: "test",
        payload: JSON.stringify({ kind: "text", text: `tin ${i}` }),
        createdAt: new Date(),
      },
    });
    chats.push(500 + i);
  }
  return chats;
}

describe("outbox sender", () => {
  it("keeps the pace, pauses everything on 429, marks 403 blocked, retries a 5xx", async () => {
    const chats = await queue();
    const seen = new Map<string, number>();
    api.failWith = (call) => {
      if (call.method !== "sendMessage") return undefined;
      const chat = String(call.body.chat_id);
      const n = (seen.get(chat) ?? 0) + 1;
      seen.set(chat, n);
      if (chat === "503" && n === 1)
        return { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
      if (chat === "507") return { error_code: 403, description: "Forbidden: bot was blocked by the user" };
      if (chat === "509" && n === 1) return { error_code: 502, description: "Bad Gateway" };
      return undefined;
    };
    const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    // The real time, and a backoff passed at once when the test says so.
    let skipped = 0;
    const clock = { now: () => new Date(Date.now() + skipped) };
    const sender = new OutboxSender(
      t.db,
      (_c, chatId, reply) => channel.send(chatId, reply),
      clock,
      createLogger("silent"),
      ["telegram"],
      { pace: { perSecond: 25, perChatMs: 1000 } },
    );
    await sender.drain();
    // The 5xx waits its backoff (1 s), then goes on the next drain.
    skipped += 1100;
    await sender.drain();

    const rows = await t.db.outbox.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(chats.map((c) => (c === 507 ? "BLOCKED" : "SENT")));
    expect(rows.find((r) => r.status === "BLOCKED")!.error).toContain("blocked by the user");
    expect(rows[9]!.attempts).toBe(1);
    // Every chat but the blocked one got its message exactly once.
    expect(chats.filter((c) => c !== 507).map((c) => api.to(c).length)).toEqual(
      chats.filter((c) => c !== 507).map(() => 1),
    );
    const sends = api.calls.filter((c) => c.method === "sendMessage");
    // The pace, 25 per second, as the server saw it: k sends after any send come at least k 40 ms
    // steps later. The pacer spaces the grants exactly; the database write between a grant and its
    // request (markSending) shifts each arrival a little on a busy machine, hence the 200 ms of slack.
    // Without a pace, all twelve would arrive within a few milliseconds.
    for (let i = 0; i < sends.length; i++) {
      for (let k = 1; i + k < sends.length; k++)
        expect(sends[i + k]!.at - sends[i]!.at).toBeGreaterThanOrEqual(k * 40 - 200);
    }
    // The 429 stopped everyone for the second it asked: a send already on its way may still arrive
    // (granted before the 429 came back, held up by its database write), nothing new until the second is over.
    const limitedAt = sends.find((c) => String(c.body.chat_id) === "503")!.at;
    expect(sends.filter((c) => c.at > limitedAt + 200 && c.at < limitedAt + 990)).toEqual([]);
    expect(sends.some((c) => c.at >= limitedAt + 990)).toBe(true);
  });
});

describe("two channels", () => {
  it("the preferred channel first; when it refuses for good, the other one", async () => {
    const { ChannelError } = await import("../../src/messages/types.ts");
    const { linkByPhone } = await import("../../src/store/people/identities.ts");
    const { UNIT } = await import("../helpers/bot.ts");
    for (const [platform, id] of [
      ["telegram", "t-1"],
      ["zalo", "z-1"],
    ] as const) {
      expect(
        (await linkByPhone(t.db, { unitName: UNIT, phone: "+84912000003", platform, externalId: id, chatId: id })).ok,
      ).toBe(true);
    }
    const chi = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000003" } });
    expect(chi.preferredChannel).toBe("telegram");
    await t.db.outbox.create({
      data: {
        staffId: chi.id,
        kind: "test",
        payload: JSON.stringify({ kind: "text", text: "nhắc việc" }),
        createdAt: new Date(),
      },
    });
    const tried: string[] = [];
    const sender = new OutboxSender(
      t.db,
      async (channel, chatId) => {
        tried.push(`${channel}:${chatId}`);
        if (channel === "telegram") throw new ChannelError("blocked", "Forbidden: bot was blocked by the user");
        return { messageId: "z-msg" };
      },
      systemClock,
      createLogger("silent"),
      ["telegram", "zalo"],
      { paces: { zalo: { perSecond: 100, perChatMs: 0 } } },
    );
    await sender.drain();
    expect(tried).toEqual(["telegram:t-1", "zalo:z-1"]);
    expect(await t.db.outbox.findFirstOrThrow()).toMatchObject({ status: "SENT", channel: "zalo", messageId: "z-msg" });
  });
});

describe("several senders on one outbox (instances sharing a database)", () => {
  const quiet = createLogger("silent");
  const fast = { pace: { perSecond: 1000, perChatMs: 0 }, shared: true } as const;

  // Postgres only: two SQLite clients in one process would wait for each other's lock inside
  // better-sqlite3's synchronous calls (one instance per SQLite file is the rule there).
  it.skipIf(!onPostgres)("two senders draining at once send every row once", async () => {
    const chats = await queue();
    const other = await openDb(t.url);
    try {
      const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
      const send = (_c: unknown, chatId: string, reply: Parameters<TelegramChannel["send"]>[1]) =>
        channel.send(chatId, reply);
      const a = new OutboxSender(t.db, send, systemClock, quiet, ["telegram"], { ...fast, workers: 4 });
      const b = new OutboxSender(other, send, systemClock, quiet, ["telegram"], { ...fast, workers: 4 });
      const [na, nb] = await Promise.all([a.drain(), b.drain()]);
      expect(na + nb).toBe(chats.length);
      expect(chats.map((c) => api.to(c).length)).toEqual(chats.map(() => 1));
      expect(await t.db.outbox.count({ where: { status: "SENT" } })).toBe(chats.length);
    } finally {
      await other.$disconnect();
    }
  });

  it("a live sender's rows are left alone; a dead one's are taken back once its lease runs out", async () => {
    await queue();
    const now = new Date("2026-11-25T01:00:00Z");
    // Another instance holds two rows: one waiting for its turn, one on its way.
    const waiting = (await claimNext(t.db, now))!;
    const onItsWay = (await claimNext(t.db, now))!;
    await markSending(t.db, onItsWay.id, now);
    const status = async (id: number) => (await t.db.outbox.findUniqueOrThrow({ where: { id } })).status;
    const starting = (at: Date) =>
      new OutboxSender(t.db, async () => ({ messageId: "1" }), fixedClock(at.toISOString()), quiet, ["telegram"], fast);

    await starting(new Date(now.getTime() + LEASE_MS - 1000)).recover();
    expect([await status(waiting.id), await status(onItsWay.id)]).toEqual(["CLAIMED", "SENDING"]);

    await starting(new Date(now.getTime() + LEASE_MS + 1000)).recover();
    // The one that never left waits again; the one that may have arrived is not sent twice.
    expect([await status(waiting.id), await status(onItsWay.id)]).toEqual(["PENDING", "UNKNOWN"]);
  });
});
