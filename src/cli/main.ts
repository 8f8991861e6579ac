/**
 * `cchc`: the admin's tool for what is easier from a file than from a chat:
 * importing the plan, the roster and the indicators, checking what went in,
 * reports, notices, Zalo, settings. Results go to stdout, progress and
 * problems to stderr. One file per command group under commands/.
 */
import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { loadDotenvFile } from "../config.ts";
import { UserError } from "../errors.ts";
import { translator, type Translate } from "../i18n.ts";
import { chooseUnit, err, type Register } from "./output.ts";

/**
 * Each group's commands, loaded only when the command line names the group:
 * `cchc staff list` loads the roster's code, not the report's spreadsheet and
 * chart libraries (bench: CLI start). In the order `cchc --help` lists them.
 */
const GROUPS: Record<string, () => Promise<Register>> = {
  plan: async () => (await import("./commands/plan.ts")).registerPlan,
  staff: async () => (await import("./commands/staff.ts")).registerStaff,
  indicators: async () => (await import("./commands/indicators.ts")).registerIndicators,
  criteria: async () => (await import("./commands/criteria.ts")).registerCriteria,
  report: async () => (await import("./commands/report.ts")).registerReport,
  broadcast: async () => (await import("./commands/broadcast.ts")).registerBroadcast,
  task: async () => (await import("./commands/task.ts")).registerTask,
  evidence: async () => (await import("./commands/evidence.ts")).registerEvidence,
  zalo: async () => (await import("./commands/zalo.ts")).registerZalo,
  settings: async () => (await import("./commands/settings.ts")).registerSettings,
  holidays: async () => (await import("./commands/settings.ts")).registerSettings,
  unit: async () => (await import("./commands/unit.ts")).registerUnit,
  db: async () => (await import("./commands/db.ts")).registerDb,
  demo: async () => (await import("./commands/demo.ts")).registerDemo,
};

/** The group the command line names: its first word that is not an option (or an option's value). */
function groupOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === "--unit") i++;
    else if (!word.startsWith("-")) return word;
  }
  return undefined;
}

/** The program with the named group's commands, or every group's (for help, or a word that names none). */
export async function buildProgram(t: Translate, args: readonly string[] = []): Promise<Command> {
  // Commander's own messages are English: it only raises them, and runCli says them in the user's language.
  const program = new Command("cchc")
    .description(t("cli.help.program"))
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  program.helpOption("-h, --help", t("cli.help.help")).helpCommand(false);
  program
    .option("--unit <name>", t("cli.help.unitOption"))
    .hook("preAction", () => chooseUnit(program.opts<{ unit?: string }>().unit));
  const group = groupOf(args);
  const chosen = group && GROUPS[group] ? [GROUPS[group]] : Object.values(GROUPS);
  const registers = new Set(await Promise.all(chosen.map((load) => load())));
  for (const register of registers) register(program, t);
  return program;
}

/** "report export" for `cchc report export --out …`: the words that name the command, for "see its help". */
function commandPath(program: Command, args: readonly string[]): string {
  const names: string[] = [];
  let at = program;
  for (const word of args) {
    const next = at.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) break;
    names.push(word);
    at = next;
  }
  return names.join(" ");
}

const COMMANDER_KEYS: Record<string, string> = {
  "commander.missingArgument": "cli.usage.missingArgument",
  "commander.missingMandatoryOptionValue": "cli.usage.missingOption",
  "commander.optionMissingArgument": "cli.usage.optionNeedsValue",
  "commander.unknownCommand": "cli.usage.unknownCommand",
  "commander.unknownOption": "cli.usage.unknownOption",
  "commander.excessArguments": "cli.usage.excessArguments",
};

/** A command-line mistake in one line of the user's language, pointing to the help that shows the right way. */
function usageError(t: Translate, e: CommanderError, program: Command, argv: readonly string[]): string {
  const command = commandPath(program, argv.slice(2));
  const name = /'([^']+)'/.exec(e.message)?.[1] ?? "";
  return t(COMMANDER_KEYS[e.code] ?? "cli.usage.other", {
    name,
    help: command ? `cchc ${command} --help` : "cchc --help",
  });
}

/**
 * Something that is not the user's doing: one line saying so and where the
 * details went, never a stack trace on the screen.
 */
function unexpected(t: Translate, e: unknown): string {
  const log = path.resolve("data", "cchc-cli-errors.log");
  try {
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.appendFileSync(log, `${new Date().toISOString()} ${(e as Error)?.stack ?? String(e)}\n`, { mode: 0o600 });
  } catch {
    return t("cli.unexpectedNoLog", { message: String((e as Error)?.message ?? e).split("\n")[0] });
  }
  return t("cli.unexpected", { message: String((e as Error)?.message ?? e).split("\n")[0], log });
}

export async function runCli(argv: string[]): Promise<number> {
  loadDotenvFile();
  const locale = process.env.DEFAULT_LOCALE === "en" ? "en" : "vi";
  const t = translator(locale);
  const program = await buildProgram(t, argv.slice(2));
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help asked for (or shown for a bare group) is not an error.
      if (["commander.helpDisplayed", "commander.help", "commander.version"].includes(e.code))
        return e.code === "commander.help" && argv.length > 2 ? 1 : 0;
      err(usageError(t, e, program, argv));
      return 1;
    }
    if (e instanceof UserError) {
      for (const line of e.render(t)) err(line);
      return 1;
    }
    err(unexpected(t, e));
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("cli/main.ts")) {
  process.exitCode = await runCli(process.argv);
}
