/**
 * Scheduler decision time over 50,000 open assignments in 200 departments,
 * next to a plain SQL count of the same rows (the floor: reading them at all).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { at } from "../src/domain/workdays.ts";
import { planReminders } from "../src/domain/reminders.ts";
import { createLogger } from "../src/logger.ts";
import { Scheduler } from "../src/scheduler/scheduler.ts";
import { loadReminderContext } from "../src/store/calendar.ts";
import { openDb } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { loadLoggedKeys, loadReminderInput } from "../src/store/reminders.ts";
import { insertRows, sqlTimestamp } from "../src/store/sql.ts";
import { median } from "./util.ts";

const DEPARTMENTS = 200;
const TASKS = 12_500;
const DUES = ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"];
const TZ = "Asia/Ho_Chi_Minh";

export async function benchScheduler(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-scheduler-"));
  try {
    const file = path.join(dir, "s.db");
    migrate(file);
    const db = await openDb(file);
    const created = sqlTimestamp(new Date("2026-01-02T01:00:00Z"));
    await db.unit.create({ data: { name: "Bench" } });
    await insertRows(db, "Department", ["unitId", "name", "key"], Array.from({ length: DEPARTMENTS }, (_, d) => [1, `Phòng ${d + 1}`, `phong ${d + 1}`]));
    await insertRows(db, "Staff", ["unitId", "name", "phone", "departmentId", "role", "active", "createdAt", "updatedAt"], Array.from({ length: DEPARTMENTS }, (_, d) => [1, `Trưởng ${d + 1}`, `+8491${String(d).padStart(7, "0")}`, d + 1, "DEPT_HEAD", 1, created, created]));
    await insertRows(db, "ChatIdentity", ["platform", "externalId", "chatId", "staffId", "linkedAt"], Array.from({ length: DEPARTMENTS }, (_, d) => ["telegram", String(d + 1), String(d + 1), d + 1, created]));
    await db.plan.create({ data: { unitId: 1, year: 2026, title: "Bench", sourceFile: "bench" } });
    await insertRows(db, "Task", ["planId", "ref", "code", "content", "recurrence", "onDemand", "position"], Array.from({ length: TASKS }, (_, k) => [1, `T.${k + 1}`, String(k + 1), `Nhiệm vụ ${k + 1}`, k % 2 ? "QUARTERLY" : "NONE", 0, k]));
    await insertRows(db, "TaskDepartment", ["taskId", "departmentId", "role"], Array.from({ length: TASKS }, (_, k) => [k + 1, (k % DEPARTMENTS) + 1, "LEAD"]));
    await insertRows(db, "Occurrence", ["taskId", "dueDate", "periodLabel"], Array.from({ length: TASKS * 4 }, (_, i) => [Math.floor(i / 4) + 1, DUES[i % 4]!, `2026-Q${(i % 4) + 1}`]));
    await insertRows(db, "Assignment", ["occurrenceId", "staffId", "status", "createdAt", "updatedAt"], Array.from({ length: TASKS * 4 }, (_, i) => [i + 1, (Math.floor(i / 4) % DEPARTMENTS) + 1, "NOT_STARTED", created, created]));

    const count: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await db.$queryRaw`SELECT COUNT(*) AS n FROM "Assignment" a JOIN "Occurrence" o ON o."id" = a."occurrenceId" JOIN "Task" t ON t."id" = o."taskId" WHERE a."status" != 'DONE' AND o."removedAt" IS NULL AND t."removedAt" IS NULL`;
      count.push(performance.now() - t0);
    }
    const scheduler = new Scheduler({ db, clock: { now: () => new Date() }, logger: createLogger("silent"), unitName: "Bench", tz: TZ, defaultLocale: "vi" });
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
    for (const day of days) {
      const now = at(day, "09:00", TZ);
      const a = performance.now();
      const input = await loadReminderInput(db, "Bench");
      const b = performance.now();
      const ctx = await loadReminderContext(db, "Bench", TZ, 2026);
      const logged = await loadLoggedKeys(db);
      const c = performance.now();
      planReminders({ now, settings: ctx.settings, calendar: ctx.calendar, assignments: input.assignments, logged, leaders: input.leaders, admins: input.admins });
      plans.push(performance.now() - c);
      loads.push(b - a);
      const t1 = performance.now();
      await scheduler.tick(at(day, "08:00", TZ));
      ticks.push(performance.now() - t1);
    }
    console.log(`\nscheduler: ${TASKS * 4} open assignments, ${DEPARTMENTS} departments`);
    console.log(`  plain SQL count of the rows (baseline)   ${median(count).toFixed(1).padStart(8)} ms`);
    console.log(`  tick, steady day (median of ${days.length})          ${median(ticks).toFixed(1).padStart(8)} ms`);
    console.log(`    of which: load input ${median(loads).toFixed(1)} ms, plan (pure) ${median(plans).toFixed(1)} ms`);
    console.log(`  first tick: ${r.decided} decisions, ${r.messages} messages  ${firstMs.toFixed(1).padStart(8)} ms`);
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
