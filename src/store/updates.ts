/**
 * Which incoming updates were already taken in hand, kept in the database so
 * a restart does not forget: Telegram redelivers whatever it had not seen
 * confirmed before a crash.
 */
import type { Db } from "./db.ts";
import { sqlTimestamp } from "./sql.ts";

/** How long an update id is remembered; Telegram keeps an unconfirmed update for 24 hours. */
export const REMEMBER_UPDATES_MS = 3 * 24 * 3600_000;

/**
 * Takes an update in hand: true the first time, false for a redelivery.
 * Recorded before the update is handled, so a crash in the middle loses that
 * one message (the person sends it again) rather than doing it twice.
 */
export async function takeUpdate(db: Db, id: string, now: Date): Promise<boolean> {
  const inserted = await db.$executeRaw`INSERT INTO "ProcessedUpdate" ("id", "at") VALUES (${id}, ${sqlTimestamp(now)}) ON CONFLICT ("id") DO NOTHING`;
  return inserted === 1;
}

export async function forgetOldUpdates(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "ProcessedUpdate" WHERE "at" < ${sqlTimestamp(new Date(now.getTime() - REMEMBER_UPDATES_MS))}`;
}
