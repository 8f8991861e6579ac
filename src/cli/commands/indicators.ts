/** `cchc indicators import`. */
import path from "node:path";
import { err, out, withApp, importing, printWarnings } from "../shared.ts";
import { parseYear } from "../args.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerIndicators(program: Command, t: Translate): void {
  program
    .command("indicators")
    .description(t("cli.help.indicators"))
    .command("import <file>")
    .description(t("cli.help.indicatorsImport"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (file: string, opts: { year?: string }) => {
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        err(app.t("cli.reading", { file: path.basename(file) }));
        const { importIndicatorFile } = await import("../../import/imports.ts");
        const r = await importing(() => importIndicatorFile(app.db, { file, unitName: app.config.unitName, year }));
        printWarnings(app.t, r.warnings);
        out(app.t("indicator.imported", { ...r, year }));
      });
    });
}
