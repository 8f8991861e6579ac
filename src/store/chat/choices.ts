/**
 * The numbered list a channel without buttons showed last in a chat (Zalo),
 * kept with the conversation state: a restart between the list and the
 * answer loses nothing.
 */
import type { Db } from "../db/db.ts";

export interface StoredChoices {
  get(chatId: string): Promise<ReadonlyMap<string, string> | null>;
  set(chatId: string, choices: ReadonlyMap<string, string> | null): Promise<void>;
}

export function storedChoices(db: Db, channel: string, clock: { now(): Date }): StoredChoices {
  return {
    async get(chatId) {
      const row = await db.numberedChoice.findUnique({ where: { channel_chatId: { channel, chatId } } });
      return row ? new Map(Object.entries(JSON.parse(row.choices) as Record<string, string>)) : null;
    },
    async set(chatId, choices) {
      if (!choices) {
        await db.numberedChoice.deleteMany({ where: { channel, chatId } });
        return;
      }
      const data = { choices: JSON.stringify(Object.fromEntries(choices)), updatedAt: clock.now() };
      await db.numberedChoice.upsert({
        where: { channel_chatId: { channel, chatId } },
        create: { channel, chatId, ...data },
        update: data,
      });
    },
  };
}
