import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inviteOverZalo, saveCredentials } from "../../src/cli/zalo.ts";
import { readZaloCredentials } from "../../src/config.ts";
import { UserError } from "../../src/errors.ts";
import { translator } from "../../src/i18n.ts";
import { PEOPLE, seedSmallPlan, UNIT, NOW } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { FakeZaloApi, type ZaloSent } from "../helpers/fake-zalo.ts";

let t: TestDb;
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
});
afterEach(async () => t.close());

describe("zalo administration", () => {
  it("invites go to each person's Zalo account found by phone, at a slow pace; who is not on Zalo is listed", async () => {
    const sent: ZaloSent[] = [];
    const api = new FakeZaloApi({
      sent,
      users: new Map([
        [PEOPLE.an.phone, "z-an"],
        [PEOPLE.chi.phone, "z-chi"],
      ]),
    });
    const waits: number[] = [];
    const r = await inviteOverZalo(t.db, api, {
      unitName: UNIT,
      now: new Date(NOW),
      ttlDays: 7,
      t: translator("vi"),
      pace: { perSecond: 0.5, perChatMs: 2000, jitterMs: 0 },
      sleep: async (ms) => void waits.push(ms),
    });
    expect(r!.sent.map((p) => p.name).sort()).toEqual([PEOPLE.an.name, PEOPLE.chi.name].sort());
    expect(r!.notOnZalo.map((p) => p.name).sort()).toEqual([PEOPLE.binh.name, PEOPLE.dung.name, PEOPLE.em.name].sort());
    expect(sent.map((m) => m.threadId).sort()).toEqual(["z-an", "z-chi"]);
    expect(sent[0]!.text).toMatch(/^Chào .+, đây là bot CCHC của đơn vị\. .+ mã: [A-Z2-9]{10}$/);
    // The second message waited for the account's pace (one per 2 s).
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(1500);
  });

  it("the saved login is readable by its owner only, and a damaged or exposed one stops start-up with one line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-zalo-"));
    try {
      const file = path.join(dir, "zalo.json");
      expect(readZaloCredentials(file)).toBeNull();
      saveCredentials(file, { imei: "imei-1", userAgent: "UA", cookie: [] });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(readZaloCredentials(file)).toMatchObject({ imei: "imei-1" });
      const vi = translator("vi");
      fs.writeFileSync(file, "{not json", { mode: 0o600 });
      expect(() => readZaloCredentials(file)).toThrow(UserError);
      try {
        readZaloCredentials(file);
      } catch (e) {
        expect((e as UserError).render(vi)).toEqual([
          `${file}: thông tin đăng nhập Zalo hỏng — chạy lại: npx cchc zalo login`,
        ]);
      }
      fs.chmodSync(file, 0o644);
      expect(() => readZaloCredentials(file)).toThrow(UserError);
      try {
        readZaloCredentials(file);
      } catch (e) {
        expect((e as UserError).render(vi)[0]).toContain("chmod 600");
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
