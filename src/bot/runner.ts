/**
 * Between the channels and the bot: one chat's messages strictly in arrival
 * order (different chats in parallel), each update once (also across a
 * restart), a per-chat rate limit, an error boundary that logs and apologises
 * with a reference, and the replies handed to the dispatcher ahead of
 * everything queued.
 */
import { randomBytes } from "node:crypto";
import type { Dispatcher } from "../delivery/dispatcher.ts";
import { backoffMs } from "../delivery/pacing.ts";
import type { Channel, ChannelName, IncomingMessage, SentMessage } from "../messages/types.ts";
import type { Logger } from "../logger.ts";
import type { Bot } from "./bot.ts";
import type { Outgoing } from "./context.ts";

export interface RunnerOptions {
  /** At most this many messages per chat in `windowMs`; the rest are dropped after one warning. */
  rateLimit: { count: number; windowMs: number };
  /** How many recent update ids are remembered to drop redeliveries. */
  dedupeSize: number;
  now?: () => number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = { rateLimit: { count: 30, windowMs: 10_000 }, dedupeSize: 10_000 };

export interface RunnerDelivery {
  dispatcher: Dispatcher;
  /** True the first time an update id is seen, durably; false for a redelivery after a restart. */
  takeUpdate?: (id: string) => Promise<boolean>;
  /** Held while one of the chat's messages is handled, across instances (store/chat/chat-locks.ts); none on SQLite. */
  chatLock?: (chat: string) => Promise<() => Promise<void>>;
  /** Told after each update with how it ended and how long it took, replies included (for metrics). */
  observe?: (channel: ChannelName, outcome: "handled" | "failed" | "duplicate" | "limited", ms: number) => void;
}

/** A reply that surely did not leave (refused connection, 5xx) is tried again this many times. */
const REPLY_RETRIES = 3;

export class BotRunner {
  private readonly channels = new Map<ChannelName, Channel>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly seen = new Set<string>();
  private readonly windows = new Map<string, { start: number; count: number; warned: boolean }>();
  private readonly retrying = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly bot: Bot,
    channels: Channel[],
    private readonly logger: Logger,
    private readonly options: RunnerOptions,
    private readonly delivery: RunnerDelivery,
  ) {
    for (const c of channels) this.channels.set(c.name, c);
  }

  /**
   * Starts every channel. One that cannot connect (Telegram unreachable at
   * start-up) is retried in the background with backoff while the others
   * work; `connected` tells which are up.
   */
  async start(): Promise<void> {
    await this.bot.warmUp();
    await Promise.all([...this.channels.values()].map((c) => this.startChannel(c)));
  }

  /**
   * A channel opened while running: the Zalo session, taken over by this
   * instance when the one that held it died.
   */
  async addChannel(channel: Channel): Promise<void> {
    if (this.stopped || this.channels.has(channel.name)) return;
    this.channels.set(channel.name, channel);
    await this.startChannel(channel);
  }

  private async startChannel(c: Channel): Promise<void> {
    await c
      .start((m) => this.receive(m))
      .then(
        () => void this.up.add(c.name),
        (err: unknown) => this.retryStart(c, 1, err),
      );
  }

  /** Channels that are listening. */
  readonly up = new Set<ChannelName>();

  private retryStart(channel: Channel, attempt: number, error: unknown): void {
    if (this.stopped) return;
    const wait = Math.min(60_000, backoffMs(attempt) * 2);
    this.logger.error({ err: error, channel: channel.name, retryInMs: wait }, "channel could not start; retrying");
    const timer = setTimeout(() => {
      this.retrying.delete(timer);
      if (this.stopped) return;
      channel
        .start((m) => this.receive(m))
        .then(
          () => {
            this.up.add(channel.name);
            this.logger.info({ channel: channel.name, attempt: attempt + 1 }, "channel started");
          },
          (e: unknown) => this.retryStart(channel, attempt + 1, e),
        );
    }, wait);
    this.retrying.add(timer);
  }

  receive(msg: IncomingMessage): Promise<void> {
    const id = `${msg.channel}:${msg.updateId}`;
    if (this.seen.has(id)) {
      this.logger.debug({ update: id }, "duplicate update dropped");
      return Promise.resolve();
    }
    this.seen.add(id);
    if (this.seen.size > this.options.dedupeSize) this.seen.delete(this.seen.values().next().value!);
    const chat = `${msg.channel}:${msg.chatId}`;
    const next = (this.queues.get(chat) ?? Promise.resolve()).then(() => this.process(msg));
    this.queues.set(chat, next);
    void next.finally(() => {
      if (this.queues.get(chat) === next) this.queues.delete(chat);
    });
    return next;
  }

