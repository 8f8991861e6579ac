/**
 * Settings from the environment and an optional .env file, checked once at
 * start-up. A bad value stops the program with one line naming the variable.
 */
import fs from "node:fs";
import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";
import { yearOf, type Clock, systemClock } from "./domain/calendar.ts";
import type { ZaloCredentials } from "./channels/zalo/session.ts";
import { UserError } from "./errors.ts";

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  // An SQLite file for one unit; Postgres for a province or several bot processes.
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/)
    .default("file:./data/cchc.db"),
  // Secrets, the Zalo login, backups: beside the SQLite file unless set.
  DATA_DIR: z.string().min(1).optional(),
  TZ_NAME: z.string().refine(isTimeZone).default("Asia/Ho_Chi_Minh"),
  DEFAULT_LOCALE: z.enum(["vi", "en"]).default("vi"),
  PLAN_YEAR: z.coerce.number().int().min(2000).max(2100).optional(),
  UNIT_NAME: z.string().trim().min(1).default("Đơn vị"),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  // Any Bot-API-compatible server may use its own token format; only whitespace is surely wrong.
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\S+$/).optional(),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: z.url().optional(),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[\w-]{1,256}$/)
    .optional(),
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^@?\w{3,64}$/)
    .optional(),
  INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  SEND_RATE_PER_SECOND: z.coerce.number().min(0.1).max(30).default(25),
  SEND_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  ZALO_CREDENTIALS_FILE: z.string().min(1).optional(),
  ZALO_SEND_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(2000),
  ZALO_SEND_JITTER_MS: z.coerce.number().int().min(0).max(600_000).default(1500),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // /healthz, /readyz and /metrics; off unless a port is given.
  HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  OUTBOX_MAX_LAG_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  SCHEDULER_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  /** "file:/abs/path/cchc.db", or the postgresql:// URL as given. */
  databaseUrl: string;
  /** The SQLite file; null on Postgres. */
  databasePath: string | null;
  /** Where the bot keeps its own files: secrets, the Zalo login, SQLite backups. */
  dataDir: string;
  tz: string;
  locale: "vi" | "en";
  planYear: number;
  unitName: string;
  seedDemo: boolean;
  telegram: {
    token: string;
    apiRoot: string;
    webhook?: { url: string; port: number; secretToken?: string };
    username?: string;
  } | null;
  /** Set when no token is given: the username for invite links, if known. */
  telegramUsername?: string;
  inviteTtlDays: number;
  logLevel: string;
  health: { port: number; maxOutboxLagSeconds: number } | null;
  /** The outbox's pace: messages per second overall, and the least time between two to one chat. */
  pace: { perSecond: number; perChatMs: number };
  /** Where the Zalo login is kept (mode 0600); Zalo runs when the file exists. */
  zaloCredentialsFile: string;
  zaloPace: { perSecond: number; perChatMs: number; jitterMs: number };
  /** Run as if it were this instant at start, time passing normally from there: a drill of a given day, or a test. */
  clockStart: Date | null;
  /** How often the scheduler looks for reminders due. */
  schedulerTickMs: number;
}

/**
 * A token may also live in data/telegram-token, readable by its owner only:
 * secrets stay out of the environment of every child process and out of git.
 */
export function readSecretFile(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  if ((stat.mode & 0o077) !== 0)
    throw UserError.of("config.secretMode", { file, mode: (stat.mode & 0o777).toString(8) });
  return fs.readFileSync(file, "utf8").trim() || undefined;
}

/** Reads .env (if any) into process.env without overriding what is set. */
export function loadDotenvFile(file = ".env"): void {
  loadDotenv({ path: file, quiet: true });
}

