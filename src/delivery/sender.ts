/**
 * Drains the outbox through the dispatcher, several rows at once so the
 * platform's pace, not the round trip, sets the speed. A row is CLAIMED while
 * it waits for its turn, SENDING from the moment its request leaves, and
 * finished after: a crash while it waits puts it back, a crash while it is on
 * the way leaves it UNKNOWN, never sent twice; each part of a row (a notice's file,
 * then its text) is recorded as it goes, so a retry never sends a part again.
 * A person who blocked the bot is marked BLOCKED; a send that surely did not
 * arrive is retried with backoff, five times at most; one that may have
 * arrived (a timeout) is UNKNOWN and told to whoever sent it.
 */
import { Dispatcher, asChannelError, type SendFn } from "./dispatcher.ts";
import { dispatcherFor, type PaceChoice } from "./paces.ts";
import { backoffMs } from "./pacing.ts";
import type { ChannelError, ChannelName, Reply, SentMessage } from "../messages/types.ts";
import type { Clock } from "../domain/calendar.ts";
import { atMost } from "../util/time.ts";
import type { Logger } from "../logger.ts";
import type { Db } from "../store/db/db.ts";
import { addressesOf, type Address } from "../store/people/identities.ts";
import { groupAddress } from "../store/people/groups.ts";
import {
  LEASE_MS,
  claimNext,
  finishOutbox,
  markSending,
  partSent,
  recoverInterrupted,
  renewLeases,
  retryOutbox,
  type OutboxItem,
} from "../store/delivery/outbox.ts";

export type { SendFn } from "./dispatcher.ts";

export const MAX_ATTEMPTS = 5;
/** The paces apply when the sender makes its own dispatcher (tests, benches); the bot hands it the one it shares. */
export interface SenderOptions extends PaceChoice {
  /** Rows on the way at once. */
  workers?: number;
  /** The messages one outbox row stands for (a notice: its file, then its text with the read button). */
  expand?: (item: OutboxItem, address: Address) => Promise<Reply[]>;
  /** Told after each row is finished, sent or not (a notice's progress message). */
  onFinished?: (item: OutboxItem) => Promise<void>;
  /**
   * Other instances send from the same database (Postgres): a start takes back
   * only rows whose lease ran out, and every drain first takes back those of
   * a sender that died.
   */
  shared?: boolean;
  /** Whether this instance is the one that sends now (one global pace per platform); always, when not given. */
  active?: () => boolean;
  /**
   * Platforms the deployment uses that this instance has not opened (the Zalo
   * session held by another instance, or about to be taken over): a row only
   * they could carry waits for them instead of being marked unreachable.
   */
  awaiting?: () => readonly ChannelName[];
}

/** How long a row waits for a platform that is not open here yet. */
const AWAIT_PLATFORM_MS = 30_000;

export class OutboxSender {
  private draining: Promise<number> | null = null;
  private stopping = false;
  readonly dispatcher: Dispatcher;
  private readonly workers: number;
  private readonly expand: (item: OutboxItem, address: Address) => Promise<Reply[]>;
  private readonly onFinished: (item: OutboxItem) => Promise<void>;
  private readonly shared: boolean;
  private readonly active: (() => boolean) | undefined;
  private readonly awaiting: () => readonly ChannelName[];
  /** The rows this sender holds (claimed or on the way), whose leases it renews. */
  private readonly held = new Set<number>();

  constructor(
    private readonly db: Db,
    send: SendFn | Dispatcher,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly channels: ChannelName[],
    options: SenderOptions = {},
  ) {
    this.channels = [...channels];
    this.awaiting = options.awaiting ?? (() => []);
    this.dispatcher = send instanceof Dispatcher ? send : dispatcherFor(send, options);
    this.workers = options.workers ?? 16;
    this.expand = options.expand ?? (async (item) => [item.payload as Reply]);
    this.onFinished = options.onFinished ?? (async () => {});
    this.shared = options.shared ?? false;
    this.active = options.active;
  }

  /** A platform connected while running (the Zalo session taken over): its rows are sent from now on. */
  addChannel(name: ChannelName): void {
    if (!this.channels.includes(name)) this.channels.push(name);
  }

  async recover(): Promise<void> {
    const { unknown, requeued } = await recoverInterrupted(this.db, {
      now: this.clock.now(),
      expiredOnly: this.shared,
    });
    if (unknown)
      this.logger.warn(
        { count: unknown },
        "outbox messages on the way when the bot stopped may not have arrived; not resent, listed as unknown",
      );
    if (requeued)
      this.logger.info({ count: requeued }, "outbox messages claimed but not sent before the stop wait again");
  }

  /** Sends everything that may go now; concurrent calls share one run. Returns how many were handled. */
  drain(): Promise<number> {
    if (this.stopping || (this.active && !this.active())) return Promise.resolve(0);
    this.draining ??= this.run().finally(() => (this.draining = null));
    return this.draining;
  }

  /** Claims no new row; the rows on the way go on. */
  stopClaiming(): void {
    this.stopping = true;
  }

