/**
 * Drains the outbox at the platform's pace. Each message is claimed
 * (SENDING) before it goes out and finished after, so a crash in between
 * leaves it UNKNOWN, never sent twice. A 429 pauses everything for the time
 * the platform asks; a person who blocked the bot is marked BLOCKED and not
 * retried; a network error is retried with backoff, five times at most.
 */
import { ChannelError, type ChannelName, type Reply, type SentMessage } from "../channels/types.ts";
import type { Clock } from "../domain/calendar.ts";
import { backoffMs, Pacer, type PaceOptions } from "../domain/pacing.ts";
import type { Logger } from "../logger.ts";
import type { Db } from "../store/db.ts";
import { addressesOf, type Address } from "../store/identities.ts";
import { claimNext, finishOutbox, recoverInterrupted, retryOutbox, type OutboxItem } from "../store/reminders.ts";

export type SendFn = (channel: ChannelName, chatId: string, reply: Reply) => Promise<SentMessage>;

export const MAX_ATTEMPTS = 5;
export const TELEGRAM_PACE: PaceOptions = { perSecond: 25, perChatMs: 1000 };
/** A personal Zalo account gets flagged for bursts: one message every 2 s or so, never on the beat. */
export const ZALO_PACE: PaceOptions = { perSecond: 0.5, perChatMs: 2000, jitterMs: 1500 };

export interface SenderOptions {
  /** Telegram's pace (the default for any platform not named in `paces`). */
  pace?: PaceOptions;
  paces?: Partial<Record<ChannelName, PaceOptions>>;
  /** The messages one outbox row stands for (a notice: its file, then its text with the read button). */
  expand?: (item: OutboxItem, address: Address) => Promise<Reply[]>;
  /** Told after each row is finished, sent or not (a notice's progress message). */
  onFinished?: (item: OutboxItem) => Promise<void>;
  /** Waits; tests may speed it up. */
  sleep?: (ms: number) => Promise<void>;
}

export class OutboxSender {
  private draining: Promise<number> | null = null;
  private readonly pacers = new Map<string, Pacer>();
  private readonly paceFor: (platform: string) => PaceOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly expand: (item: OutboxItem, address: Address) => Promise<Reply[]>;
  private readonly onFinished: (item: OutboxItem) => Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly send: SendFn,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly channels: readonly ChannelName[],
    options: SenderOptions = {},
  ) {
    this.paceFor = (platform) => options.paces?.[platform as ChannelName] ?? (platform === "zalo" ? ZALO_PACE : (options.pace ?? TELEGRAM_PACE));
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.expand = options.expand ?? (async (item) => [item.payload as Reply]);
    this.onFinished = options.onFinished ?? (async () => {});
  }

  async recover(): Promise<void> {
    const n = await recoverInterrupted(this.db);
    if (n) this.logger.warn({ count: n }, "outbox messages interrupted by a stop were not resent");
  }

  /** Sends everything that may go now; concurrent calls share one run. Returns how many were handled. */
  drain(): Promise<number> {
    this.draining ??= this.run().finally(() => (this.draining = null));
    return this.draining;
  }

  private async run(): Promise<number> {
    let handled = 0;
    for (let item = await claimNext(this.db, this.clock.now()); item; item = await claimNext(this.db, this.clock.now())) {
      handled++;
      const addresses = (await addressesOf(this.db, [item.staffId])).filter((a) => this.channels.includes(a.platform as ChannelName));
      if (addresses.length === 0) {
        await finishOutbox(this.db, item.id, { status: "UNREACHABLE", now: this.clock.now() });
        await this.onFinished(item);
        continue;
      }
      // The preferred channel first; when it refuses for good (blocked, gone), the other one.
      for (const [i, address] of addresses.entries()) {
        try {
          const sent = await this.deliver(item, address);
          // The platform's message id is recorded with the SENT mark, in the same write.
          await finishOutbox(this.db, item.id, { status: "SENT", channel: address.platform, ...(sent ? { messageId: sent.messageId } : {}), now: this.clock.now() });
          break;
        } catch (error) {
          const final = !(error instanceof ChannelError) || error.kind === "rateLimited" || error.kind === "transient" || i === addresses.length - 1;
          if (final) {
            await this.failed(item.id, item.attempts, address.platform, error);
            break;
          }
        }
      }
      await this.onFinished(item);
    }
    return handled;
  }

  private pacer(platform: string): Pacer {
    let p = this.pacers.get(platform);
    if (!p) this.pacers.set(platform, (p = new Pacer(this.paceFor(platform))));
    return p;
  }

  private async deliver(item: OutboxItem, address: Address): Promise<SentMessage | null> {
    const pacer = this.pacer(address.platform);
    const chat = address.chatId;
    let sent: SentMessage | null = null;
    for (const reply of await this.expand(item, address)) {
      const wait = pacer.delay(chat, Date.now());
      if (wait > 0) await this.sleep(wait);
      // The platform counts requests as they arrive: the pace runs from when this one left.
      const started = Date.now();
      try {
        sent = await this.send(address.platform as ChannelName, address.chatId, reply);
      } finally {
        pacer.sent(chat, started);
      }
    }
    return sent;
  }

  private async failed(id: number, attempts: number, channel: string, error: unknown): Promise<void> {
    const e = error instanceof ChannelError ? error : new ChannelError("transient", String((error as Error)?.message ?? error));
    const now = this.clock.now();
    if (e.kind === "rateLimited") {
      const ms = e.retryAfterMs ?? 1000;
      this.logger.warn({ outbox: id, retryAfterMs: ms }, "rate limited: pausing the whole outbox");
      this.pacer(channel).pause(Date.now() + ms);
      await retryOutbox(this.db, id, { notBefore: now, countAttempt: false, error: e.message });
    } else if (e.kind === "blocked") {
      await finishOutbox(this.db, id, { status: "BLOCKED", channel, error: e.message, now });
    } else if (e.kind === "transient" && attempts + 1 < MAX_ATTEMPTS) {
      this.logger.warn({ outbox: id, attempt: attempts + 1, err: e }, "send failed; will retry");
      await retryOutbox(this.db, id, { notBefore: new Date(now.getTime() + backoffMs(attempts + 1)), countAttempt: true, error: e.message });
    } else {
      this.logger.error({ outbox: id, err: e }, "send failed for good");
      await finishOutbox(this.db, id, { status: "FAILED", channel, error: e.message, now });
    }
  }
}
