/**
 * How a notice goes out: its outbox row becomes the file (if any) and the
 * text with a "Đã đọc" button, in the recipient's language; the sender's
 * progress message is edited in place as deliveries finish.
 */
import { z } from "zod";
import type { ChannelName, Reply } from "../messages/types.ts";
import type { Clock } from "../domain/calendar.ts";
import { translator, type Locale } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import {
  broadcastContent,
  broadcastStats,
  progressTarget,
  reachTotals,
  setProgressMessage,
  type BroadcastContent,
} from "../store/notices/broadcasts.ts";
import type { Db } from "../store/db/db.ts";
import { sentReportFile } from "../store/province/unit-reports.ts";
import { addressesOf, type Address } from "../store/people/identities.ts";
import type { OutboxItem } from "../store/delivery/outbox.ts";
import type { SendFn } from "../delivery/sender.ts";
import { noticeReplies } from "../ui/notice.ts";

// What the pointer rows hold (store/notices/broadcasts.ts, store/province/unit-reports.ts).
const NoticeRow = z.object({ broadcastId: z.number().int(), reminder: z.boolean().optional() });
const UnitReportRow = z.object({ unitReportId: z.number().int(), caption: z.string() });

/**
 * What an outbox row sends: its own reply, or what it points to (a notice,
 * a unit's report), read when it is sent so the row stays small.
 */
export function outboxExpander(
  db: Db,
  defaultLocale: Locale,
): (item: OutboxItem, address: Address) => Promise<Reply[]> {
  const cache = new Map<number, BroadcastContent>();
  return async (item, address) => {
    if (item.kind === "unitReport") {
      const { unitReportId, caption } = UnitReportRow.parse(item.payload);
      const file = await sentReportFile(db, unitReportId);
      return file ? [{ kind: "document", fileName: file.fileName, data: file.data, caption }] : [];
    }
    // Every other kind stores its reply whole, written by this program (store/delivery/outbox.ts).
    if (item.kind !== "broadcast" && item.kind !== "broadcastReminder" && item.kind !== "broadcastGroup")
      return [item.payload as Reply];
    const { broadcastId, reminder } = NoticeRow.parse(item.payload);
    let content = cache.get(broadcastId);
    if (!content) {
      const loaded = await broadcastContent(db, broadcastId);
      if (!loaded) return [];
      content = loaded;
      cache.set(broadcastId, content);
    }
    const replies = noticeReplies(
      forPlatform(content, address.platform),
      translator((address.locale as Locale | null) ?? defaultLocale),
      Boolean(reminder),
    );
    // In a group nobody's "Đã đọc" is counted: reading is tracked per person, in their own chat.
    return item.kind === "broadcastGroup"
      ? replies.map((r) => (r.kind === "text" ? { kind: "text", text: r.text } : r))
      : replies;
  };
}

/**
 * A platform's own file id is reused only on that platform (Telegram sends a
 * known file without uploading it again); everyone else gets the bytes.
 */
function forPlatform(content: BroadcastContent, platform: string): BroadcastContent {
  const a = content.attachment;
  if (!a?.fileId || !a.channel || a.channel === platform) return content;
  const { fileId: _other, ...rest } = a;
  return { ...content, attachment: rest };
}

/** Edits the sender's "sent 120/300…" message at most every few seconds, and once more at the end. */
export class BroadcastProgress {
  private readonly last = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly send: SendFn,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly defaultLocale: Locale,
    private readonly everyMs = 3000,
  ) {}

  async finished(item: OutboxItem): Promise<void> {
    if (item.kind !== "broadcast" || item.broadcastId === null) return;
    try {
      await this.update(item.broadcastId);
    } catch (err) {
      this.logger.warn({ err, broadcast: item.broadcastId }, "progress message not updated");
    }
  }

  async update(id: number): Promise<void> {
    const now = this.clock.now();
    const stats = await broadcastStats(this.db, id, now);
    if (!stats) return;
    const sum = reachTotals(stats.departments);
    const done = sum.pending === 0;
    if (!done && Date.now() - (this.last.get(id) ?? 0) < this.everyMs) return;
    this.last.set(id, Date.now());
    const target = await progressTarget(this.db, id);
    if (!target?.senderId) return;
    const [address] = await addressesOf(this.db, [target.senderId]);
    if (!address) return;
    const t = translator((address.locale as Locale | null) ?? this.defaultLocale);
    const text = t(done ? "broadcast.progressDone" : "broadcast.progress", { id, ...sum });
    if (
      target.progressMessageId &&
      target.progressChannel === address.platform &&
      target.progressChatId === address.chatId
    ) {
      await this.send(address.platform as ChannelName, address.chatId, {
        kind: "text",
        text,
        editOf: target.progressMessageId,
      });
    } else {
      const sent = await this.send(address.platform as ChannelName, address.chatId, { kind: "text", text });
      await setProgressMessage(this.db, id, {
        channel: address.platform,
        chatId: address.chatId,
        messageId: sent.messageId,
      });
    }
  }
}
