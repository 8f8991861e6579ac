/**
 * Settings from the environment and an optional .env file, checked once at
 * start-up. A bad value stops the program with one line naming the variable.
 */
import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";
import { yearOf, type Clock, systemClock } from "./domain/calendar.ts";
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
  DATABASE_URL: z.string().regex(/^file:.+/).default("file:./data/cchc.db"),
  TZ_NAME: z.string().refine(isTimeZone).default("Asia/Ho_Chi_Minh"),
  DEFAULT_LOCALE: z.enum(["vi", "en"]).default("vi"),
  PLAN_YEAR: z.coerce.number().int().min(2000).max(2100).optional(),
  UNIT_NAME: z.string().trim().min(1).default("Đơn vị"),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  /** Absolute: "file:/abs/path/cchc.db". */
  databaseUrl: string;
  databasePath: string;
  tz: string;
  locale: "vi" | "en";
  planYear: number;
  unitName: string;
  seedDemo: boolean;
}

/** Reads .env (if any) into process.env without overriding what is set. */
export function loadDotenvFile(file = ".env"): void {
  loadDotenv({ path: file, quiet: true });
}

export function parseConfig(env: Record<string, string | undefined>, clock: Clock = systemClock, cwd = process.cwd()): Config {
  // Empty variables count as unset, as in most .env conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const first = result.error.issues[0]!;
    const name = String(first.path[0]);
    throw UserError.of("config.invalid", { name, value: present[name] ?? "" });
  }
  const e = result.data;
  const databasePath = path.resolve(cwd, e.DATABASE_URL.slice("file:".length));
  return {
    databaseUrl: `file:${databasePath}`,
    databasePath,
    tz: e.TZ_NAME,
    locale: e.DEFAULT_LOCALE,
    planYear: e.PLAN_YEAR ?? yearOf(clock.now(), e.TZ_NAME),
    unitName: e.UNIT_NAME,
    seedDemo: e.SEED_DEMO === "true",
  };
}
