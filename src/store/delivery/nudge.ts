/**
 * Another process (the CLI's `broadcast send`) tells the running bot that
 * the outbox has work, without waiting for its drain timer: it touches a file
 * beside the SQLite database, which the bot watches. Postgres instances learn
 * of each other's writes through LISTEN/NOTIFY (changes.ts) instead.
 */
import fs from "node:fs";
import path from "node:path";

const SUFFIX = ".outbox-nudge";

/** The nudge file of a SQLite database (null for Postgres). */
function nudgeFile(databasePath: string | null): string | null {
  return databasePath ? `${databasePath}${SUFFIX}` : null;
}

/** Tells a bot running on this database to look at its outbox now; nothing happens when none runs. */
export function nudgeOutbox(databasePath: string | null): void {
  const file = nudgeFile(databasePath);
  if (!file) return;
  try {
    fs.writeFileSync(file, new Date().toISOString(), { mode: 0o600 });
  } catch {
    // The bot finds the rows on its timer anyway.
  }
}

/** Calls `onNudge` whenever another process nudges; returns how to stop watching. */
export function watchNudges(databasePath: string | null, onNudge: () => void): () => void {
  const file = nudgeFile(databasePath);
  if (!file) return () => {};
  try {
    const watcher = fs.watch(path.dirname(file), (_event, name) => {
      if (name === path.basename(file)) onNudge();
    });
    watcher.on("error", () => watcher.close());
    return () => watcher.close();
  } catch {
    return () => {};
  }
}
