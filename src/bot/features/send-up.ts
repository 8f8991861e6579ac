/**
 * Reports up the tree. A unit's admin types /guibaocao [kỳ]: the bot shows
 * the period's generated report and offers to send it to the unit above, or
 * takes the finished, signed file (PDF or DOCX) the admin sends back instead.
 * The Sở's leaders and admin see with /baocaodonvi who has sent, who is
 * late, and open each file.
 */
import type { Attachment } from "../../channels/types.ts";
import { descendants } from "../../domain/units.ts";
import { reportWindow, type ReportKind, type ReportWindow } from "../../domain/report-period.ts";
import { addCalendarDays, localTime } from "../../domain/workdays.ts";
import { loadReportData } from "../../reports/data.ts";
import { reportDocx, reportFileName } from "../../reports/export.ts";
import { loadReminderContext } from "../../store/calendar.ts";
import { sendReportUp, sentReportFile, sentReports, unitAbove, type ReportSource, type SentReport } from "../../store/unit-reports.ts";
import { listUnits, unitDisplayName } from "../../store/units.ts";
import { CB } from "../callbacks.ts";
import type { MemberCtx } from "../context.ts";
import { displayDate, short } from "../format.ts";
import { fetchAttachment } from "./evidence.ts";
import { periodWords, windowFrom } from "./report.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

interface Asked {
  kind: ReportKind;
  year: number;
}

/**
 * The day a period's report is due above: the Decree 09 cut-off day that
 * ends its data (15/3 for quarter I by default), the day the Sở compiles.
 */
export function reportDueDay(window: Pick<ReportWindow, "to">): string {
  return addCalendarDays(window.to, 1);
}

async function draft(ctx: MemberCtx, window: ReportWindow): Promise<{ fileName: string; data: Buffer }> {
  const data = await loadReportData(ctx.deps.db, { unitName: ctx.unit, window, today: ctx.today, tz: ctx.deps.settings.tz });
  return { fileName: reportFileName(ctx.t, window, "docx"), data: await reportDocx(ctx.t, data) };
}

export async function sendUpCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t } = ctx;
  const above = await unitAbove(ctx.deps.db, ctx.unit);
  if (!above) {
    ctx.reply(t("sendUp.noParent"));
    return;
  }
  const window = await windowFrom(ctx, args);
  if (!window) {
    ctx.reply(t("sendUp.usage"));
    return;
  }
  const file = await draft(ctx, window);
  ctx.reply({ kind: "document", fileName: file.fileName, data: file.data, caption: t("sendUp.draftCaption", { period: periodWords(t, window) }) });
  ctx.reply({
    kind: "text",
    text: t("sendUp.ask", { period: periodWords(t, window), parent: above.name, due: displayDate(reportDueDay(window)) }),
    buttons: [[
      { label: t("sendUp.sendDraft"), data: CB.sendUp.build("draft", window.kind, window.year) },
      { label: t("sendUp.cancel"), data: CB.sendUp.build("no", window.kind, window.year) },
    ]],
  });
  await ctx.ask("sendUp", { kind: window.kind, year: window.year } satisfies Asked);
}

async function windowOf(ctx: MemberCtx, asked: Asked): Promise<ReportWindow> {
  const { settings } = await loadReminderContext(ctx.deps.db, ctx.unit, ctx.deps.settings.tz, asked.year);
  return reportWindow(asked.kind, asked.year, settings.reportCutoff);
}

export async function sendUpButton(ctx: MemberCtx, action: "draft" | "no", kind: ReportKind, year: number): Promise<void> {
  await ctx.forget();
  if (action === "no") {
    ctx.reply(ctx.t("sendUp.cancelled"));
    return;
  }
  const window = await windowOf(ctx, { kind, year });
  const file = await draft(ctx, window);
  await send(ctx, window, { ...file, mime: DOCX, source: "draft" });
}

/** The signed report, sent back to the bot while it waits for one. */
export async function signedReport(ctx: MemberCtx, attachment: Attachment): Promise<void> {
  const name = attachment.fileName ?? "";
  if (attachment.kind !== "document" || !/\.(pdf|docx)$/i.test(name)) {
    ctx.reply(ctx.t("sendUp.wrongType", { file: name || "?" }));
    return;
  }
  const data = await fetchAttachment(ctx, attachment, name, { tooBig: "sendUp.tooBig", failed: "sendUp.downloadFailed" });
  if (!data) return;
  const window = await windowOf(ctx, ctx.conversation!.payload as Asked);
  await ctx.forget();
  await send(ctx, window, { fileName: name, data, mime: /\.pdf$/i.test(name) ? "application/pdf" : DOCX, source: "signed" });
}

