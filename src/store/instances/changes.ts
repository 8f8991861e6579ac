/**
 * Tells every instance at once that settings or the roster changed, so their
 * caches (members, the scheduler's settings) are dropped now rather than
 * after a TTL or the next day. Postgres LISTEN/NOTIFY; a notification sent
 * inside a transaction goes out when it commits. On SQLite there is one
 * process, which invalidates its own caches as it changes things.
 */
import type pg from "pg";
import { isPostgresUrl } from "../db/dialect.ts";
import { dedicatedClient } from "../db/pg-client.ts";
import type { Tx } from "../db/db.ts";
import { providerOf } from "../db/dialect.ts";

/** Settings or the roster changed; or an instance joined (the others recount, to share the pace at once). */
export type Topic = "settings" | "members" | "instances";
export const CHANNEL = "cchc_changes";
const TOPICS: readonly string[] = ["settings", "members", "instances"] satisfies Topic[];

export async function announce(db: Tx, topic: Topic): Promise<void> {
  if (providerOf(db) === "postgresql") await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${topic})`;
}

export interface Listening {
  close(): Promise<void>;
}

/** Calls `on` for every change any instance announces (this one's too), reconnecting after a dropped connection. */
export async function listenChanges(
  location: string,
  on: (topic: Topic) => void,
  onError: (err: unknown) => void = () => {},
): Promise<Listening> {
  if (!isPostgresUrl(location)) return { close: async () => {} };
  let client: pg.Client | null = null;
  let closed = false;
  let reconnecting = false;
  const connect = async (): Promise<void> => {
    const c = await dedicatedClient(location, { onError: (err) => dropped(err) });
    c.on("notification", (n) => {
      if (n.payload && TOPICS.includes(n.payload)) on(n.payload as Topic);
    });
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };
  // Tried again every second until it is back; what changed meanwhile is not known, so everything is
  // dropped then. A cut connection may report more than one error: one reconnection serves them all.
  const dropped = (err: unknown) => {
    onError(err);
    if (reconnecting || closed) return;
    reconnecting = true;
    void client?.end().catch(() => {});
    client = null;
    const retry = () =>
      setTimeout(() => {
        if (closed) return;
        connect().then(
          () => ((reconnecting = false), on("settings"), on("members"), on("instances")),
          (e: unknown) => (onError(e), retry()),
        );
      }, 1000);
    retry();
  };
  await connect();
  return {
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
