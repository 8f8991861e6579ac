/** /xuatbaocao: the admin gets the period's report as a file in the chat. */
import { parseReportKind, reportWindow, currentQuarterKind } from "../../domain/report-period.ts";
import { loadReportData } from "../../reports/data.ts";
import { reportDocx, reportXlsx } from "../../reports/export.ts";
import { loadReminderContext } from "../../store/calendar.ts";
import type { MemberCtx } from "../context.ts";
import { displayDate } from "../format.ts";

export async function exportCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { deps, t } = ctx;
  const words = args.split(/\s+/).filter(Boolean);
  const format = words.find((w) => /^(xlsx|docx)$/i.test(w))?.toLowerCase() ?? "xlsx";
  const yearWord = words.find((w) => /^\d{4}$/.test(w));
  const rest = words.filter((w) => w !== yearWord && !/^(xlsx|docx)$/i.test(w)).join(" ");
  const { settings } = await loadReminderContext(deps.db, deps.settings.unitName, deps.settings.tz, Number(ctx.today.slice(0, 4)));
  const current = currentQuarterKind(ctx.today, settings.reportCutoff);
  const kind = rest ? parseReportKind(rest) : current.kind;
  if (!kind) {
    ctx.reply(t("report.exportUsage"));
    return;
  }
  const window = reportWindow(kind, yearWord ? Number(yearWord) : rest ? Number(ctx.today.slice(0, 4)) : current.year, settings.reportCutoff);
  const data = await loadReportData(deps.db, { unitName: deps.settings.unitName, window, today: ctx.today, tz: deps.settings.tz });
  const file = format === "docx" ? await reportDocx(t, data) : await reportXlsx(t, data);
  ctx.reply({ kind: "document", fileName: `bao-cao-cchc-${window.year}-${window.kind}.${format}`, data: file, caption: t("report.title", { period: t(`report.kind.${window.kind}`), year: window.year, from: displayDate(window.from), to: displayDate(window.to) }) });
}
