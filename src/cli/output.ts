/** What the CLI's entry needs before it knows the command: where output goes and the unit asked for. */
import type { Command } from "commander";
import type { Translate } from "../i18n.ts";

/** Progress and problems: stderr. */
export const err = (line: string) => process.stderr.write(`${line}\n`);
/** Results: stdout. */
export const out = (line: string) => process.stdout.write(`${line}\n`);

/** Adds one group's commands (commands/*.ts) to the program. */
export type Register = (program: Command, t: Translate) => void;

let chosen: string | undefined;

/** `cchc --unit <name> …`: the command works in that unit instead of UNIT_NAME's. */
export function chooseUnit(name: string | undefined): void {
  chosen = name;
}

export function chosenUnit(): string | undefined {
  return chosen;
}
