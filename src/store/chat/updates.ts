/**
 * Which incoming updates were already taken in hand, kept in the database so
 * a restart does not forget: Telegram redelivers whatever it had not seen
 * confirmed before a crash.
 */
import { Prisma } from "../../generated/prisma/client.ts";
import { Batcher } from "../db/batch.ts";
import type { Db } from "../db/db.ts";
import { sqlTimestamp } from "../db/sql.ts";

/** How long an update id is remembered; Telegram keeps an unconfirmed update for 24 hours. */
export const REMEMBER_UPDATES_MS = 3 * 24 * 3600_000;

/**
 * Takes an update in hand: true the first time, false for a redelivery.
 * Recorded before the update is handled, so a crash in the middle loses that
 * one message (the person sends it again) rather than doing it twice.
 */
export function takeUpdate(db: Db, id: string, now: Date): Promise<boolean> {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new Batcher((keys) => takeMany(db, keys))));
  return b.load({ id, at: sqlTimestamp(now) });
}

// Telegram hands over up to 100 updates at once: they are recorded in one statement.
const batchers = new WeakMap<Db, Batcher<{ id: string; at: string }, boolean>>();

async function takeMany(db: Db, keys: { id: string; at: string }[]): Promise<boolean[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "ProcessedUpdate" ("id", "at") VALUES ${Prisma.join(keys.map((k) => Prisma.sql`(${k.id}, ${k.at})`))}
    ON CONFLICT ("id") DO NOTHING RETURNING "id"`;
  const fresh = new Set(rows.map((r) => r.id));
  // The same id twice in one batch: only its first copy is new.
  const seen = new Set<string>();
  return keys.map((k) => {
    const first = fresh.has(k.id) && !seen.has(k.id);
    seen.add(k.id);
    return first;
  });
}

export async function forgetOldUpdates(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "ProcessedUpdate" WHERE "at" < ${sqlTimestamp(new Date(now.getTime() - REMEMBER_UPDATES_MS))}`;
}
