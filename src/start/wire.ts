/** Puts the bot together over a database and a set of channels: one dispatcher, one outbox sender. */
import type { Dispatcher } from "../delivery/dispatcher.ts";
import type { PaceOptions } from "../delivery/pacing.ts";
import type { Channel, ChannelName } from "../messages/types.ts";
import type { Clock } from "../domain/calendar.ts";
import type { Logger } from "../logger.ts";
import { BroadcastProgress, outboxExpander } from "../scheduler/broadcast.ts";
import { dispatcherFor } from "../delivery/paces.ts";
import { OutboxSender } from "../delivery/sender.ts";
import type { Topic } from "../store/instances/changes.ts";
import type { ChatLock } from "../store/chat/chat-locks.ts";
import { providerOf } from "../store/db/dialect.ts";
import { ConversationStore } from "../store/chat/conversations.ts";
import type { Db } from "../store/db/db.ts";
import { takeUpdate } from "../store/chat/updates.ts";
import { createBot, type Bot } from "../bot/bot.ts";
import type { BotSettings } from "../bot/context.ts";
import { MemberCache } from "../bot/members.ts";
import { BotRunner, DEFAULT_RUNNER_OPTIONS, type RunnerDelivery, type RunnerOptions } from "../bot/runner.ts";

export interface DeliveryOptions {
  /** Telegram's pace (and any platform's not named in `paces`). */
  pace?: PaceOptions;
  paces?: Partial<Record<ChannelName, PaceOptions>>;
  sendTimeoutMs?: number;
  maxInFlight?: number;
}

export interface Wired {
  bot: Bot;
  runner: BotRunner;
  dispatcher: Dispatcher;
  sender: OutboxSender;
  /** Another instance changed settings or the roster (store/instances/changes.ts): drop what is cached. */
  changed(topic: Topic): void;
  /** Opens a channel while running (the Zalo session this instance took over): its chats are answered and its rows sent. */
  addChannel(channel: Channel): Promise<void>;
  /**
   * Stops claiming outbox rows, stops taking updates and lets handlers in
   * flight answer, then gives the sends on the way `graceMs`; what was not
   * sent stays PENDING for the next start.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Hooks for metrics: each update handled, each send settled, each 429. */
export interface Observers {
  update?: RunnerDelivery["observe"];
  send?: (channel: ChannelName, outcome: string) => void;
  rateLimited?: (channel: ChannelName) => void;
}

export function wireBot(input: {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: BotSettings;
  channels: Channel[];
  runner?: Partial<RunnerOptions>;
  delivery?: DeliveryOptions;
  onSettingsChanged?: () => void;
  /** One chat's messages one at a time across instances (store/chat/chat-locks.ts). */
  chatLock?: ChatLock;
  /** Whether this instance's outbox sender sends now (see store/instances/leadership.ts); always, when not given. */
  sending?: () => boolean;
  /** Platforms in use that this instance has not opened yet (the Zalo session held elsewhere): their rows wait. */
  awaiting?: () => readonly ChannelName[];
  observe?: Observers;
}): Wired {
  const byName = new Map<ChannelName, Channel>(input.channels.map((c) => [c.name, c]));
  const { db, clock, logger } = input;
  const dispatcher = dispatcherFor(
    (name, chatId, reply) => {
      const channel = byName.get(name);
      if (!channel) throw new Error(`channel ${name} is not connected`);
      return channel.send(chatId, reply);
    },
    {
      ...(input.delivery?.pace ? { pace: input.delivery.pace } : {}),
      ...(input.delivery?.paces ? { paces: input.delivery.paces } : {}),
    },
    {
      ...(input.delivery?.sendTimeoutMs ? { sendTimeoutMs: input.delivery.sendTimeoutMs } : {}),
      ...(input.delivery?.maxInFlight ? { maxInFlight: input.delivery.maxInFlight } : {}),
      onRateLimited: (channel, ms) => {
        logger.warn({ channel, retryAfterMs: ms }, "rate limited: every send to this platform waits");
        input.observe?.rateLimited?.(channel);
      },
      ...(input.observe?.send ? { onSettled: input.observe.send } : {}),
    },
  );
  const progress = new BroadcastProgress(
    db,
    (c, chatId, reply) => dispatcher.send(c, chatId, reply, { retries: 3 }),
    clock,
    logger,
    input.settings.defaultLocale,
  );
  // On Postgres several bot processes may share the database: the outbox, conversations and caches know it.
  const shared = providerOf(db) === "postgresql";
  const members = new MemberCache(db);
  const sender = new OutboxSender(
    db,
    dispatcher,
    clock,
    logger,
    input.channels.map((c) => c.name),
    {
      expand: outboxExpander(db, input.settings.defaultLocale),
      onFinished: (item) => progress.finished(item),
      // On Postgres several bot processes may send from one outbox.
      shared,
      ...(input.sending ? { active: input.sending } : {}),
      ...(input.awaiting ? { awaiting: input.awaiting } : {}),
    },
  );
  const drain = () => void sender.drain().catch((err: unknown) => logger.error({ err }, "outbox drain failed"));
  const bot = createBot({
    db,
    clock,
    logger,
    settings: input.settings,
    conversations: new ConversationStore(db, shared),
    members,
    capabilities: (name) => byName.get(name)?.capabilities ?? new Set(),
    download: async (name, fileId) => {
      const channel = byName.get(name);
      if (!channel?.download) throw new Error(`${name} cannot download files`);
      return channel.download(fileId);
    },
    onQueued: drain,
    ...(input.onSettingsChanged ? { onSettingsChanged: input.onSettingsChanged } : {}),
  });
  const runner = new BotRunner(
    bot,
    input.channels,
    logger,
    { ...DEFAULT_RUNNER_OPTIONS, ...input.runner },
    {
      dispatcher,
      takeUpdate: (id) => takeUpdate(db, id, clock.now()),
      ...(input.chatLock ? { chatLock: input.chatLock } : {}),
      ...(input.observe?.update ? { observe: input.observe.update } : {}),
    },
  );
  return {
    bot,
    runner,
    dispatcher,
    sender,
    changed(topic) {
      if (topic === "members") members.clear();
      else input.onSettingsChanged?.();
    },
    async addChannel(channel) {
      if (byName.has(channel.name)) return;
      byName.set(channel.name, channel);
      sender.addChannel(channel.name);
      await runner.addChannel(channel);
      drain();
    },
    async stop(graceMs = 10_000) {
      sender.stopClaiming();
      await runner.stop();
      await sender.stop(graceMs);
    },
  };
}
