import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ThreadType, type Message } from "zca-js";
import { wireBot } from "../../src/start/wire.ts";
import { ZaloChannel } from "../../src/channels/zalo/channel.ts";
import { decodeMessage } from "../../src/channels/zalo/decode.ts";
import { fixedClock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { createInvites } from "../../src/store/people/identities.ts";
import { storedChoices } from "../../src/store/chat/choices.ts";
import { NOW, PEOPLE, seedSmallPlan, SETTINGS, TEST_DELIVERY, UNIT } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { FakeZaloApi, type ZaloSent } from "../helpers/fake-zalo.ts";

let t: TestDb;
let sent: ZaloSent[];
let apis: FakeZaloApi[];
let channel: ZaloChannel;
let stop: () => Promise<void>;
let takeovers: number[];

/** Every message handed to the bot handled and its replies sent: no sleeping. */
let idle: () => Promise<void>;
const live = () => apis.at(-1)!;
const to = (uid: string) => sent.filter((m) => m.threadId === uid).map((m) => m.text);
/** Sends and waits until the bot has answered it (the fake's listener hands it over at once). */
async function ask(uid: string, text: string, msgId?: string): Promise<void> {
  live().receive(uid, text, msgId);
  await idle();
}

/** The bot on Zalo over the test's database, its numbered lists kept there as the real start keeps them. */
async function startBot(): Promise<void> {
  channel = new ZaloChannel({
    connect: async () => {
      const api = new FakeZaloApi({ sent });
      apis.push(api);
      return api;
    },
    onTakeover: (code) => takeovers.push(code),
    reconnect: { firstMs: 1, maxMs: 5, attempts: 3 },
    choices: storedChoices(t.db, "zalo", fixedClock(NOW)),
  });
  const wired = wireBot({
    db: t.db,
    clock: fixedClock(NOW),
    logger: createLogger("silent"),
    settings: SETTINGS,
    channels: [channel],
    delivery: TEST_DELIVERY,
  });
  await wired.runner.start();
  stop = () => wired.stop(1000);
  const zalo = channel;
  idle = async () => {
    await zalo.idle();
    await wired.runner.idle();
  };
}

beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
  sent = [];
  apis = [];
  takeovers = [];
  await startBot();
});
afterEach(async () => {
  await stop();
  await t.close();
});

async function linkChi(uid = "z-chi"): Promise<void> {
  const invites = (await createInvites(t.db, {
    unitName: UNIT,
    department: "Khoa Dược",
    now: new Date(NOW),
    ttlDays: 7,
  }))!;
  await ask(uid, invites.find((i) => i.name === PEOPLE.chi.name)!.code);
  expect(to(uid).at(-1)).toContain("Chào Lê Thị Chi!");
}

