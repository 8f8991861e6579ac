/** /caidat: the admin reads and changes the unit's reminder settings. */
import { checkSetting, rawSettings, SETTING_KEYS } from "../../domain/settings.ts";
import { loadSettingsRows, saveSetting } from "../../store/reminders.ts";
import type { MemberCtx } from "../context.ts";

export async function settingsCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { deps, t } = ctx;
  const [key, ...rest] = args.split(/\s+/).filter(Boolean);
  if (!key) {
    const current = rawSettings(await loadSettingsRows(deps.db, deps.settings.unitName));
    ctx.reply([t("settings.header"), ...SETTING_KEYS.map((k) => `• ${k} = ${current[k]} — ${t(`settings.key.${k}`)}`), "", t("settings.hint")].join("\n"));
    return;
  }
  const value = checkSetting(key, rest.join(" "));
  if (value === null) {
    ctx.reply((SETTING_KEYS as string[]).includes(key) ? t("settings.badValue", { key, value: rest.join(" ") }) : t("settings.unknownKey", { key }));
    return;
  }
  await saveSetting(deps.db, deps.settings.unitName, key, value);
  deps.onSettingsChanged?.();
  ctx.reply(t("settings.saved", { key, value }));
}
