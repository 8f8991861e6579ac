import { describe, expect, it } from "vitest";
import { finishOutbox } from "../../src/store/delivery/outbox.ts";
import { recordManyDecisions } from "../../src/store/reminders/reminders.ts";
import { queueDepth } from "../../src/store/db/db.ts";
import { seedSmallPlan, NOW } from "../helpers/bot.ts";
import { eachTestDb } from "../helpers/db.ts";

const t = eachTestDb(seedSmallPlan);

const now = new Date(NOW);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("one unit of work never rides in another's transaction", () => {
  it("a message marked SENT while a failing transaction is open stays SENT", async () => {
    const an = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000001" } });
    const box = await t.db.outbox.create({
      data: { staffId: an.id, kind: "test", payload: "{}", createdAt: now, status: "SENDING" },
    });
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const failing = t.db.$transaction(async (tx) => {
      await tx.unitSetting.create({ data: { unitId: an.unitId, key: "probe", value: "1" } });
      opened();
      // The sender's write is issued here, while this transaction is open.
      await pause(30);
      throw new Error("the transaction fails");
    });
    await open;
    const sent = finishOutbox(t.db, box.id, { status: "SENT", channel: "telegram", messageId: "7", now });
    await expect(failing).rejects.toThrow("the transaction fails");
    await sent;
    expect((await t.db.outbox.findUniqueOrThrow({ where: { id: box.id } })).status).toBe("SENT");
    expect(await t.db.unitSetting.count({ where: { key: "probe" } })).toBe(0);
  });

  it("recordManyDecisions failing half-way keeps a concurrent status change and drops only its own rows", async () => {
    const an = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000001" } });
    const box = await t.db.outbox.create({
      data: { staffId: an.id, kind: "test", payload: "{}", createdAt: now, status: "SENDING" },
    });
    const decisions = [{ key: "probe:1", kind: "weekly" as const, recipientId: an.id, scheduledAt: now }];
    const recording = recordManyDecisions(t.db, {
      recipients: [
        {
          recipientId: an.id,
          kind: "weekly",
          decisions,
          render: () => {
            throw new Error("render failed");
          },
        },
      ],
      now,
    });
    const sent = finishOutbox(t.db, box.id, { status: "SENT", now });
    await expect(recording).rejects.toThrow("render failed");
    await sent;
    expect((await t.db.outbox.findUniqueOrThrow({ where: { id: box.id } })).status).toBe("SENT");
    expect(await t.db.reminderLog.count({ where: { key: "probe:1" } })).toBe(0);
  });

  it("batched and interactive transactions and single writes all finish under load, and the queue empties", async () => {
    const an = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000001" } });
    const work = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? t.db.$transaction([
            t.db.unitSetting.create({ data: { unitId: an.unitId, key: `b${i}`, value: "1" } }),
            t.db.unitSetting.count(),
          ])
        : i % 3 === 1
          ? t.db.$transaction(async (tx) =>
              tx.unitSetting.create({
                data: { unitId: an.unitId, key: `i${i}`, value: String(await tx.unitSetting.count()) },
              }),
            )
          : t.db.unitSetting.create({ data: { unitId: an.unitId, key: `s${i}`, value: "1" } }),
    );
    await Promise.all(work);
    expect(await t.db.unitSetting.count({ where: { key: { in: work.map((_, i) => `${"bis"[i % 3]}${i}`) } } })).toBe(
      60,
    );
    expect(queueDepth(t.db)).toBe(0);
  });
});
