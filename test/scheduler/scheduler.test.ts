import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelName, Reply } from "../../src/messages/types.ts";
import { fixedClock } from "../../src/domain/calendar.ts";
import { at, isWorkingTime, localTime } from "../../src/domain/workdays.ts";
import { createLogger } from "../../src/logger.ts";
import { OutboxSender } from "../../src/delivery/sender.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { loadReminderContext } from "../../src/store/settings/calendar.ts";
import type { Db } from "../../src/store/db/db.ts";
import { claimNext, markSending } from "../../src/store/delivery/outbox.ts";
import { PEOPLE, seedSmallPlan, UNIT } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { ROOT } from "../helpers/run.ts";

const TZ = "Asia/Ho_Chi_Minh";
const logger = createLogger("silent");
const local = (day: string, hhmm: string) => at(day, hhmm, TZ);

function scheduler(db: Db, unitName = UNIT): Scheduler {
  return new Scheduler({
    db,
    clock: fixedClock("2026-01-01T00:00:00Z"),
    logger,
    unitName,
    tz: TZ,
    defaultLocale: "vi",
  });
}

async function link(db: Db, phones: string[]): Promise<void> {
  for (const phone of phones) {
    const s = await db.staff.findFirstOrThrow({ where: { phone } });
    await db.chatIdentity.create({
      data: { platform: "telegram", externalId: String(s.id), chatId: String(s.id), staffId: s.id },
    });
  }
}

const e164 = (p: string) => `+84${p.slice(1)}`;

