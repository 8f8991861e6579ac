import { isLocale, type Locale } from "../i18n.ts";

/** Telegram's "en-US", Zalo's "vi": the two languages we speak, else the default. */
export function localeFromLanguage(code: string | undefined, fallback: Locale): Locale {
  const base = (code ?? "").slice(0, 2).toLowerCase();
  return isLocale(base) ? base : fallback;
}
