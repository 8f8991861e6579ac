/** `cchc demo remove`: the example unit `npm start` loaded into an empty database, taken out for good. */
import { removeDemo } from "../../store/plan/demo.ts";
import { out, withApp } from "../shared.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerDemo(program: Command, t: Translate): void {
  const demo = program.command("demo").description(t("cli.help.demo"));
  demo
    .command("remove")
    .description(t("cli.help.demoRemove"))
    .action(async () => {
      await withApp(async (app) => {
        out(t((await removeDemo(app.db)) === "removed" ? "cli.demoRemoved" : "cli.demoNotThere"));
      });
    });
}