describe("scheduler over a small plan", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb();
    // Assignments created 1 November, so the whole ladder of a December task applies.
    await seedSmallPlan(t, new Date("2026-11-01T02:00:00Z"));
    await link(t.db, [PEOPLE.an.phone, PEOPLE.chi.phone, PEOPLE.dung.phone].map(e164));
  });
  afterEach(async () => t.close());

  it("one message per person per tick, and a second tick or a restarted scheduler sends nothing again", async () => {
    const now = local("2026-11-25", "08:00");
    const first = await scheduler(t.db).tick(now);
    const outbox = await t.db.outbox.findMany({ orderBy: { id: "asc" } });
    expect(outbox.map((o) => o.staffId).sort()).toEqual(
      (
        await t.db.staff.findMany({
          where: { phone: { in: [PEOPLE.an.phone, PEOPLE.chi.phone, PEOPLE.dung.phone].map(e164) } },
        })
      )
        .map((s) => s.id)
        .sort(),
    );
    expect(first.messages).toBe(3);
    // What is due soonest leads; the task already late at import comes after it.
    const an = JSON.parse(
      outbox.find((o) => o.kind === "assigned" && o.payload.includes("Lập kế hoạch"))!.payload,
    ) as Reply & { kind: "text" };
    expect(an.text.split("\n")).toEqual([
      "📌 Bạn được giao 4 nhiệm vụ mới:",
      "• I.1 · Rà soát thủ tục hành chính — hạn 31/12/2026 (còn 36 ngày)",
      "• I.2 · Báo cáo CCHC năm — hạn 31/12/2026 (còn 36 ngày)",
      "• I.5 · Lập kế hoạch kiểm tra công vụ — 🔴 quá hạn 41 ngày (hạn 15/10/2026)",
      "• I.4 · Tuyên truyền CCHC — khi có yêu cầu",
    ]);
    // I.5 was 17 days late when the plan came in (1/11): the director hears of it, once, 5 working days later.
    const dung = JSON.parse(outbox.find((o) => o.kind === "escalation")!.payload) as Reply & { kind: "text" };
    expect(dung.text).toBe(
      "🚨 1 nhiệm vụ quá hạn lâu, báo lãnh đạo:\n• I.5 · Lập kế hoạch kiểm tra công vụ — Nguyễn Văn An, trễ 41 ngày",
    );
    expect(await scheduler(t.db).tick(now)).toEqual({ decided: 0, messages: 0 });
    expect(await t.db.outbox.count()).toBe(3);
    // Unlinked people get nothing decided: Bình links later and then hears of everything at once.
    expect(
      await t.db.reminderLog.count({
        where: { recipientId: (await t.db.staff.findFirstOrThrow({ where: { phone: e164(PEOPLE.binh.phone) } })).id },
      }),
    ).toBe(0);
  });

  it("a coordinating department's head is reminded of its part once, 7 days before; a reported part is not", async () => {
    const chiId = (await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.chi.name } })).id;
    const now = local("2026-12-24", "08:00");
    await scheduler(t.db).tick(now);
    const texts = (await t.db.outbox.findMany({ where: { staffId: chiId }, orderBy: { id: "asc" } })).map(
      (o) => (JSON.parse(o.payload) as Reply & { kind: "text" }).text,
    );
    expect(texts.at(-1)).toContain(
      "🤝 Sắp đến hạn phần phối hợp của phòng bạn (1):\n• I.1 · Rà soát thủ tục hành chính — hạn 31/12/2026 (còn 7 ngày) (chủ trì: Phòng Tổ chức - Hành chính)\nPhòng bạn xong phần của mình thì gõ: xong phần phối hợp I.1",
    );
    expect(await t.db.reminderLog.count({ where: { kind: "coordinate" } })).toBe(1);
    await scheduler(t.db).tick(local("2026-12-28", "08:00"));
    expect(await t.db.reminderLog.count({ where: { kind: "coordinate" } })).toBe(1);
  });

  it("a part already reported is never reminded", async () => {
    const occurrence = await t.db.occurrence.findFirstOrThrow({ where: { task: { ref: "I.1" } } });
    const pharmacy = await t.db.department.findFirstOrThrow({ where: { name: "Khoa Dược" } });
    const chi = await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.chi.name } });
    await t.db.coordinationReport.create({
      data: {
        occurrenceId: occurrence.id,
        departmentId: pharmacy.id,
        staffId: chi.id,
        channel: "telegram",
        createdAt: local("2026-12-01", "09:00"),
      },
    });
    await scheduler(t.db).tick(local("2026-12-24", "08:00"));
    expect(await t.db.reminderLog.count({ where: { kind: "coordinate" } })).toBe(0);
  });

  it("two scheduler processes on one database decide each reminder once", async () => {
    // Two processes, as in production: in one process two SQLite connections would wait on each other.
    const run = () =>
      new Promise<{ decided: number; messages: number }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", path.join(ROOT, "test/helpers/tick.ts"), t.url, UNIT, "2026-11-25T01:00:00Z"],
          { cwd: ROOT },
        );
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        child.on("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(out)),
        );
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.messages + b.messages).toBe(3);
    expect(await t.db.outbox.count()).toBe(3);
    const keys = await t.db.reminderLog.findMany({ select: { key: true } });
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
    expect(a.decided + b.decided).toBe(keys.length);
  });

  it("a restart in the middle of a send: the interrupted message is not sent again, one only claimed goes, the rest go once", async () => {
    await scheduler(t.db).tick(local("2026-11-25", "08:00"));
    const interrupted = await claimNext(t.db, local("2026-11-25", "08:01"));
    expect(interrupted).not.toBeNull();
    // Its request had left when the process died.
    await markSending(t.db, interrupted!.id, local("2026-11-25", "08:01"));
    // This one was claimed and waiting for its turn: it never left.
    expect(await claimNext(t.db, local("2026-11-25", "08:01"))).not.toBeNull();
    const sent: { channel: ChannelName; chatId: string }[] = [];
    const sender = new OutboxSender(
      t.db,
      async (channel, chatId) => (sent.push({ channel, chatId }), { messageId: String(sent.length) }),
      fixedClock("2026-11-25T01:01:00Z"),
      logger,
      ["telegram"],
    );
    await sender.recover();
    await sender.drain();
    await sender.drain();
    expect(sent).toHaveLength(2);
    const rows = await t.db.outbox.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["UNKNOWN", "SENT", "SENT"]);
    // Sent side by side: which of the two went first is not fixed.
    expect(
      rows
        .slice(1)
        .map((r) => [r.channel, r.messageId])
        .sort(),
    ).toEqual([
      ["telegram", "1"],
      ["telegram", "2"],
    ]);
  });

  it("catch-up after a week down: one combined message per person, only the latest step per task", async () => {
    await scheduler(t.db).tick(local("2026-12-22", "08:00"));
    await t.db.outbox.deleteMany();
    // Down from 23/12 to the morning of 31/12: the 7-day, 1-working-day and Monday reminders were missed.
    const r = await scheduler(t.db).tick(local("2026-12-31", "08:00"));
    expect(r.messages).toBe(2);
    const logs = await t.db.reminderLog.findMany({
      where: { decidedAt: local("2026-12-31", "08:00") },
      orderBy: { id: "asc" },
    });
    const sentTo = async (phone: string) => {
      const id = (await t.db.staff.findFirstOrThrow({ where: { phone: e164(phone) } })).id;
      return logs
        .filter((l) => l.recipientId === id && l.outcome === "SENT")
        .map((l) => l.kind)
        .sort();
    };
    expect(await sentTo(PEOPLE.an.phone)).toEqual(["due", "due", "overdue", "weekly"]);
    // Khoa Dược's part in I.1 too: its one reminder, missed while down, comes with the rest.
    expect(await sentTo(PEOPLE.chi.phone)).toEqual(["coordinate", "due", "weekly"]);
    expect(
      logs
        .filter((l) => l.outcome === "SKIPPED")
        .map((l) => l.kind)
        .sort(),
    ).toEqual(["before", "before", "before", "dueSoon", "dueSoon", "dueSoon", "overdue", "overdue"]);
    const message = (await t.db.outbox.findMany())
      .map((o) => (JSON.parse(o.payload) as { text: string }).text)
      .find((x) => x.includes("I.5"))!;
    // Due today leads; the weekly digest lists what is coming and only counts what is already late.
    expect(message.split("\n")).toEqual([
      "⏰ Nhắc việc CCHC (3):",
      "• I.1 · Rà soát thủ tục hành chính — ⏰ hạn hôm nay 31/12/2026",
      "• I.2 · Báo cáo CCHC năm — ⏰ hạn hôm nay 31/12/2026",
      "• I.5 · Lập kế hoạch kiểm tra công vụ — 🔴 quá hạn 77 ngày (hạn 15/10/2026)",
      "",
      "🗓 Việc của bạn sắp đến hạn:",
      "• I.1 · Rà soát thủ tục hành chính — ⏰ hạn hôm nay 31/12/2026",
      "• I.2 · Báo cáo CCHC năm — ⏰ hạn hôm nay 31/12/2026",
      "🔴 Ngoài ra còn 1 nhiệm vụ đã quá hạn (/nhiemvu).",
    ]);
  });

  it("blocked work carries ⛔ in reminder lists, the leaders' escalation included", async () => {
    await t.db.assignment.updateMany({
      where: { occurrence: { task: { ref: "I.5" } } },
      data: { status: "BLOCKED", blockerReason: "thiếu người" },
    });
    await scheduler(t.db).tick(local("2026-11-25", "08:00"));
    const texts = (await t.db.outbox.findMany()).map((o) => (JSON.parse(o.payload) as { text: string }).text);
    expect(texts.find((x) => x.startsWith("🚨"))).toContain(
      "• ⛔ I.5 · Lập kế hoạch kiểm tra công vụ — Nguyễn Văn An, trễ 41 ngày",
    );
    expect(texts.find((x) => x.startsWith("📌") && x.includes("I.5"))).toContain(
      "• ⛔ I.5 · Lập kế hoạch kiểm tra công vụ — 🔴 quá hạn 41 ngày",
    );
  });

  it("no tick does anything outside working hours", async () => {
    for (const [day, hhmm] of [
      ["2026-11-25", "07:00"],
      ["2026-11-25", "18:00"],
      ["2026-11-28", "10:00"],
      ["2026-09-02", "10:00"],
    ] as const) {
      expect(await scheduler(t.db).tick(local(day, hhmm))).toEqual({ decided: 0, messages: 0 });
    }
    expect(await t.db.reminderLog.count()).toBe(0);
  });
});

