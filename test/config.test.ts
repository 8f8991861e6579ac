import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig, shownDatabase } from "../src/config.ts";
import { fixedClock } from "../src/domain/calendar.ts";
import { UserError } from "../src/errors.ts";
import { loadLocaleFile, translator } from "../src/i18n.ts";

function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
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
    const get = (o: Record<string, unknown>, k: string) =>
      k.split(".").reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string;
    for (const k of keys(vi)) {
      const names = (s: string) => [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
      expect(names(get(en, k)), k).toEqual(names(get(vi, k)));
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
      dataDir: "/srv/cchc/data",
      tz: "Asia/Ho_Chi_Minh",
      locale: "vi",
      planYear: 2027,
      unitName: "Đơn vị",
      seedDemo: true,
      telegram: null,
      inviteTtlDays: 7,
      logLevel: "info",
      health: null,
      pace: { perSecond: 25, perChatMs: 1000 },
      zaloCredentialsFile: "/srv/cchc/data/zalo-credentials.json",
      zaloPace: { perSecond: 0.5, perChatMs: 2000, jitterMs: 1500 },
      clockStart: null,
      schedulerTickMs: 60_000,
    });
  });
  it("health checks on a port, with the outbox lag they allow", () => {
    expect(parseConfig({ HEALTH_PORT: "9464" }, clock, "/srv").health).toEqual({
      port: 9464,
      maxOutboxLagSeconds: 600,
    });
    expect(parseConfig({ HEALTH_PORT: "9464", OUTBOX_MAX_LAG_SECONDS: "120" }, clock, "/srv").health).toEqual({
      port: 9464,
      maxOutboxLagSeconds: 120,
    });
  });
  it("a drill of another day: the clock's start and the scheduler's tick", () => {
    const c = parseConfig({ CLOCK_START: "2027-01-04T08:00:00+07:00", SCHEDULER_TICK_SECONDS: "5" }, clock, "/srv");
    expect([c.clockStart?.toISOString(), c.schedulerTickMs]).toEqual(["2027-01-04T01:00:00.000Z", 5000]);
    expect([parseConfig({}, clock, "/srv").clockStart, parseConfig({}, clock, "/srv").schedulerTickMs]).toEqual([
      null,
      60_000,
    ]);
  });
  it("a Telegram token from the environment, with a custom API root and webhook", () => {
    const c = parseConfig(
      {
        TELEGRAM_BOT_TOKEN: "123:abc-DEF",
        TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
        TELEGRAM_WEBHOOK_URL: "https://cchc.example.vn/hook",
        TELEGRAM_WEBHOOK_SECRET: "s3cret",
      },
      clock,
      "/srv",
    );
    expect(c.telegram).toEqual({
      token: "123:abc-DEF",
      apiRoot: "http://127.0.0.1:8081",
      webhook: { url: "https://cchc.example.vn/hook", port: 8443, secretToken: "s3cret" },
    });
  });
  it("a webhook without a secret does not start: anyone knowing the URL could post updates as the admin", () => {
    let e: unknown;
    try {
      parseConfig(
        { TELEGRAM_BOT_TOKEN: "123:abc-DEF", TELEGRAM_WEBHOOK_URL: "https://cchc.example.vn/hook" },
        clock,
        "/srv",
      );
    } catch (x) {
      e = x;
    }
    expect((e as UserError).render(translator("vi"))).toEqual([
      "Chế độ webhook cần TELEGRAM_WEBHOOK_SECRET (chuỗi bí mật Telegram gửi kèm mỗi cập nhật): thiếu nó, ai biết địa chỉ cũng giả mạo được tin nhắn. Hãy đặt TELEGRAM_WEBHOOK_SECRET rồi chạy lại.",
    ]);
  });
  it("a token from data/telegram-token only when its mode is 0600", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-secret-"));
    const file = path.join(dir, "telegram-token");
    fs.writeFileSync(file, "42:secret\n", { mode: 0o600 });
    try {
      expect(parseConfig({ DATABASE_URL: `file:${dir}/cchc.db` }, clock).telegram?.token).toBe("42:secret");
      fs.chmodSync(file, 0o644);
      let e: unknown;
      try {
        parseConfig({ DATABASE_URL: `file:${dir}/cchc.db` }, clock);
      } catch (x) {
        e = x;
      }
      expect((e as UserError).render(translator("vi"))).toEqual([
        `${file} có quyền 644: chỉ chủ tệp được đọc — hãy chạy chmod 600 ${file}`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("empty values count as unset", () => {
    expect(parseConfig({ PLAN_YEAR: "", DEFAULT_LOCALE: "" }, clock).locale).toBe("vi");
  });
  it("a Postgres URL: no SQLite file, the bot's own files under DATA_DIR or ./data", () => {
    const c = parseConfig({ DATABASE_URL: "postgresql://cchc:secret@db:5432/cchc" }, clock, "/srv/cchc");
    expect(c).toMatchObject({
      databaseUrl: "postgresql://cchc:secret@db:5432/cchc",
      databasePath: null,
      dataDir: "/srv/cchc/data",
    });
    expect(shownDatabase(c)).toBe("postgresql://cchc:***@db:5432/cchc");
    expect(
      parseConfig({ DATABASE_URL: "postgres://db/cchc", DATA_DIR: "/var/lib/cchc" }, clock, "/srv/cchc")
        .zaloCredentialsFile,
    ).toBe("/var/lib/cchc/zalo-credentials.json");
  });
  it.each([
    [
      "DATABASE_URL",
      "mysql://x",
      "Cấu hình không hợp lệ: DATABASE_URL = “mysql://x” — cần dạng file:đường/dẫn/tới/tệp.db hoặc postgresql://người-dùng@máy:5432/tên",
    ],
    ["DEFAULT_LOCALE", "fr", "Cấu hình không hợp lệ: DEFAULT_LOCALE = “fr” — chỉ nhận vi hoặc en"],
    ["PLAN_YEAR", "1999", "Cấu hình không hợp lệ: PLAN_YEAR = “1999” — cần một năm từ 2000 đến 2100"],
    ["SEED_DEMO", "yes", "Cấu hình không hợp lệ: SEED_DEMO = “yes” — chỉ nhận true hoặc false"],
    [
      "TELEGRAM_BOT_TOKEN",
      "12 34",
      "Cấu hình không hợp lệ: TELEGRAM_BOT_TOKEN = “12 34” — không phải token bot Telegram (không được có khoảng trắng)",
    ],
    [
      "TELEGRAM_API_ROOT",
      "not a url",
      "Cấu hình không hợp lệ: TELEGRAM_API_ROOT = “not a url” — cần một địa chỉ URL, ví dụ https://api.telegram.org",
    ],
    [
      "CLOCK_START",
      "04/01/2027 08:00",
      "Cấu hình không hợp lệ: CLOCK_START = “04/01/2027 08:00” — cần một thời điểm ISO 8601 có múi giờ, ví dụ 2027-01-04T08:00:00+07:00",
    ],
    ["SCHEDULER_TICK_SECONDS", "0", "Cấu hình không hợp lệ: SCHEDULER_TICK_SECONDS = “0” — cần số giây từ 1 đến 3600"],
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