async function send(ctx: MemberCtx, window: ReportWindow, file: { fileName: string; data: Buffer; mime: string; source: ReportSource }): Promise<void> {
  const { deps } = ctx;
  const above = await unitAbove(deps.db, ctx.unit);
  if (!above) {
    ctx.reply(ctx.t("sendUp.noParent"));
    return;
  }
  const unit = await unitDisplayName(deps.db, ctx.unit);
  const r = await sendReportUp(deps.db, {
    unitName: ctx.unit,
    kind: window.kind,
    year: window.year,
    ...file,
    sentById: ctx.member.staffId,
    now: ctx.now,
    caption: (locale) => {
      const t = ctx.tFor(locale);
      return t("sendUp.arrived", { unit, period: periodWords(t, window), name: ctx.member.name });
    },
  });
  if (r.queued) deps.onQueued?.();
  ctx.reply(ctx.t(r.queued ? "sendUp.sent" : "sendUp.sentNoAdmin", { file: file.fileName, parent: above.name, count: r.queued }));
}

/** The units under the asker's, with what each sent for the period. */
async function received(ctx: MemberCtx, window: ReportWindow) {
  const units = await listUnits(ctx.deps.db);
  const me = units.find((u) => u.name === ctx.unit);
  const below = me ? descendants(units, me.id).sort((a, b) => a.name.localeCompare(b.name, "vi")) : [];
  const sent = await sentReports(ctx.deps.db, { unitIds: below.map((u) => u.id), kind: window.kind, year: window.year });
  return { below, sent };
}

/** "✅ sent on time", "⏰ sent late", "❌ late and not sent", "⏳ not yet due". */
function stateOf(ctx: MemberCtx, sent: SentReport | undefined, due: string): string {
  if (!sent) return ctx.today > due ? "missing" : "waiting";
  return localTime(sent.sentAt, ctx.deps.settings.tz).day > due ? "late" : "onTime";
}

const STATE_ICON: Record<string, string> = { onTime: "✅", late: "⏰", missing: "❌", waiting: "⏳" };

/** The units whose report for the period is missing after its due day: what a province's /baocao names. */
export async function missingReports(ctx: MemberCtx, window: ReportWindow): Promise<{ due: string; missing: string[]; sent: number; units: number }> {
  const { below, sent } = await received(ctx, window);
  const due = reportDueDay(window);
  return { due, missing: below.filter((u) => stateOf(ctx, sent.get(u.id), due) === "missing").map((u) => u.name), sent: sent.size, units: below.length };
}

export async function unitReportsCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t } = ctx;
  const window = await windowFrom(ctx, args);
  if (!window) {
    ctx.reply(t("sendUp.listUsage"));
    return;
  }
  const { below, sent } = await received(ctx, window);
  if (below.length === 0) {
    ctx.reply(t("sendUp.noUnits"));
    return;
  }
  const due = reportDueDay(window);
  const lines = below.map((u) => {
    const s = sent.get(u.id);
    const state = stateOf(ctx, s, due);
    const detail = s
      ? t("sendUp.sentDetail", { date: displayDate(localTime(s.sentAt, ctx.deps.settings.tz).day), name: s.sentBy ?? "—", source: t(`sendUp.source.${s.source}`) })
      : t(`sendUp.state.${state}`);
    return `${STATE_ICON[state]} ${u.name} — ${detail}`;
  });
  const opened = below.flatMap((u) => (sent.has(u.id) ? [{ label: `📄 ${short(u.name, 30)}`, data: CB.unitReportFile.build(sent.get(u.id)!.id) }] : []));
  ctx.reply({
    kind: "text",
    text: [t("sendUp.listTitle", { period: periodWords(t, window), due: displayDate(due), sent: sent.size, units: below.length }), "", ...lines].join("\n"),
    // Two to a row, within what a chat shows comfortably.
    buttons: Array.from({ length: Math.ceil(Math.min(opened.length, 40) / 2) }, (_, i) => opened.slice(i * 2, i * 2 + 2)),
  });
}

/** A unit's report file from the list; one from outside the asker's units (a forged button) is refused. */
export async function unitReportFileButton(ctx: MemberCtx, id: number): Promise<void> {
  const file = await sentReportFile(ctx.deps.db, id);
  const units = await listUnits(ctx.deps.db);
  const me = units.find((u) => u.name === ctx.unit);
  if (!file || !me || !descendants(units, me.id).some((u) => u.id === file.unitId)) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  ctx.reply({ kind: "document", fileName: file.fileName, data: file.data });
}
