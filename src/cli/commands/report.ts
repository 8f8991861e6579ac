/** `cchc report export`: the period's report file for the superior body. */
import { UserError } from "../../errors.ts";
import { dayOf } from "../../domain/calendar.ts";
import { out, withApp, writeOutput } from "../shared.ts";
import { parseReportKind, reportWindow } from "../../domain/report-period.ts";
import { parseYear } from "../args.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerReport(program: Command, t: Translate): void {
  program
    .command("report")
    .description(t("cli.help.report"))
    .command("export")
    .description(t("cli.help.reportExport"))
    .requiredOption("--period <period>", t("cli.help.period"))
    .option("--year <year>", t("cli.help.year"))
    .option("--format <format>", t("cli.help.format"), "xlsx")
    .requiredOption("--out <file>", t("cli.help.out"))
    .action(async (opts: { period: string; year?: string; format: string; out: string }) => {
      const kind = parseReportKind(opts.period);
      if (!kind) throw UserError.of("cli.badPeriod", { value: opts.period });
      if (!["xlsx", "docx"].includes(opts.format)) throw UserError.of("cli.badFormat", { value: opts.format });
      await withApp(async (app) => {
        const { loadReminderContext } = await import("../../store/settings/calendar.ts");
        const year = parseYear(opts.year, app.config.planYear);
        const { settings: s } = await loadReminderContext(app.db, app.config.unitName, app.config.tz, year);
        const window = reportWindow(kind, year, s.reportCutoff);
        // exceljs and docx load only for the command that writes a file.
        const [{ loadReportData }, { reportDocx, reportXlsx }] = await Promise.all([
          import("../../reports/data.ts"),
          import("../../reports/export.ts"),
        ]);
        const data = await loadReportData(app.db, {
          unitName: app.config.unitName,
          window,
          today: dayOf(app.clock.now(), app.config.tz),
          tz: app.config.tz,
        });
        writeOutput(opts.out, opts.format === "docx" ? await reportDocx(app.t, data) : await reportXlsx(app.t, data));
        out(app.t("export.written", { file: opts.out }));
      });
    });
}
