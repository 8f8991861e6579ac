/** The same conversations on every channel: what the bot does must not depend on where it is said. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PEOPLE, seedSmallPlan } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { consoleDriver, telegramDriver, zaloDriver, type Driver } from "../helpers/drivers.ts";

describe.each([telegramDriver, consoleDriver, zaloDriver])("channel contract: %o", (makeDriver) => {
  let t: TestDb;
  let d: Driver;
  beforeEach(async () => {
    t = await freshDb();
    await seedSmallPlan(t);
    d = makeDriver();
    await d.start(t);
  });
  afterEach(async () => {
    await d.stop();
    await t.close();
  });

  it("a stranger is told how to join and learns nothing", async () => {
    const out = await d.stranger().say("/nhiemvu");
    expect(out).toContain("Bạn chưa được liên kết");
    for (const p of Object.values(PEOPLE)) expect(out).not.toContain(p.name);
    expect(await t.db.chatIdentity.count()).toBe(0);
  });

  it("linking, listing tasks, and marking one done by text after choosing it", async () => {
    const an = await d.link("an");
    expect(await t.db.chatIdentity.count()).toBe(1);
    const list = await an.say("/nhiemvu");
    expect(list).toContain("📋 Nhiệm vụ của bạn: 4");
    expect(list).toContain("🔴 I.5 · Lập kế hoạch kiểm tra công vụ");
    const ask = await an.say("xong");
    expect(ask).toContain("“Hoàn thành” là cho nhiệm vụ nào?");
    expect(await an.choose("I.2")).toContain("✅ Đã ghi nhận hoàn thành: I.2 · Báo cáo CCHC năm");
    const done = await t.db.assignment.findMany({ where: { status: "DONE" }, include: { occurrence: { include: { task: true } } } });
    expect(done.map((a) => a.occurrence.task.ref)).toEqual(["I.2"]);
  });

  it("marking done from the task's own buttons", async () => {
    const chi = await d.link("chi");
    await chi.say("/nhiemvu");
    const detail = await chi.choose("I.3");
    expect(detail).toContain("Kiểm kê thuốc và vật tư");
    expect(await chi.choose("Xong")).toContain("✅ Đã ghi nhận hoàn thành: I.3");
  });

  it("blocked with a reason reaches the head of the lead department", async () => {
    const an = await d.link("an");
    await an.say("/giao I.2 0912000002");
    const binh = await d.link("binh");
    expect(await binh.say("vướng: chưa có số liệu")).toContain("Lý do: chưa có số liệu");
    const history = await t.db.statusUpdate.findMany({ where: { toStatus: "BLOCKED" } });
    expect(history).toHaveLength(1);
  });

  it("an indicator number with a decimal comma, and a wrong number", async () => {
    const an = await d.link("an");
    expect(await an.say("/chiso TTHC-DH 98,5")).toContain("98,5% — chỉ tiêu > 98%: ✅ đạt");
    expect(await an.say("/chiso TTHC-DH 9x")).toContain("không phải số liệu hợp lệ");
    expect(await t.db.indicatorReport.count()).toBe(1);
  });

  it("unknown text gets help; a staff member cannot use a leader command", async () => {
    const binh = await d.link("binh");
    expect(await binh.say("hôm nay thế nào")).toContain("/huongdan");
    expect(await binh.say("/baocao")).toContain("không dành cho vai trò của bạn");
  });
});
