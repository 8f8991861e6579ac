/** One scheduler tick in its own process: `tick.ts <database url> <unit> <ISO instant>`; prints the result as JSON. */
import { fixedClock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { openDb } from "../../src/store/db/db.ts";

const [file, unitName, instant] = process.argv.slice(2) as [string, string, string];
const db = await openDb(file);
const s = new Scheduler({
  db,
  clock: fixedClock(instant),
  logger: createLogger("silent"),
  unitName,
  tz: "Asia/Ho_Chi_Minh",
  defaultLocale: "vi",
});
const result = await s.tick(new Date(instant));
await db.$disconnect();
process.stdout.write(`${JSON.stringify(result)}\n`);
