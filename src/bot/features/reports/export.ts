/**
 * /xuatbaocao: a leader or the admin gets the period's report as a file in
 * the chat, recorded with who took it. A Sở's adds a section per unit, the
 * sector's indicators rolled up and the units' reports; its .xlsx has a line per unit.
 */
import { loadReportData } from "../../../reports/data.ts";
import { loadProvinceData } from "../../../reports/province.ts";
import { reportDocx, reportFileName, reportXlsx } from "../../../reports/export.ts";
import { recordExport } from "../../../store/reports/exports.ts";
import type { MemberCtx } from "../../context.ts";
import { provinceOf } from "../province/province.ts";
import { periodWords, windowFrom } from "./report-view.ts";

export async function exportCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { deps, t } = ctx;
  const words = args.split(/\s+/).filter(Boolean);
  const format = words.find((w) => /^(xlsx|docx)$/i.test(w))?.toLowerCase() ?? "xlsx";
  const window = await windowFrom(ctx, words.filter((w) => !/^(xlsx|docx)$/i.test(w)).join(" "));
  if (!window) {
    ctx.reply(t("report.exportUsage"));
    return;
  }
  const own = await loadReportData(deps.db, { unitName: ctx.unit, window, today: ctx.today, tz: deps.settings.tz });
  // A Sở's report adds its units, their indicators and their reports; its task sheet is the Sở's own plan.
  const province = await provinceOf(ctx);
  const sector = province
    ? await loadProvinceData(deps.db, {
        me: province.all[0]!,
        below: province.all.slice(1),
        window,
        today: ctx.today,
        tz: deps.settings.tz,
      })
    : undefined;
  // The workbook's first sheet: a line per unit with work in the period, the Sở's own among them.
  const lines = sector
    ? [...(sector.me ? [sector.me] : []), ...sector.units.map((u) => u.line)].filter(
        (l) => l.assigned + l.carriedOver > 0,
      )
    : null;
  const data =
    lines && format === "xlsx" ? { ...own, lines, byUnit: true, province: sector } : { ...own, province: sector };
  const file = format === "docx" ? await reportDocx(t, data) : await reportXlsx(t, data);
  const fileName = reportFileName(t, window, format);
  await recordExport(deps.db, {
    unitName: ctx.unit,
    staffId: ctx.member.staffId,
    kind: window.kind,
    year: window.year,
    format: format === "docx" ? "docx" : "xlsx",
    fileName,
    at: ctx.now,
  });
  ctx.reply({
    kind: "document",
    fileName,
    data: file,
    caption: t("report.title", { period: periodWords(t, window) }),
  });
}