describe("zalo", () => {
  it("a dropped listener reconnects, and messages flow again", async () => {
    await linkChi();
    live().listener.emit("closed", 1006 as never, "network");
    await vi.waitFor(() => expect(channel.connections).toBe(2));
    expect(apis[1]!.listener.started).toBe(1);
    await ask("z-chi", "/nhiemvu");
    expect(to("z-chi").at(-1)).toContain("Nhiệm vụ của bạn: 1");
  });

  it("a session taken over elsewhere (3000) is reported, not fought for", async () => {
    live().listener.emit("closed", 3000 as never, "DuplicateConnection");
    await vi.waitFor(() => expect(takeovers).toEqual([3000]));
    expect(channel.connections).toBe(1);
  });

  it("the same Zalo message id is handled once", async () => {
    await linkChi();
    const before = sent.length;
    live().receive("z-chi", "đang làm", "dup-1");
    await ask("z-chi", "đang làm", "dup-1");
    expect(sent.length - before).toBe(1);
    expect(await t.db.statusUpdate.count()).toBe(1);
  });

  it("a stranger hears the explanation once a day, not on every message", async () => {
    live().receive("z-x", "alo");
    await ask("z-x", "ai đấy");
    expect(to("z-x")).toHaveLength(1);
    expect(to("z-x")[0]).toContain("hãy gửi mã mời");
  });

  it("a notice is confirmed by replying “đã đọc”", async () => {
    await linkChi();
    const { createBroadcast } = await import("../../src/store/notices/broadcasts.ts");
    const { OutboxSender } = await import("../../src/delivery/sender.ts");
    const { outboxExpander } = await import("../../src/scheduler/broadcast.ts");
    await createBroadcast(t.db, {
      unitName: UNIT,
      senderId: null,
      text: "Lịch tiếp công dân tháng 12",
      audience: { departments: [], role: null },
      now: new Date(),
    });
    await new OutboxSender(
      t.db,
      (_c, chatId, reply) => channel.send(chatId, reply),
      fixedClock(NOW),
      createLogger("silent"),
      ["zalo"],
      { paces: { zalo: { perSecond: 100, perChatMs: 0 } }, expand: outboxExpander(t.db, "vi") },
    ).drain();
    expect(to("z-chi").at(-1)).toBe("📢 Thông báo tuyên truyền CCHC\n\nLịch tiếp công dân tháng 12\n1. ✅ Đã đọc");
    await ask("z-chi", "/huongdan");
    await ask("z-chi", "Đã đọc");
    expect(to("z-chi").at(-1)).toBe("Đã ghi nhận bạn đã đọc. Cảm ơn!");
    expect(await t.db.outbox.count({ where: { kind: "broadcast", readAt: { not: null } } })).toBe(1);
  });

  it("group chatter is ignored; choices are answered by number or by retyping the label", async () => {
    await linkChi();
    const group = {
      type: ThreadType.Group,
      threadId: "g1",
      isSelf: false,
      data: { msgId: "g-1", uidFrom: "z-chi", dName: "Chi", msgType: "webchat", content: "xong", mentions: [] },
    } as unknown as Message;
    live().listener.emit("message", group);
    await idle();
    expect(to("g1")).toEqual([]);
    await ask("z-chi", "/ngonngu");
    expect(to("z-chi").at(-1)).toContain("1. Tiếng Việt\n2. English");
    await ask("z-chi", "english");
    expect(to("z-chi").at(-1)).toBe("Switched to English.");
  });

  it("a numbered list is answered after a restart between the question and the answer", async () => {
    await linkChi();
    await ask("z-chi", "/ngonngu");
    expect(to("z-chi").at(-1)).toContain("1. Tiếng Việt\n2. English");
    await stop();
    await startBot();
    await ask("z-chi", "2");
    expect(to("z-chi").at(-1)).toBe("Switched to English.");
    // That answer has no choices: the list is gone, and "1" is just "1".
    expect(await t.db.numberedChoice.count()).toBe(0);
    await ask("z-chi", "1");
    expect(to("z-chi").at(-1)).not.toContain("Tiếng Việt");
  });

  it("in a group a command or a mention reaches the bot, without the mention; the reply is sent as a group message", async () => {
    await linkChi();
    const said = (content: string, mentions: { uid: string; pos: number; len: number }[] = []) =>
      ({
        type: ThreadType.Group,
        threadId: "g7",
        isSelf: false,
        data: { msgId: `g-${content}`, uidFrom: "z-chi", dName: "Chi", msgType: "webchat", content, mentions },
      }) as unknown as Message;
    expect(decodeMessage(said("xong"), "bot-uid")).toBeNull();
    expect(decodeMessage(said("/nhomnay Khoa Dược"), "bot-uid")).toMatchObject({
      chatId: "g:g7",
      private: false,
      text: "/nhomnay Khoa Dược",
    });
    expect(decodeMessage(said("@CCHC Bot /nhomnay", [{ uid: "bot-uid", pos: 0, len: 9 }]), "bot-uid")).toMatchObject({
      chatId: "g:g7",
      text: "/nhomnay",
    });
    live().listener.emit("message", said("/nhomnay"));
    await idle();
    const posted = sent.filter((m) => m.threadId === "g7");
    expect(posted.map((m) => [m.type, m.text])).toEqual([
      [ThreadType.Group, "Chỉ quản trị CCHC của đơn vị mới liên kết được nhóm này với bot."],
    ]);
  });
});
