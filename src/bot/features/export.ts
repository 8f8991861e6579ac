/** /xuatbaocao: the admin gets the period's report as a file in the chat. */
import { loadReportData } from "../../reports/data.ts";
import { reportDocx, reportXlsx } from "../../reports/export.ts";
import type { MemberCtx } from "../context.ts";
import { displayDate } from "../format.ts";
import { windowFrom } from "./report.ts";

export async function exportCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { deps, t } = ctx;
  const words = args.split(/\s+/).filter(Boolean);
  const format = words.find((w) => /^(xlsx|docx)$/i.test(w))?.toLowerCase() ?? "xlsx";
  const window = await windowFrom(ctx, words.filter((w) => !/^(xlsx|docx)$/i.test(w)).join(" "));
  if (!window) {
    ctx.reply(t("report.exportUsage"));
    return;
  }
  const data = await loadReportData(deps.db, { unitName: deps.settings.unitName, window, today: ctx.today, tz: deps.settings.tz });
  const file = format === "docx" ? await reportDocx(t, data) : await reportXlsx(t, data);
  ctx.reply({ kind: "document", fileName: `bao-cao-cchc-${window.year}-${window.kind}.${format}`, data: file, caption: t("report.title", { period: t(`report.kind.${window.kind}`), year: window.year, from: displayDate(window.from), to: displayDate(window.to) }) });
}
