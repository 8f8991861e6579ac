import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { translator } from "../../src/i18n.ts";
import {
  backupDatabase,
  backupsToDelete,
  checkDatabase,
  nightlyBackup,
  nightlyName,
  pidFile,
  restoreDatabase,
} from "../../src/store/db/backup.ts";
import { seedSmallPlan } from "../helpers/bot.ts";
import { eachTestDb } from "../helpers/db.ts";

const t = eachTestDb(seedSmallPlan);

const vi = translator("vi");
const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e.render(vi).join("\n");
    throw e;
  }
  throw new Error("no error");
};

describe("backups", () => {
  it("a backup taken while the bot holds the database open has everything, also what is still in the WAL", async () => {
    const staff = await t.db.staff.count();
    await t.db.staff.create({ data: { unitId: 1, name: "Người mới", phone: "+84900000999" } });
    // The newest rows are in the WAL file, not yet in the main file a plain copy would take.
    expect(fs.statSync(`${t.path}-wal`).size).toBeGreaterThan(0);
    const r = await backupDatabase(t.path, path.join(t.dir, "backups", "copy.db"));
    expect(r.staff).toBe(staff + 1);
    expect(r.tasks).toBe(await t.db.task.count());
    expect(fs.statSync(r.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(t.dir, "backups")).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.join(t.dir, "backups"))).toEqual(["copy.db"]);
  });

  it("the nightly backup is made once a day and keeps 7 daily and 4 weekly copies", async () => {
    const dir = path.join(t.dir, "backups");
    expect(await nightlyBackup(t.path, dir, "2026-11-26")).not.toBeNull();
    expect(await nightlyBackup(t.path, dir, "2026-11-26")).toBeNull();
    const days = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10));
    const names = days.map(nightlyName);
    const gone = new Set(backupsToDelete(names));
    const kept = names.filter((n) => !gone.has(n));
    expect(kept).toEqual([
      // the newest of each of the four weeks before the last seven days (weeks start on Monday)
      "cchc-2026-10-04.db",
      "cchc-2026-10-11.db",
      "cchc-2026-10-18.db",
      "cchc-2026-10-23.db",
      ...days.slice(-7).map(nightlyName),
    ]);
    expect(backupsToDelete(["notes.txt", "cchc-manual.db"])).toEqual([]);
  });

  it("restore is refused while the bot runs, then replaces the database and keeps the old one", async () => {
    const backup = (await backupDatabase(t.path, path.join(t.dir, "b.db"))).file;
    await t.db.staff.create({ data: { unitId: 1, name: "Sau bản sao lưu", phone: "+84900000998" } });
    fs.writeFileSync(pidFile(t.path), String(process.pid));
    expect(message(() => restoreDatabase(t.path, backup, "x"))).toBe(
      `Bot đang chạy (tiến trình ${process.pid}): dừng bot trước rồi mới khôi phục, nếu không bot sẽ ghi đè bản vừa khôi phục.`,
    );
    await t.db.$disconnect();
    fs.rmSync(pidFile(t.path));
    const r = restoreDatabase(t.path, backup, "x");
    expect(r.staff).toBe(5);
    expect(r.kept).toBe(`${t.path}.before-restore-x`);
    expect(checkDatabase(r.kept!).staff).toBe(6);
    expect(checkDatabase(t.path).staff).toBe(5);
    expect(fs.statSync(t.path).mode & 0o777).toBe(0o600);
  });

  it("a file that is not a database, or a cut one, is named with what to do", async () => {
    const junk = path.join(t.dir, "junk.db");
    fs.writeFileSync(junk, "PK\u0003\u0004 not sqlite");
    expect(message(() => checkDatabase(junk))).toMatch(
      /^.*junk\.db không phải cơ sở dữ liệu dùng được \(.+\)\. Dừng bot, khôi phục bản sao lưu gần nhất/,
    );
    const copy = (await backupDatabase(t.path, path.join(t.dir, "c.db"))).file;
    const cut = path.join(t.dir, "cut.db");
    fs.writeFileSync(cut, fs.readFileSync(copy).subarray(0, 8192));
    expect(message(() => checkDatabase(cut))).toContain("cut.db không phải cơ sở dữ liệu dùng được");
    // And restore will not put such a file in place.
    await t.db.$disconnect();
    expect(message(() => restoreDatabase(t.path, junk, "y"))).toContain("junk.db không phải cơ sở dữ liệu dùng được");
    expect(checkDatabase(t.path).staff).toBe(5);
  });
});
