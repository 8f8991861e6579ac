/**
 * Every button's data, typed: a short prefix and fields joined by ":"
 * ("ts:12:DONE"), within Telegram's 64 bytes. A button is built and read
 * only through these definitions; the bot's table (buttons.ts) adds who may
 * press it and what it does. The scheduler builds its buttons here too, so
 * what a reminder carries is what the bot reads back.
 */
import { z } from "zod";
import { REPORT_KINDS } from "../domain/report-period.ts";

const id = z.coerce.number().int().nonnegative();

export interface CallbackDef<T extends unknown[]> {
  prefix: string;
  /** The fields after the prefix; anything else (an old or forged button) is refused. */
  schema: z.ZodType<T>;
  build(...data: T): string;
}

function callback<T extends unknown[]>(prefix: string, schema: z.ZodType<T>): CallbackDef<T> {
  return { prefix, schema, build: (...data) => [prefix, ...data.map(String)].join(":") };
}

export const STATUS_ACTIONS = ["DONE", "IN_PROGRESS", "BLOCKED"] as const;

export const CB = {
  taskList: callback("tl", z.tuple([id])),
  taskOpen: callback("to", z.tuple([id])),
  taskStatus: callback("ts", z.tuple([id, z.enum(STATUS_ACTIONS)])),
  taskPick: callback("tp", z.tuple([id])),
  snooze: callback("sn", z.tuple([id])),
  language: callback("lg", z.tuple([z.enum(["vi", "en"])])),
  help: callback("hd", z.tuple([id])),
  reportOverdue: callback("rpo", z.tuple([])),
  reportChart: callback("rpc", z.tuple([z.enum(REPORT_KINDS), id])),
  reportDepartment: callback("rpd", z.tuple([id])),
  reportUnit: callback("rpu", z.tuple([id, z.enum(REPORT_KINDS), id])),
  sendUp: callback("su", z.tuple([z.enum(["draft", "no"]), z.enum(REPORT_KINDS), id])),
  unitReportFile: callback("urf", z.tuple([id])),
  // "grp": to each person and posted in the audience's linked groups, at the time "go" would send.
  noticeConfirm: callback("bc", z.tuple([z.enum(["go", "now", "grp", "no"])])),
  noticeRead: callback("rd", z.tuple([id])),
  noticeRemind: callback("bcr", z.tuple([id])),
  importChoice: callback("im", z.tuple([z.enum(["ok", "no"]), id])),
  evidenceFile: callback("ev", z.tuple([id])),
  giveChoice: callback("gv", z.tuple([z.enum(["ok", "no"])])),
  extension: callback("gh", z.tuple([z.enum(["ok", "no"]), id])),
  // Which of the tasks a short code fits: its place in the list the bot asked with.
  codePick: callback("cp", z.tuple([id])),
  taskExtend: callback("te", z.tuple([id])),
  coordinationOpen: callback("co", z.tuple([id])),
  coordinationDone: callback("cd", z.tuple([id])),
  // Which of the tasks' evidence offered under a criterion: its place in the list.
  scoreEvidence: callback("se", z.tuple([id])),
} as const;

export type CallbackName = keyof typeof CB;

/** Which definition a button's data belongs to, and its fields; null for data no definition reads. */
export function readCallback(data: string): { name: CallbackName; fields: unknown[] } | null {
  const [prefix, ...rest] = data.split(":");
  for (const [name, def] of Object.entries(CB) as [CallbackName, CallbackDef<unknown[]>][]) {
    if (def.prefix !== prefix) continue;
    const parsed = def.schema.safeParse(rest);
    return parsed.success ? { name, fields: parsed.data } : null;
  }
  return null;
}
