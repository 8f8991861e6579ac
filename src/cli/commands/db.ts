/** `cchc db migrate | backup [file] | restore <file> | check`. */
import path from "node:path";
import { loadDotenvFile, parseConfig, shownDatabase } from "../../config.ts";
import { UserError } from "../../errors.ts";
import { backupDatabase, checkDatabase, nightlyName, restoreDatabase } from "../../store/db/backup.ts";
import { migrateAny } from "../../store/db/migrate.ts";
import { out } from "../shared.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

/** The SQLite file; on Postgres these commands refuse and point to pg_dump. */
function databasePath(): string {
  loadDotenvFile();
  const file = parseConfig(process.env).databasePath;
  if (!file) throw UserError.of("db.postgresTools");
  return file;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function registerDb(program: Command, t: Translate): void {
  const db = program.command("db").description(t("cli.help.db"));
  db.command("migrate")
    .description(t("cli.help.dbMigrate"))
    .action(async () => {
      loadDotenvFile();
      const config = parseConfig(process.env);
      const applied = await migrateAny(config.databaseUrl);
      out(t("cli.migrated", { count: applied.length, names: applied.join(", ") || "—", path: shownDatabase(config) }));
    });
  db.command("backup [file]")
    .description(t("cli.help.dbBackup"))
    .action(async (file?: string) => {
      const from = databasePath();
      const stamp = new Date().toISOString().slice(0, 16).replace(/[T:]/g, "-");
      const dest = file ?? path.join(path.dirname(from), "backups", nightlyName(stamp).replace(".db", "-manual.db"));
      const r = await backupDatabase(from, dest);
      out(t("cli.backedUp", { file: r.file, size: megabytes(r.bytes), staff: r.staff, tasks: r.tasks }));
    });
  db.command("restore <file>")
    .description(t("cli.help.dbRestore"))
    .action((file: string) => {
      const to = databasePath();
      const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, "-");
      const r = restoreDatabase(to, file, stamp);
      out(t("cli.restored", { path: to, file, staff: r.staff, tasks: r.tasks, kept: r.kept ?? "—" }));
    });
  db.command("outbox")
    .description(t("cli.help.outbox"))
    .action(async () => {
      const [{ withApp }, { deliverySummary }, { DAYS, deliveryLines }] = await Promise.all([
        import("../shared.ts"),
        import("../../store/delivery/outbox.ts"),
        import("../../reports/delivery.ts"),
      ]);
      await withApp(async (app) => {
        const s = await deliverySummary(
          app.db,
          new Date(app.clock.now().getTime() - DAYS * 86_400_000),
          app.config.unitName,
        );
        for (const line of deliveryLines(app.t, s, app.config.tz)) out(line);
      });
    });
  db.command("check")
    .description(t("cli.help.dbCheck"))
    .action(() => {
      const file = databasePath();
      const r = checkDatabase(file);
      out(t("cli.checked", { path: file, ...r }));
    });
}
