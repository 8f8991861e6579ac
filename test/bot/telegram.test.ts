/**
 * End to end: the real telegraf polling the fake Bot API, a real SQLite file,
 * a fixed clock (08:00, 25/11/2026 in Hà Nội). Each test reads like a chat.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createInvites, unlinkStaff } from "../../src/store/people/identities.ts";
import { fixedClock } from "../../src/domain/calendar.ts";
import { memoryLogger, NOW, TEST_DELIVERY, PEOPLE, telegramTest, UNIT } from "../helpers/bot.ts";
import { FakeUser } from "../helpers/fake-telegram.ts";

const h = telegramTest();

const staffId = async (who: keyof typeof PEOPLE) =>
  (await h.t.db.staff.findFirstOrThrow({ where: { name: PEOPLE[who].name } })).id;
const statusOf = async (ref: string, who: keyof typeof PEOPLE) =>
  (await h.t.db.assignment.findFirstOrThrow({ where: { staffId: await staffId(who), occurrence: { task: { ref } } } }))
    .status;

describe("telegram: starting up", () => {
  it("sets the command menu in Vietnamese (default) and English", async () => {
    await h.start();
    const menus = h.bot.api.calls.filter((c) => c.method === "setMyCommands");
    expect(menus.map((c) => c.body.language_code ?? "default")).toEqual(["vi", "default", "en"]);
    const vi = menus[0]!.body.commands as { command: string; description: string }[];
    expect(vi.map((c) => c.command)).toEqual([
      "nhiemvu",
      "chiso",
      "baocao",
      "quahan",
      "tiendo",
      "tuyentruyen",
      "tuyentruyen_thongke",
      "giao",
      "ngonngu",
      "huongdan",
      "giaoviec",
      "minhchung",
      "chamdiem",
    ]);
    expect(vi[0]!.description).toBe("Nhiệm vụ của tôi");
    expect((menus[2]!.body.commands as { description: string }[])[0]!.description).toBe("My tasks");
  });
});

describe("telegram: webhook", () => {
  it("with a webhook URL it registers the hook and answers updates posted to it", async () => {
    const { TelegramChannel } = await import("../../src/channels/telegram/channel.ts");
    const { wireBot } = await import("../../src/start/wire.ts");
    const { FakeBotApi } = await import("../helpers/fake-telegram.ts");
    const { SETTINGS } = await import("../helpers/bot.ts");
    const { createLogger } = await import("../../src/logger.ts");
    const net = await import("node:net");
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const api = await new FakeBotApi().start();
    const channel = new TelegramChannel({
      token: api.token,
      apiRoot: api.apiRoot,
      webhook: { url: "https://cchc.example.vn/tg-hook", port, secretToken: "s3cret" },
    });
    const wired = wireBot({
      db: h.t.db,
      clock: fixedClock(NOW),
      logger: createLogger("silent"),
      settings: SETTINGS,
      channels: [channel],
      delivery: TEST_DELIVERY,
    });
    const { runner } = wired;
    await runner.start();
    h.adopt({ api, channel, wired, stop: async () => (await wired.stop(1000), await api.stop()) });
    const hook = api.calls.find((c) => c.method === "setWebhook")!;
    expect(hook.body).toMatchObject({ url: "https://cchc.example.vn/tg-hook", secret_token: "s3cret" });
    // What the TLS proxy in front would forward to.
    const url = `http://127.0.0.1:${port}/tg-hook`;
    const post = (secret: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify({
          update_id: 77,
          message: {
            message_id: 1,
            date: 0,
            chat: { id: 1003, type: "private" },
            from: { id: 1003, is_bot: false, first_name: "Chi" },
            contact: { phone_number: PEOPLE.chi.phone, user_id: 1003 },
          },
        }),
      });
    expect((await post("wrong")).status).toBe(403);
    expect((await post("s3cret")).status).toBe(200);
    const reply = await api.waitFor(() => api.to(1003)[0]);
    expect(reply.text).toContain("Chào Lê Thị Chi!");
  });
});

describe("telegram: linking", () => {
  beforeEach(() => h.start());

  it("a stranger gets a polite explanation and the contact button, and nothing else", async () => {
    const stranger = new FakeUser(h.bot.api, 5001, "Lạ");
    stranger.send("/nhiemvu");
    const r = await stranger.reply();
    expect(r.text).toContain("Bạn chưa được liên kết");
    expect(r.requestContact).toBe(true);
    stranger.send("xong");
    const r2 = await stranger.reply();
    for (const leak of [...Object.values(PEOPLE).map((p) => p.name), "Rà soát", "Kiểm kê", "0912"]) {
      expect(r.text + r2.text).not.toContain(leak);
    }
    expect(await h.t.db.statusUpdate.count()).toBe(0);
  });

  it("an English-speaking stranger is answered in English", async () => {
    const stranger = new FakeUser(h.bot.api, 5002, "Stranger", "en-US");
    stranger.send("hello");
    expect((await stranger.reply()).text).toContain("You are not linked yet");
  });

  it("/start asks for the phone; sharing one's own contact links; the keyboard goes away after", async () => {
    const an = new FakeUser(h.bot.api, 1001, "An");
    an.send("/start");
    const ask = await an.reply();
    expect(ask.requestContact).toBe(true);
    an.shareContact("+84 912 000 001");
    expect((await an.reply()).text).toBe(
      "Chào Nguyễn Văn An! Tài khoản đã được liên kết với bot CCHC.\nGõ /nhiemvu để xem nhiệm vụ của bạn, /huongdan để xem hướng dẫn.",
    );
    const identity = await h.t.db.chatIdentity.findFirstOrThrow({ where: { externalId: "1001" } });
    expect(identity).toMatchObject({ platform: "telegram", chatId: "1001", staffId: await staffId("an") });
    const lastSend = h.bot.api.calls.filter((c) => c.method === "sendMessage").at(-1)!;
    expect(lastSend.body.reply_markup).toEqual({ remove_keyboard: true });
  });

  it("someone else's contact card does not link", async () => {
    const mallory = new FakeUser(h.bot.api, 6666, "M");
    mallory.shareContact(PEOPLE.an.phone, 1001);
    expect((await mallory.reply()).text).toContain("số điện thoại của chính bạn");
    expect(await h.t.db.chatIdentity.count()).toBe(0);
  });

  it("an unknown phone learns nothing about the roster", async () => {
    const x = new FakeUser(h.bot.api, 7777, "X");
    x.shareContact("0999888777");
    expect((await x.reply()).text).toBe(
      "Số điện thoại này chưa có trong danh sách cán bộ của đơn vị. Vui lòng liên hệ đầu mối CCHC để được thêm vào, hoặc xin mã mời.",
    );
  });

  it("an invite code links once; a second account cannot reuse it; a wrong code is refused", async () => {
    const invites = (await createInvites(h.t.db, {
      unitName: UNIT,
      department: "Phòng TC-HC",
      now: new Date(NOW),
      ttlDays: 7,
    }))!;
    expect(invites.map((i) => i.name).sort()).toEqual([PEOPLE.an.name, PEOPLE.binh.name].sort());
    const code = invites.find((i) => i.name === PEOPLE.binh.name)!.code;
    const binh = new FakeUser(h.bot.api, 1002, "Bình");
    binh.send(`/start ${code}`);
    expect((await binh.reply()).text).toContain("Chào Trần Thị Bình!");
    const other = new FakeUser(h.bot.api, 1003, "Khác");
    other.send(`/start ${code}`);
    expect((await other.reply()).text).toContain("đã được dùng");
    other.send("/start WRONGCODE1");
    expect((await other.reply()).text).toContain("Mã mời không đúng");
    expect(await h.t.db.chatIdentity.count()).toBe(1);
    // Opening it again while linked is harmless; after an unlink the old code, and every unused one, is spent.
    binh.send(`/start ${code}`);
    expect((await binh.reply()).text).toContain("Chào Trần Thị Bình!");
    await unlinkStaff(h.t.db, { unitName: UNIT, phone: "+84912000002" });
    binh.send(`/start ${code}`);
    expect((await binh.reply()).text).toContain("đã được dùng");
    const an = new FakeUser(h.bot.api, 1001, "An");
    an.send(`/start ${invites.find((i) => i.name === PEOPLE.an.name)!.code}`);
    expect((await an.reply()).text).toContain("Chào Nguyễn Văn An!");
    expect(await h.t.db.chatIdentity.count({ where: { staff: { name: PEOPLE.binh.name } } })).toBe(0);
  });

  it("a code typed by hand, without /start, links too", async () => {
    const invites = (await createInvites(h.t.db, {
      unitName: UNIT,
      department: "Khoa Dược",
      now: new Date(NOW),
      ttlDays: 7,
    }))!;
    const chi = new FakeUser(h.bot.api, 1010, "Chi");
    chi.send(invites.find((i) => i.name === PEOPLE.chi.name)!.code);
    expect((await chi.reply()).text).toContain("Chào Lê Thị Chi!");
  });

  it("an expired invite is refused", async () => {
    const [invite] = (await createInvites(h.t.db, {
      unitName: UNIT,
      now: new Date("2026-11-01T00:00:00Z"),
      ttlDays: 7,
    }))!;
    const u = new FakeUser(h.bot.api, 1004, "U");
    u.send(`/start ${invite!.code}`);
    expect((await u.reply()).text).toContain("hết hạn");
  });
});

describe("telegram: tasks and status", () => {
  beforeEach(() => h.start());

  it("/nhiemvu lists my open tasks with due dates, overdue first, and buttons", async () => {
    const an = await h.link("an");
    an.send("/nhiemvu");
    const list = await an.reply();
    expect(list.text).toBe(
      [
        "📋 Nhiệm vụ của bạn: 4 (trang 1/1)",
        "",
        "1. 🔴 I.5 · Lập kế hoạch kiểm tra công vụ",
        "    🔴 quá hạn 41 ngày (hạn 15/10/2026)",
        "2. ⚪ I.1 · Rà soát thủ tục hành chính",
        "    hạn 31/12/2026 (còn 36 ngày)",
        "3. ⚪ I.2 · Báo cáo CCHC năm",
        "    hạn 31/12/2026 (còn 36 ngày)",
        "4. ⚪ I.4 · Tuyên truyền CCHC",
        "    khi có yêu cầu",
        "",
        "Bấm mã để xem chi tiết, hoặc trả lời nhanh: xong / đang làm / vướng: lý do",
      ].join("\n"),
    );
    expect(list.buttons[0]!.map((b) => b.text)).toEqual(["I.5", "I.1", "I.2", "I.4"]);
  });

  it("a task opens with its details and status buttons; pressing ✅ Xong marks it done", async () => {
    const an = await h.link("an");
    an.send("/nhiemvu");
    await an.reply();
    an.pressLabel("I.1");
    const detail = await an.reply();
    expect(detail.text).toBe(
      [
        "⚪ I.1 · Chưa bắt đầu",
        "Rà soát thủ tục hành chính",
        "",
        "Chủ trì: Phòng Tổ chức - Hành chính",
        "Phối hợp:",
        "  ⏳ Khoa Dược — chưa báo",
        "Thời hạn: hạn 31/12/2026 (còn 36 ngày) (Quý IV)",
      ].join("\n"),
    );
    expect(detail.buttons.flat().map((b) => b.text)).toEqual([
      "✅ Xong",
      "🔵 Đang làm",
      "⛔ Vướng",
      "📅 Gia hạn",
      "◀ Danh sách",
    ]);
    an.pressLabel("Xong");
    expect((await an.reply()).text).toBe(
      "✅ Đã ghi nhận hoàn thành: I.1 · Rà soát thủ tục hành chính\n📎 Gửi minh chứng cho I.1: tệp (ảnh, PDF, Word, Excel) hoặc số và ngày văn bản (ví dụ: Kế hoạch số 12/KH-TTYT ngày 15/01/2026). Không có thì gõ “bỏ qua”.",
    );
    expect(await statusOf("I.1", "an")).toBe("DONE");
    const history = await h.t.db.statusUpdate.findMany();
    expect(history).toMatchObject([
      { fromStatus: "NOT_STARTED", toStatus: "DONE", channel: "telegram", staffId: await staffId("an") },
    ]);
  });

  it("'xong' with one open task applies to it at once, without diacritics", async () => {
    const chi = await h.link("chi");
    chi.send("Xong");
    expect((await chi.reply()).text.split("\n")[0]).toBe("✅ Đã ghi nhận hoàn thành: I.3 · Kiểm kê thuốc và vật tư");
    expect(await statusOf("I.3", "chi")).toBe("DONE");
    chi.send("xong");
    expect((await chi.reply()).text).toBe("Bạn không còn nhiệm vụ nào đang mở. 👏");
  });

  it("'đã xong' with several open tasks asks which; the answer applies it", async () => {
    const an = await h.link("an");
    an.send("đã xong");
    const ask = await an.reply();
    expect(ask.text.split("\n")[0]).toBe("Bạn đang có nhiều nhiệm vụ. “Hoàn thành” là cho nhiệm vụ nào?");
    expect(ask.buttons.map((r) => r[0]!.text)).toEqual([
      "I.5 · Lập kế hoạch kiểm tra công…",
      "I.1 · Rà soát thủ tục hành chính",
      "I.2 · Báo cáo CCHC năm",
      "I.4 · Tuyên truyền CCHC",
    ]);
    an.pressLabel("I.2");
    expect((await an.reply()).text.split("\n")[0]).toBe("✅ Đã ghi nhận hoàn thành: I.2 · Báo cáo CCHC năm");
    expect(await statusOf("I.2", "an")).toBe("DONE");
    expect(await statusOf("I.1", "an")).toBe("NOT_STARTED");
  });

  it("a task code in the reply picks the task: 'dang lam 5'", async () => {
    const an = await h.link("an");
    an.send("dang lam 5");
    expect((await an.reply()).text).toBe("🔵 Đã ghi nhận đang làm: I.5 · Lập kế hoạch kiểm tra công vụ");
    an.send("đang làm I.5");
    expect((await an.reply()).text).toBe("I.5 đã ở trạng thái đang làm.");
    an.send("xong 9.9");
    expect((await an.reply()).text).toContain("không có nhiệm vụ đang mở nào mang mã “9.9”");
  });

  it("blocked with a reason reaches the lead department's head; without one the bot asks", async () => {
    const an = await h.link("an");
    const binh = await h.link("binh");
    an.send("/giao I.2 Bình");
    expect((await an.reply()).text).toBe("Đã giao I.2 cho Trần Thị Bình: tháng 12/2026 (31/12/2026).");
    const notice = await binh.reply();
    expect(notice.text).toBe("📌 Nguyễn Văn An giao cho bạn nhiệm vụ I.2 · Báo cáo CCHC năm");
    binh.send("vướng");
    expect((await binh.reply()).text).toBe("Vướng mắc gì? Hãy trả lời ngắn gọn lý do (ví dụ: chưa có kinh phí).");
    binh.send("chưa có số liệu quý IV");
    expect((await binh.reply()).text).toContain(
      "⛔ Đã ghi nhận vướng mắc: I.2 · Báo cáo CCHC năm\nLý do: chưa có số liệu quý IV",
    );
    const told = await an.reply();
    expect(told.text).toBe(
      "⛔ Trần Thị Bình báo vướng mắc ở nhiệm vụ I.2 · Báo cáo CCHC năm\nLý do: chưa có số liệu quý IV",
    );
    const a = await h.t.db.assignment.findFirstOrThrow({ where: { staffId: await staffId("binh") } });
    expect(a).toMatchObject({ status: "BLOCKED", blockerReason: "chưa có số liệu quý IV" });
  });

  it("'vướng: lý do' in one message, from the head: nobody else to tell", async () => {
    const chi = await h.link("chi");
    const update = chi.send("vướng: thiếu người kiểm kê");
    const reply = (await chi.reply()).text;
    expect(reply).toContain("Lý do: thiếu người kiểm kê");
    expect(reply).toContain("Khoa/phòng chủ trì không có trưởng khoa/phòng nào khác để báo");
    expect(reply).not.toContain("đã được báo");
    // Handled to its end: a second message would have been sent by now.
    await h.bot.api.taken(update);
    await h.bot.wired.runner.idle();
    expect(chi.unread()).toEqual([]);
  });
});

describe("telegram: indicators", () => {
  beforeEach(() => h.start());

  it("a value with a decimal comma, a fraction, a value that misses the target, and a wrong number", async () => {
    const an = await h.link("an");
    an.send("/chiso");
    expect((await an.reply()).text).toContain(
      "• TTHC-DH · Tỷ lệ hồ sơ TTHC giải quyết đúng hạn\n   Chỉ tiêu: > 98% · chưa báo cáo",
    );
    an.send("/chiso tthc-dh 98,5");
    expect((await an.reply()).text).toBe("📊 Đã ghi TTHC-DH kỳ Quý IV/2026: 98,5% — chỉ tiêu > 98%: ✅ đạt");
    an.send("/chiso TTHC-DH 47/48");
    expect((await an.reply()).text).toBe(
      "📊 Đã ghi TTHC-DH kỳ Quý IV/2026: 97,92% (47/48) — chỉ tiêu > 98%: ❌ chưa đạt",
    );
    an.send("/chiso TTHC-DH 98");
    expect((await an.reply()).text).toContain("❌ chưa đạt");
    an.send("/chiso TTHC-DH chín tám");
    expect((await an.reply()).text).toContain("“chíntám” không phải số liệu hợp lệ");
    an.send("/chiso TTHC-DH 120");
    expect((await an.reply()).text).toContain("không phải số liệu hợp lệ");
    an.send("/chiso XYZ 5");
    expect((await an.reply()).text).toBe("Không có chỉ số mã “XYZ” trong các chỉ số bạn xem được (TTHC-DH).");
    const reports = await h.t.db.indicatorReport.findMany({ orderBy: { id: "asc" } });
    expect(reports.map((r) => [r.value, r.numerator, r.denominator, r.periodLabel])).toEqual([
      [98.5, null, null, "2026-Q4"],
      [97.92, 47, 48, "2026-Q4"],
      [98, null, null, "2026-Q4"],
    ]);
  });

  it("a member of another department does not see the indicator", async () => {
    const chi = await h.link("chi");
    chi.send("/chiso TTHC-DH 99");
    expect((await chi.reply()).text).toContain("Không có chỉ số mã “TTHC-DH”");
  });
});

describe("telegram: roles, help, language, mistakes", () => {
  beforeEach(() => h.start());

  it("a staff member trying a leader command is told it is not for them; the leader gets the report", async () => {
    const binh = await h.link("binh");
    binh.send("/baocao");
    expect((await binh.reply()).text).toBe("Lệnh /baocao không dành cho vai trò của bạn.");
    binh.send("/giao I.1 An");
    expect((await binh.reply()).text).toBe("Lệnh /giao không dành cho vai trò của bạn.");
    const dung = await h.link("dung");
    dung.send("/baocao");
    const report = await dung.reply();
    // Quarter IV holds the tasks due 1/10–31/12; on 25/11 only I.5 (due 15/10, not done) is overdue.
    expect(report.text.split("\n").slice(0, 2)).toEqual([
      "📈 Báo cáo CCHC quý IV năm 2026",
      "Nhiệm vụ đến hạn 01/10/2026–31/12/2026 · tình hình ngày 25/11/2026 · số liệu 15/09/2026–14/12/2026",
    ]);
    expect(report.text).toContain("🔴 Quá hạn: 1");
    expect(report.text).toContain("• I.5 · Lập kế hoạch kiểm tra công vụ — Nguyễn Văn An, trễ 41 ngày");
  });

  it("a leader's report comes with a chart button that sends a PNG; the admin and the director export the report file", async () => {
    const dung = await h.link("dung");
    dung.send("/baocao q4 2026");
    const report = await dung.reply();
    expect(report.buttons.map((row) => row.map((b) => b.text))).toEqual([
      ["🔴 Danh sách quá hạn", "📊 Biểu đồ"],
      ["Phòng Tổ chức - Hành chính", "Khoa Dược"],
    ]);
    dung.pressLabel("Phòng Tổ chức");
    const drill = (await dung.reply()).text.split("\n");
    expect(drill[0]).toBe("📈 Phòng Tổ chức - Hành chính — quý IV năm 2026");
    expect(drill[1]).toMatch(/^• Phòng Tổ chức - Hành chính: 0\/\d+ đúng hạn \(0%\) · 🔴 1$/);
    dung.pressLabel("Biểu đồ");
    const chart = await dung.reply();
    expect(chart.method).toBe("sendPhoto");
    expect(h.bot.api.calls.find((c) => c.method === "sendPhoto")!.body.photo).toMatchObject({
      bytes: expect.any(Number),
    });
    await h.t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
    const an = await h.link("an");
    an.send("/xuatbaocao q4 2026 docx");
    const file = await an.reply();
    expect(file.method).toBe("sendDocument");
    expect(file.text).toBe("📈 Báo cáo CCHC quý IV năm 2026");
    expect(h.bot.api.calls.find((c) => c.method === "sendDocument")!.body.document).toMatchObject({
      file: "bao-cao-cchc-quy-4-2026.docx",
    });
    // The director signs the report: he takes it out too; a department head does not.
    dung.send("/xuatbaocao");
    expect((await dung.reply()).method).toBe("sendDocument");
    const chi = await h.link("chi");
    chi.send("/xuatbaocao");
    expect((await chi.reply()).text).toBe("Lệnh /xuatbaocao không dành cho vai trò của bạn.");
  });

  it("/caidat shows and changes settings for the admin only", async () => {
    await h.t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
    const an = await h.link("an");
    an.send("/caidat");
    const shown = (await an.reply()).text;
    expect(shown).toContain("• giờ gửi nhắc việc (remindAt): 08:00 — giờ:phút, ví dụ 07:45");
    expect(shown).toContain("• nhắc vào ngày đến hạn (onDueDay): có — có hoặc không");
    expect(shown).toContain("• hạn báo cáo quý I (reportQ1): 12/03 — ngày/tháng, ví dụ 12/03");
    an.send("/caidat overdueEveryWorkingDays 3");
    expect((await an.reply()).text).toBe(
      "Đã lưu quá hạn: nhắc lại sau mỗi ... ngày làm việc (0: không) (overdueEveryWorkingDays) = 3.",
    );
    an.send("/caidat overdueEveryWorkingDays ba");
    expect((await an.reply()).text).toBe(
      "Giá trị “ba” không hợp lệ cho overdueEveryWorkingDays: cần một số từ 0 đến 30.",
    );
    // The way people write dates, times and yes/no.
    an.send("/caidat reportQ1 14/03");
    expect((await an.reply()).text).toContain("(reportQ1) = 14/03.");
    an.send("/caidat onDueDay không");
    expect((await an.reply()).text).toContain("(onDueDay) = không.");
    an.send("/caidat remindat 7h45");
    expect((await an.reply()).text).toContain("(remindAt) = 07:45.");
    // A reminder before work starts would only ever wait for it: refused, saying why.
    an.send("/caidat remindAt 06:00");
    expect((await an.reply()).text).toBe(
      "remindAt = 06:00 nằm ngoài giờ được nhắn (07:30–17:30): tin sẽ chỉ đi lúc 07:30. Hãy chọn giờ trong khoảng đó, hoặc đổi workStart/workEnd trước.",
    );
    an.send("/caidat giobaothuc 5");
    expect((await an.reply()).text).toContain("Không có cài đặt “giobaothuc”");
    const binh = await h.link("binh");
    binh.send("/caidat remindAt 06:00");
    expect((await binh.reply()).text).toBe("Lệnh /caidat không dành cho vai trò của bạn.");
    expect(await h.t.db.unitSetting.findMany({ select: { key: true, value: true }, orderBy: { key: "asc" } })).toEqual([
      { key: "onDueDay", value: "false" },
      { key: "overdueEveryWorkingDays", value: "3" },
      { key: "remindAt", value: "07:45" },
      { key: "reportQ1", value: "03-14" },
    ]);
  });

  it("unknown text gets help, an unknown command says so, /huongdan has two screens", async () => {
    const binh = await h.link("binh");
    binh.send("chào bot");
    expect((await binh.reply()).text).toContain("Mình chưa hiểu");
    binh.send("/xoahet");
    expect((await binh.reply()).text).toBe("Không có lệnh /xoahet. Gõ /huongdan để xem các lệnh.");
    binh.send("/huongdan");
    const page1 = await binh.reply();
    expect(page1.text.startsWith("📖 Hướng dẫn (1/2)")).toBe(true);
    binh.pressLabel("Tiếp");
    const page2 = await binh.reply();
    expect(page2.method).toBe("editMessageText");
    expect(page2.messageId).toBe(page1.messageId);
    expect(page2.text.startsWith("📖 Hướng dẫn (2/2)")).toBe(true);
  });

  it("/ngonngu switches to English and it sticks", async () => {
    const binh = await h.link("binh");
    binh.send("/ngonngu");
    await binh.reply();
    binh.pressLabel("English");
    expect((await binh.reply()).text).toBe("Switched to English.");
    binh.send("/baocao");
    expect((await binh.reply()).text).toBe("The command /baocao is not for your role.");
    expect((await h.t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.binh.name } })).locale).toBe("en");
  });

  it("a user linking from an English Telegram gets English", async () => {
    const em = await h.link("em", "en");
    em.send("/nhiemvu");
    expect((await em.reply()).text).toBe("You have no open tasks. 👏");
  });
});

describe("telegram: buttons are checked like commands", () => {
  it("a staff member pressing a leader's or an admin's button is refused; forged data is refused; nothing is written", async () => {
    const { CB } = await import("../../src/ui/callbacks.ts");
    const { snapshot } = await import("../helpers/db.ts");
    await h.start();
    const binh = await h.link("binh");
    expect((await h.t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.binh.name } })).role).toBe("STAFF");
    const before = await snapshot(h.t.db);
    const pressed = async (data: string) => (binh.press(data), (await binh.reply()).text);
    expect(await pressed(CB.reportChart.build("q1", 2026))).toBe("Lệnh /baocao không dành cho vai trò của bạn.");
    expect(await pressed(CB.noticeRemind.build(1))).toBe("Lệnh /tuyentruyen không dành cho vai trò của bạn.");
    expect(await pressed(CB.importChoice.build("ok", 1))).toBe("Lệnh /nhap không dành cho vai trò của bạn.");
    for (const forged of ["ts:abc:DONE", "ts:1:DELETE", "rpc:q9:2026", "zz:1"]) {
      expect(await pressed(forged)).toBe("Nút này không còn dùng được. Gõ /nhiemvu để bắt đầu lại.");
    }
    expect(await snapshot(h.t.db)).toEqual(before);
  });
});

describe("telegram: ordering, duplicates, failures", () => {
  it("20 messages in a burst from one chat take effect in order", async () => {
    await h.start();
    const chi = await h.link("chi");
    for (let k = 1; k <= 20; k++) chi.send(`vướng: lần ${k}`);
    const replies = await chi.replies(20);
    expect(replies.map((r) => /Lý do: (lần \d+)/.exec(r.text)?.[1])).toEqual(
      Array.from({ length: 20 }, (_, k) => `lần ${k + 1}`),
    );
    const history = await h.t.db.statusUpdate.findMany({ orderBy: { id: "asc" } });
    expect(history.map((h) => h.text)).toEqual(Array.from({ length: 20 }, (_, k) => `vướng: lần ${k + 1}`));
  });

  it("an update delivered twice is processed once", async () => {
    await h.start();
    const chi = await h.link("chi");
    const id = chi.send("đang làm");
    await chi.reply();
    const original = {
      update_id: id,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 1003, type: "private" },
        from: { id: 1003, is_bot: false, first_name: "Chi" },
        text: "đang làm",
      },
    };
    h.bot.api.redeliver(original);
    chi.send("/huongdan");
    expect((await chi.reply()).text).toContain("Hướng dẫn (1/2)");
    expect(await h.t.db.statusUpdate.count()).toBe(1);
  });

  it("a burst beyond the rate limit gets one warning and is dropped", async () => {
    await h.start({ runner: { rateLimit: { count: 5, windowMs: 60_000 } } });
    const chi = await h.link("chi");
    const updates = Array.from({ length: 8 }, () => chi.send("/huongdan"));
    const replies = await chi.replies(5);
    expect(replies.at(-1)!.text).toBe("Bạn gửi nhanh quá — vui lòng chờ vài giây rồi gửi tiếp.");
    // All eight taken and handled: the last three were dropped, not late.
    await h.bot.api.taken(updates.at(-1)!);
    await h.bot.wired.runner.idle();
    expect(chi.unread()).toEqual([]);
  });

  it("a failing handler is logged with the update and answered with a reference; the bot carries on", async () => {
    const log = memoryLogger();
    await h.start({ logger: log.logger, clock: fixedClock(NOW) });
    const an = await h.link("an");
    // The table goes away under the handler, and comes back after: on Postgres the database is reused by the next test.
    await h.t.db.$executeRawUnsafe('ALTER TABLE "IndicatorReport" RENAME TO "IndicatorReportGone"');
    an.send("/chiso TTHC-DH 99");
    const apology = await an
      .reply()
      .finally(() => h.t.db.$executeRawUnsafe('ALTER TABLE "IndicatorReportGone" RENAME TO "IndicatorReport"'));
    const ref = /mã ([0-9A-F]{6})/.exec(apology.text)?.[1];
    expect(ref).toBeDefined();
    const entry = log.lines().find((l) => l.msg === "handler failed");
    expect(entry).toMatchObject({ reference: ref, update: expect.stringMatching(/^telegram:\d+$/) });
    an.send("xong 1");
    expect((await an.reply()).text).toContain("✅ Đã ghi nhận hoàn thành: I.1");
  });

  it("group chats carry no commands", async () => {
    await h.start();
    const an = await h.link("an");
    h.bot.api.pushUpdate({
      message: {
        message_id: 5,
        date: 0,
        chat: { id: -100, type: "group", title: "Phòng" },
        from: { id: 1001, is_bot: false, first_name: "An" },
        text: "xong",
      },
    });
    an.send("/huongdan");
    await an.reply();
    expect(h.bot.api.to(-100)).toEqual([]);
    expect(await h.t.db.statusUpdate.count()).toBe(0);
  });
});

describe("telegram: reminders", () => {
  it("a reminder arrives with working buttons: snooze, then done", async () => {
    const { Scheduler } = await import("../../src/scheduler/scheduler.ts");
    const { OutboxSender } = await import("../../src/delivery/sender.ts");
    const { createLogger } = await import("../../src/logger.ts");
    const { TelegramChannel } = await import("../../src/channels/telegram/channel.ts");
    const { wireBot } = await import("../../src/start/wire.ts");
    const { FakeBotApi } = await import("../helpers/fake-telegram.ts");
    const { SETTINGS } = await import("../helpers/bot.ts");
    // Wednesday 30/12/2026, 08:00: Chi's only task (I.3, due Thursday 31/12) is one working day away.
    const clock = fixedClock("2026-12-30T01:00:00Z");
    const api = await new FakeBotApi().start();
    const channel = new TelegramChannel({ token: api.token, apiRoot: api.apiRoot });
    const logger = createLogger("silent");
    const wired = wireBot({
      db: h.t.db,
      clock,
      logger,
      settings: SETTINGS,
      channels: [channel],
      delivery: TEST_DELIVERY,
    });
    const { runner } = wired;
    await runner.start();
    h.adopt({ api, channel, wired, stop: async () => (await wired.stop(1000), await api.stop()) });
    const chi = await h.link("chi");
    const scheduler = new Scheduler({
      db: h.t.db,
      clock,
      logger,
      unitName: UNIT,
      tz: "Asia/Ho_Chi_Minh",
      defaultLocale: "vi",
    });
    const sender = new OutboxSender(h.t.db, (c, chatId, reply) => runner.sendTo(c, chatId, reply), clock, logger, [
      "telegram",
    ]);
    // The plan was imported on 25/11: the announcement came then; today the ladder step "1 working day before".
    await h.t.db.reminderLog.create({
      data: {
        key: `assigned:${(await h.t.db.assignment.findFirstOrThrow({ where: { staffId: await staffId("chi") } })).id}`,
        kind: "assigned",
        recipientId: await staffId("chi"),
        scheduledAt: new Date(NOW),
        decidedAt: new Date(NOW),
        outcome: "SENT",
      },
    });
    await scheduler.tick();
    await sender.drain();
    const reminder = await chi.reply();
    expect(reminder.text).toContain(
      "⏰ Nhắc việc CCHC (1):\n• I.3 · Kiểm kê thuốc và vật tư — hạn 31/12/2026 (còn 1 ngày)",
    );
    expect(reminder.buttons.flat().map((b) => b.text)).toEqual([
      "✅ Xong",
      "🔵 Đang làm",
      "⛔ Vướng",
      "💤 Nhắc lại mai",
    ]);
    chi.pressLabel("Nhắc lại mai");
    expect((await chi.reply()).text).toBe("💤 Được rồi, sẽ nhắc lại lúc 08:00 ngày 31/12/2026.");
    const a = await h.t.db.assignment.findFirstOrThrow({ where: { staffId: await staffId("chi") } });
    expect(a.snoozedUntil?.toISOString()).toBe("2026-12-31T01:00:00.000Z");
    chi.pressLabel("Xong");
    expect((await chi.reply()).text.split("\n")[0]).toBe("✅ Đã ghi nhận hoàn thành: I.3 · Kiểm kê thuốc và vật tư");
    expect((await h.t.db.outbox.findFirstOrThrow()).status).toBe("SENT");
  });
});
