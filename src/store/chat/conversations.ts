/**
 * Conversation state (which task a "xong" refers to, a reason being asked
 * for) lives in the database, so a restart forgets nothing, with a
 * write-through cache in front when this process is its only writer (SQLite):
 * a status reply must not cost a read.
 */
import { Prisma } from "../../generated/prisma/client.ts";
import { Batcher } from "../db/batch.ts";
import type { Db } from "../db/db.ts";
import { sqlTimestamp } from "../db/sql.ts";

export interface Conversation {
  kind: string;
  payload: unknown;
  expiresAt: Date;
}

interface Write {
  channel: string;
  chatId: string;
  row: { kind: string; payload: string; expiresAt: Date } | null;
}

export class ConversationStore {
  private readonly cache = new Map<string, Conversation | null>();
  private readonly loader: Batcher<{ channel: string; chatId: string }, Conversation | null>;

  /**
   * `shared`: other instances handle this chat's next message too (Postgres),
   * so every read goes to the database; the per-chat lock (chat-locks.ts)
   * keeps a write and the next read in order.
   */
  constructor(
    private readonly db: Db,
    private readonly shared = false,
  ) {
    this.loader = new Batcher(async (keys) => {
      const rows = await db.conversation.findMany({
        where: { OR: keys.map((k) => ({ channel: k.channel, chatId: k.chatId })) },
      });
      const found = new Map(rows.map((r) => [`${r.channel}:${r.chatId}`, r]));
      return keys.map((k) => {
        const row = found.get(`${k.channel}:${k.chatId}`);
        return row ? { kind: row.kind, payload: JSON.parse(row.payload) as unknown, expiresAt: row.expiresAt } : null;
      });
    }, 200);
  }

  async get(channel: string, chatId: string, now: Date): Promise<Conversation | null> {
    const key = `${channel}:${chatId}`;
    let c = this.shared ? undefined : this.cache.get(key);
    if (c === undefined) {
      c = await this.loader.load({ channel, chatId });
      // A set() that raced the read wins: it is newer.
      if (!this.cache.has(key)) this.cache.set(key, c);
      c = this.cache.get(key) ?? null;
    }
    return c && c.expiresAt > now ? c : null;
  }

  async set(channel: string, chatId: string, kind: string, payload: unknown, expiresAt: Date): Promise<void> {
    this.cache.set(`${channel}:${chatId}`, { kind, payload, expiresAt });
    await this.writer.load({ channel, chatId, row: { kind, payload: JSON.stringify(payload), expiresAt } });
  }

  async clear(channel: string, chatId: string): Promise<void> {
    const key = `${channel}:${chatId}`;
    if (!this.shared && this.cache.get(key) === null) return;
    this.cache.set(key, null);
    await this.writer.load({ channel, chatId, row: null });
  }

  /**
   * The writes of handlers running side by side, in one statement each way:
   * a status reply asks for evidence, the next message ends the question, and
   * a write per message would double the statements of the hot path.
   */
  private readonly writer = new Batcher<Write, void>(async (writes) => {
    const last = new Map<string, Write>();
    for (const w of writes) last.set(`${w.channel}\u0000${w.chatId}`, w);
    const sets = [...last.values()].filter((w) => w.row !== null);
    const clears = [...last.values()].filter((w) => w.row === null);
    if (sets.length) {
      const values = sets.map(
        (w) =>
          Prisma.sql`(${w.channel}, ${w.chatId}, ${w.row!.kind}, ${w.row!.payload}, ${sqlTimestamp(w.row!.expiresAt)})`,
      );
      await this.db.$executeRaw`
        INSERT INTO "Conversation" ("channel", "chatId", "kind", "payload", "expiresAt") VALUES ${Prisma.join(values)}
        ON CONFLICT ("channel", "chatId") DO UPDATE SET "kind" = excluded."kind", "payload" = excluded."payload", "expiresAt" = excluded."expiresAt"`;
    }
    if (clears.length) {
      const which = clears.map((w) => Prisma.sql`("channel" = ${w.channel} AND "chatId" = ${w.chatId})`);
      await this.db.$executeRaw`DELETE FROM "Conversation" WHERE ${Prisma.join(which, " OR ")}`;
    }
    return writes.map(() => undefined);
  }, 200);
}