export function parseConfig(
  env: Record<string, string | undefined>,
  clock: Clock = systemClock,
  cwd = process.cwd(),
): Config {
  // Empty variables count as unset, as in most .env conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const first = result.error.issues[0]!;
    const name = String(first.path[0]);
    throw UserError.of("config.invalid", { name, value: present[name] ?? "" });
  }
  const e = result.data;
  // Without a secret anyone who learns the URL can post updates as any user, the admin included.
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) throw UserError.of("config.webhookSecret");
  const databasePath = e.DATABASE_URL.startsWith("file:")
    ? path.resolve(cwd, e.DATABASE_URL.slice("file:".length))
    : null;
  const dataDir = path.resolve(cwd, e.DATA_DIR ?? (databasePath ? path.dirname(databasePath) : "data"));
  const token = e.TELEGRAM_BOT_TOKEN ?? readSecretFile(path.join(dataDir, "telegram-token"));
  const username = e.TELEGRAM_BOT_USERNAME?.replace(/^@/, "");
  const config: Config = {
    databaseUrl: databasePath ? `file:${databasePath}` : e.DATABASE_URL,
    databasePath,
    dataDir,
    tz: e.TZ_NAME,
    locale: e.DEFAULT_LOCALE,
    planYear: e.PLAN_YEAR ?? 0,
    unitName: e.UNIT_NAME,
    seedDemo: e.SEED_DEMO === "true",
    telegram: token
      ? {
          token,
          apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
          ...(e.TELEGRAM_WEBHOOK_URL
            ? {
                webhook: {
                  url: e.TELEGRAM_WEBHOOK_URL,
                  port: e.TELEGRAM_WEBHOOK_PORT,
                  secretToken: e.TELEGRAM_WEBHOOK_SECRET!,
                },
              }
            : {}),
          ...(username ? { username } : {}),
        }
      : null,
    ...(username ? { telegramUsername: username } : {}),
    inviteTtlDays: e.INVITE_TTL_DAYS,
    logLevel: e.LOG_LEVEL,
    health: e.HEALTH_PORT ? { port: e.HEALTH_PORT, maxOutboxLagSeconds: e.OUTBOX_MAX_LAG_SECONDS } : null,
    pace: { perSecond: e.SEND_RATE_PER_SECOND, perChatMs: e.SEND_CHAT_INTERVAL_MS },
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : null,
    schedulerTickMs: e.SCHEDULER_TICK_SECONDS * 1000,
    zaloPace: {
      perSecond: 1000 / e.ZALO_SEND_INTERVAL_MS,
      perChatMs: e.ZALO_SEND_INTERVAL_MS,
      jitterMs: e.ZALO_SEND_JITTER_MS,
    },
    zaloCredentialsFile: path.resolve(cwd, e.ZALO_CREDENTIALS_FILE ?? path.join(dataDir, "zalo-credentials.json")),
  };
  // The year in the unit's time zone, worked out when first asked: the first time-zone conversion loads
  // ICU's zone data (~20 ms), which a command that never needs a date (cchc unit list) should not pay.
  if (e.PLAN_YEAR === undefined) {
    let year: number | undefined;
    Object.defineProperty(config, "planYear", {
      enumerable: true,
      get: () => (year ??= yearOf(clock.now(), e.TZ_NAME)),
      set: (value: number) => void (year = value),
    });
  }
  return config;
}

const CredentialsSchema = z.object({
  imei: z.string().min(1),
  userAgent: z.string().min(1),
  cookie: z.union([
    z.array(z.record(z.string(), z.unknown())),
    z.object({ url: z.string(), cookies: z.array(z.record(z.string(), z.unknown())) }),
  ]),
  language: z.string().optional(),
});

/** The saved Zalo login, checked; null when there is none. A file others can read, or a broken one, stops start-up. */
export function readZaloCredentials(file: string): ZaloCredentials | null {
  const text = readSecretFile(file);
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw UserError.of("zalo.badCredentials", { file });
  }
  const r = CredentialsSchema.safeParse(json);
  if (!r.success) throw UserError.of("zalo.badCredentials", { file });
  // Checked above for what we rely on; zca-js validates the cookies themselves at login.
  return r.data as unknown as ZaloCredentials;
}

/** A database URL fit for a log line: the password left out. */
export function shownDatabase(config: Pick<Config, "databasePath" | "databaseUrl">): string {
  if (config.databasePath) return config.databasePath;
  try {
    const u = new URL(config.databaseUrl);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgresql://…";
  }
}
