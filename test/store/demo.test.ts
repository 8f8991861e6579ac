/**
 * The first run's example unit, living its year: a history relative to
 * today, marked as demo data, never laid over real data, and removed by one
 * command for good.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/demo/seed.ts";
import { translator } from "../../src/i18n.ts";
import { importPlanFile } from "../../src/import/imports.ts";
import { PROJECT_ROOT } from "../../src/store/db/migrate.ts";
import { demoState, removeDemo } from "../../src/store/plan/demo.ts";
import { eachTestDb } from "../helpers/db.ts";

const t = eachTestDb();
const vi = translator("vi");
const UNIT = "Đơn vị";
const NOW = new Date("2026-12-05T02:00:00Z");
const demo = () => seedDemo(t.db, vi, { unitName: UNIT, year: 2026, now: NOW, tz: "Asia/Ho_Chi_Minh" });

describe("the demo unit", () => {
  it("is in the middle of its year: most past work done, some late, some overdue, two blocked, indicators and a notice read by most", async () => {
    const h = await demo();
    expect(await demoState(t.db)).toBe("seeded");
    const byStatus = Object.fromEntries(
      (await t.db.assignment.groupBy({ by: ["status"], _count: true })).map((g) => [g.status, g._count]),
    );
    expect(h.blocked).toBe(2);
    expect(byStatus.BLOCKED).toBe(2);
    expect(h.done).toBeGreaterThan(3 * h.late);
    expect(h.late).toBeGreaterThan(0);
    expect(h.overdue).toBeGreaterThan(0);
    expect(h.done + h.late).toBeGreaterThan(4 * h.overdue);
    // Nothing is done in the future, and every blocked share says why.
    const done = await t.db.assignment.findMany({ where: { status: "DONE" }, select: { doneAt: true } });
    expect(done.every((a) => a.doneAt! <= NOW)).toBe(true);
    const blocked = await t.db.assignment.findMany({ where: { status: "BLOCKED" }, select: { blockerReason: true } });
    expect(blocked.every((a) => (a.blockerReason ?? "").length > 10)).toBe(true);
    expect(h.indicatorReports).toBeGreaterThan(10);
    const notice = await t.db.outbox.findMany({ where: { kind: "broadcast" }, select: { readAt: true } });
    const read = notice.filter((o) => o.readAt).length;
    expect(read / notice.length).toBeGreaterThan(0.6);
    expect(read).toBeLessThan(notice.length);
    expect(await t.db.evidence.count()).toBeGreaterThan(10);
    // The criteria it scores itself by at the year's close.
    expect(await t.db.criterion.count()).toBe(41);
  });

  it("is removed by one command and stays out; real data is never removed as demo", async () => {
    await demo();
    expect(await removeDemo(t.db)).toBe("removed");
    for (const count of [
      t.db.staff.count(),
      t.db.plan.count(),
      t.db.assignment.count(),
      t.db.outbox.count(),
      t.db.criteriaSet.count(),
    ])
      expect(await count).toBe(0);
    expect(await demoState(t.db)).toBe("removed");
    expect(await removeDemo(t.db)).toBe("notDemo");

    // Seeded again (say on another database), then a real plan imported: it is the unit's own now.
    await t.db.unitSetting.deleteMany();
    await demo();
    await importPlanFile(t.db, {
      file: path.join(PROJECT_ROOT, "examples", "yen-bai-2026-plan.xlsx"),
      unitName: UNIT,
      year: 2026,
      now: NOW,
    });
    expect(await demoState(t.db)).toBe("none");
    expect(await removeDemo(t.db)).toBe("notDemo");
    expect(await t.db.plan.count()).toBe(1);
  });
});
