/**
 * `npm start`: the bot process. With a Telegram token it serves Telegram;
 * without one it serves this terminal, so anyone can try it at once. Each
 * step of starting is a named function in src/start/.
 */
import { storedChoices } from "./store/chat/choices.ts";
import { watchNudges } from "./store/delivery/nudge.ts";
import { startApp, type App } from "./app.ts";
import { commandMenus } from "./bot/bot.ts";
import { shownDatabase } from "./config.ts";
import { seedDemoIfEmpty } from "./demo/seed.ts";
import { displayPhone } from "./domain/phone.ts";
import { UserError } from "./errors.ts";
import { translator } from "./i18n.ts";
import { createLogger, type Logger } from "./logger.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import type { SendFn } from "./delivery/sender.ts";
import { listenChanges } from "./store/instances/changes.ts";
import { openChatLocks } from "./store/chat/chat-locks.ts";
import { openLeadership, type Leadership } from "./store/instances/leadership.ts";
import { counts } from "./store/plan/overview.ts";
import { busiestPerson } from "./store/people/staff.ts";
import { tellAdmins } from "./start/admins.ts";
import { startBackups } from "./start/backups.ts";
import { awaitedPlatforms, openChannels, type OpenedChannels } from "./start/channels.ts";
import { observerOf, openMetrics, startOps } from "./start/ops.ts";
import { wireBot, type Wired } from "./start/wire.ts";

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Settings checked and the database migrated, or the reason it cannot start said in one line. */
async function openApp(): Promise<App | null> {
  try {
    return await startApp();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    for (const line of e.render(translator(process.env.DEFAULT_LOCALE === "en" ? "en" : "vi"))) say(line);
    return null;
  }
}

async function describeDatabase(app: App): Promise<void> {
  const { t, config } = app;
  say(t("start.migrated", { path: shownDatabase(config) }));
  if (await seedDemoIfEmpty(app)) say(t("start.seeded"));
  say(t("start.summary", { year: config.planYear, ...(await counts(app.db, config.planYear)) }));
}

/**
 * Several instances on one Postgres: one decides reminders, one sends, one
 * holds the Zalo session. The callbacks are set once the bot is wired.
 */
async function joinInstances(app: App, logger: Logger) {
  const hooks = { rolesChanged: (_held: ReadonlySet<string>) => {}, shareWith: (_count: number) => {} };
  const leadership = await openLeadership(app.config.databaseUrl, ["scheduler", "sender", "zalo"], {
    onChange: (held) => {
      logger.info({ roles: [...held] }, "instance roles");
      hooks.rolesChanged(held);
    },
    onInstances: (count) => {
      logger.info({ count }, "instances sharing the database");
      hooks.shareWith(count);
    },
    onError: (err) => logger.warn({ err }, "leadership connection lost; roles given up until it is back"),
  });
  const chatLocks = openChatLocks(app.config.databaseUrl, (err) => logger.warn({ err }, "chat lock"));
  return { leadership, chatLocks, hooks };
}

/** The instance that held the Zalo session is gone: this one opens it, without a restart. */
function takeOverZalo(opened: OpenedChannels, wired: Wired, logger: Logger, held: ReadonlySet<string>): void {
  if (!held.has("zalo") || opened.zaloOpen) return;
  let channel = null;
  try {
    channel = opened.zalo();
  } catch (err) {
    logger.error({ err }, "zalo credentials unreadable; zalo not taken over");
  }
  if (!channel) return;
  opened.zaloOpen = true;
  logger.info("zalo session taken over from an instance that stopped");
  void wired.addChannel(channel).catch((err: unknown) => logger.error({ err }, "zalo not opened"));
}

function startScheduler(
  app: App,
  logger: Logger,
  leadership: Leadership,
  metrics: Awaited<ReturnType<typeof openMetrics>>,
) {
  const { config } = app;
  return new Scheduler({
    db: app.db,
    clock: app.clock,
    logger,
    unitName: config.unitName,
    tz: config.tz,
    defaultLocale: config.locale,
    active: () => leadership.holds("scheduler"),
    ...(metrics
      ? {
          onTick: (r: { decided: number }, ms: number) => {
            metrics.remindersDecided.inc(r.decided);
            metrics.tickSeconds.observe(ms / 1000);
          },
        }
      : {}),
  });
}

/** What the person at the terminal or the server log needs to know: where the bot answers. */
async function sayWhereItAnswers(app: App, opened: OpenedChannels, up: ReadonlySet<string>): Promise<void> {
  const { t, config } = app;
  if (opened.telegram && config.telegram) {
    say(
      up.has("telegram")
        ? t("start.telegram", {
            username: opened.telegram.username ?? "?",
            apiRoot: config.telegram.apiRoot,
            mode: config.telegram.webhook ? "webhook" : "long polling",
          })
        : t("start.telegramDown", { apiRoot: config.telegram.apiRoot }),
    );
  } else if (opened.channels.some((c) => c.name === "console")) {
    const example = await busiestPerson(app.db);
    const phone = example ? displayPhone(example.phone).replace(/\s/g, "") : "";
    say(t("start.console", { example: example ? t("start.consoleExample", { phone, name: example.name }) : "" }));
  }
}

