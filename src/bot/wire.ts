/** Puts the bot together over a database and a set of channels. */
import type { Channel, ChannelName } from "../channels/types.ts";
import type { Clock } from "../domain/calendar.ts";
import type { Logger } from "../logger.ts";
import { ConversationStore } from "../store/conversations.ts";
import type { Db } from "../store/db.ts";
import { createBot, type Bot } from "./bot.ts";
import type { BotSettings } from "./context.ts";
import { MemberCache } from "./members.ts";
import { BotRunner, DEFAULT_RUNNER_OPTIONS, type RunnerOptions } from "./runner.ts";

export function wireBot(input: {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: BotSettings;
  channels: Channel[];
  runner?: Partial<RunnerOptions>;
  onSettingsChanged?: () => void;
}): { bot: Bot; runner: BotRunner } {
  const byName = new Map<ChannelName, Channel>(input.channels.map((c) => [c.name, c]));
  const bot = createBot({
    db: input.db,
    clock: input.clock,
    logger: input.logger,
    settings: input.settings,
    conversations: new ConversationStore(input.db),
    members: new MemberCache(input.db),
    capabilities: (name) => byName.get(name)?.capabilities ?? new Set(),
    download: async (name, fileId) => {
      const channel = byName.get(name);
      if (!channel?.download) throw new Error(`${name} cannot download files`);
      return channel.download(fileId);
    },
    ...(input.onSettingsChanged ? { onSettingsChanged: input.onSettingsChanged } : {}),
  });
  const runner = new BotRunner(bot, input.channels, input.logger, { ...DEFAULT_RUNNER_OPTIONS, ...input.runner });
  return { bot, runner };
}
