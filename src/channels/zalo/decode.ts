/** zca-js messages to neutral ones. Our own messages and plain group chatter decode to null. */
import { ThreadType, type Message } from "zca-js";
import type { IncomingMessage } from "../../messages/types.ts";

/**
 * A group's chat id as the bot sees it: Zalo numbers users and groups alike,
 * and a send must say which a thread is, so group threads carry this prefix.
 */
export const GROUP_PREFIX = "g:";

export function decodeMessage(message: Message, ownId: string): IncomingMessage | null {
  if (message.isSelf) return null;
  const d = message.data;
  const base: IncomingMessage = {
    channel: "zalo",
    updateId: String(d.msgId),
    chatId: message.threadId,
    senderId: String(d.uidFrom),
    senderName: d.dName,
    private: message.type !== ThreadType.Group,
    raw: message,
  };
  if (message.type === ThreadType.Group) return groupMessage(base, message, ownId);
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

/** In a group only a command ("/nhomnay …") or a mention of the bot reaches it, as text without the mention. */
function groupMessage(base: IncomingMessage, message: Message, ownId: string): IncomingMessage | null {
  const d = message.data;
  if (typeof d.content !== "string") return null;
  const mention = "mentions" in d && Array.isArray(d.mentions) ? d.mentions.find((m) => m.uid === ownId) : undefined;
  const text = mention
    ? `${d.content.slice(0, mention.pos)}${d.content.slice(mention.pos + mention.len)}`.trim()
    : d.content.trim();
  if (!mention && !text.startsWith("/")) return null;
  return { ...base, chatId: `${GROUP_PREFIX}${message.threadId}`, text };
}