async function main(): Promise<number> {
  const app = await openApp();
  if (!app) return 1;
  const { t, config } = app;
  const logger = createLogger(config.logLevel);
  await describeDatabase(app);

  let stopRequested: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const { leadership, chatLocks, hooks } = await joinInstances(app, logger);
  let sendTo: SendFn | null = null;
  const opened = openChannels({
    config,
    t,
    logger,
    menus: commandMenus(config.locale),
    holdsZalo: leadership.holds("zalo"),
    zaloChoices: storedChoices(app.db, "zalo", app.clock),
    // Told in the log and, on Telegram, to every admin: Zalo needs a new QR login.
    onZaloTakeover: (code) => {
      if (!sendTo) return;
      void tellAdmins(app, (tt) => tt("zalo.takeover", { code }), sendTo).catch((err: unknown) =>
        logger.error({ err }, "admin not told"),
      );
    },
    onConsoleEnd: () => stopRequested(),
  });
  const metrics = await openMetrics(app);
  let scheduler: Scheduler | null = null;
  const wired = wireBot({
    db: app.db,
    clock: app.clock,
    logger,
    settings: {
      unitName: config.unitName,
      planYear: config.planYear,
      tz: config.tz,
      defaultLocale: config.locale,
      inviteTtlDays: config.inviteTtlDays,
      conversationTtlMinutes: 30,
    },
    channels: opened.channels,
    // One pace per platform for replies, reminders and notices together.
    delivery: { pace: config.pace, paces: { zalo: config.zaloPace } },
    onSettingsChanged: () => scheduler?.invalidateSettings(),
    sending: () => leadership.holds("sender"),
    awaiting: () => awaitedPlatforms(opened, config),
    ...(chatLocks.lock ? { chatLock: chatLocks.lock } : {}),
    ...(metrics ? { observe: observerOf(metrics) } : {}),
  });
  const { runner, sender } = wired;
  // Each instance sends its own replies: together they keep the platforms' pace by each taking a part.
  hooks.shareWith = (count) => wired.dispatcher.setShare(count);
  hooks.shareWith(leadership.instances());
  await runner.start();
  sendTo = (channel, chatId, reply) => runner.sendTo(channel, chatId, reply);
  if (opened.zaloOpen) say(t("zalo.running"));
  hooks.rolesChanged = (held) => takeOverZalo(opened, wired, logger, held);
  hooks.rolesChanged(new Set(leadership.holds("zalo") ? ["zalo"] : []));
  scheduler = startScheduler(app, logger, leadership, metrics);
  // What another instance changes (a setting, the roster, someone's link) is known here at once.
  const listening = await listenChanges(
    config.databaseUrl,
    // An instance joined: count again at once, so the pace is shared from its first send.
    (topic) => (topic === "instances" ? void leadership.refresh() : wired.changed(topic)),
    (err) => logger.warn({ err }, "change notifications interrupted"),
  );
  // One that joined between this instance's first count and its LISTEN was not heard: count once more.
  await leadership.refresh();
  await sender.recover();
  scheduler.start(config.schedulerTickMs, async () => void (await sender.drain()));
  // Retries after a network error wait a second, not a whole scheduler minute, and what another process wrote
  // (the CLI's notice) starts within a second; an idle drain is one query.
  const drain = () => void sender.drain().catch((err: unknown) => logger.error({ err }, "outbox drain failed"));
  const drainTimer = setInterval(drain, 1_000);
  // A notice the CLI wrote into this database is sent at once, not on the next tick.
  const unwatch = watchNudges(config.databasePath, drain);
  drain();
  await sayWhereItAnswers(app, opened, runner.up);
  const ops = await startOps(app, metrics, () => ({
    configured: opened.channels.map((c) => c.name),
    up: [...runner.up],
  }));
  if (ops && config.health) say(t("start.health", { port: config.health.port }));
  const backups = startBackups(app, logger);
  say(t("start.waiting"));
  process.once("SIGINT", () => stopRequested());
  process.once("SIGTERM", () => stopRequested());
  await stopped;
  // Stop deciding and claiming, stop taking updates and let handlers in flight answer, give sends on the
  // way 10 s; what was not sent stays PENDING for the next start. Then close the database.
  await scheduler.stop();
  clearInterval(drainTimer);
  unwatch();
  ops?.close();
  await wired.stop(10_000);
  backups.stop();
  await Promise.all([leadership.close(), chatLocks.close(), listening.close()]);
  await app.close();
  say(t("start.stopped"));
  return 0;
}

process.exitCode = await main();