describe("a year of the Yên Bái plan, hour by hour", () => {
  let t: TestDb;
  beforeEach(async () => (t = await freshDb()));
  afterEach(async () => t.close());

  // Over 20 s alone (25–30 s; 45 s on Postgres with the other core busy): 8,760 ticks, a year hour by hour, are
  // what shows each reminder once across holidays, quiet hours and the plan's own calendar. Hence its own limit.
  it("sends each planned reminder once and nothing in quiet hours or on holidays", { timeout: 180_000 }, async () => {
    const unitName = "TTYT Yên Bái";
    const { importPlanFile, importRosterFile } = await import("../../src/import/imports.ts");
    const { example } = await import("../helpers/db.ts");
    const start = local("2026-01-01", "00:00");
    await importRosterFile(t.db, { file: example("yen-bai-2026-staff.csv"), unitName, now: start });
    await importPlanFile(t.db, { file: example("yen-bai-2026-plan.csv"), unitName, year: 2026, now: start });
    const admin = await t.db.staff.update({
      where: { unitId_phone: { unitId: 1, phone: "+84987654303" } },
      data: { role: "ADMIN" },
    });
    const staff = await t.db.staff.findMany();
    for (const s of staff)
      await t.db.chatIdentity.create({
        data: { platform: "telegram", externalId: String(s.id), chatId: String(s.id), staffId: s.id },
      });

    // Who keeps what open: B.I.1's first quarter all year (recurring), B.IV.5's second quarter until 15/7.
    const keepOpen = async (ref: string, dueDate: string) =>
      (await t.db.assignment.findMany({ where: { occurrence: { dueDate, task: { ref } } }, select: { id: true } })).map(
        (a) => a.id,
      );
    const openAllYear = new Set(await keepOpen("B.I.1", "2026-03-31"));
    const openUntilJuly = new Set(await keepOpen("B.IV.5", "2026-06-30"));
    expect([openAllYear.size, openUntilJuly.size]).toEqual([1, 1]);

    const s = scheduler(t.db, unitName);
    const ctx = await loadReminderContext(t.db, unitName, TZ, 2026);
    let ticks = 0;
    for (let hour = 0; hour < 365 * 24; hour++) {
      const now = new Date(start.getTime() + hour * 3_600_000);
      await s.tick(now);
      ticks++;
      const { day, minute } = localTime(now, TZ);
      // Diligent staff finish on the due day at 10:00; the two exceptions above do not.
      if (minute === 600) {
        const due = await t.db.assignment.findMany({
          where: { status: { not: "DONE" }, occurrence: { dueDate: day } },
          select: { id: true },
        });
        const done = due.map((a) => a.id).filter((id) => !openAllYear.has(id) && !openUntilJuly.has(id));
        if (day === "2026-07-15") done.push(...openUntilJuly);
        await t.db.assignment.updateMany({ where: { id: { in: done } }, data: { status: "DONE" } });
      }
    }
    expect(ticks).toBe(8760);

    const logs = await t.db.reminderLog.findMany();
    const count = (kind: string) => logs.filter((l) => l.kind === kind && l.outcome === "SENT").length;
    const assignments = await t.db.assignment.findMany({ include: { occurrence: { include: { task: true } } } });
    const recurring = assignments.filter((a) => a.occurrence.task.recurrence !== "NONE").length;
    const once = assignments.length - recurring;
    // One-off: A.1 (Q1, Q2; two lead departments), B.II.1 (Q1–IV), B.IV.5 (Q2, IV).
    expect([assignments.length, recurring, once]).toEqual([198, 188, 10]);
    expect({
      assigned: count("assigned"),
      before: count("before"),
      dueSoon: count("dueSoon"),
      due: count("due"),
      overdue: count("overdue"),
      escalateHead: count("escalateHead"),
      escalateLeaders: count("escalateLeaders"),
      report: count("report"),
    }).toEqual({
      assigned: 198,
      // Recurring occurrences: once, 7 days before. One-off ones: 7 days and 1 working day before, and on the day.
      before: recurring + once,
      dueSoon: once,
      due: once,
      // B.IV.5 (due Tue 30/6) open until 15/7: 2/7, 6/7, 8/7, 10/7, 14/7.
      overdue: 5,
      // B.I.1 Q1 and B.IV.5 Q2 belong to the head of Tổ chức - Hành chính: his deputy hears, then both leaders.
      escalateHead: 2,
      escalateLeaders: 4,
      // Four reports, each 3 working days before and on the day, to the one admin.
      report: 8,
    });
    expect(logs.filter((l) => l.kind === "report").every((l) => l.recipientId === admin.id)).toBe(true);
    expect(logs.filter((l) => l.outcome === "SKIPPED")).toEqual([]);
    // Nothing decided, nothing queued, outside 07:30–17:30 on working days.
    for (const l of logs) expect(isWorkingTime(l.decidedAt, ctx.calendar), l.key).toBe(true);
    const outbox = await t.db.outbox.findMany();
    for (const o of outbox) expect(isWorkingTime(o.createdAt, ctx.calendar)).toBe(true);
    // Mondays' digests: exactly one per person per week at most.
    const weekly = logs.filter((l) => l.kind === "weekly");
    expect(new Set(weekly.map((l) => l.key)).size).toBe(weekly.length);
    expect(weekly.length).toBeGreaterThan(0);
  });
});
