/**
 * `npm start`: the bot process. With a Telegram token it serves Telegram;
 * without one it serves this terminal, so anyone can try it at once.
 */
import fs from "node:fs";
import path from "node:path";
import { startApp, type App } from "./app.ts";
import { dayOf } from "./domain/calendar.ts";
import { nightlyBackup, pidFile } from "./store/backup.ts";
import { openLeadership } from "./store/leadership.ts";
import { listenChanges } from "./store/changes.ts";
import { openChatLocks } from "./store/chat-locks.ts";
import { commandMenus } from "./bot/bot.ts";
import { wireBot } from "./bot/wire.ts";
import { ConsoleChannel } from "./channels/console/channel.ts";
import { TelegramChannel } from "./channels/telegram/channel.ts";
import type { Channel } from "./channels/types.ts";
import { seedDemoIfEmpty } from "./demo.ts";
import { readZaloCredentials, shownDatabase } from "./config.ts";
import { ZaloChannel } from "./channels/zalo/channel.ts";
import { loginWithCredentials } from "./channels/zalo/session.ts";
import { addressesOf } from "./store/identities.ts";
import { findUnitId } from "./store/units.ts";
import type { SendFn } from "./scheduler/sender.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import { displayPhone } from "./domain/phone.ts";
import { UserError } from "./errors.ts";
import { translator } from "./i18n.ts";
import { createLogger } from "./logger.ts";
import { counts } from "./store/overview.ts";

/** Someone with work to do, to suggest for `/as` in the console. */
async function busiestPerson(app: App): Promise<{ name: string; phone: string } | null> {
  const top = await app.db.assignment.groupBy({
    by: ["staffId"],
    where: { status: { not: "DONE" } },
    _count: true,
    orderBy: { _count: { staffId: "desc" } },
    take: 1,
  });
  const staff = top[0] ? await app.db.staff.findUnique({ where: { id: top[0].staffId } }) : null;
  return staff ? { name: staff.name, phone: staff.phone } : null;
}

/**
 * A message to the deployment unit's admins on Telegram (Zalo itself may be
 * what is down); in a province, the units' own admins do not run the server.
 */
async function notifyAdmins(
  app: App,
  build: (t: ReturnType<typeof translator>) => string,
  runner: { sendTo: SendFn } | null,
): Promise<void> {
  if (!runner) return;
  const unitId = (await findUnitId(app.db, app.config.unitName)) ?? -1;
  const admins = await app.db.staff.findMany({ where: { role: "ADMIN", active: true, unitId }, select: { id: true } });
  for (const a of await addressesOf(
    app.db,
    admins.map((x) => x.id),
  )) {
    if (a.platform === "telegram")
      await runner.sendTo("telegram", a.chatId, {
        kind: "text",
        text: build(translator((a.locale as "vi" | "en" | null) ?? app.config.locale)),
      });
  }
}

