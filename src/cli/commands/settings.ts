/** `cchc settings` and `cchc holidays`: what the reminders run on. */
import { UserError } from "../../errors.ts";
import { checkSetting, rawSettings, SETTING_KEYS, settingKey } from "../../domain/settings.ts";
import { describeSetting } from "../../ui/format.ts";
import { displayDate, textTable } from "../format.ts";
import { out, withApp, importing } from "../shared.ts";
import { parseYear } from "../args.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerSettings(program: Command, t: Translate): void {
  const settings = program.command("settings").description(t("cli.help.settings"));
  settings
    .command("show")
    .description(t("cli.help.settingsShow"))
    .action(async () => {
      await withApp(async (app) => {
        const { loadSettingsRows } = await import("../../store/settings/settings.ts");
        const current = rawSettings(await loadSettingsRows(app.db, app.config.unitName));
        const c = (k: string) => app.t(`settings.columns.${k}`);
        out(
          textTable(
            [c("key"), c("value"), c("meaning")],
            SETTING_KEYS.map((k) => {
              const d = describeSetting(app.t, k, current[k]);
              return [k, d.value, `${d.name} — ${d.takes}`];
            }),
          ),
        );
      });
    });
  settings
    .command("set <key> <value>")
    .description(t("cli.help.settingsSet"))
    .action(async (key: string, raw: string) => {
      await withApp(async (app) => {
        const { ensureUnitId } = await import("../../store/province/units.ts");
        const { loadSettingsRows, saveSetting } = await import("../../store/settings/settings.ts");
        const check = checkSetting(key, raw, await loadSettingsRows(app.db, app.config.unitName));
        const k = settingKey(key);
        if (!check.ok)
          throw UserError.of(`settings.${check.reason}`, {
            ...check.params,
            ...(k ? { takes: describeSetting(app.t, k, "").takes } : {}),
          });
        await ensureUnitId(app.db, app.config.unitName);
        await saveSetting(app.db, app.config.unitName, k!, check.value);
        out(app.t("cli.settingSaved", { key: k!, value: describeSetting(app.t, k!, check.value).value }));
      });
    });

  const holidays = program.command("holidays").description(t("cli.help.holidays"));
  holidays
    .command("list")
    .description(t("cli.help.holidaysList"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (opts: { year?: string }) => {
      await withApp(async (app) => {
        const { holidaysOf } = await import("../../store/settings/calendar.ts");
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
        const { ensureUnitId } = await import("../../store/province/units.ts");
        const { replaceHolidays } = await import("../../store/settings/holidays.ts");
        const year = parseYear(opts.year, app.config.planYear);
        const { readHolidayFile } = await import("../../import/imports.ts");
        const list = await importing(() => readHolidayFile(file, year));
        await ensureUnitId(app.db, app.config.unitName);
        const n = await replaceHolidays(app.db, app.config.unitName, year, list);
        out(app.t("holidays.imported", { count: n, year }));
      });
    });
}
