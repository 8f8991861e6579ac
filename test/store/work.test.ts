import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changeStatus } from "../../src/store/work/status.ts";
import { openWork } from "../../src/store/work/open-work.ts";
import { seedSmallPlan, NOW } from "../helpers/bot.ts";
import { freshDb, onPostgres, type TestDb } from "../helpers/db.ts";

let t: TestDb;
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
});
afterEach(async () => t.close());

const now = new Date(NOW);
const base = { channel: "test", now } as const;

describe.skipIf(onPostgres)("SQLite settings", () => {
  it("WAL, synchronous NORMAL, foreign keys on", async () => {
    expect(await t.db.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    expect(await t.db.$queryRawUnsafe("PRAGMA synchronous")).toEqual([{ synchronous: 1n }]);
    expect(await t.db.$queryRawUnsafe("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1n }]);
  });
});

describe("status changes written together", () => {
  it("concurrent changes to different assignments all take, each with its history row", async () => {
    const an = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000001" } });
    const items = await openWork(t.db, an.id);
    const results = await Promise.all(
      items.map((i) =>
        changeStatus(t.db, { ...base, assignmentId: i.assignmentId, staffId: an.id, from: "NOT_STARTED", to: "DONE" }),
      ),
    );
    expect(results).toEqual(items.map(() => true));
    expect(await t.db.statusUpdate.count()).toBe(items.length);
    expect(await t.db.assignment.count({ where: { staffId: an.id, status: "DONE" } })).toBe(items.length);
  });

  it("two changes to one assignment at once: the second sees the first and loses; a stale one writes nothing", async () => {
    const an = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000001" } });
    const [item] = await openWork(t.db, an.id);
    const change = { ...base, assignmentId: item!.assignmentId, staffId: an.id, from: "NOT_STARTED" as const };
    const [a, b] = await Promise.all([
      changeStatus(t.db, { ...change, to: "IN_PROGRESS" }),
      changeStatus(t.db, { ...change, to: "DONE" }),
    ]);
    expect([a, b]).toEqual([true, false]);
    expect(await changeStatus(t.db, { ...change, to: "BLOCKED", reason: "x" })).toBe(false);
    const history = await t.db.statusUpdate.findMany();
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([["NOT_STARTED", "IN_PROGRESS"]]);
    const row = await t.db.assignment.findUniqueOrThrow({ where: { id: item!.assignmentId } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", blockerReason: null, doneAt: null });
  });

  it("done records when; blocked records why; both read back through Prisma", async () => {
    const chi = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000003" } });
    const [item] = await openWork(t.db, chi.id);
    expect(
      await changeStatus(t.db, {
        ...base,
        assignmentId: item!.assignmentId,
        staffId: chi.id,
        from: "NOT_STARTED",
        to: "BLOCKED",
        reason: "thiếu người",
      }),
    ).toBe(true);
    expect(await t.db.assignment.findUniqueOrThrow({ where: { id: item!.assignmentId } })).toMatchObject({
      status: "BLOCKED",
      blockerReason: "thiếu người",
    });
    expect(
      await changeStatus(t.db, {
        ...base,
        assignmentId: item!.assignmentId,
        staffId: chi.id,
        from: "BLOCKED",
        to: "DONE",
      }),
    ).toBe(true);
    const done = await t.db.assignment.findUniqueOrThrow({ where: { id: item!.assignmentId } });
    expect(done).toMatchObject({ status: "DONE", blockerReason: null });
    expect(done.doneAt?.toISOString()).toBe(now.toISOString());
  });
});