async function main(): Promise<number> {
  let app: App;
  try {
    app = await startApp();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    for (const line of e.render(translator(process.env.DEFAULT_LOCALE === "en" ? "en" : "vi")))
      process.stderr.write(`${line}\n`);
    return 1;
  }
  const { t, config } = app;
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const logger = createLogger(config.logLevel);
  say(t("start.migrated", { path: shownDatabase(config) }));
  if (await seedDemoIfEmpty(app)) say(t("start.seeded"));
  say(t("start.summary", { year: config.planYear, ...(await counts(app.db, config.planYear)) }));

  let stopRequested: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const channels: Channel[] = [];
  let telegram: TelegramChannel | null = null;
  if (config.telegram) {
    telegram = new TelegramChannel({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
      menus: commandMenus(config.locale),
      onError: (err) => logger.error({ err }, "telegram"),
    });
    channels.push(telegram);
  }
  // Set once the dispatcher exists; the instance count may change before.
  let shareWith: (count: number) => void = () => {};
  // Several instances on one Postgres: one decides reminders, one sends, one holds the Zalo session.
  // Set once the bot is wired: a role taken over (the Zalo session) is acted on.
  let rolesChanged: (held: ReadonlySet<string>) => void = () => {};
  const leadership = await openLeadership(config.databaseUrl, ["scheduler", "sender", "zalo"], {
    onChange: (held) => {
      logger.info({ roles: [...held] }, "instance roles");
      rolesChanged(held);
    },
    onInstances: (count) => {
      logger.info({ count }, "instances sharing the database");
      shareWith(count);
    },
    onError: (err) => logger.warn({ err }, "leadership connection lost; roles given up until it is back"),
  });
  const chatLocks = openChatLocks(config.databaseUrl, (err) => logger.warn({ err }, "chat lock"));
  let runnerRef: { sendTo: SendFn } | null = null;
  // A personal Zalo account allows one session: only the instance holding the role opens it, at start or
  // when it takes the role over from an instance that died.
  const zaloChannel = (): ZaloChannel | null => {
    const credentials = readZaloCredentials(config.zaloCredentialsFile);
    return credentials
      ? new ZaloChannel({
          connect: () => loginWithCredentials(credentials),
          onError: (err) => logger.error({ err }, "zalo"),
          // Told in the log and, on Telegram, to every admin: Zalo needs a new QR login.
          onTakeover: (code, reason) => {
            logger.error({ code, reason }, "zalo session taken over or expired; zalo paused");
            void notifyAdmins(app, (t) => t("zalo.takeover", { code }), runnerRef).catch((err: unknown) =>
              logger.error({ err }, "admin not told"),
            );
          },
        })
      : null;
  };
  const zaloAtStart = leadership.holds("zalo") ? zaloChannel() : null;
  if (zaloAtStart) channels.push(zaloAtStart);
  let zaloOpen = zaloAtStart !== null;
  if (channels.length === 0) {
    channels.push(
      new ConsoleChannel({
        input: process.stdin,
        output: process.stdout,
        fileDir: "data/outbox",
        fileLabel: t("start.consoleFile"),
        stateFile: "data/console-as",
        asUsage: t("start.asUsage"),
        onEnd: () => stopRequested(),
      }),
    );
  }
  let scheduler: Scheduler | null = null;
  // Metrics cost nothing when nobody scrapes them, but prom-client loads only when asked for.
  const metrics = config.health ? new (await import("./ops/metrics.ts")).Metrics(app.db) : null;
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
    channels,
    // One pace per platform for replies, reminders and notices together.
    delivery: { pace: config.pace, paces: { zalo: config.zaloPace } },
    onSettingsChanged: () => scheduler?.invalidateSettings(),
    sending: () => leadership.holds("sender"),
    // Logged in to Zalo but not holding the session here: Zalo-only rows wait for whoever opens it.
    awaiting: () => (!zaloOpen && fs.existsSync(config.zaloCredentialsFile) ? ["zalo"] : []),
    ...(chatLocks.lock ? { chatLock: chatLocks.lock } : {}),
    ...(metrics
      ? {
          observe: {
            update: (channel, outcome, ms) => (
              metrics.updates.inc({ channel, outcome }),
              metrics.handlerSeconds.observe({ channel }, ms / 1000)
            ),
            send: (platform, outcome) => metrics.sends.inc({ platform, outcome }),
            rateLimited: (platform) => metrics.rateLimited.inc({ platform }),
          },
        }
      : {}),
  });
  const { runner, sender } = wired;
  // Each instance sends its own replies: together they keep the platforms' pace by each taking a part.
  shareWith = (count) => wired.dispatcher.setShare(count);
  shareWith(leadership.instances());
  await runner.start();
  const sendTo: SendFn = (channel, chatId, reply) => runner.sendTo(channel, chatId, reply);
  runnerRef = { sendTo };
  if (zaloAtStart) say(t("zalo.running"));
  rolesChanged = (held) => {
    if (!held.has("zalo") || zaloOpen) return;
    // The instance that held the Zalo session is gone: this one opens it, without a restart.
    let channel: ZaloChannel | null = null;
    try {
      channel = zaloChannel();
    } catch (err) {
      logger.error({ err }, "zalo credentials unreadable; zalo not taken over");
    }
    if (!channel) return;
    zaloOpen = true;
    logger.info("zalo session taken over from an instance that stopped");
    void wired.addChannel(channel).catch((err: unknown) => logger.error({ err }, "zalo not opened"));
  };
  rolesChanged(new Set(leadership.holds("zalo") ? ["zalo"] : []));
  scheduler = new Scheduler({
    db: app.db,
    clock: app.clock,
    logger,
    unitName: config.unitName,
    tz: config.tz,
    defaultLocale: config.locale,
    active: () => leadership.holds("scheduler"),
    ...(metrics
      ? {
          onTick: (r: { decided: number }, ms: number) => (
            metrics.remindersDecided.inc(r.decided),
            metrics.tickSeconds.observe(ms / 1000)
          ),
        }
      : {}),
  });
  // What another instance changes (a setting, the roster, someone's link) is known here at once.
  const listening = await listenChanges(
    config.databaseUrl,
    (topic) => wired.changed(topic),
    (err) => logger.warn({ err }, "change notifications interrupted"),
  );
  await sender.recover();
  scheduler.start(config.schedulerTickMs, async () => void (await sender.drain()));
  // Retries after a network error wait seconds, not a whole scheduler minute.
  const drainTimer = setInterval(
    () => void sender.drain().catch((err: unknown) => logger.error({ err }, "outbox drain failed")),
    5_000,
  );
  void sender.drain().catch((err: unknown) => logger.error({ err }, "outbox drain failed"));
  if (telegram && runner.up.has("telegram")) {
    say(
      t("start.telegram", {
        username: telegram.username ?? "?",
        apiRoot: config.telegram!.apiRoot,
        mode: config.telegram!.webhook ? "webhook" : "long polling",
      }),
    );
  } else if (telegram) {
    say(t("start.telegramDown", { apiRoot: config.telegram!.apiRoot }));
  } else if (channels.some((c) => c.name === "console")) {
    const example = await busiestPerson(app);
    say(
      t("start.console", {
        example: example
          ? t("start.consoleExample", { phone: displayPhone(example.phone).replace(/\s/g, ""), name: example.name })
          : "",
      }),
    );
  }
  let ops: { close(): void } | null = null;
  if (config.health && metrics) {
    const { startOpsServer } = await import("./ops/server.ts");
    ops = await startOpsServer(
      config.health.port,
      {
        db: app.db,
        channels: () => ({ configured: channels.map((c) => c.name), up: [...runner.up] }),
        maxOutboxLagSeconds: config.health.maxOutboxLagSeconds,
        now: () => app.clock.now(),
      },
      metrics,
    );
    say(t("start.health", { port: config.health.port }));
  }
  // SQLite only: Postgres is backed up with pg_dump (README), and several processes may share it.
  const file = config.databasePath;
  // A restore refuses while this file names a live process.
  if (file) fs.writeFileSync(pidFile(file), String(process.pid), { mode: 0o600 });
  const backUp = () =>
    file &&
    nightlyBackup(file, path.join(config.dataDir, "backups"), dayOf(app.clock.now(), config.tz)).then(
      (r) => r && logger.info({ file: r.file, bytes: r.bytes, staff: r.staff }, "nightly backup made"),
      (err: unknown) => logger.error({ err }, "nightly backup failed"),
    );
  void backUp();
  // Checked hourly: the first check of each local day makes that day's copy (7 daily and 4 weekly are kept).
  const backupTimer = setInterval(() => void backUp(), 3600_000);
  say(t("start.waiting"));
  process.once("SIGINT", () => stopRequested());
  process.once("SIGTERM", () => stopRequested());
  await stopped;
  // Stop deciding and claiming, stop taking updates and let handlers in flight answer, give sends on the
  // way 10 s; what was not sent stays PENDING for the next start. Then close the database.
  await scheduler.stop();
  clearInterval(drainTimer);
  clearInterval(backupTimer);
  ops?.close();
  await wired.stop(10_000);
  if (file) fs.rmSync(pidFile(file), { force: true });
  await Promise.all([leadership.close(), chatLocks.close(), listening.close()]);
  await app.close();
  say(t("start.stopped"));
  return 0;
}

process.exitCode = await main();
