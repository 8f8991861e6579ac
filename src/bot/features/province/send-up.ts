/**
 * Reports up the tree. A unit's admin types /guibaocao [kỳ]: the bot shows
 * the period's generated report and offers to send it to the unit above, or
 * takes the finished, signed file (PDF or DOCX) the admin sends back instead.
 * The Sở's leaders and admin see with /baocaodonvi who has sent, who is
 * late, and open each file.
 */
import type { Attachment } from "../../../messages/types.ts";
import { mimeOf } from "../../../domain/evidence.ts";
import {
  reportWindow,
  sendingDeadline,
  type ReportKind,
  type ReportWindow,
  type UpKind,
} from "../../../domain/report-period.ts";
import { loadReportData } from "../../../reports/data.ts";
import { receivedReports, type Received, type ReceivedState } from "../../../reports/received.ts";
import { planDeadlineAt } from "../../../store/settings/settings.ts";
import { reportDocx, reportFileName } from "../../../reports/export.ts";
import { loadReminderContext } from "../../../store/settings/calendar.ts";
import { sendReportUp, sentReportFile, unitAbove, type ReportSource } from "../../../store/province/unit-reports.ts";
import { unitDisplayName, unitWithBelow } from "../../../store/province/units.ts";
import { CB } from "../../../ui/callbacks.ts";
import { z } from "zod";
import { REPORT_KINDS } from "../../../domain/report-period.ts";
import { SENDERS } from "../../../domain/roles.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { reportLog } from "../../../store/reports/exports.ts";
import { fold } from "../../../domain/text.ts";
import { whenText } from "../../../ui/format.ts";
import { displayDate, short } from "../../../ui/format.ts";
import { fetchAttachment } from "../evidence/evidence.ts";
import { periodWords, windowFrom } from "../reports/report-view.ts";

const Asked = z.object({ kind: z.enum(REPORT_KINDS), year: z.number().int() });
type Asked = z.infer<typeof Asked>;

/** /guibaocao waits for the signed file (PDF or DOCX) the admin may send instead of the draft. */
export const SEND_UP: ConversationDef<Asked> = {
  kind: "sendUp",
  schema: Asked,
  roles: SENDERS,
  file: (ctx, asked, attachment) => signedReport(ctx, asked, attachment),
};

async function draft(ctx: MemberCtx, window: ReportWindow): Promise<{ fileName: string; data: Buffer }> {
  const data = await loadReportData(ctx.deps.db, {
    unitName: ctx.unit,
    window,
    today: ctx.today,
    tz: ctx.deps.settings.tz,
  });
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
  const { settings } = await loadReminderContext(ctx.deps.db, ctx.unit, ctx.deps.settings.tz, window.year);
  const due = sendingDeadline(window.kind, window.year, settings.reports);
  ctx.reply({
    kind: "document",
    fileName: file.fileName,
    data: file.data,
    caption: t("sendUp.draftCaption", { period: periodWords(t, window) }),
  });
  ctx.reply({
    kind: "text",
    text: t("sendUp.ask", { period: periodWords(t, window), parent: above.name, due: displayDate(due) }),
    buttons: [
      [
        { label: t("sendUp.sendDraft"), data: CB.sendUp.build("draft", window.kind, window.year) },
        { label: t("sendUp.cancel"), data: CB.sendUp.build("no", window.kind, window.year) },
      ],
    ],
  });
  await ctx.ask(SEND_UP, { kind: window.kind, year: window.year });
}

async function windowOf(ctx: MemberCtx, asked: Asked): Promise<ReportWindow> {
  const { settings } = await loadReminderContext(ctx.deps.db, ctx.unit, ctx.deps.settings.tz, asked.year);
  return reportWindow(asked.kind, asked.year, settings.reportCutoff);
}

export async function sendUpButton(
  ctx: MemberCtx,
  action: "draft" | "no",
  kind: ReportKind,
  year: number,
): Promise<void> {
  await ctx.forget();
  if (action === "no") {
    ctx.reply(ctx.t("sendUp.cancelled"));
    return;
  }
  const window = await windowOf(ctx, { kind, year });
  const file = await draft(ctx, window);
  await send(ctx, window, { ...file, mime: mimeOf(file.fileName), source: "draft" });
}

