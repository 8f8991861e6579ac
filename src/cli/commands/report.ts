/** `cchc report export`: the period's report file for the superior body. */
import { UserError } from "../../errors.ts";
import { dayOf } from "../../domain/calendar.ts";
import { out, withApp, writeOutput } from "../shared.ts";
import { parseReportKind } from "../../domain/report-period.ts";
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
        // exceljs and docx load only for the command that writes a file.
        const { buildReport, periodWindow } = await import("../../reports/build.ts");
        const year = parseYear(opts.year, app.config.planYear);
        const { unitName, tz } = app.config;
        const window = await periodWindow(app.db, { unitName, tz, kind, year });
        const today = dayOf(app.clock.now(), tz);
        const format = opts.format === "docx" ? "docx" : "xlsx";
        const report = await buildReport(app.db, app.t, { unitName, window, format, today, tz });
        writeOutput(opts.out, report.data);
        out(app.t("export.written", { file: opts.out }));
      });
    });
}
