/** `cchc evidence export`: the period's evidence as one .zip for the assessment council. */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../../errors.ts";
import { dayOf } from "../../domain/calendar.ts";
import { out, withApp } from "../shared.ts";
import { parseReportKind } from "../../domain/report-period.ts";
import { parseYear } from "../args.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerEvidence(program: Command, t: Translate): void {
  program
    .command("evidence")
    .description(t("cli.help.evidence"))
    .command("export")
    .description(t("cli.help.evidenceExport"))
    .requiredOption("--period <period>", t("cli.help.period"))
    .option("--year <year>", t("cli.help.year"))
    .requiredOption("--out <file>", t("cli.help.out"))
    .action(async (opts: { period: string; year?: string; out: string }) => {
      const kind = parseReportKind(opts.period);
      if (!kind) throw UserError.of("cli.badPeriod", { value: opts.period });
      if (!fs.existsSync(path.dirname(path.resolve(opts.out))))
        throw UserError.of("cli.noFolder", { file: opts.out, dir: path.dirname(path.resolve(opts.out)) });
      await withApp(async (app) => {
        const [{ periodWindow }, { writeEvidenceZip }] = await Promise.all([
          import("../../reports/build.ts"),
          import("../../reports/evidence-zip.ts"),
        ]);
        const year = parseYear(opts.year, app.config.planYear);
        const window = await periodWindow(app.db, { ...app.config, kind, year });
        // Written next to its final name and renamed when whole: a half-written zip is never left as the result.
        const part = `${opts.out}.part`;
        const r = await writeEvidenceZip(
          app.db,
          app.t,
          { unitName: app.config.unitName, window, today: dayOf(app.clock.now(), app.config.tz), tz: app.config.tz },
          fs.createWriteStream(part),
        );
        fs.renameSync(part, opts.out);
        out(app.t("cli.evidenceWritten", { file: opts.out, ...r }));
      });
    });
}
