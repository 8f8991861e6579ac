import fs from "node:fs"; import os from "node:os"; import path from "node:path";
import { bigUnit } from "../fixtures.ts";
import { loadReminderInput, loadLoggedKeys } from "../../src/store/reminders/reminders.ts";
import { loadReminderContext } from "../../src/store/settings/calendar.ts";
import { planReminders } from "../../src/domain/reminders.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { createLogger } from "../../src/logger.ts";
import { at } from "../../src/domain/workdays.ts";
const TZ = "Asia/Ho_Chi_Minh";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-"));
const { db } = await bigUnit(dir);
const scheduler = new Scheduler({ db, clock: { now: () => new Date() }, logger: createLogger("silent"), unitName: "Bench", tz: TZ, defaultLocale: "vi" });
await scheduler.tick(at("2026-01-05", "08:00", TZ));
await scheduler.tick(at("2026-03-24", "08:00", TZ));
const ctx = await loadReminderContext(db, "Bench", TZ, 2026);
const input = await loadReminderInput(db, "Bench", { from: "2026-03-25", to: "2026-04-09" }, "2026-04-11");
const logged = await loadLoggedKeys(db);
console.log("rows", input.assignments.length, "logged", logged.size);
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const d = planReminders({ now: at("2026-03-25", "09:00", TZ), settings: ctx.settings, calendar: ctx.calendar, assignments: input.assignments, logged, leaders: input.leaders, admins: input.admins, parts: input.parts });
  console.log("plan", d.length, (performance.now() - t).toFixed(1));
}
for (let i = 0; i < 3; i++) { const t = performance.now(); await scheduler.tick(at("2026-03-25", "08:00", TZ)); console.log("tick", (performance.now() - t).toFixed(1)); }
await db.$disconnect(); fs.rmSync(dir, { recursive: true });
