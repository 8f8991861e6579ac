/**
 * Every button the bot answers, with who may press it: the role check for a
 * button happens here and nowhere else, as commands.ts does for commands.
 * The data is read by its typed definition (callbacks.ts), so a handler gets
 * numbers and known words, never a string to split.
 */
import { EVERYONE, MANAGERS, SENDERS, type Role } from "../domain/roles.ts";
import { CB, readCallback, type CallbackDef, type CallbackName } from "../ui/callbacks.ts";
import type { MemberCtx } from "./context.ts";
import { broadcastButton, readButton, remindButton } from "./features/notices/broadcast.ts";
import { coordinationButton, openPart } from "./features/coordination/coordination.ts";
import { evidenceFileButton } from "./features/evidence/evidence.ts";
import { extendButton } from "./features/deadlines/deadlines.ts";
import { CODE_PICK } from "./features/work/code-pick.ts";
import { COMMANDS } from "./commands.ts";
import { giveButton } from "./features/work/give.ts";
import { extensionButton } from "./features/deadlines/extensions.ts";
import { helpPage } from "./help.ts";
import { importButton } from "./features/plan/import.ts";
import { languageButton } from "./features/people/language.ts";
import { overdueCommand, reportChartButton, reportDepartmentButton } from "./features/reports/report.ts";
import { reportUnitButton } from "./features/province/province.ts";
import { sendUpButton, unitReportFileButton } from "./features/province/send-up.ts";
import { snoozeButton } from "./features/reminders/snooze.ts";
import { pickButton, statusButton } from "./features/work/status.ts";
import { listButton, showTask } from "./features/work/tasks.ts";
import { scoreEvidenceButton } from "./features/evaluation/self-score.ts";

interface Route {
  roles: readonly Role[];
  /** The command the button belongs to, named when someone else presses it. */
  command?: string;
  run(ctx: MemberCtx, fields: unknown[]): Promise<void>;
}

function on<T extends unknown[]>(
  _def: CallbackDef<T>,
  roles: readonly Role[],
  run: (ctx: MemberCtx, ...fields: T) => Promise<void>,
  command?: string,
): Route {
  return { roles, run: (ctx, fields) => run(ctx, ...(fields as T)), ...(command ? { command } : {}) };
}

const ROUTES: Record<CallbackName, Route> = {
  taskList: on(CB.taskList, EVERYONE, listButton),
  taskOpen: on(CB.taskOpen, EVERYONE, showTask),
  taskStatus: on(CB.taskStatus, EVERYONE, statusButton),
  taskPick: on(CB.taskPick, EVERYONE, pickButton),
  snooze: on(CB.snooze, EVERYONE, snoozeButton),
  language: on(CB.language, EVERYONE, languageButton),
  help: on(CB.help, EVERYONE, (ctx, page) => helpPage(ctx, page, ctx.msg.button?.messageId)),
  reportOverdue: on(CB.reportOverdue, MANAGERS, (ctx) => overdueCommand(ctx), "/baocao"),
  reportChart: on(CB.reportChart, MANAGERS, reportChartButton, "/baocao"),
  reportDepartment: on(CB.reportDepartment, MANAGERS, reportDepartmentButton, "/baocao"),
  reportUnit: on(CB.reportUnit, ["LEADER", "ADMIN"], reportUnitButton, "/baocao"),
  sendUp: on(CB.sendUp, SENDERS, sendUpButton, "/guibaocao"),
  unitReportFile: on(CB.unitReportFile, ["LEADER", "ADMIN"], unitReportFileButton, "/baocaodonvi"),
  noticeConfirm: on(CB.noticeConfirm, SENDERS, broadcastButton, "/tuyentruyen"),
  noticeRead: on(CB.noticeRead, EVERYONE, readButton),
  noticeRemind: on(CB.noticeRemind, SENDERS, remindButton, "/tuyentruyen"),
  importChoice: on(CB.importChoice, ["ADMIN"], importButton, "/nhap"),
  evidenceFile: on(CB.evidenceFile, MANAGERS, evidenceFileButton, "/nhiemvu"),
  giveChoice: on(CB.giveChoice, MANAGERS, giveButton, "/giaoviec"),
  extension: on(CB.extension, MANAGERS, extensionButton, "/giaoviec"),
  taskExtend: on(CB.taskExtend, EVERYONE, extendButton),
  codePick: on(CB.codePick, EVERYONE, codePickButton),
  coordinationOpen: on(CB.coordinationOpen, EVERYONE, openPart),
  coordinationDone: on(CB.coordinationDone, EVERYONE, coordinationButton),
  scoreEvidence: on(CB.scoreEvidence, MANAGERS, scoreEvidenceButton, "/chamdiem"),
};

/** The answer to "Mã … khớp nhiều nhiệm vụ": the command runs again with the full code chosen. */
async function codePickButton(ctx: MemberCtx, index: number): Promise<void> {
  const pending = ctx.answering(CODE_PICK);
  const ref = pending?.refs[index];
  const command = pending && COMMANDS.find((c) => c.names.includes(pending.command));
  if (!pending || !ref || !command?.roles.includes(ctx.member.role)) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  await ctx.forget();
  await command.run(ctx, `${ref} ${pending.rest}`.trim());
}

export async function onButton(ctx: MemberCtx, data: string): Promise<void> {
  const read = readCallback(data);
  if (!read) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  const route = ROUTES[read.name];
  if (!route.roles.includes(ctx.member.role)) {
    ctx.reply(ctx.t("common.notForYou", { command: route.command ?? "" }));
    return;
  }
  await route.run(ctx, read.fields);
}
