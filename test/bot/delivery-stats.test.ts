/** /thongkegui: an unknown delivery is counted and named, for reminders as for notices. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOW, PEOPLE, seedSmallPlan, startConsole, type ConsoleHarness } from "../helpers/bot.ts";
import { eachTestDb } from "../helpers/db.ts";

const t = eachTestDb(seedSmallPlan);
let bot: ConsoleHarness;
beforeEach(async () => {
  bot = await startConsole(t.db, { fileDir: t.dir });
});
afterEach(() => bot.stop());

describe("/thongkegui", () => {
  it("counts reminders, notices and messages by outcome and names whoever may not have received one; staff are refused", async () => {
    const id = async (who: keyof typeof PEOPLE) =>
      (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE[who].name } })).id;
    const at = new Date(NOW);
    await t.db.outbox.createMany({
      data: [
        { staffId: await id("chi"), kind: "overdue", payload: "{}", status: "SENT", createdAt: at },
        { staffId: await id("em"), kind: "overdue", payload: "{}", status: "UNKNOWN", createdAt: at },
        { staffId: await id("binh"), kind: "escalation", payload: "{}", status: "BLOCKED", createdAt: at },
        { staffId: await id("an"), kind: "notify", payload: "{}", status: "PENDING", createdAt: at },
      ],
    });
    await t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
    await bot.say(`/as ${PEOPLE.an.phone}`);
    const out = await bot.say("/thongkegui");
    expect(out).toContain("📮 Tin bot đã gửi 7 ngày qua:");
    expect(out).toContain("• Nhắc việc: đã gửi 1, chưa rõ đã nhận 1, chặn bot 1, chưa liên kết 0, lỗi 0, đang chờ 0");
    expect(out).toContain(
      "• Tin báo (vướng mắc, giao việc): đã gửi 0, chưa rõ đã nhận 0, chặn bot 0, chưa liên kết 0, lỗi 0, đang chờ 1",
    );
    expect(out).toContain(
      "Chưa rõ đã nhận — hỏi lại trực tiếp (1):\n• Hoàng Văn Em — 0912 000 005 (Nhắc việc, 25/11/2026)",
    );
    await bot.say(`/as ${PEOPLE.binh.phone}`);
    expect(await bot.say("/thongkegui")).toContain("Lệnh /thongkegui không dành cho vai trò của bạn.");
  });
});
