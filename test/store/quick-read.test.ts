/** `cchc staff list` reads the roster straight from the SQLite file: the same rows as through Prisma, or it steps aside. */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeEach, expect, it } from "vitest";
import { quickStaffList } from "../../src/store/people/quick-read.ts";
import { addUnit } from "../../src/store/province/units.ts";
import { listStaff } from "../../src/store/people/staff.ts";
import { importRosterFile } from "../../src/import/imports.ts";
import { NOW, PEOPLE, seedSmallPlan, UNIT } from "../helpers/bot.ts";
import { eachTestDb } from "../helpers/db.ts";
import { writeText } from "../helpers/files.ts";

const t = eachTestDb(seedSmallPlan);
beforeEach(async () => {
  // Someone made inactive, and a second unit with its own roster.
  await t.db.staff.updateMany({ where: { name: PEOPLE.em.name }, data: { active: false } });
  await addUnit(t.db, { name: "TTYT Huyện Bắc", parent: UNIT });
  const roster = writeText(t.dir, "bac.csv", "Họ và tên,Số điện thoại,Khoa/Phòng\nĐỗ Văn Giang,0912000099,Khoa Nội\n");
  await importRosterFile(t.db, { file: roster, unitName: "TTYT Huyện Bắc", now: new Date(NOW) });
});

it("gives the rows listStaff gives, in its order, for the unit and for --unit typed loosely", async () => {
  expect(quickStaffList(t.path, UNIT, undefined)).toEqual(await listStaff(t.db, UNIT));
  expect(quickStaffList(t.path, UNIT, "ttyt huyen bac")).toEqual(await listStaff(t.db, "TTYT Huyện Bắc"));
  expect(quickStaffList(t.path, UNIT, undefined)!.find((r) => r.name === PEOPLE.em.name)!.active).toBe(false);
});

it("steps aside (null) for no file, a unit --unit does not find, a migration not applied, a file that is no database", () => {
  expect(quickStaffList(null, UNIT, undefined)).toBeNull();
  expect(quickStaffList(path.join(t.dir, "none.db"), UNIT, undefined)).toBeNull();
  expect(quickStaffList(t.path, UNIT, "không có")).toBeNull();
  const old = path.join(t.dir, "old.db");
  fs.copyFileSync(t.path, old);
  const raw = new Database(old);
  raw
    .prepare(
      `DELETE FROM "_prisma_migrations" WHERE "migration_name" = (SELECT MAX("migration_name") FROM "_prisma_migrations")`,
    )
    .run();
  raw.close();
  expect(quickStaffList(old, UNIT, undefined)).toBeNull();
  const junk = path.join(t.dir, "junk.db");
  fs.writeFileSync(junk, "not a database");
  expect(quickStaffList(junk, UNIT, undefined)).toBeNull();
});
