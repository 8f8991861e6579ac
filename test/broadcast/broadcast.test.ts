import { spawn } from "node:child_process";
import path from "node:path";
import { ThreadType } from "zca-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TelegramChannel } from "../../src/channels/telegram/channel.ts";
import type { Clock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { outboxExpander, BroadcastProgress } from "../../src/scheduler/broadcast.ts";
import { OutboxSender } from "../../src/delivery/sender.ts";
import { createBroadcast } from "../../src/store/notices/broadcasts.ts";
import { wireBot } from "../../src/start/wire.ts";
import { crowd, PEOPLE, seedSmallPlan, SETTINGS, TEST_DELIVERY, UNIT, linkOnTelegram } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { FakeBotApi, FakeUser } from "../helpers/fake-telegram.ts";
import type { ZaloSent } from "../helpers/fake-zalo.ts";
import { ROOT } from "../helpers/run.ts";

/**
 * Real time, running from 09:00 on a working Wednesday: notices written outside
 * working hours wait for the morning, and these tests are about sending.
 */
const START = Date.now();
const workdayClock: Clock = { now: () => new Date(Date.parse("2026-11-25T02:00:00Z") + (Date.now() - START)) };

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

function sender(channel: TelegramChannel, pace = { perSecond: 200, perChatMs: 1000 }) {
  return new OutboxSender(
    t.db,
    (_c, chatId, reply) => channel.send(chatId, reply),
    workdayClock,
    createLogger("silent"),
    ["telegram"],
    { pace, expand: outboxExpander(t.db, "vi") },
  );
}

describe("notices", () => {
  it("compose, preview exactly as sent, confirm; recipients read it; the sender sees progress and who to contact", async () => {
    const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    const wired = wireBot({
      db: t.db,
      clock: workdayClock,
      logger: createLogger("silent"),
      settings: SETTINGS,
      channels: [channel],
      delivery: TEST_DELIVERY,
    });
    const { runner } = wired;
    await runner.start();
    try {
      await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "LEADER" } });
      const link = async (id: number, who: keyof typeof PEOPLE) => {
        const u = new FakeUser(api, id, who);
        u.shareContact(PEOPLE[who].phone);
        await u.reply();
        return u;
      };
      const dung = await link(1, "dung");
      const chi = await link(3, "chi");
      // An unknown role or department is caught before the text is asked for.
      dung.send("/tuyentruyen vai trò XYZ");
      expect((await dung.reply()).text).toBe(
        "Không có vai trò “XYZ”. Dùng: /tuyentruyen vai trò Trưởng khoa (hoặc Lãnh đạo, Cán bộ, Quản trị).",
      );
      dung.send("/tuyentruyen Phòng Ma");
      expect((await dung.reply()).text).toBe("Không tìm thấy khoa/phòng: Phòng Ma. Gõ lại /tuyentruyen với tên đúng.");
      expect(await t.db.conversation.count({ where: { kind: "bcCompose" } })).toBe(0);
      // "Huỷ" while writing ends it; nothing is created.
      dung.send("/tuyentruyen");
      expect((await dung.reply()).buttons.flat().map((b) => b.text)).toEqual(["✖ Hủy"]);
      dung.pressLabel("Hủy");
      expect((await dung.reply()).text).toBe("Đã hủy, chưa gửi gì.");
      expect(await t.db.broadcast.count()).toBe(0);
      dung.send("/tuyentruyen Khoa Dược");
      expect((await dung.reply()).text).toContain("Soạn thông báo gửi Khoa Dược");
      dung.send("Hoàn thành cập nhật danh mục thủ tục hành chính trước 15/12.");
      const [notice, confirm] = await dung.replies(2);
      expect(notice!.text).toBe(
        "📢 Thông báo tuyên truyền CCHC\n\nHoàn thành cập nhật danh mục thủ tục hành chính trước 15/12.",
      );
      expect(confirm!.text).toContain("Gửi tới: Khoa Dược — 1 người nhận được qua chat, 1 người chưa liên kết.");
      dung.pressLabel("Gửi");
      const [queued, contact] = await dung.replies(2);
      expect(queued!.text).toMatch(/^📤 Đã xếp thông báo #1 để gửi tới 1 người/);
      expect(contact!.text).toBe(`Cần liên hệ trực tiếp (1):\n• ${PEOPLE.em.name} — 0912 000 005`);
      const progress = new BroadcastProgress(
        t.db,
        (_c, chatId, reply) => channel.send(chatId, reply),
        workdayClock,
        createLogger("silent"),
        "vi",
        0,
      );
      await new OutboxSender(
        t.db,
        (_c, chatId, reply) => channel.send(chatId, reply),
        workdayClock,
        createLogger("silent"),
        ["telegram"],
        {
          expand: outboxExpander(t.db, "vi"),
          onFinished: (item) => progress.finished(item),
        },
      ).drain();
      const got = await chi.reply();
      expect(got.text).toContain("Hoàn thành cập nhật danh mục");
      expect(got.buttons.flat().map((b) => b.text)).toEqual(["✅ Đã đọc"]);
      const done = await dung.reply();
      expect(done.text).toBe("✅ Thông báo #1 đã gửi xong: 1/2 · lỗi 0 · chặn bot 0 · chưa liên kết 1 · đã đọc 0");
      chi.pressLabel("Đã đọc");
      expect((await chi.reply()).text).toBe("Đã ghi nhận bạn đã đọc. Cảm ơn!");
      dung.send("/tuyentruyen_thongke");
      const stats = await dung.reply();
      expect(stats.text).toContain(
        "• Khoa Dược: gửi 1/2, đã đọc 1, lỗi 0, chưa rõ đã nhận 0, chặn bot 0, chưa liên kết 1, đang chờ 0",
      );
      expect(stats.text).toContain(
        `Cần liên hệ trực tiếp (1):\n• ${PEOPLE.em.name} — 0912 000 005 (chưa liên kết chat)`,
      );
      // A delivery cut by a crash may not have arrived: the sender is told whom to ask.
      await t.db.outbox.updateMany({
        where: { broadcastId: 1, status: "SENT" },
        data: { status: "UNKNOWN", readAt: null },
      });
      dung.send("/tuyentruyen_thongke");
      const unsure = (await dung.reply()).text;
      expect(unsure).toContain(
        "• Khoa Dược: gửi 0/2, đã đọc 0, lỗi 0, chưa rõ đã nhận 1, chặn bot 0, chưa liên kết 1, đang chờ 0",
      );
      expect(unsure).toContain(
        `• ${PEOPLE.chi.name} — 0912 000 003 (chưa rõ đã nhận (mất kết nối khi đang gửi) — hỏi lại trực tiếp)`,
      );
      // Staff cannot send notices.
      chi.send("/tuyentruyen");
      expect((await chi.reply()).text).toBe("Lệnh /tuyentruyen không dành cho vai trò của bạn.");
    } finally {
      await wired.stop(1000);
    }
  });

  it("300 recipients: each gets exactly one message, 429 pauses everything, 403 is marked blocked", async () => {
    const chats = await crowd(t, 300);
    const r = await createBroadcast(t.db, {
      unitName: UNIT,
      senderId: null,
      text: "Tuyên truyền Nghị định mới",
      audience: { departments: ["Khoa Dược"], role: null },
      now: new Date(),
    });
    expect(r.reachable).toBe(300);
    const calls = new Map<string, number>();
    const blockedChats = new Set(chats.filter((_, i) => i % 50 === 7).map(String));
    api.failWith = (call) => {
      if (call.method !== "sendMessage") return undefined;
      const chat = String(call.body.chat_id);
      const n = (calls.get(chat) ?? 0) + 1;
      calls.set(chat, n);
      if (blockedChats.has(chat)) return { error_code: 403, description: "Forbidden: bot was blocked by the user" };
      if ((chat === "10100" || chat === "10200") && n === 1)
        return { error_code: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } };
      return undefined;
    };
    const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    await sender(channel).drain();
    for (const c of chats) expect(api.to(c).length, `chat ${c}`).toBe(blockedChats.has(String(c)) ? 0 : 1);
    const rows = await t.db.outbox.findMany({ where: { broadcastId: r.id } });
    expect(rows.filter((x) => x.status === "BLOCKED").length).toBe(blockedChats.size);
    expect(rows.filter((x) => x.status === "SENT").length).toBe(300 - blockedChats.size);
    const sends = api.calls.filter((c) => c.method === "sendMessage");
    // Requests already on their way when the 429 came back still arrive; after them, nothing until retry_after.
    for (const chat of ["10100", "10200"]) {
      const at = sends.find((c) => String(c.body.chat_id) === chat)!.at;
      expect(sends.filter((c) => c.at > at + 500 && c.at < at + 1990)).toEqual([]);
    }
  }, 60_000);

  it("killed with SIGKILL in the middle and started again: nobody gets the notice twice; whoever may have missed it is listed as unknown", async () => {
    const chats = await crowd(t, 80);
    await createBroadcast(t.db, {
      unitName: UNIT,
      senderId: null,
      text: "Thông báo lịch kiểm tra CCHC",
      audience: { departments: ["Khoa Dược"], role: null },
      now: new Date(),
    });
    const run = () => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.join(ROOT, "test/helpers/broadcast-worker.ts"), t.url, api.apiRoot, api.token],
        { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
      );
      const exit = new Promise<number | null>((resolve) =>
        child.on("exit", (code, signal) => resolve(signal === "SIGKILL" ? -9 : code)),
      );
      return { child, exit };
    };
    // The 40th message reaches "Telegram"; the worker is killed before it hears back (its row stays SENDING).
    let first: ReturnType<typeof run> | null = null;
    let seen = 0;
    api.failWith = (call) => {
      if (call.method === "sendMessage" && ++seen === 40) first?.child.kill("SIGKILL");
      return undefined;
    };
    first = run();
    expect(await first.exit).toBe(-9);
    const partial = chats.filter((c) => api.to(c).length > 0).length;
    expect(partial).toBeGreaterThanOrEqual(39);
    expect(partial).toBeLessThan(80);
    api.failWith = null;
    const second = run();
    expect(await second.exit).toBe(0);
    const got = chats.map((c) => api.to(c).length);
    expect(Math.max(...got)).toBe(1);
    // Requests on their way when the process died may or may not have arrived: UNKNOWN, never sent again,
    // and told to the sender by name. At most the sends in flight at once.
    const chatOf = new Map((await t.db.chatIdentity.findMany()).map((c) => [c.staffId, c.chatId]));
    const rows = (await t.db.outbox.findMany({ where: { kind: "broadcast" } })).filter((r) => chatOf.has(r.staffId));
    const unknown = new Set(rows.filter((r) => r.status === "UNKNOWN").map((r) => chatOf.get(r.staffId)!));
    expect(chats.filter((_, i) => got[i] === 0).every((c) => unknown.has(String(c)))).toBe(true);
    expect(unknown.size).toBeLessThanOrEqual(16);
    expect(rows.filter((r) => r.status === "SENT").length + unknown.size).toBe(80);
  }, 60_000);
});

