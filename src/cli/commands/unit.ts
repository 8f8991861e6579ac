/** `cchc unit add <name> [--parent <name>]`, `cchc unit import <file>` and `cchc unit list`: the units one deployment serves. */
import { treeOrder } from "../../domain/units.ts";
import { importing, out, withApp } from "../shared.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerUnit(program: Command, t: Translate): void {
  const unit = program.command("unit").description(t("cli.help.unit"));
  unit
    .command("add <name>")
    .description(t("cli.help.unitAdd"))
    .option("--parent <name>", t("cli.help.unitParent"))
    .action(async (name: string, opts: { parent?: string }) => {
      await withApp(async (app) => {
        const { addUnit } = await import("../../store/province/units.ts");
        const r = await addUnit(app.db, { name, ...(opts.parent ? { parent: opts.parent } : {}) });
        const where = r.parent ? app.t("unit.under", { parent: r.parent }) : app.t("unit.atTop");
        out(app.t(r.created ? "unit.added" : "unit.kept", { name: r.name, where }));
      });
    });
  unit
    .command("import <file>")
    .description(t("cli.help.unitImport"))
    .action(async (file: string) => {
      await withApp(async (app) => {
        const { listUnits } = await import("../../store/province/units.ts");
        const { importUnitFile } = await import("../../import/imports.ts");
        const r = await importing(() => importUnitFile(app.db, { file }));
        out(app.t("unit.imported", { created: r.created, moved: r.moved }));
        for (const { depth, unit: u } of treeOrder(await listUnits(app.db))) out(`${"  ".repeat(depth)}${u.name}`);
      });
    });
  unit
    .command("list")
    .description(t("cli.help.unitList"))
    .action(async () => {
      await withApp(async (app) => {
        const { listUnits } = await import("../../store/province/units.ts");
        const units = await listUnits(app.db);
        if (units.length === 0) return out(app.t("unit.none"));
        for (const { depth, unit: u } of treeOrder(units))
          out(`${"  ".repeat(depth)}${app.t("unit.line", { name: u.name, staff: u.staff, plans: u.plans })}`);
      });
    });
}