/**
 * A signed file sent to the bot to go up the tree, of the types `allowed`
 * takes, fetched within 20 MB; null, with the reason said, otherwise.
 */
export async function signedFile(
  ctx: MemberCtx,
  attachment: Attachment,
  allowed: RegExp,
  wrongTypeKey: string,
): Promise<{ fileName: string; data: Buffer; mime: string; source: "signed" } | null> {
  const name = attachment.fileName ?? "";
  if (attachment.kind !== "document" || !allowed.test(name)) {
    ctx.reply(ctx.t(wrongTypeKey, { file: name || "?" }));
    return null;
  }
  const data = await fetchAttachment(ctx, attachment, name, {
    tooBig: "sendUp.tooBig",
    failed: "sendUp.downloadFailed",
  });
  return data ? { fileName: name, data, mime: mimeOf(name), source: "signed" } : null;
}

/** The signed report, sent back to the bot while it waits for one. */
async function signedReport(ctx: MemberCtx, asked: Asked, attachment: Attachment): Promise<void> {
  const file = await signedFile(ctx, attachment, /\.(pdf|docx)$/i, "sendUp.wrongType");
  if (!file) return;
  const window = await windowOf(ctx, asked);
  await ctx.forget();
  await send(ctx, window, file);
}

async function send(
  ctx: MemberCtx,
  window: ReportWindow,
  file: { fileName: string; data: Buffer; mime: string; source: ReportSource },
): Promise<void> {
  return sendFileUp(ctx, { kind: window.kind, year: window.year }, file, (t) =>
    t("sendUp.arrivedWhat", { period: periodWords(t, window) }),
  );
}

/** Records a file sent up and queues it to the admins above; `what` names it in their language ("báo cáo CCHC quý IV năm 2026"). */
export async function sendFileUp(
  ctx: MemberCtx,
  up: { kind: UpKind; year: number },
  file: { fileName: string; data: Buffer; mime: string; source: ReportSource },
  what: (t: MemberCtx["t"]) => string,
): Promise<void> {
  const { deps } = ctx;
  const unit = await unitDisplayName(deps.db, ctx.unit);
  const r = await sendReportUp(deps.db, {
    unitName: ctx.unit,
    kind: up.kind,
    year: up.year,
    ...file,
    sentById: ctx.member.staffId,
    now: ctx.now,
    caption: (locale) => {
      const t = ctx.tFor(locale);
      return t("sendUp.arrived", { unit, what: what(t), name: ctx.member.name });
    },
  });
  if (!r) {
    ctx.reply(ctx.t("sendUp.noParent"));
    return;
  }
  if (r.queued) deps.onQueued?.();
  ctx.reply(
    ctx.t(r.queued ? "sendUp.sent" : "sendUp.sentNoAdmin", { file: file.fileName, parent: r.parent, count: r.queued }),
  );
}

/** The units under the asker's, with what each sent for the period and by when it was due, by name. */
const received = (ctx: MemberCtx, window: ReportWindow, below: readonly { id: number; name: string }[]) =>
  receivedReports(ctx.deps.db, { window, below, today: ctx.today, tz: ctx.deps.settings.tz });

const STATE_ICON: Record<ReceivedState, string> = { onTime: "✅", late: "⏰", missing: "❌", waiting: "⏳" };

/** The units whose report for the period is missing after its due day: what a province's /baocao names. */
export async function missingReports(
  ctx: MemberCtx,
  window: ReportWindow,
  below: readonly { id: number; name: string }[],
): Promise<{ missing: string[]; sent: number; units: number }> {
  const list = await received(ctx, window, below);
  return {
    missing: list.filter((r) => r.state === "missing").map((r) => r.unit.name),
    sent: list.filter((r) => r.sent).length,
    units: list.length,
  };
}

const PLAN_WORD = /^\s*(ke\s*hoach|plans?)\b\s*/;

