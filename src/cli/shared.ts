/** What every `cchc` command shares: where output goes, the app around a command, import failures, written files. */
import fs from "node:fs";
import path from "node:path";
import type { App } from "../app.ts";
import { loadDotenvFile, parseConfig, type Config } from "../config.ts";
import { systemClock } from "../domain/calendar.ts";
import { translator } from "../i18n.ts";
import type { ImportIssue } from "../domain/tables/sheet.ts";
import { matchUnit } from "../domain/units.ts";
import { UserError } from "../errors.ts";
import type { Translate } from "../i18n.ts";
import { chosenUnit, err, out } from "./output.ts";

export { err, out };

/**
 * The checked settings and a translator, without opening the database: what
 * a command that reads straight from the file needs (store/people/quick-read.ts).
 * Null when the settings are wrong: the usual way (startApp) says why.
 */
export async function quickConfig(): Promise<{ config: Config; t: Translate } | null> {
  try {
    loadDotenvFile();
    const config = parseConfig(process.env, systemClock);
    return { config, t: translator(config.locale) };
  } catch {
    return null;
  }
}

/** Runs a command with the app open (settings checked, database migrated), and closes it after. */
export async function withApp<T>(run: (app: App) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: a command that never opens the database never loads the Prisma client.
  const [{ startApp }, { listUnits }] = await Promise.all([import("../app.ts"), import("../store/province/units.ts")]);
  const app = await startApp();
  try {
    const asked = chosenUnit();
    if (asked !== undefined) {
      // Never created by a typo: a province's units are added with `cchc unit add` first.
      const unit = matchUnit(await listUnits(app.db), asked);
      if (!unit) throw UserError.of("unit.unknown", { name: asked });
      app.config.unitName = unit.name;
    }
    return await run(app);
  } finally {
    await app.close();
  }
}

/** An import that fails says, after its errors, that nothing was written. */
export async function importing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UserError)
      throw new UserError([...e.issues, { key: "import.failed", params: { count: e.issues.length } }]);
    throw e;
  }
}

export function printWarnings(t: Translate, warnings: readonly ImportIssue[]): void {
  for (const w of warnings) err(`⚠ ${t(w.key, w.params)}`);
}

/**
 * Writes a file the person asked for, or says in one line why it could not
 * be written. `private` files (phone numbers, invite links) are 0600 even when
 * they replace an existing file, which keeps its old mode otherwise.
 */
export function writeOutput(file: string, data: string | Buffer, options: { private?: boolean } = {}): void {
  try {
    fs.writeFileSync(file, data, options.private ? { mode: 0o600 } : {});
    if (options.private) fs.chmodSync(file, 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw UserError.of("cli.noFolder", { file, dir: path.dirname(path.resolve(file)) });
    if (code === "EACCES" || code === "EPERM") throw UserError.of("cli.noPermission", { file });
    if (code === "EISDIR") throw UserError.of("cli.isFolder", { file });
    throw UserError.of("cli.cannotWrite", { file, code: code ?? "?" });
  }
}