  private limited(chat: string): "ok" | "warn" | "drop" {
    const now = (this.options.now ?? Date.now)();
    let w = this.windows.get(chat);
    if (!w || now - w.start >= this.options.rateLimit.windowMs) {
      w = { start: now, count: 0, warned: false };
      this.windows.set(chat, w);
    }
    w.count++;
    if (w.count <= this.options.rateLimit.count) return "ok";
    if (w.warned) return "drop";
    w.warned = true;
    return "warn";
  }

  private async process(msg: IncomingMessage): Promise<void> {
    const started = performance.now();
    const unlock = await this.delivery.chatLock?.(`${msg.channel}:${msg.chatId}`);
    let outcome: Awaited<ReturnType<BotRunner["handleOne"]>>;
    try {
      outcome = await this.handleOne(msg);
    } finally {
      await unlock?.();
    }
    this.delivery.observe?.(msg.channel, outcome, performance.now() - started);
  }

  private async handleOne(msg: IncomingMessage): Promise<"handled" | "failed" | "duplicate" | "limited"> {
    const update = `${msg.channel}:${msg.updateId}`;
    let first: boolean;
    try {
      first = this.delivery.takeUpdate ? await this.delivery.takeUpdate(update) : true;
    } catch (error) {
      // The database cannot record it: the person hears so, and the bot goes on.
      const reference = randomBytes(3).toString("hex").toUpperCase();
      this.logger.error({ err: error, update, reference }, "update not recorded");
      await this.deliver([await this.bot.apology(msg, reference)], update);
      return "failed";
    }
    if (!first) {
      this.logger.info({ update }, "update handled before a restart; not handled again");
      return "duplicate";
    }
    const verdict = this.limited(`${msg.channel}:${msg.chatId}`);
    if (verdict !== "ok") {
      this.logger.warn({ update, chat: msg.chatId }, "rate limited");
      if (verdict === "warn") await this.deliver([await this.bot.slowDown(msg)], update);
      return "limited";
    }
    let out: Outgoing[];
    let outcome: "handled" | "failed" = "handled";
    try {
      out = await this.bot.handle(msg);
    } catch (error) {
      const reference = randomBytes(3).toString("hex").toUpperCase();
      this.logger.error({ err: error, update, reference }, "handler failed");
      out = [await this.bot.apology(msg, reference)];
      outcome = "failed";
    }
    await this.deliver(out, update);
    return outcome;
  }

  /** Sends one message at the platform's pace (not ahead of the queue); throws what the channel throws. */
  async sendTo(channel: ChannelName, chatId: string, reply: Outgoing["reply"]): Promise<SentMessage> {
    if (!this.channels.has(channel)) throw new Error(`channel ${channel} is not connected`);
    return this.delivery.dispatcher.send(channel, chatId, reply, { retries: REPLY_RETRIES });
  }

  /** The answers to a person's own message: ahead of queued notices, in order, a 429 waited out. */
  async deliver(out: Outgoing[], update?: string): Promise<void> {
    for (const o of out) {
      if (!this.channels.has(o.channel)) {
        this.logger.warn({ update, channel: o.channel }, "no such channel connected; message not sent");
        continue;
      }
      try {
        await this.delivery.dispatcher.send(o.channel, o.chatId, o.reply, { urgent: true, retries: REPLY_RETRIES });
      } catch (error) {
        this.logger.error({ err: error, update, channel: o.channel, chat: o.chatId }, "reply not sent");
      }
    }
  }

  /**
   * Resolves once no message is being handled or waits to be, its replies
   * delivered: what a test awaits after handing the bot an update, instead
   * of sleeping and hoping the work is done.
   */
  async idle(): Promise<void> {
    while (this.queues.size) await Promise.allSettled([...this.queues.values()]);
  }

  /** Stops the channels (they finish what they handed over), then waits for every chat's queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retrying) clearTimeout(timer);
    for (const c of this.channels.values()) if (this.up.has(c.name)) await c.stop();
    await Promise.allSettled([...this.queues.values()]);
  }
}
