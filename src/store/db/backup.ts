/**
 * Backups of the SQLite file: SQLite's online backup API (better-sqlite3's
 * `.backup()`), which copies a consistent state while the bot writes. A plain
 * `cp` of a live WAL database can miss everything still in the WAL (a copy
 * with 0 of 16 staff was seen).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { UserError } from "../../errors.ts";
import { privateDatabase, privateDir } from "./files.ts";

export interface BackupResult {
  file: string;
  bytes: number;
  staff: number;
  tasks: number;
}

/** What a database holds, after `PRAGMA quick_check`; throws a UserError naming the file when it is not a sound database. */
export function checkDatabase(file: string): { staff: number; tasks: number } {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare("PRAGMA quick_check").all() as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]!.quick_check !== "ok")
      throw UserError.of("db.corrupt", {
        file,
        detail: rows
          .map((r) => r.quick_check)
          .slice(0, 3)
          .join("; "),
      });
    const has = (table: string) =>
      Boolean(db!.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table));
    const count = (table: string) =>
      has(table) ? Number((db!.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n) : 0;
    return { staff: count("Staff"), tasks: count("Task") };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw UserError.of("db.corrupt", { file, detail: String((e as Error).message ?? e) });
  } finally {
    db?.close();
  }
}

/** A consistent copy of the live database at `dest` (0600), checked after it is written. */
export async function backupDatabase(databasePath: string, dest: string): Promise<BackupResult> {
  if (!fs.existsSync(databasePath)) throw UserError.of("db.missing", { file: databasePath });
  privateDir(path.dirname(dest));
  const tmp = `${dest}.part`;
  const source = new Database(databasePath, { fileMustExist: true });
  try {
    await source.backup(tmp);
  } finally {
    source.close();
  }
  fs.chmodSync(tmp, 0o600);
  // A copy is one self-contained file: in WAL mode every open would leave -wal and -shm beside it.
  const copy = new Database(tmp);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const counts = checkDatabase(tmp);
  fs.renameSync(tmp, dest);
  return { file: dest, bytes: fs.statSync(dest).size, ...counts };
}

const BACKUP_NAME = /^cchc-(\d{4}-\d\d-\d\d)\.db$/;

/** The nightly file's name for a local day. */
export function nightlyName(day: string): string {
  return `cchc-${day}.db`;
}

/**
 * Which nightly backups to keep: the 7 newest days, and the newest of each of
 * the 4 weeks before them. Pure, on names, so a test can walk a year.
 */
export function backupsToDelete(names: readonly string[], keepDays = 7, keepWeeks = 4): string[] {
  const dated = names
    .map((n) => ({ n, day: BACKUP_NAME.exec(n)?.[1] }))
    .filter((x): x is { n: string; day: string } => Boolean(x.day));
  dated.sort((a, b) => b.day.localeCompare(a.day));
  const keep = new Set(dated.slice(0, keepDays).map((x) => x.n));
  const weeks = new Set<string>();
  for (const x of dated.slice(keepDays)) {
    const week = mondayOf(x.day);
    if (weeks.has(week) || weeks.size >= keepWeeks) continue;
    weeks.add(week);
    keep.add(x.n);
  }
  return dated.filter((x) => !keep.has(x.n)).map((x) => x.n);
}

function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Makes tonight's backup if it is not there yet, then thins the folder out. Returns the new file, or null. */
export async function nightlyBackup(databasePath: string, dir: string, day: string): Promise<BackupResult | null> {
  const file = path.join(dir, nightlyName(day));
  if (fs.existsSync(file)) return null;
  const result = await backupDatabase(databasePath, file);
  for (const old of backupsToDelete(fs.readdirSync(dir))) fs.rmSync(path.join(dir, old), { force: true });
  return result;
}

/** The bot writes its process id here while it runs, so a restore can refuse. */
export function pidFile(databasePath: string): string {
  return path.join(path.dirname(databasePath), "bot.pid");
}

export function runningBot(databasePath: string): number | null {
  const file = pidFile(databasePath);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * Puts a backup in place of the database, after checking it. Refuses while the
 * bot runs (it would go on writing to the file being replaced). The database
 * it replaces is kept beside it.
 */
export function restoreDatabase(
  databasePath: string,
  backup: string,
  stamp: string,
): { kept: string | null; staff: number; tasks: number } {
  const pid = runningBot(databasePath);
  if (pid !== null) throw UserError.of("db.restoreWhileRunning", { pid });
  const counts = checkDatabase(backup);
  privateDir(path.dirname(databasePath));
  let kept: string | null = null;
  if (fs.existsSync(databasePath)) {
    // Folds the WAL into the file first, so the kept copy is whole.
    const old = new Database(databasePath);
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
    kept = `${databasePath}.before-restore-${stamp}`;
    fs.renameSync(databasePath, kept);
  }
  for (const f of [`${databasePath}-wal`, `${databasePath}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(backup, databasePath);
  privateDatabase(databasePath);
  return { kept, ...counts };
}
