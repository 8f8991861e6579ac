/**
 * What every entry point (the bot, the CLI, tests) needs: checked settings,
 * a migrated database, a translator and a clock.
 */
import fs from "node:fs";
import { checkDatabase } from "./store/db/backup.ts";
import type { Clock } from "./domain/calendar.ts";
import { shiftedClock, systemClock } from "./domain/calendar.ts";
import { loadDotenvFile, parseConfig, type Config } from "./config.ts";
import { translator, type Translate } from "./i18n.ts";
import { openDb, type Db } from "./store/db/db.ts";
import { migrateAny } from "./store/db/migrate.ts";

export interface App {
  config: Config;
  db: Db;
  t: Translate;
  clock: Clock;
  close(): Promise<void>;
}

export async function startApp(
  options: { env?: Record<string, string | undefined>; clock?: Clock; dotenv?: boolean } = {},
): Promise<App> {
  if (options.dotenv !== false) loadDotenvFile();
  const config = parseConfig(options.env ?? process.env, options.clock ?? systemClock);
  const clock = options.clock ?? (config.clockStart ? shiftedClock(config.clockStart) : systemClock);
  // A damaged file stops here with one line saying to restore, not with a stack trace from the first query.
  if (config.databasePath && fs.existsSync(config.databasePath)) checkDatabase(config.databasePath);
  await migrateAny(config.databaseUrl);
  const db = await openDb(config.databaseUrl);
  return { config, db, t: translator(config.locale), clock, close: () => db.$disconnect() };
}
