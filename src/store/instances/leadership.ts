/**
 * Which instance does the jobs only one may do at a time: the scheduler (a
 * reminder decided twice is a reminder sent twice), the outbox sender (one
 * global pace per platform) and the Zalo session (a personal account allows
 * one). On Postgres each role is a session advisory lock held on a connection
 * of its own: when the holder dies its connection closes, the lock is free,
 * and the next instance to ask takes it (every `retryMs`, 10 s by default).
 * SQLite serves one process, which holds every role.
 */
import type pg from "pg";
import { isPostgresUrl } from "../db/dialect.ts";
import { dedicatedClient } from "../db/pg-client.ts";
import { CHANNEL } from "./changes.ts";

export type Role = "scheduler" | "sender" | "zalo";

export interface Leadership {
  holds(role: Role): boolean;
  /** Bot processes connected to the database now, this one included (1 on SQLite). */
  instances(): number;
  /** Asks again for the roles not held; returns those held now. */
  refresh(): Promise<ReadonlySet<Role>>;
  close(): Promise<void>;
}

/** Stable lock keys, one per role, apart from the migration runner's. */
const KEYS: Record<Role, number> = { scheduler: 72707401, sender: 72707402, zalo: 72707403 };
const APPLICATION = "cchc-bot";

export interface LeadershipOptions {
  retryMs?: number;
  onChange?: (held: ReadonlySet<Role>) => void;
  /** Told when the number of live instances changes (they share the platforms' pace). */
  onInstances?: (count: number) => void;
  onError?: (err: unknown) => void;
}

export async function openLeadership(
  location: string,
  roles: readonly Role[],
  options: LeadershipOptions = {},
): Promise<Leadership> {
  if (!isPostgresUrl(location)) {
    const all = new Set(roles);
    return { holds: (r) => all.has(r), instances: () => 1, refresh: async () => all, close: async () => {} };
  }
  const held = new Set<Role>();
  let live = 1;
  let client: pg.Client | null = null;
  let closed = false;
  const lost = (err: unknown) => {
    options.onError?.(err);
    client = null;
    if (held.size) {
      held.clear();
      options.onChange?.(held);
    }
  };
  const refresh = async (): Promise<ReadonlySet<Role>> => {
    if (closed) return held;
    try {
      if (!client) {
        // Every instance's leadership connection carries this name: counting them counts the instances.
        client = await dedicatedClient(location, { applicationName: APPLICATION, onError: lost });
        // The others recount now, not at their next check: until then each would keep a pace it no longer has.
        await client.query("SELECT pg_notify($1, 'instances')", [CHANNEL]);
      }
      let changed = false;
      for (const role of roles) {
        if (held.has(role)) continue;
        const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [KEYS[role]]);
        if (r.rows[0]?.ok) {
          held.add(role);
          changed = true;
        }
      }
      // Also proves the connection, on which the held locks live, is still there.
      const count = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
        [APPLICATION],
      );
      const n = Math.max(1, count.rows[0]?.n ?? 1);
      if (n !== live) {
        live = n;
        options.onInstances?.(n);
      }
      if (changed) options.onChange?.(held);
    } catch (err) {
      const c = client as pg.Client | null;
      lost(err);
      await c?.end().catch(() => {});
    }
    return held;
  };
  await refresh();
  const timer = setInterval(() => void refresh(), options.retryMs ?? 10_000);
  timer.unref();
  return {
    holds: (r) => held.has(r),
    instances: () => live,
    refresh,
    async close() {
      closed = true;
      clearInterval(timer);
      held.clear();
      await (client as pg.Client | null)?.end().catch(() => {});
      client = null;
    },
  };
}
