/**
 * Tells every instance at once that settings or the roster changed, so their
 * caches (members, the scheduler's settings) are dropped now rather than
 * after a TTL or the next day. Postgres LISTEN/NOTIFY; a notification sent
 * inside a transaction goes out when it commits. On SQLite there is one
 * process, which invalidates its own caches as it changes things.
 */
import type pg from "pg";
import { isPostgresUrl } from "./db.ts";
import type { Tx } from "./db.ts";
import { providerOf } from "./dialect.ts";

export type Topic = "settings" | "members";
const CHANNEL = "cchc_changes";

export async function announce(db: Tx, topic: Topic): Promise<void> {
  if (providerOf(db) === "postgresql") await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${topic})`;
}

export interface Listening {
  close(): Promise<void>;
}

/** Calls `on` for every change any instance announces (this one's too), reconnecting after a dropped connection. */
export async function listenChanges(location: string, on: (topic: Topic) => void, onError: (err: unknown) => void = () => {}): Promise<Listening> {
  if (!isPostgresUrl(location)) return { close: async () => {} };
  // Loaded only on Postgres: a single unit's process never needs the driver.
  const { default: driver } = await import("pg");
  let client: pg.Client | null = null;
  let closed = false;
  const connect = async (): Promise<void> => {
    const c = new driver.Client({ connectionString: location, keepAlive: true });
    c.on("notification", (n) => {
      if (n.payload === "settings" || n.payload === "members") on(n.payload);
    });
    c.on("error", (err) => {
      onError(err);
      client = null;
      // What changed while we were away is not known: drop everything once back.
      if (!closed) setTimeout(() => void connect().then(() => (on("settings"), on("members")), onError), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };
  await connect();
  return {
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
