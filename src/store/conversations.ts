/**
 * Conversation state (which task a "xong" refers to, a reason being asked
 * for) lives in the database, so a restart forgets nothing, with a
 * write-through cache in front: this process is its only writer, and a status
 * reply must not cost a read.
 */
import { Batcher } from "./batch.ts";
import type { Db } from "./db.ts";

export interface Conversation {
  kind: string;
  payload: unknown;
  expiresAt: Date;
}

export class ConversationStore {
  private readonly cache = new Map<string, Conversation | null>();
  private readonly loader: Batcher<{ channel: string; chatId: string }, Conversation | null>;

  constructor(private readonly db: Db) {
    this.loader = new Batcher(async (keys) => {
      const rows = await db.conversation.findMany({ where: { OR: keys.map((k) => ({ channel: k.channel, chatId: k.chatId })) } });
      const found = new Map(rows.map((r) => [`${r.channel}:${r.chatId}`, r]));
      return keys.map((k) => {
        const row = found.get(`${k.channel}:${k.chatId}`);
        return row ? { kind: row.kind, payload: JSON.parse(row.payload) as unknown, expiresAt: row.expiresAt } : null;
      });
    }, 200);
  }

  async get(channel: string, chatId: string, now: Date): Promise<Conversation | null> {
    const key = `${channel}:${chatId}`;
    let c = this.cache.get(key);
    if (c === undefined) {
      c = await this.loader.load({ channel, chatId });
      // A set() that raced the read wins: it is newer.
      if (!this.cache.has(key)) this.cache.set(key, c);
      c = this.cache.get(key) ?? null;
    }
    return c && c.expiresAt > now ? c : null;
  }

  async set(channel: string, chatId: string, kind: string, payload: unknown, expiresAt: Date): Promise<void> {
    const data = { kind, payload: JSON.stringify(payload), expiresAt };
    await this.db.conversation.upsert({ where: { channel_chatId: { channel, chatId } }, create: { channel, chatId, ...data }, update: data });
    this.cache.set(`${channel}:${chatId}`, { kind, payload, expiresAt });
  }

  async clear(channel: string, chatId: string): Promise<void> {
    const key = `${channel}:${chatId}`;
    if (this.cache.get(key) === null) return;
    await this.db.conversation.deleteMany({ where: { channel, chatId } });
    this.cache.set(key, null);
  }
}
