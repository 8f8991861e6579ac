/**
 * Every command, with who may use it. The role check happens here and
 * nowhere else: a later issue's command declares its roles and is covered.
 */
import { EVERYONE, HEADS, MANAGERS, SENDERS, type Role } from "../domain/roles.ts";
import type { MemberCtx } from "./context.ts";
import { reassignCommand } from "./features/work/assign.ts";
import { helpCommand } from "./help.ts";
import { indicatorCommand } from "./features/indicators/indicators.ts";
import { languageCommand } from "./features/people/language.ts";
import { broadcastCommand, statsCommand } from "./features/notices/broadcast.ts";
import { exportCommand } from "./features/reports/export.ts";
import { deliveryCommand } from "./features/delivery/sent.ts";
import { evidenceCommand, sendBackCommand } from "./features/evidence/evidence.ts";
import { giveCommand, givenCommand } from "./features/work/give.ts";
import { evidenceExportCommand } from "./features/evidence/evidence-export.ts";
import { overdueCommand, progressCommand, reportCommand } from "./features/reports/report.ts";
import { extendCommand, historyCommand, requestTaskCommand } from "./features/deadlines/deadlines.ts";
import { requestCommand } from "./features/province/requests.ts";
import { sendPlanCommand } from "./features/province/send-plan.ts";
import { reportLogCommand, sendUpCommand, unitReportsCommand } from "./features/province/send-up.ts";
import { settingsCommand } from "./features/settings/settings.ts";
import { tasksCommand } from "./features/work/tasks.ts";
import { groupsCommand } from "./features/people/groups.ts";
import { unlinkCommand } from "./features/people/unlink.ts";
import { selfScoreCommand } from "./features/evaluation/self-score.ts";
import { inspectionCommand } from "./features/evaluation/inspections.ts";

export interface Command {
  /** The first name is the Vietnamese one shown in menus; the rest are aliases (English). */
  names: string[];
  roles: readonly Role[];
  /** Locale key of the menu description; commands without one stay out of the menu. */
  menu?: string;
  run(ctx: MemberCtx, args: string): Promise<void>;
}

export const COMMANDS: Command[] = [
  { names: ["nhiemvu", "tasks"], roles: EVERYONE, menu: "menu.tasks", run: tasksCommand },
  { names: ["chiso", "indicators"], roles: EVERYONE, menu: "menu.indicators", run: indicatorCommand },
  { names: ["baocao", "report"], roles: MANAGERS, menu: "menu.report", run: reportCommand },
  { names: ["quahan", "overdue"], roles: MANAGERS, menu: "menu.overdue", run: overdueCommand },
  { names: ["tiendo", "progress"], roles: MANAGERS, menu: "menu.progress", run: progressCommand },
  // The director and deputies sign the reports: they take them out and send them up as the admin does.
  { names: ["xuatbaocao", "export"], roles: SENDERS, run: exportCommand },
  { names: ["guibaocao", "sendreport"], roles: SENDERS, run: sendUpCommand },
  { names: ["guikehoach", "sendplan"], roles: SENDERS, run: sendPlanCommand },
  { names: ["yeucaubaocao", "requestreport"], roles: SENDERS, run: requestCommand },
  { names: ["gianhan", "extend"], roles: MANAGERS, run: extendCommand },
  { names: ["lichsu", "history"], roles: SENDERS, run: historyCommand },
  { names: ["yeucau", "request"], roles: SENDERS, run: requestTaskCommand },
  { names: ["nhatkybaocao", "reportlog"], roles: SENDERS, run: reportLogCommand },
  { names: ["baocaodonvi", "unitreports"], roles: SENDERS, run: unitReportsCommand },
  { names: ["tuyentruyen", "notice"], roles: SENDERS, menu: "menu.broadcast", run: broadcastCommand },
  { names: ["tuyentruyen_thongke", "notice_stats"], roles: MANAGERS, menu: "menu.broadcastStats", run: statsCommand },
  { names: ["giao", "assign"], roles: HEADS, menu: "menu.assign", run: reassignCommand },
  { names: ["ngonngu", "language"], roles: EVERYONE, menu: "menu.language", run: languageCommand },
  { names: ["huongdan", "help"], roles: EVERYONE, menu: "menu.help", run: helpCommand },
  { names: ["giaoviec", "give"], roles: MANAGERS, menu: "menu.give", run: giveCommand },
  { names: ["viecdagiao", "given"], roles: MANAGERS, run: givenCommand },
  { names: ["minhchung", "evidence"], roles: EVERYONE, menu: "menu.evidence", run: evidenceCommand },
  { names: ["tralai", "sendback"], roles: HEADS, run: sendBackCommand },
  { names: ["chamdiem", "selfscore"], roles: MANAGERS, menu: "menu.selfScore", run: selfScoreCommand },
  { names: ["kiemtra", "inspect"], roles: SENDERS, run: inspectionCommand },
  { names: ["xuatminhchung", "export_evidence"], roles: SENDERS, run: evidenceExportCommand },
  { names: ["caidat", "settings"], roles: ["ADMIN"], run: settingsCommand },
  { names: ["thongkegui", "delivery"], roles: ["ADMIN"], run: (ctx) => deliveryCommand(ctx) },
  { names: ["huylienket", "unlink"], roles: ["ADMIN"], run: unlinkCommand },
  // Said in a group it links the group (bot.ts); here, in the admin's own chat, it lists the linked ones.
  { names: ["nhomnay", "thisgroup"], roles: ["ADMIN"], run: (ctx) => groupsCommand(ctx) },
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.names.includes(name));
}

export function allowed(role: Role, command: Command): boolean {
  return command.roles.includes(role);
}

/** "/nhiemvu@cchc_bot 3.2" → { name: "nhiemvu", args: "3.2" } */
/** "/baocao q1" as a command name and its arguments. */
export interface ParsedCommand {
  name: string;
  args: string;
}

export function parseCommand(text: string): ParsedCommand | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), args: (m[2] ?? "").trim() } : null;
}
