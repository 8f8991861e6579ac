/**
 * Between the channels and the bot: one chat's messages strictly in arrival
 * order (different chats in parallel), each update once, a per-chat rate
 * limit, and an error boundary that logs and apologises with a reference.
 */
import { randomBytes } from "node:crypto";
import type { Channel, ChannelName, IncomingMessage, SentMessage } from "../channels/types.ts";
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

export class BotRunner {
  private readonly channels = new Map<ChannelName, Channel>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly seen = new Set<string>();
  private readonly windows = new Map<string, { start: number; count: number; warned: boolean }>();

  constructor(
    private readonly bot: Bot,
    channels: Channel[],
    private readonly logger: Logger,
    private readonly options: RunnerOptions = DEFAULT_RUNNER_OPTIONS,
  ) {
    for (const c of channels) this.channels.set(c.name, c);
  }

  async start(): Promise<void> {
    await this.bot.warmUp();
    for (const c of this.channels.values()) await c.start((m) => this.receive(m));
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
    const update = `${msg.channel}:${msg.updateId}`;
    const verdict = this.limited(`${msg.channel}:${msg.chatId}`);
    if (verdict !== "ok") {
      this.logger.warn({ update, chat: msg.chatId }, "rate limited");
      if (verdict === "warn") await this.deliver([await this.bot.slowDown(msg)], update);
      return;
    }
    let out: Outgoing[];
    try {
      out = await this.bot.handle(msg);
    } catch (error) {
      const reference = randomBytes(3).toString("hex").toUpperCase();
      this.logger.error({ err: error, update, reference }, "handler failed");
      out = [await this.bot.apology(msg, reference)];
    }
    await this.deliver(out, update);
  }

  /** Sends one message on a connected channel; throws what the channel throws. */
  async sendTo(channel: ChannelName, chatId: string, reply: Outgoing["reply"]): Promise<SentMessage> {
    const c = this.channels.get(channel);
    if (!c) throw new Error(`channel ${channel} is not connected`);
    return c.send(chatId, reply);
  }

  async deliver(out: Outgoing[], update?: string): Promise<void> {
    for (const o of out) {
      const channel = this.channels.get(o.channel);
      if (!channel) {
        this.logger.warn({ update, channel: o.channel }, "no such channel connected; message not sent");
        continue;
      }
      try {
        await channel.send(o.chatId, o.reply);
      } catch (error) {
        this.logger.error({ err: error, update, channel: o.channel, chat: o.chatId }, "send failed");
      }
    }
  }

  /** Stops the channels (they finish what they handed over), then waits for every chat's queue. */
  async stop(): Promise<void> {
    for (const c of this.channels.values()) await c.stop();
    await Promise.allSettled([...this.queues.values()]);
  }
}
