/**
 * `cchc`: the admin's tool for what is easier from a file than from a chat:
 * importing the plan, the roster and the indicators, checking what went in,
 * reports, notices, Zalo, settings. Results go to stdout, progress and
 * problems to stderr. One file per command group under commands/.
 */
import { Command } from "commander";
import { loadDotenvFile } from "../config.ts";
import { UserError } from "../errors.ts";
import { translator, type Translate } from "../i18n.ts";
import { registerBroadcast } from "./commands/broadcast.ts";
import { registerDb } from "./commands/db.ts";
import { registerIndicators } from "./commands/indicators.ts";
import { registerPlan } from "./commands/plan.ts";
import { registerReport } from "./commands/report.ts";
import { registerSettings } from "./commands/settings.ts";
import { registerStaff } from "./commands/staff.ts";
import { registerZalo } from "./commands/zalo.ts";
import { err } from "./shared.ts";

export function buildProgram(t: Translate): Command {
  const program = new Command("cchc").description(t("cli.help.program")).showHelpAfterError();
  for (const register of [registerPlan, registerStaff, registerIndicators, registerReport, registerBroadcast, registerZalo, registerSettings, registerDb]) register(program, t);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  loadDotenvFile();
  const locale = process.env.DEFAULT_LOCALE === "en" ? "en" : "vi";
  const t = translator(locale);
  try {
    await buildProgram(t).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      for (const line of e.render(t)) err(line);
      return 1;
    }
    err(t("cli.error", { message: (e as Error)?.stack ?? String(e) }));
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("cli/main.ts")) {
  process.exitCode = await runCli(process.argv);
}
