/**
 * The data folder holds every phone number, the plan and, for Zalo, a login:
 * it and what is in it are readable by the bot's own user only.
 */
import fs from "node:fs";

export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** The database and its WAL companions, 0600 when they exist. */
export function privateDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}
