/**
 * Conversation state (which task a "xong" refers to, a reason being asked
 * for) lives in the database, so a restart forgets nothing, with a
 * write-through cache in front: this process is its only writer, and a status
 * reply must not cost a read.
 */
import type { Db } from "./db.ts";

export interface Conversation {
  kind: string;
  payload: unknown;
  expiresAt: Date;
}

export class ConversationStore {
  private readonly cache = new Map<string, Conversation | null>();

  constructor(private readonly db: Db) {}

  async get(channel: string, chatId: string, now: Date): Promise<Conversation | null> {
    const key = `${channel}:${chatId}`;
    let c = this.cache.get(key);
    if (c === undefined) {
      const row = await this.db.conversation.findUnique({ where: { channel_chatId: { channel, chatId } } });
      c = row ? { kind: row.kind, payload: JSON.parse(row.payload) as unknown, expiresAt: row.expiresAt } : null;
      this.cache.set(key, c);
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
