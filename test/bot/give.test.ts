/** /giaoviec and /viecdagiao: work given in chat, its reminders, escalation and the giver told. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/calendar.ts";
import { at } from "../../src/domain/workdays.ts";
import { importPlanFile } from "../../src/import/imports.ts";
import { createLogger } from "../../src/logger.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import {
  NOW,
  PEOPLE,
  seedSmallPlan,
  startConsole,
  startTelegram,
  UNIT,
  type ConsoleHarness,
  CHAT_ID,
  linkOnTelegram,
} from "../helpers/bot.ts";
import { eachTestDb } from "../helpers/db.ts";
import { writeText } from "../helpers/files.ts";

const t = eachTestDb(seedSmallPlan);
let bot: ConsoleHarness;
beforeEach(async () => {
  bot = await startConsole(t.db, { fileDir: t.dir });
});
afterEach(() => bot.stop());

const as = (who: keyof typeof PEOPLE) => bot.say(`/as ${PEOPLE[who].phone}`);
const idOf = async (who: keyof typeof PEOPLE) =>
  (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE[who].name } })).id;
const toldTo = async (who: keyof typeof PEOPLE) =>
  (await t.db.outbox.findMany({ where: { staffId: await idOf(who), kind: "notify" }, orderBy: { id: "asc" } })).map(
    (o) => (JSON.parse(o.payload) as { text: string }).text,
  );

describe("/giaoviec (today is Wednesday 25/11/2026)", () => {
  it("a head gives work to someone of their department in one line; the doer is told, finishes, and the giver hears", async () => {
    await as("an");
    const confirm = await bot.say("/giaoviec Bình: Rà soát hồ sơ lưu trữ, hạn thứ Sáu");
    expect(confirm).toContain(
      "📝 Giao việc phát sinh:\n• Người làm: Trần Thị Bình\n• Việc: Rà soát hồ sơ lưu trữ\n• Hạn: 27/11/2026\nGửi đi?",
    );
    expect(await bot.say("1")).toContain("✅ Đã giao PS-1 cho Trần Thị Bình, hạn 27/11/2026.");
    expect(await toldTo("binh")).toEqual([
      "📌 Nguyễn Văn An giao việc PS-1: Rà soát hồ sơ lưu trữ\nHạn: 27/11/2026\nLàm xong trả lời “xong PS-1”; vướng thì “vướng PS-1: lý do”.",
    ]);
    await as("binh");
    expect(await bot.say("xong PS-1")).toContain("✅ Đã ghi nhận hoàn thành: PS-1 · Rà soát hồ sơ lưu trữ");
    expect(await toldTo("an")).toEqual(["✅ Trần Thị Bình đã xong việc PS-1 · Rà soát hồ sơ lưu trữ"]);
  });

  it("a head sends back work of their department with a reason; another department's head cannot", async () => {
    await as("chi");
    await bot.say("/giaoviec Em: Cập nhật danh mục thuốc, hạn 30/11");
    await bot.say("Giao");
    await as("em");
    expect(await bot.say("xong PS-1")).toContain("📎 Gửi minh chứng cho PS-1");
    await as("an");
    expect(await bot.say("/tralai PS-1 thiếu ảnh chụp")).toContain(
      "Nhiệm vụ “PS-1” không do khoa/phòng của bạn thực hiện.",
    );
    await as("chi");
    expect(await bot.say("/tralai PS-1 thiếu ảnh chụp")).toContain("↩️ Đã trả lại PS-1 cho Hoàng Văn Em");
    expect(await toldTo("em")).toContain(
      "↩️ Lê Thị Chi trả lại nhiệm vụ PS-1 · Cập nhật danh mục thuốc\nLý do: thiếu ảnh chụp\nNhiệm vụ đã mở lại; làm xong thì báo “xong” và gửi minh chứng.",
    );
    expect((await t.db.assignment.findFirstOrThrow({ where: { occurrence: { task: { ref: "PS-1" } } } })).status).toBe(
      "IN_PROGRESS",
    );
  });

  it("a head cannot give work to another department; staff cannot give work at all", async () => {
    await as("an");
    expect(await bot.say("/giaoviec Khoa Dược: Kiểm tra tủ thuốc, hạn 15/12")).toContain(
      "Lê Thị Chi thuộc Khoa Dược: trưởng khoa/phòng chỉ giao việc cho người trong khoa/phòng mình.",
    );
    expect(await bot.say("/giaoviec 0912000005 | Cập nhật danh mục | 15/12")).toContain("Hoàng Văn Em thuộc Khoa Dược");
    await as("binh");
    expect(await bot.say("/giaoviec An: việc gì đó, hạn mai")).toContain(
      "Lệnh /giaoviec không dành cho vai trò của bạn.",
    );
    expect(await t.db.task.count({ where: { givenById: { not: null } } })).toBe(0);
  });

  it("a leader, step by step: a department means its head; a phone; “trong 3 ngày làm việc”; an unreadable or past deadline is asked again", async () => {
    await as("dung");
    expect(await bot.say("/giaoviec")).toContain("Giao cho ai?");
    expect(await bot.say("Khoa Ma")).toContain("Không tìm thấy ai là “Khoa Ma”.");
    expect(await bot.say("Khoa Dược")).toContain("Việc gì?");
    expect(await bot.say("Kiểm tra tủ thuốc trực")).toContain("Hạn khi nào?");
    expect(await bot.say("sớm nhất có thể")).toContain("Chưa hiểu hạn “sớm nhất có thể”.");
    expect(await bot.say("20/11/2026")).toContain("Hạn “20/11/2026” đã qua.");
    expect(await bot.say("trong 3 ngày làm việc")).toContain(
      "• Người làm: Lê Thị Chi\n• Việc: Kiểm tra tủ thuốc trực\n• Hạn: 30/11/2026",
    );
    expect(await bot.say("Giao")).toContain("✅ Đã giao PS-1 cho Lê Thị Chi, hạn 30/11/2026.");
    expect(await bot.say("/giaoviec 0912000005 | Cập nhật danh mục thuốc | cuối tháng")).toContain(
      "• Người làm: Hoàng Văn Em",
    );
    expect(await bot.say("Huỷ")).toContain("Đã huỷ, chưa giao gì.");
    expect(await bot.say("/giaoviec 0912000005 | Cập nhật danh mục thuốc | cuối tháng")).toContain("• Hạn: 30/11/2026");
    expect(await bot.say("Giao")).toContain("✅ Đã giao PS-2 cho Hoàng Văn Em, hạn 30/11/2026.");
    const list = await bot.say("/viecdagiao");
    expect(list).toContain("📝 Việc bạn đã giao (2):");
    expect(list).toContain("PS-2 · Cập nhật danh mục thuốc — Hoàng Văn Em, hạn 30/11/2026: Chưa bắt đầu");
    expect(await bot.say("/viecdagiao PS-2 hạn 4/12 chờ danh mục của Sở")).toContain(
      "Đã đổi hạn PS-2 thành 04/12/2026",
    );
    // Recorded as /gianhan records a move: its first date kept, the move in /lichsu.
    const moved = await t.db.occurrence.findFirstOrThrow({ where: { task: { ref: "PS-2" } } });
    expect([moved.dueDate, moved.originalDueDate, moved.periodLabel]).toEqual([
      "2026-12-04",
      "2026-11-30",
      "2026-12-04",
    ]);
    expect(await bot.say("/lichsu PS-2")).toContain("30/11/2026 → 04/12/2026 (chờ danh mục của Sở)");
    expect(await bot.say("/viecdagiao PS-1 huỷ")).toContain("Đã huỷ PS-1; Lê Thị Chi đã được báo.");
    expect(await toldTo("em")).toContain(
      "📅 Phạm Văn Dũng đổi hạn việc PS-2 · Cập nhật danh mục thuốc thành 04/12/2026.",
    );
    await as("chi");
    expect(await bot.say("/nhiemvu")).not.toContain("PS-1");
  });

  it("on Telegram the doer asks for more time; only the giver's tap decides, once", async () => {
    const tg = await startTelegram(t.db);
    try {
      const an = await linkOnTelegram(tg.api, CHAT_ID.an, PEOPLE.an);
      const binh = await linkOnTelegram(tg.api, CHAT_ID.binh, PEOPLE.binh);
      an.send("/giaoviec Bình: Rà soát hồ sơ lưu trữ, hạn 30/11");
      await an.reply();
      an.pressLabel("Giao");
      expect((await an.reply()).text).toContain("✅ Đã giao PS-1 cho Trần Thị Bình, hạn 30/11/2026.");
      expect((await binh.reply()).text).toContain("📌 Nguyễn Văn An giao việc PS-1");
      binh.send("xin gia hạn 27/11: chờ số liệu");
      expect((await binh.reply()).text).toBe("Hạn mới phải sau hạn hiện tại của PS-1 (30/11/2026).");
      binh.send("xin gia hạn PS-1 đến 10/12: chờ số liệu của Sở");
      expect((await binh.reply()).text).toBe(
        "Đã gửi đề nghị gia hạn PS-1 đến 10/12/2026; người giao việc hoặc lãnh đạo sẽ trả lời.",
      );
      const request = await an.reply();
      expect(request.text).toBe(
        "⏳ Trần Thị Bình xin gia hạn việc PS-1 · Rà soát hồ sơ lưu trữ\nTừ 30/11/2026 đến 10/12/2026. Lý do: chờ số liệu của Sở",
      );
      // The doer cannot press the giver's button.
      binh.press(request.buttons[0]![0]!.data);
      expect((await binh.reply()).text).toBe("Lệnh /giaoviec không dành cho vai trò của bạn.");
      an.pressLabel("Đồng ý");
      expect((await an.reply()).text).toBe("Đã đồng ý gia hạn PS-1 đến 10/12/2026; người làm đã được báo.");
      expect((await binh.reply()).text).toBe("✅ Nguyễn Văn An đồng ý gia hạn việc PS-1: hạn mới 10/12/2026.");
      expect((await t.db.occurrence.findFirstOrThrow({ where: { task: { ref: "PS-1" } } })).dueDate).toBe("2026-12-10");
      an.pressLabel("Không đồng ý");
      expect((await an.reply()).text).toBe("Đề nghị gia hạn PS-1 này đã được trả lời rồi.");
    } finally {
      await tg.stop();
    }
  });

  it("on Telegram a head asks more time for a plan task; a leader's tap moves it as /gianhan does, another head's is refused", async () => {
    const tg = await startTelegram(t.db);
    try {
      const an = await linkOnTelegram(tg.api, CHAT_ID.an, PEOPLE.an);
      const dung = await linkOnTelegram(tg.api, CHAT_ID.dung, PEOPLE.dung);
      const chi = await linkOnTelegram(tg.api, CHAT_ID.chi, PEOPLE.chi);
      an.send("xin gia hạn I.5 21/12: chờ hướng dẫn của Sở");
      expect((await an.reply()).text).toBe(
        "Đã gửi đề nghị gia hạn I.5 đến 21/12/2026; người giao việc hoặc lãnh đạo sẽ trả lời.",
      );
      const request = await dung.reply();
      expect(request.text).toBe(
        "⏳ Nguyễn Văn An xin gia hạn việc I.5 · Lập kế hoạch kiểm tra công vụ\nTừ 15/10/2026 đến 21/12/2026. Lý do: chờ hướng dẫn của Sở",
      );
      // Khoa Dược's head does not lead I.5: the button is not theirs.
      chi.press(request.buttons[0]![0]!.data);
      expect((await chi.reply()).text).toContain("Nút này không còn dùng được.");
      dung.pressLabel("Đồng ý");
      expect((await dung.reply()).text).toBe("Đã đồng ý gia hạn I.5 đến 21/12/2026; người làm đã được báo.");
      expect((await an.reply()).text).toBe("✅ Phạm Văn Dũng đồng ý gia hạn việc I.5: hạn mới 21/12/2026.");
      const o = await t.db.occurrence.findFirstOrThrow({ where: { task: { ref: "I.5" } } });
      expect([o.dueDate, o.originalDueDate]).toEqual(["2026-12-21", "2026-10-15"]);
      expect(await t.db.deadlineChange.findMany({ select: { fromDate: true, toDate: true, reason: true } })).toEqual([
        { fromDate: "2026-10-15", toDate: "2026-12-21", reason: "chờ hướng dẫn của Sở" },
      ]);
    } finally {
      await tg.stop();
    }
  });

  it("given work gets the plan's reminders and escalation, and a plan re-import leaves it alone", async () => {
    await as("dung");
    await bot.say("/giaoviec 0912000005 | Cập nhật danh mục thuốc | 04/12/2026");
    await bot.say("Giao");
    const assignment = await t.db.assignment.findFirstOrThrow({ where: { occurrence: { task: { ref: "PS-1" } } } });
    // Reminders go to people who linked a chat.
    for (const who of ["em", "chi"] as const)
      await t.db.chatIdentity.create({
        data: { platform: "telegram", externalId: who, chatId: who, staffId: await idOf(who) },
      });
    // The giver's message announced it: the scheduler does not announce it again.
    const scheduler = new Scheduler({
      db: t.db,
      clock: fixedClock(NOW),
      logger: createLogger("silent"),
      unitName: UNIT,
      tz: "Asia/Ho_Chi_Minh",
      defaultLocale: "vi",
    });
    await scheduler.tick(at("2026-11-25", "09:00", "Asia/Ho_Chi_Minh"));
    await scheduler.tick(at("2026-12-08", "08:05", "Asia/Ho_Chi_Minh"));
    const keys = (await t.db.reminderLog.findMany({ where: { assignmentId: assignment.id } })).map(
      (r) => `${r.kind}→${r.recipientId}`,
    );
    expect(keys.filter((k) => k.startsWith("assigned"))).toHaveLength(1);
    expect(keys).toContain(`overdue→${await idOf("em")}`);
    expect(keys).toContain(`escalateHead→${await idOf("chi")}`);
    // The plan file again: the given task is not the file's, so it stays.
    const plan = writeText(
      t.dir,
      "plan2.csv",
      "STT,Nội dung nhiệm vụ,Chủ trì,Thời gian thực hiện\nI,CẢI CÁCH THỦ TỤC HÀNH CHÍNH,,\n1,Rà soát thủ tục hành chính,Phòng Tổ chức - Hành chính,Quý IV\n",
    );
    await importPlanFile(t.db, { file: plan, unitName: UNIT, year: 2026, now: new Date(NOW) });
    expect((await t.db.task.findFirstOrThrow({ where: { ref: "PS-1" } })).removedAt).toBeNull();
    expect((await t.db.task.findFirstOrThrow({ where: { ref: "I.3" } })).removedAt).not.toBeNull();
  });
});