describe("a notice with a document", () => {
  it("the forwarded file goes to every recipient by its Telegram id, before the text", async () => {
    const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    const wired = wireBot({
      db: t.db,
      clock: workdayClock,
      logger: createLogger("silent"),
      settings: SETTINGS,
      channels: [channel],
      delivery: TEST_DELIVERY,
    });
    const { runner } = wired;
    await runner.start();
    try {
      await t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
      const an = await linkOnTelegram(api, 1, PEOPLE.an);
      await linkOnTelegram(api, 3, PEOPLE.chi);
      an.send("/tuyentruyen vai trò Trưởng khoa");
      expect((await an.reply()).text).toContain("vai trò Trưởng khoa/phòng");
      const fileId = api.addFile(Buffer.from("%PDF-1.4 kế hoạch"));
      api.pushUpdate({
        message: {
          message_id: 9,
          date: 0,
          chat: { id: 1, type: "private" },
          from: { id: 1, is_bot: false, first_name: "An" },
          document: { file_id: fileId, file_unique_id: "u", file_name: "ke-hoach-cchc.pdf" },
          caption: "Kế hoạch tuyên truyền CCHC quý IV",
        },
      });
      const [file, text, confirm] = await an.replies(3);
      expect([file!.method, text!.method]).toEqual(["sendDocument", "sendMessage"]);
      // An became ADMIN: Chi is the only head left.
      expect(confirm!.text).toContain("vai trò Trưởng khoa/phòng — 1 người nhận được qua chat, 0 người chưa liên kết.");
      an.pressLabel("Gửi");
      await an.replies(1);
      await sender(channel).drain();
      const got = api.to(3).slice(-2);
      expect(got.map((m) => m.method)).toEqual(["sendDocument", "sendMessage"]);
      expect(api.calls.filter((c) => c.method === "sendDocument").every((c) => c.body.document === fileId)).toBe(true);
      expect(got[1]!.text).toBe("📢 Thông báo tuyên truyền CCHC\n\nKế hoạch tuyên truyền CCHC quý IV");
    } finally {
      await wired.stop(1000);
    }
  });
});

