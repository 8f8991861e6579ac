/**
 * /xuatbaocao: a leader or the admin gets the period's report as a file in
 * the chat, recorded with who took it. A Sở's adds a section per unit, the
 * sector's indicators rolled up and the units' reports; its .xlsx has a line per unit.
 */
import { buildReport } from "../../../reports/build.ts";
import { recordExport } from "../../../store/reports/exports.ts";
import type { MemberCtx } from "../../context.ts";
import { periodWords, windowFrom } from "./report-view.ts";

export async function exportCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { deps, t } = ctx;
  const words = args.split(/\s+/).filter(Boolean);
  const format = words.find((w) => /^(xlsx|docx)$/i.test(w))?.toLowerCase() === "docx" ? "docx" : "xlsx";
  const window = await windowFrom(ctx, words.filter((w) => !/^(xlsx|docx)$/i.test(w)).join(" "));
  if (!window) {
    ctx.reply(t("report.exportUsage"));
    return;
  }
  const { fileName, data } = await buildReport(deps.db, t, {
    unitName: ctx.unit,
    window,
    format,
    today: ctx.today,
    tz: deps.settings.tz,
  });
  await recordExport(deps.db, {
    unitName: ctx.unit,
    staffId: ctx.member.staffId,
    kind: window.kind,
    year: window.year,
    format,
    fileName,
    at: ctx.now,
  });
  ctx.reply({ kind: "document", fileName, data, caption: t("report.title", { period: periodWords(t, window) }) });
}
