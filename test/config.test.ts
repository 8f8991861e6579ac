import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { fixedClock } from "../src/domain/calendar.ts";
import { UserError } from "../src/errors.ts";
import { loadLocaleFile, translator } from "../src/i18n.ts";

function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** Plural forms differ by language (Vietnamese has only _other): compare the base keys. */
const base = (list: string[]) => [...new Set(list.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))].sort();

describe("locales", () => {
  it("vi and en have the same keys", () => {
    expect(base(keys(loadLocaleFile("en")))).toEqual(base(keys(loadLocaleFile("vi"))));
  });
  it("every {{placeholder}} of a key is the same in both", () => {
    const vi = loadLocaleFile("vi");
    const en = loadLocaleFile("en");
    const get = (o: Record<string, unknown>, k: string) => k.split(".").reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string;
    for (const k of keys(vi)) {
      const names = (s: string) => [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
      const other = k.endsWith("_other") ? k : k;
      expect(names(get(en, other)), k).toEqual(names(get(vi, k)));
    }
  });
});

describe("parseConfig", () => {
  const clock = fixedClock("2026-12-31T18:00:00Z"); // already 1 January 2027 in Hà Nội
  it("defaults", () => {
    const c = parseConfig({}, clock, "/srv/cchc");
    expect(c).toEqual({
      databaseUrl: "file:/srv/cchc/data/cchc.db",
      databasePath: "/srv/cchc/data/cchc.db",
      tz: "Asia/Ho_Chi_Minh",
      locale: "vi",
      planYear: 2027,
      unitName: "Đơn vị",
      seedDemo: true,
    });
  });
  it("empty values count as unset", () => {
    expect(parseConfig({ PLAN_YEAR: "", DEFAULT_LOCALE: "" }, clock).locale).toBe("vi");
  });
  it.each([
    ["DATABASE_URL", "postgres://x", "Cấu hình không hợp lệ: DATABASE_URL = “postgres://x” — cần dạng file:đường/dẫn/tới/tệp.db"],
    ["DEFAULT_LOCALE", "fr", "Cấu hình không hợp lệ: DEFAULT_LOCALE = “fr” — chỉ nhận vi hoặc en"],
    ["PLAN_YEAR", "1999", "Cấu hình không hợp lệ: PLAN_YEAR = “1999” — cần một năm từ 2000 đến 2100"],
    ["SEED_DEMO", "yes", "Cấu hình không hợp lệ: SEED_DEMO = “yes” — chỉ nhận true hoặc false"],
  ])("%s=%s", (name, value, line) => {
    let e: unknown;
    try {
      parseConfig({ [name]: value }, clock);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).render(translator("vi"))).toEqual([line]);
  });
});