describe("notice follow-up", () => {
  it("lists who has not read after a day, and reminds them once", async () => {
    const { broadcastStats, remindUnread } = await import("../../src/store/notices/broadcasts.ts");
    const chats = await crowd(t, 3);
    const r = await createBroadcast(t.db, {
      unitName: UNIT,
      senderId: null,
      text: "Lịch họp",
      audience: { departments: ["Khoa Dược"], role: null },
      now: new Date("2026-11-20T02:00:00Z"),
    });
    await sender(new TelegramChannel({ token: api.token, apiRoot: api.apiRoot })).drain();
    await t.db.outbox.updateMany({ where: { broadcastId: r.id }, data: { sentAt: new Date("2026-11-20T02:05:00Z") } });
    const someone = await t.db.staff.findFirstOrThrow({ where: { name: "Dược sĩ 0" } });
    await t.db.outbox.updateMany({
      where: { broadcastId: r.id, staffId: someone.id },
      data: { readAt: new Date("2026-11-20T03:00:00Z") },
    });
    const stats = (await broadcastStats(t.db, r.id, new Date("2026-11-25T02:00:00Z")))!;
    expect(stats.unreadAfterDay.map((u) => u.name).sort()).toEqual(["Dược sĩ 1", "Dược sĩ 2"]);
    expect(await remindUnread(t.db, r.id, new Date())).toBe(2);
    expect(await remindUnread(t.db, r.id, new Date())).toBeNull();
    await sender(new TelegramChannel({ token: api.token, apiRoot: api.apiRoot })).drain();
    expect(api.to(chats[1]!).map((m) => m.text.split("\n")[0])).toEqual([
      "📢 Thông báo tuyên truyền CCHC",
      "🔔 Nhắc: bạn chưa xác nhận đã đọc thông báo này",
    ]);
    expect(api.to(chats[0]!)).toHaveLength(1);
  });
});

