/** Neutral replies to Bot API calls. Plain text only: no parse mode, so nothing needs escaping. */
import type { Telegram } from "telegraf";
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "telegraf/types";
import type { Button, Reply, SentMessage } from "../../messages/types.ts";

const MAX_TEXT = 4096;

function keyboard(buttons: Button[][]): InlineKeyboardMarkup {
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) };
}

export async function sendReply(
  telegram: Telegram,
  chatId: string,
  reply: Reply,
  options: { removeKeyboard: boolean },
): Promise<SentMessage> {
  if (reply.kind === "document") {
    const file = reply.fileId ?? { source: reply.data ?? Buffer.alloc(0), filename: reply.fileName };
    const m = await telegram.sendDocument(chatId, file, { caption: reply.caption });
    return { messageId: String(m.message_id) };
  }
  if (reply.kind === "photo") {
    const m = await telegram.sendPhoto(chatId, reply.fileId ?? { source: reply.data ?? Buffer.alloc(0) }, {
      caption: reply.caption,
    });
    return { messageId: String(m.message_id) };
  }
  const text = reply.text.length > MAX_TEXT ? `${reply.text.slice(0, MAX_TEXT - 1)}…` : reply.text;
  if (reply.editOf) {
    try {
      await telegram.editMessageText(
        chatId,
        Number(reply.editOf),
        undefined,
        text,
        reply.buttons ? { reply_markup: keyboard(reply.buttons) } : {},
      );
      return { messageId: reply.editOf };
    } catch (e) {
      // Pressing the same page twice edits to identical text: Telegram refuses, nothing is wrong.
      if (String((e as Error).message).includes("message is not modified")) return { messageId: reply.editOf };
      throw e;
    }
  }
  let markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | undefined;
  if (reply.askContact)
    markup = {
      keyboard: [[{ text: reply.askContact.label, request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    };
  else if (reply.buttons?.length) markup = keyboard(reply.buttons);
  else if (options.removeKeyboard) markup = { remove_keyboard: true };
  const m = await telegram.sendMessage(chatId, text, markup ? { reply_markup: markup } : {});
  return { messageId: String(m.message_id) };
}
