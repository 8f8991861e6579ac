/**
 * Which chats this process serves: Telegram with a token, Zalo when this
 * instance holds the one session a personal account allows, and otherwise
 * this terminal, so anyone can try the bot at once.
 */
import fs from "node:fs";
import { ConsoleChannel } from "../channels/console/channel.ts";
import { TelegramChannel } from "../channels/telegram/channel.ts";
import type { Channel, ChoiceMemory, CommandMenu } from "../messages/types.ts";
import { ZaloChannel } from "../channels/zalo/channel.ts";
import { loginWithCredentials } from "../channels/zalo/session.ts";
import { readZaloCredentials, type Config } from "../config.ts";
import type { Translate } from "../i18n.ts";
import type { Logger } from "../logger.ts";

export interface OpenedChannels {
  channels: Channel[];
  telegram: TelegramChannel | null;
  /** A Zalo channel from the saved login, or null without one; each call logs in anew. */
  zalo(): ZaloChannel | null;
  /** Whether this process has the Zalo session open (at start or taken over since). */
  zaloOpen: boolean;
}

export function openChannels(input: {
  config: Config;
  t: Translate;
  logger: Logger;
  menus: CommandMenu[];
  holdsZalo: boolean;
  /** Told when Zalo says another device took the session or it expired. */
  onZaloTakeover: (code: number) => void;
  /** The console's input ended (Ctrl-D): the process stops. */
  onConsoleEnd: () => void;
  /** Where Zalo keeps its numbered lists (the database, so a restart forgets none). */
  zaloChoices?: ChoiceMemory;
}): OpenedChannels {
  const { config, t, logger } = input;
  const channels: Channel[] = [];
  const telegram = config.telegram
    ? new TelegramChannel({
        token: config.telegram.token,
        apiRoot: config.telegram.apiRoot,
        ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
        menus: input.menus,
        onError: (err) => logger.error({ err }, "telegram"),
      })
    : null;
  if (telegram) channels.push(telegram);
  const zalo = (): ZaloChannel | null => {
    const credentials = readZaloCredentials(config.zaloCredentialsFile);
    return credentials
      ? new ZaloChannel({
          connect: () => loginWithCredentials(credentials),
          ...(input.zaloChoices ? { choices: input.zaloChoices } : {}),
          onError: (err) => logger.error({ err }, "zalo"),
          onTakeover: (code, reason) => {
            logger.error({ code, reason }, "zalo session taken over or expired; zalo paused");
            input.onZaloTakeover(code);
          },
        })
      : null;
  };
  const zaloAtStart = input.holdsZalo ? zalo() : null;
  if (zaloAtStart) channels.push(zaloAtStart);
  if (channels.length === 0) {
    channels.push(
      new ConsoleChannel({
        input: process.stdin,
        output: process.stdout,
        fileDir: "data/outbox",
        fileLabel: t("start.consoleFile"),
        stateFile: "data/console-as",
        asUsage: t("start.asUsage"),
        onEnd: input.onConsoleEnd,
      }),
    );
  }
  return { channels, telegram, zalo, zaloOpen: zaloAtStart !== null };
}

/** Logged in to Zalo but not holding the session here: Zalo-only rows wait for whoever opens it. */
export function awaitedPlatforms(opened: OpenedChannels, config: Config): "zalo"[] {
  return !opened.zaloOpen && fs.existsSync(config.zaloCredentialsFile) ? ["zalo"] : [];
}
