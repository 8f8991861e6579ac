/** What every `cchc` command shares: where output goes, the app around a command, import failures, written files. */
import fs from "node:fs";
import path from "node:path";
import { startApp, type App } from "../app.ts";
import type { ImportIssue } from "../domain/tables/sheet.ts";
import { matchUnit } from "../domain/units.ts";
import { UserError } from "../errors.ts";
import { listUnits } from "../store/units.ts";
import type { Translate } from "../i18n.ts";

/** Progress and problems: stderr. */
export const err = (line: string) => process.stderr.write(`${line}\n`);
/** Results: stdout. */
export const out = (line: string) => process.stdout.write(`${line}\n`);

let chosenUnit: string | undefined;

/** `cchc --unit <name> …`: the command works in that unit instead of UNIT_NAME's. */
export function chooseUnit(name: string | undefined): void {
  chosenUnit = name;
}

export async function withApp<T>(run: (app: App) => Promise<T>): Promise<T> {
  const app = await startApp();
  try {
    if (chosenUnit !== undefined) {
      // Never created by a typo: a province's units are added with `cchc unit add` first.
      const unit = matchUnit(await listUnits(app.db), chosenUnit);
      if (!unit) throw UserError.of("unit.unknown", { name: chosenUnit });
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
