/** zca-js messages to neutral ones. Our own messages and plain group chatter decode to null. */
import { ThreadType, type Message } from "zca-js";
import type { IncomingMessage } from "../types.ts";

export function decodeMessage(message: Message, ownId: string): IncomingMessage | null {
  if (message.isSelf) return null;
  const d = message.data;
  const group = message.type === ThreadType.Group;
  if (group) {
    // In a group only a mention reaches the bot, and it carries no commands there.
    const mentioned = "mentions" in d && Array.isArray(d.mentions) && d.mentions.some((m) => m.uid === ownId);
    if (!mentioned) return null;
  }
  const base: IncomingMessage = {
    channel: "zalo",
    updateId: String(d.msgId),
    chatId: message.threadId,
    senderId: String(d.uidFrom),
    senderName: d.dName,
    private: !group,
    raw: message,
  };
  if (typeof d.content === "string") return { ...base, text: d.content };
  const content = d.content as { href?: unknown; title?: unknown };
  if (typeof content.href === "string") {
    return {
      ...base,
      attachment: {
        kind: /photo|image/i.test(d.msgType) ? "photo" : "document",
        fileId: content.href,
        ...(typeof content.title === "string" ? { fileName: content.title } : {}),
      },
    };
  }
  return null;
}