describe("a notice with a file, to people on Telegram and on Zalo", () => {
  it("the PDF forwarded on Telegram is kept by its content: Telegram recipients get it by its id, Zalo recipients the bytes", async () => {
    const { ZaloChannel } = await import("../../src/channels/zalo/channel.ts");
    const { FakeZaloApi } = await import("../helpers/fake-zalo.ts");
    const { createInvites } = await import("../../src/store/people/identities.ts");
    const zaloSent: ZaloSent[] = [];
    let zaloApi: InstanceType<typeof FakeZaloApi> | null = null;
    const zalo = new ZaloChannel({
      connect: async () => (zaloApi = new FakeZaloApi({ sent: zaloSent })),
      onTakeover: () => {},
      reconnect: { firstMs: 1, maxMs: 5, attempts: 3 },
    });
    const telegram = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    const wired = wireBot({
      db: t.db,
      clock: workdayClock,
      logger: createLogger("silent"),
      settings: SETTINGS,
      channels: [telegram, zalo],
      delivery: TEST_DELIVERY,
    });
    await wired.runner.start();
    try {
      await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "LEADER" } });
      const dung = await linkOnTelegram(api, 1, PEOPLE.dung);
      await linkOnTelegram(api, 2, PEOPLE.binh);
      const invites = (await createInvites(t.db, {
        unitName: UNIT,
        department: "Khoa Dược",
        now: new Date(),
        ttlDays: 7,
      }))!;
      zaloApi!.receive("z-chi", invites.find((i) => i.name === PEOPLE.chi.name)!.code);
      await zalo.idle();
      await wired.runner.idle();

      const pdf = Buffer.from("%PDF-1.4 kế hoạch tuyên truyền CCHC 2027");
      dung.send("/tuyentruyen");
      await dung.reply();
      dung.sendFile(
        "ke-hoach-tuyen-truyen-2027.pdf",
        pdf,
        "Kế hoạch tuyên truyền CCHC năm 2027, đề nghị các khoa, phòng triển khai.",
      );
      await dung.replies(3);
      dung.pressLabel("Gửi");
      await dung.replies(1);
      await new OutboxSender(
        t.db,
        (c, chatId, reply) => (c === "zalo" ? zalo : telegram).send(chatId, reply),
        workdayClock,
        createLogger("silent"),
        ["telegram", "zalo"],
        { pace: { perSecond: 200, perChatMs: 0 }, expand: outboxExpander(t.db, "vi") },
      ).drain();

      // Kept once, by its hash; the notice points at it.
      const kept = await t.db.evidenceFile.findMany({ include: { notices: true } });
      expect(kept.map((f) => [Buffer.from(f.data).equals(pdf), f.mime, f.notices.length])).toEqual([
        [true, "application/pdf", 1],
      ]);
      // Telegram: the file by the id Telegram gave it, no second upload.
      const forBinh = api.calls.filter((c) => c.method === "sendDocument" && String(c.body.chat_id) === "2");
      expect(forBinh).toHaveLength(1);
      expect(typeof forBinh[0]!.body.document).toBe("string");
      // Zalo: the bytes, under the file's own name, then the text.
      expect(zaloSent.filter((m) => m.threadId === "z-chi").slice(-2)).toEqual([
        { threadId: "z-chi", type: ThreadType.User, text: "", files: ["ke-hoach-tuyen-truyen-2027.pdf"] },
        {
          threadId: "z-chi",
          type: ThreadType.User,
          text: "📢 Thông báo tuyên truyền CCHC\n\nKế hoạch tuyên truyền CCHC năm 2027, đề nghị các khoa, phòng triển khai.\n1. ✅ Đã đọc",
          files: [],
        },
      ]);
    } finally {
      await wired.stop(1000);
    }
  });
});
