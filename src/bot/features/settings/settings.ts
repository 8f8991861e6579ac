/** /caidat: the admin reads and changes the unit's settings, in words, with what each one takes. */
import { checkSetting, rawSettings, SETTING_KEYS, settingKey } from "../../../domain/settings.ts";
import { loadSettingsRows, saveSetting } from "../../../store/settings/settings.ts";
import type { MemberCtx } from "../../context.ts";
import { describeSetting } from "../../../ui/format.ts";

export async function settingsCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { deps, t } = ctx;
  const [key, ...rest] = args.split(/\s+/).filter(Boolean);
  const stored = await loadSettingsRows(deps.db, ctx.unit);
  if (!key) {
    const current = rawSettings(stored);
    const lines = SETTING_KEYS.map((k) => {
      const d = describeSetting(t, k, current[k]);
      return t("settings.line", { name: d.name, key: k, value: d.value, takes: d.takes });
    });
    ctx.reply([t("settings.header"), ...lines, "", t("settings.hint")].join("\n"));
    return;
  }
  const check = checkSetting(key, rest.join(" "), stored);
  if (!check.ok) {
    const k = settingKey(key);
    ctx.reply(
      t(`settings.${check.reason}`, { ...check.params, ...(k ? { takes: describeSetting(t, k, "").takes } : {}) }),
    );
    return;
  }
  const k = settingKey(key)!;
  await saveSetting(deps.db, ctx.unit, k, check.value);
  deps.onSettingsChanged?.();
  const d = describeSetting(t, k, check.value);
  ctx.reply(t("settings.saved", { name: d.name, key: k, value: d.value }));
}
