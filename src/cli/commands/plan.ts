/** `cchc plan import|show`: the plan in, and a look at what went in. */
import { planImportedLine } from "../../ui/format.ts";
import path from "node:path";
import { dayOf } from "../../domain/calendar.ts";
import { displayDate, textTable } from "../format.ts";
import { err, out, withApp, importing, printWarnings } from "../shared.ts";
import { loadDotenvFile, parseConfig } from "../../config.ts";
import { parseYear } from "../args.ts";
import { splitDepartmentNames } from "../../domain/departments.ts";
import { taskWarnings, type PlanDraft } from "../../domain/tables/plan.ts";
import { translator, type Translate } from "../../i18n.ts";
import type { Command } from "commander";
import { UserError } from "../../errors.ts";

/** The dry-run document: what would be imported, for scripts and for checking a file before it goes in. */
export function planJson(draft: PlanDraft, t: Translate) {
  const areaTitle = new Map(draft.areas.map((a) => [a.path, a.title]));
  return {
    tasks: draft.tasks.map((task) => ({
      code: task.ref,
      area: task.areaPath ? (areaTitle.get(task.areaPath) ?? "") : "",
      content: task.content,
      product: task.product,
      lead: splitDepartmentNames(task.lead).join("; "),
      coordinating: splitDepartmentNames(task.coordinating),
      timeframe: task.timeframe,
      dueDates: task.parsed.dueDates,
      recurring: task.parsed.recurring,
      onDemand: task.parsed.onDemand,
      warnings: taskWarnings(draft, task).map((w) => t(w.key, w.params)),
    })),
    warnings: draft.warnings.map((w) => t(w.key, w.params)),
    errors: [] as string[],
  };
}

export function registerPlan(program: Command, t: Translate): void {
  const plan = program.command("plan").description(t("cli.help.plan"));
  plan
    .command("import <file>")
    .description(t("cli.help.planImport"))
    .option("--year <year>", t("cli.help.year"))
    .option("--dry-run", t("cli.help.dryRun"))
    .option("--json", t("cli.help.json"))
    .action(async (file: string, opts: { year?: string; dryRun?: boolean; json?: boolean }) => {
      if (opts.dryRun) {
        // A dry run needs no database at all: it must not even create one.
        loadDotenvFile();
        const config = parseConfig(process.env);
        const tc = translator(config.locale);
        const year = parseYear(opts.year, config.planYear);
        err(t("cli.reading", { file: path.basename(file) }));
        let draft: PlanDraft;
        try {
          const { readPlanFile } = await import("../../import/imports.ts");
          draft = await importing(() => readPlanFile(file, year));
        } catch (e) {
          // Scripts read one document whatever happened: the errors stand where the tasks would.
          if (opts.json && e instanceof UserError)
            out(
              JSON.stringify(
                {
                  tasks: [],
                  warnings: [],
                  errors: e.issues.filter((i) => i.key !== "import.failed").map((i) => tc(i.key, i.params)),
                },
                null,
                2,
              ),
            );
          throw e;
        }
        if (opts.json) out(JSON.stringify(planJson(draft, tc), null, 2));
        else {
          printWarnings(tc, draft.tasks.flatMap((task) => taskWarnings(draft, task)).concat(draft.warnings));
          out(t("cli.dryRunSummary", { tasks: draft.tasks.length, areas: draft.areas.length, year }));
        }
        err(tc("import.dryRun"));
        return;
      }
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        err(app.t("cli.reading", { file: path.basename(file) }));
        const { importPlanFile } = await import("../../import/imports.ts");
        const r = await importing(() =>
          importPlanFile(app.db, {
            file,
            year,
            unitName: app.config.unitName,
            now: app.clock.now(),
            defaultTitle: app.t("plan.defaultTitle", { year }),
          }),
        );
        printWarnings(app.t, r.warnings);
        const line = planImportedLine(app.t, { title: r.title, year }, r);
        out(
          opts.json
            ? JSON.stringify({ ...r, draft: undefined, warnings: r.warnings.map((w) => app.t(w.key, w.params)) })
            : line,
        );
        if (!opts.json && r.targets) out(app.t("plan.targetsAdded", { count: r.targets }));
      });
    });
  plan
    .command("show")
    .description(t("cli.help.planShow"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (opts: { year?: string }) => {
      await withApp(async (app) => {
        const { planOverview } = await import("../../store/plan/overview.ts");
        const year = parseYear(opts.year, app.config.planYear);
        const view = await planOverview(app.db, {
          unitName: app.config.unitName,
          year,
          today: dayOf(app.clock.now(), app.config.tz),
        });
        if (!view) {
          out(app.t("plan.empty", { year }));
          return;
        }
        out(app.t("plan.showHeader", { title: view.title, year: view.year, count: view.tasks.length }));
        const c = (k: string) => app.t(`plan.columns.${k}`);
        out(
          textTable(
            [c("ref"), c("content"), c("lead"), c("next"), c("status")],
            view.tasks.map((task) => [
              task.ref,
              task.content,
              task.lead,
              task.nextDue ? displayDate(task.nextDue) : app.t(task.onDemand ? "plan.onDemand" : "plan.noDate"),
              `${task.done}/${task.assigned}`,
            ]),
            [0, 56, 34],
          ),
        );
      });
    });
}
