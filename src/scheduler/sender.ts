/**
 * Drains the outbox: each message is claimed (SENDING) before it goes out
 * and finished after, so a crash in between leaves it UNKNOWN, never sent twice.
 * Issue #7 adds the platform's pace and retries to this same loop.
 */
import type { ChannelName, Reply, SentMessage } from "../channels/types.ts";
import type { Clock } from "../domain/calendar.ts";
import type { Logger } from "../logger.ts";
import type { Db } from "../store/db.ts";
import { addressesOf } from "../store/identities.ts";
import { claimNext, finishOutbox, recoverInterrupted } from "../store/reminders.ts";

export type SendFn = (channel: ChannelName, chatId: string, reply: Reply) => Promise<SentMessage>;

export class OutboxSender {
  private draining: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly send: SendFn,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly channels: readonly ChannelName[],
  ) {}

  async recover(): Promise<void> {
    const n = await recoverInterrupted(this.db);
    if (n) this.logger.warn({ count: n }, "outbox messages interrupted by a stop were not resent");
  }

  /** Sends everything pending; concurrent calls share one run. Returns how many were handled. */
  drain(): Promise<number> {
    this.draining ??= this.run().finally(() => (this.draining = null));
    return this.draining;
  }

  private async run(): Promise<number> {
    let handled = 0;
    for (let item = await claimNext(this.db); item; item = await claimNext(this.db)) {
      handled++;
      const now = this.clock.now();
      const addresses = (await addressesOf(this.db, [item.staffId])).filter((a) => this.channels.includes(a.platform as ChannelName));
      const address = addresses[0];
      if (!address) {
        await finishOutbox(this.db, item.id, { status: "UNREACHABLE", now });
        continue;
      }
      try {
        const sent = await this.send(address.platform as ChannelName, address.chatId, item.reply);
        await finishOutbox(this.db, item.id, { status: "SENT", channel: address.platform, messageId: sent.messageId, now });
      } catch (error) {
        this.logger.error({ err: error, outbox: item.id }, "outbox send failed");
        await finishOutbox(this.db, item.id, { status: "FAILED", channel: address.platform, error: String((error as Error)?.message ?? error).slice(0, 500), now });
      }
    }
    return handled;
  }
}
