/**
 * One chat's messages handled one at a time across instances: each instance
 * orders a chat's messages in memory (bot/runner.ts), and on Postgres also
 * holds an advisory lock for the chat while it handles one, so a message
 * another instance received a moment later waits for it. The locks live on
 * one connection of this instance's own; when the instance dies they go with
 * it. SQLite serves one process, whose in-memory order is enough.
 */
import type pg from "pg";
import { isPostgresUrl } from "../db/dialect.ts";
import { dedicatedClient } from "../db/pg-client.ts";

/** Apart from the migration runner's and the roles' keys. */
const NAMESPACE = 72707500;
/** A lock still not had after this is given up on, with a warning: better out of order than never. */
const GIVE_UP_MS = 30_000;

export type Unlock = () => Promise<void>;
export type ChatLock = (chat: string) => Promise<Unlock>;

export interface ChatLocks {
  lock: ChatLock | undefined;
  close(): Promise<void>;
}

export function openChatLocks(location: string, onError: (err: unknown) => void = () => {}): ChatLocks {
  if (!isPostgresUrl(location)) return { lock: undefined, close: async () => {} };
  let client: Promise<pg.Client> | null = null;
  const connection = () =>
    (client ??= dedicatedClient(location, {
      onError: (err) => {
        onError(err);
        client = null;
      },
    }).catch((err: unknown) => {
      client = null;
      throw err;
    }));
  // One query at a time on the connection, in the order asked: pg 9 will no longer queue them itself.
  // (Spreading the locks over four connections was tried: no faster, on two cores shared with Postgres.)
  let queue: Promise<unknown> = Promise.resolve();
  const query = <R extends pg.QueryResultRow>(c: pg.Client, sql: string, params: unknown[]) => {
    const next = queue.then(() => c.query<R>(sql, params));
    queue = next.catch(() => {});
    return next;
  };
  const lock: ChatLock = async (chat) => {
    const started = Date.now();
    for (let wait = 5; ; wait = Math.min(100, wait * 2)) {
      try {
        const c = await connection();
        const r = await query<{ ok: boolean }>(c, "SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [
          NAMESPACE,
          chat,
        ]);
        if (r.rows[0]?.ok) {
          return async () => {
            await query(c, "SELECT pg_advisory_unlock($1, hashtext($2))", [NAMESPACE, chat]).catch(onError);
          };
        }
      } catch (err) {
        onError(err);
      }
      if (Date.now() - started > GIVE_UP_MS) {
        onError(new Error(`chat ${chat}: lock not had in ${GIVE_UP_MS} ms; handled without it`));
        return async () => {};
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  };
  return {
    lock,
    async close() {
      const c = client;
      client = null;
      await (await c?.catch(() => null))?.end().catch(() => {});
    },
  };
}
