import fs from "node:fs";
import path from "node:path";
import type { App } from "../app.ts";
import { dayOf } from "../domain/calendar.ts";
import type { Logger } from "../logger.ts";
import { nightlyBackup, pidFile } from "../store/db/backup.ts";

/**
 * SQLite only (Postgres is backed up with pg_dump, README, and several
 * processes may share it): the pid file a restore checks, and the nightly
 * copy, looked at hourly so the first check of each local day makes that
 * day's copy (7 daily and 4 weekly are kept).
 */
export function startBackups(app: App, logger: Logger): { stop(): void } {
  const file = app.config.databasePath;
  if (!file) return { stop() {} };
  fs.writeFileSync(pidFile(file), String(process.pid), { mode: 0o600 });
  const backUp = () =>
    nightlyBackup(file, path.join(app.config.dataDir, "backups"), dayOf(app.clock.now(), app.config.tz)).then(
      (r) => r && logger.info({ file: r.file, bytes: r.bytes, staff: r.staff }, "nightly backup made"),
      (err: unknown) => logger.error({ err }, "nightly backup failed"),
    );
  void backUp();
  const timer = setInterval(() => void backUp(), 3600_000);
  return {
    stop() {
      clearInterval(timer);
      fs.rmSync(pidFile(file), { force: true });
    },
  };
}
