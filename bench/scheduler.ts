/**
 * Scheduler decision time over 50,000 open assignments in 200 departments,
 * next to a plain SQL count of the same rows (the floor: reading them at all).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { addCalendarDays, at } from "../src/domain/workdays.ts";
import { partHorizonDays, planReminders, reminderHorizonDays } from "../src/domain/reminders.ts";
import { createLogger } from "../src/logger.ts";
import { Scheduler } from "../src/scheduler/scheduler.ts";
import { loadReminderContext } from "../src/store/settings/calendar.ts";
import { loadLoggedKeys, loadReminderInput } from "../src/store/reminders/reminders.ts";
import { coordinationDue } from "../src/store/coordination/coordination.ts";
import { bigUnit, DEPARTMENTS, TASKS } from "./fixtures.ts";
import { median } from "./util.ts";

const TZ = "Asia/Ho_Chi_Minh";

export async function benchScheduler(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-scheduler-"));
  try {
    const { db } = await bigUnit(dir);
    const count: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await db.$queryRaw`SELECT COUNT(*) AS n FROM "Assignment" a JOIN "Occurrence" o ON o."id" = a."occurrenceId" JOIN "Task" t ON t."id" = o."taskId" WHERE a."status" != 'DONE' AND o."removedAt" IS NULL AND t."removedAt" IS NULL`;
      count.push(performance.now() - t0);
    }
    const scheduler = new Scheduler({
      db,
      clock: { now: () => new Date() },
      logger: createLogger("silent"),
      unitName: "Bench",
      tz: TZ,
      defaultLocale: "vi",
    });
    // The first working morning: every assignment announced, one message per head.
    const first = at("2026-01-05", "08:00", TZ);
    const t0 = performance.now();
    const r = await scheduler.tick(first);
    const firstMs = performance.now() - t0;
    // A day in March: the 7-day reminders of the first quarter, escalations, the rest already decided.
    const days = ["2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-30"];
    const ticks: number[] = [];
    const loads: number[] = [];
    const plans: number[] = [];
    const parts: number[] = [];
    let partCount = 0;
    let inputCount = 0;
    for (const day of days) {
      const now = at(day, "09:00", TZ);
      const ctx = await loadReminderContext(db, "Bench", TZ, 2026);
      const a = performance.now();
      const input = await loadReminderInput(db, "Bench", {
        today: day,
        partsUntil: addCalendarDays(day, partHorizonDays(ctx.settings)),
        dueUntil: addCalendarDays(day, reminderHorizonDays(ctx.settings)),
      });
      const b = performance.now();
      inputCount = input.assignments.length;
      const logged = await loadLoggedKeys(db);
      const c = performance.now();
      planReminders({
        now,
        settings: ctx.settings,
        calendar: ctx.calendar,
        assignments: input.assignments,
        logged,
        leaders: input.leaders,
        admins: input.admins,
        parts: input.parts,
      });
      plans.push(performance.now() - c);
      const p0 = performance.now();
      partCount = (await coordinationDue(db, 1, { from: day, to: addCalendarDays(day, partHorizonDays(ctx.settings)) }))
        .length;
      parts.push(performance.now() - p0);
      loads.push(b - a);
      const t1 = performance.now();
      await scheduler.tick(at(day, "08:00", TZ));
      ticks.push(performance.now() - t1);
    }
    console.log(`\nscheduler: ${TASKS * 4} open assignments, ${DEPARTMENTS} departments`);
    console.log(`  plain SQL count of the rows (baseline)   ${median(count).toFixed(1).padStart(8)} ms`);
    console.log(`  tick, steady day (median of ${days.length})          ${median(ticks).toFixed(1).padStart(8)} ms`);
    console.log(
      `    of which: load input ${median(loads).toFixed(1)} ms (${inputCount} assignments due within the horizon or not yet announced), plan (pure) ${median(plans).toFixed(1)} ms`,
    );
    console.log(`    coordinating parts still due (${partCount} parts), read alone ${median(parts).toFixed(1)} ms`);
    console.log(`  first tick: ${r.decided} decisions, ${r.messages} messages  ${firstMs.toFixed(1).padStart(8)} ms`);
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
