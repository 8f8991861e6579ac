/** `cchc db migrate`. */
import path from "node:path";
import { loadDotenvFile, parseConfig } from "../../config.ts";
import { migrate } from "../../store/migrate.ts";
import { out } from "../shared.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerDb(program: Command, t: Translate): void {
  program
    .command("db")
    .description(t("cli.help.db"))
    .command("migrate")
    .description(t("cli.help.dbMigrate"))
    .action(() => {
      loadDotenvFile();
      const config = parseConfig(process.env);
      const applied = migrate(config.databasePath);
      out(t("cli.migrated", { count: applied.length, names: applied.join(", ") || "—", path: config.databasePath }));
    });
}
