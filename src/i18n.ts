import fs from "node:fs";
import i18next, { type i18n } from "i18next";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type Translate = (key: string, params?: Record<string, unknown>) => string;

const localesDir = new URL("../locales/", import.meta.url);

export function loadLocaleFile(locale: Locale): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(new URL(`${locale}.json`, localesDir), "utf8")) as Record<string, unknown>;
}

let instance: i18n | undefined;

function i18nInstance(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: loadLocaleFile(l) }])),
      lng: "vi",
      // A key missing in English still reads, in Vietnamese.
      fallbackLng: "vi",
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

export function translator(locale: Locale): Translate {
  const t = i18nInstance().getFixedT(locale);
  return (key, params) => t(key, params ?? {}) as string;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