export async function unitReportsCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t } = ctx;
  const plan = PLAN_WORD.exec(fold(args));
  if (plan) return plansList(ctx, args.slice(plan[0].length));
  const window = await windowFrom(ctx, args);
  if (!window) {
    ctx.reply(t("sendUp.listUsage"));
    return;
  }
  const list = await received(ctx, window, (await unitWithBelow(ctx.deps.db, ctx.unit))?.below ?? []);
  if (list.length === 0) {
    ctx.reply(t("sendUp.noUnits"));
    return;
  }
  receivedList(
    ctx,
    t("sendUp.listTitle", {
      period: periodWords(t, window),
      sent: list.filter((r) => r.sent).length,
      units: list.length,
    }),
    list,
  );
}

/** /baocaodonvi kehoach [năm]: who has sent the year's plan, by 15/12 of the year before. */
async function plansList(ctx: MemberCtx, rest: string): Promise<void> {
  const { t } = ctx;
  const words = rest.trim();
  if (words && !/^\d{4}$/.test(words)) {
    ctx.reply(t("sendPlan.listUsage"));
    return;
  }
  const [thisYear, month] = ctx.today.split("-").map(Number) as [number, number];
  const year = words ? Number(words) : month >= 7 ? thisYear + 1 : thisYear;
  const below = (await unitWithBelow(ctx.deps.db, ctx.unit))?.below ?? [];
  if (below.length === 0) {
    ctx.reply(t("sendUp.noUnits"));
    return;
  }
  const due = await planDeadlineAt(ctx.deps.db, ctx.unit, year);
  const list = await receivedReports(ctx.deps.db, {
    window: { kind: "plan", year },
    below,
    today: ctx.today,
    tz: ctx.deps.settings.tz,
    planDeadline: due,
  });
  receivedList(
    ctx,
    t("sendPlan.listTitle", {
      year,
      due: displayDate(due),
      sent: list.filter((r) => r.sent).length,
      units: list.length,
    }),
    list,
  );
}

/** Each unit's line (sent when and by whom, late, missing), with a button to open each file sent. */
function receivedList(ctx: MemberCtx, title: string, list: readonly Received[]): void {
  const { t } = ctx;
  const lines = list.map(({ unit, sent, sentDay, due, state }) => {
    const detail =
      sent && sentDay
        ? t("sendUp.sentDetail", {
            date: displayDate(sentDay),
            name: sent.sentBy ?? "—",
            source: t(`sendUp.source.${sent.source}`),
          })
        : "";
    return `${STATE_ICON[state]} ${unit.name} — ${t(`sendUp.state.${state}`, { detail, due: displayDate(due) })}`;
  });
  const opened = list.flatMap(({ unit, sent }) =>
    sent ? [{ label: `📄 ${short(unit.name, 30)}`, data: CB.unitReportFile.build(sent.id) }] : [],
  );
  ctx.reply({
    kind: "text",
    text: [title, "", ...lines].join("\n"),
    // Two to a row, within what a chat shows comfortably.
    buttons: Array.from({ length: Math.ceil(Math.min(opened.length, 40) / 2) }, (_, i) =>
      opened.slice(i * 2, i * 2 + 2),
    ),
  });
}

/** A unit's report file from the list; one from outside the asker's units (a forged button) is refused. */
export async function unitReportFileButton(ctx: MemberCtx, id: number): Promise<void> {
  const file = await sentReportFile(ctx.deps.db, id);
  const tree = file && (await unitWithBelow(ctx.deps.db, ctx.unit));
  if (!file || !tree || !tree.below.some((u) => u.id === file.unitId)) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  ctx.reply({ kind: "document", fileName: file.fileName, data: file.data });
}

/** /nhatkybaocao: the unit's reports taken out in chat and sent up, newest first, each with who did it. */
export async function reportLogCommand(ctx: MemberCtx): Promise<void> {
  const { t, deps } = ctx;
  const entries = await reportLog(deps.db, ctx.unit);
  if (entries.length === 0) {
    ctx.reply(t("reportLog.empty"));
    return;
  }
  ctx.reply(
    [
      t("reportLog.title", { count: entries.length }),
      ...entries.map((e) =>
        t(`reportLog.${e.what}`, {
          when: whenText(t, e.at, deps.settings.tz),
          name: e.by ?? t("reportLog.someone"),
          file: e.fileName,
        }),
      ),
    ].join("\n"),
  );
}
