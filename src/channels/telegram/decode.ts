/** Telegram updates to neutral messages. Updates the bot does not use decode to null. */
import type { Update } from "telegraf/types";
import type { IncomingMessage } from "../../messages/types.ts";

export function decodeUpdate(update: Update): IncomingMessage | null {
  const updateId = String(update.update_id);
  if ("callback_query" in update) {
    const q = update.callback_query;
    if (!("data" in q) || !q.message) return null;
    return {
      channel: "telegram",
      updateId,
      chatId: String(q.message.chat.id),
      senderId: String(q.from.id),
      senderName: [q.from.first_name, q.from.last_name].filter(Boolean).join(" "),
      languageCode: q.from.language_code,
      private: q.message.chat.type === "private",
      button: { data: q.data, messageId: String(q.message.message_id) },
      raw: update,
    };
  }
  if (!("message" in update)) return null;
  const m = update.message;
  if (!m.from) return null;
  const base: IncomingMessage = {
    channel: "telegram",
    updateId,
    chatId: String(m.chat.id),
    senderId: String(m.from.id),
    senderName: [m.from.first_name, m.from.last_name].filter(Boolean).join(" "),
    languageCode: m.from.language_code,
    private: m.chat.type === "private",
    raw: update,
  };
  if ("text" in m) return { ...base, text: m.text };
  if ("contact" in m)
    return { ...base, contact: { phone: m.contact.phone_number, own: m.contact.user_id === m.from.id } };
  if ("document" in m) {
    return {
      ...base,
      text: m.caption,
      attachment: {
        kind: "document",
        fileId: m.document.file_id,
        fileName: m.document.file_name,
        ...(m.document.file_size ? { size: m.document.file_size } : {}),
      },
    };
  }
  if ("photo" in m) {
    const largest = m.photo[m.photo.length - 1];
    return largest
      ? {
          ...base,
          text: m.caption,
          attachment: {
            kind: "photo",
            fileId: largest.file_id,
            ...(largest.file_size ? { size: largest.file_size } : {}),
          },
        }
      : null;
  }
  return null;
}
