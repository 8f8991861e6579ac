/** `cchc criteria import <file> [--year] [--dry-run]`: the PAR index criteria set a body scores by. */
import path from "node:path";
import { err, out, withApp, importing, printWarnings } from "../shared.ts";
import { parseYear } from "../args.ts";
import { scoreText } from "../../domain/criteria.ts";
import { scoredLines } from "../../domain/score-totals.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerCriteria(program: Command, t: Translate): void {
  program
    .command("criteria")
    .description(t("cli.help.criteria"))
    .command("import <file>")
    .description(t("cli.help.criteriaImport"))
    .option("--year <year>", t("cli.help.year"))
    .option("--dry-run", t("cli.help.dryRun"))
    .action(async (file: string, opts: { year?: string; dryRun?: boolean }) => {
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        err(app.t("cli.reading", { file: path.basename(file) }));
        const { importCriteriaFile, readCriteriaFile } = await import("../../import/imports.ts");
        const draft = opts.dryRun
          ? await importing(() => readCriteriaFile(file))
          : (
              await importing(() =>
                importCriteriaFile(app.db, {
                  file,
                  unitName: app.config.unitName,
                  year,
                  now: app.clock.now(),
                  defaultTitle: app.t("criteria.defaultTitle", { year }),
                }),
              )
            ).draft;
        printWarnings(app.t, draft.warnings);
        out(
          app.t("chatImport.criteriaSummary", {
            file: path.basename(file),
            year,
            areas: draft.items.filter((i) => i.depth === 1).length,
            count: scoredLines(draft.items).length,
            total: scoreText(draft.total),
          }),
        );
        out(app.t(opts.dryRun ? "criteria.dryRun" : "criteria.importedCli", { count: draft.items.length, year }));
      });
    });
}