  /**
   * Claims nothing more, gives the messages on the way `graceMs` to be
   * answered; the rest stays PENDING for the next start.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopClaiming();
    await this.dispatcher.stop(graceMs);
    // Rows whose send was refused as "stopped" go back to PENDING before the database closes.
    await atMost(this.draining ?? Promise.resolve(), 1000);
  }

  private async run(): Promise<number> {
    if (this.shared) await this.recover();
    // An idle drain (the timer finding nothing) costs one query, not one per worker.
    const first = await claimNext(this.db, this.clock.now());
    if (!first) return 0;
    let handled = 0;
    let pending: OutboxItem | null = first;
    const worker = async () => {
      while (!this.stopping) {
        const item: OutboxItem | null = pending ?? (await claimNext(this.db, this.clock.now()));
        pending = null;
        if (!item) return;
        handled++;
        this.held.add(item.id);
        try {
          await this.handle(item);
        } finally {
          this.held.delete(item.id);
        }
      }
    };
    // A long drain (a notice to thousands at 25 a second) keeps its rows' leases fresh.
    const renew = setInterval(() => {
      renewLeases(this.db, [...this.held], this.clock.now()).catch((err: unknown) =>
        this.logger.warn({ err }, "outbox lease renewal failed"),
      );
    }, LEASE_MS / 4);
    try {
      await Promise.all(Array.from({ length: this.workers }, worker));
    } finally {
      clearInterval(renew);
    }
    return handled;
  }

  /** A person's linked chats, preferred first; a group row's one group. */
  private async addresses(item: OutboxItem): Promise<Address[]> {
    if (item.groupChatId === null) return addressesOf(this.db, [item.staffId]);
    const group = await groupAddress(this.db, item.groupChatId);
    return group ? [{ staffId: item.staffId, locale: null, ...group }] : [];
  }

  private async handle(item: OutboxItem): Promise<void> {
    const all = await this.addresses(item);
    const addresses = all.filter((a) => this.channels.includes(a.platform as ChannelName));
    const awaiting = this.awaiting();
    if (addresses.length === 0 && all.some((a) => awaiting.includes(a.platform as ChannelName))) {
      await retryOutbox(this.db, item.id, {
        notBefore: new Date(this.clock.now().getTime() + AWAIT_PLATFORM_MS),
        countAttempt: false,
        error: "platform not open here yet",
      });
      return;
    }
    if (addresses.length === 0) {
      await finishOutbox(this.db, item.id, { status: "UNREACHABLE", now: this.clock.now() });
      await this.onFinished(item);
      return;
    }
    // The preferred channel first; when it refuses for good (blocked, gone), the other one.
    for (const [i, address] of addresses.entries()) {
      try {
        const sent = await this.deliver(item, address);
        // The platform's message id is recorded with the SENT mark, in the same write.
        await finishOutbox(this.db, item.id, {
          status: "SENT",
          channel: address.platform,
          ...(sent ? { messageId: sent.messageId } : {}),
          now: this.clock.now(),
        });
        break;
      } catch (error) {
        const e = asChannelError(error);
        // Another platform is tried only when this one refused for good and nothing of the row went out.
        const final = e.kind !== "blocked" || i === addresses.length - 1;
        if (final) {
          await this.failed(item, address.platform, e);
          if (e.kind === "stopped") return;
          break;
        }
      }
    }
    await this.onFinished(item).catch((err: unknown) =>
      this.logger.warn({ err, outbox: item.id }, "after-send step failed"),
    );
  }

  private async deliver(item: OutboxItem, address: Address): Promise<SentMessage | null> {
    let sent: SentMessage | null = null;
    const parts = await this.expand(item, address);
    for (const [i, reply] of parts.entries()) {
      if (i < item.partsSent) continue;
      sent = await this.dispatcher.send(address.platform as ChannelName, address.chatId, reply, {
        beforeSend: () => markSending(this.db, item.id, this.clock.now()),
      });
      if (i < parts.length - 1) await partSent(this.db, item.id, i + 1);
    }
    return sent;
  }

  private async failed(item: OutboxItem, channel: string, e: ChannelError): Promise<void> {
    const now = this.clock.now();
    const { id, attempts } = item;
    if (e.kind === "stopped" || e.kind === "rateLimited") {
      await retryOutbox(this.db, id, { notBefore: now, countAttempt: false, error: e.message });
    } else if (e.kind === "blocked") {
      await finishOutbox(this.db, id, { status: "BLOCKED", channel, error: e.message, now });
    } else if (e.kind === "unknown") {
      this.logger.warn({ outbox: id, err: e }, "send may or may not have arrived; not retried");
      await finishOutbox(this.db, id, { status: "UNKNOWN", channel, error: e.message, now });
    } else if (e.kind === "transient" && attempts + 1 < MAX_ATTEMPTS) {
      this.logger.warn({ outbox: id, attempt: attempts + 1, err: e }, "send failed; will retry");
      await retryOutbox(this.db, id, {
        notBefore: new Date(now.getTime() + backoffMs(attempts + 1)),
        countAttempt: true,
        error: e.message,
      });
    } else {
      this.logger.error({ outbox: id, err: e }, "send failed for good");
      await finishOutbox(this.db, id, { status: "FAILED", channel, error: e.message, now });
    }
  }
}
