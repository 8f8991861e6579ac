/**
 * The Zalo session taken over without a restart: an instance that did not
 * hold it keeps the rows only Zalo can carry waiting (not unreachable), then
 * opens the session when it gets the role, answers Zalo chats and sends them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { wireBot, type Wired } from "../../src/start/wire.ts";
import { ZaloChannel } from "../../src/channels/zalo/channel.ts";
import { createLogger } from "../../src/logger.ts";
import { queueMessages } from "../../src/store/delivery/outbox.ts";
import { NOW, PEOPLE, seedSmallPlan, SETTINGS, TEST_DELIVERY } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { FakeZaloApi, type ZaloSent } from "../helpers/fake-zalo.ts";

let t: TestDb;
let wired: Wired;
let now = new Date(NOW);
let zaloOpen = false;
const sent: ZaloSent[] = [];

beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
  now = new Date(NOW);
  zaloOpen = false;
  sent.length = 0;
  // This instance starts without Zalo: another one holds the session.
  wired = wireBot({
    db: t.db,
    clock: { now: () => now },
    logger: createLogger("silent"),
    settings: SETTINGS,
    channels: [],
    delivery: TEST_DELIVERY,
    awaiting: () => (zaloOpen ? [] : ["zalo"]),
  });
  await wired.runner.start();
});
afterEach(async () => {
  await wired.stop(1000);
  await t.close();
});

describe("the Zalo session taken over while running", () => {
  it("a Zalo-only row waits while the session is elsewhere, then goes once the session is opened here; its chats are answered", async () => {
    const chi = await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.chi.name } });
    await t.db.chatIdentity.create({
      data: { platform: "zalo", externalId: "z-chi", chatId: "z-chi", staffId: chi.id },
    });
    await queueMessages(t.db, {
      kind: "notify",
      messages: [{ staffId: chi.id, payload: { kind: "text", text: "Nhắc: kiểm kê thuốc" } }],
      now,
    });
    await wired.sender.drain();
    expect((await t.db.outbox.findFirstOrThrow()).status).toBe("PENDING");

    // The row waits 30 s for the platform; past that, with the session opened here, it goes on Zalo.
    now = new Date(now.getTime() + 31_000);
    let api: FakeZaloApi | null = null;
    zaloOpen = true;
    await wired.addChannel(new ZaloChannel({ connect: async () => (api = new FakeZaloApi({ sent })) }));
    await wired.sender.drain();
    expect(sent.map((m) => [m.threadId, m.text])).toEqual([["z-chi", "Nhắc: kiểm kê thuốc"]]);
    expect((await t.db.outbox.findFirstOrThrow()).status).toBe("SENT");

    api!.receive("z-chi", "/nhiemvu");
    for (let i = 0; i < 500 && sent.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(sent[1]!.text).toContain("Kiểm kê thuốc và vật tư");
  });

  it("without the session expected anywhere, a Zalo-only row is unreachable at once, as before", async () => {
    zaloOpen = true;
    const chi = await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.chi.name } });
    await t.db.chatIdentity.create({
      data: { platform: "zalo", externalId: "z-chi", chatId: "z-chi", staffId: chi.id },
    });
    await queueMessages(t.db, {
      kind: "notify",
      messages: [{ staffId: chi.id, payload: { kind: "text", text: "x" } }],
      now,
    });
    await wired.sender.drain();
    expect((await t.db.outbox.findFirstOrThrow()).status).toBe("UNREACHABLE");
  });
});
