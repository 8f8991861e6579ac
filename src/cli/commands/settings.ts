/** `cchc settings` and `cchc holidays`: what the reminders run on. */
import { UserError } from "../../errors.ts";
import { checkSetting, rawSettings, SETTING_KEYS } from "../../domain/settings.ts";
import { displayDate, textTable } from "../format.ts";
import { ensureUnitId } from "../../store/units.ts";
import { holidaysOf } from "../../store/calendar.ts";
import { loadSettingsRows, replaceHolidays, saveSetting } from "../../store/reminders.ts";
import { out, withApp, importing } from "../shared.ts";
import { parseYear } from "../args.ts";
import { readHolidayFile } from "../../import/imports.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerSettings(program: Command, t: Translate): void {
  const settings = program.command("settings").description(t("cli.help.settings"));
  settings
    .command("show")
    .description(t("cli.help.settingsShow"))
    .action(async () => {
      await withApp(async (app) => {
        const current = rawSettings(await loadSettingsRows(app.db, app.config.unitName));
        const c = (k: string) => app.t(`settings.columns.${k}`);
        out(textTable([c("key"), c("value"), c("meaning")], SETTING_KEYS.map((k) => [k, current[k], app.t(`settings.key.${k}`)])));
      });
    });
  settings
    .command("set <key> <value>")
    .description(t("cli.help.settingsSet"))
    .action(async (key: string, raw: string) => {
      await withApp(async (app) => {
        const value = checkSetting(key, raw);
        if (value === null) throw UserError.of((SETTING_KEYS as string[]).includes(key) ? "settings.badValue" : "settings.unknownKey", { key, value: raw });
        await ensureUnitId(app.db, app.config.unitName);
        await saveSetting(app.db, app.config.unitName, key, value);
        out(app.t("cli.settingSaved", { key, value }));
      });
    });

  const holidays = program.command("holidays").description(t("cli.help.holidays"));
  holidays
    .command("list")
    .description(t("cli.help.holidaysList"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (opts: { year?: string }) => {
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        const { holidays: list, official } = await holidaysOf(app.db, app.config.unitName, year);
        out(app.t("holidays.header", { year, source: app.t(official ? "holidays.official" : "holidays.defaults") }));
        for (const h of list) out(`${displayDate(h.date)}  ${h.name}`);
      });
    });
  holidays
    .command("import <file>")
    .description(t("cli.help.holidaysImport"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (file: string, opts: { year?: string }) => {
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        const list = await importing(() => readHolidayFile(file, year));
        await ensureUnitId(app.db, app.config.unitName);
        const n = await replaceHolidays(app.db, app.config.unitName, year, list);
        out(app.t("holidays.imported", { count: n, year }));
      });
    });
}
