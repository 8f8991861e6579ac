/** A unit with 50,000 assignments in 200 departments, written straight into SQLite. */
import path from "node:path";
import { openDb, type Db } from "../src/store/db/db.ts";
import { migrate } from "../src/store/db/migrate.ts";
import { insertRows, sqlTimestamp } from "../src/store/db/sql.ts";

export const DEPARTMENTS = 200;
export const TASKS = 12_500;
const DUES = ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"];

export async function bigUnit(dir: string, options: { statuses?: boolean } = {}): Promise<{ db: Db; file: string }> {
  const file = path.join(dir, "big.db");
  migrate(file);
  const db = await openDb(file);
  const created = sqlTimestamp(new Date("2026-01-02T01:00:00Z"));
  await db.unit.create({ data: { name: "Bench" } });
  await insertRows(
    db,
    "Department",
    ["unitId", "name", "key"],
    Array.from({ length: DEPARTMENTS }, (_, d) => [1, `Phòng ${d + 1}`, `phong ${d + 1}`]),
  );
  const staff = Array.from(
    { length: DEPARTMENTS },
    (_, d) =>
      [1, `Trưởng ${d + 1}`, `+8491${String(d).padStart(7, "0")}`, d + 1, "DEPT_HEAD", 1, created, created] as (
        string | number | null
      )[],
  );
  staff.push([1, "Lãnh đạo", "+84999999999", null, "LEADER", 1, created, created]);
  await insertRows(
    db,
    "Staff",
    ["unitId", "name", "phone", "departmentId", "role", "active", "createdAt", "updatedAt"],
    staff,
  );
  await insertRows(
    db,
    "ChatIdentity",
    ["platform", "externalId", "chatId", "staffId", "linkedAt"],
    staff.map((_, i) => ["telegram", String(i + 1), String(i + 1), i + 1, created]),
  );
  await db.plan.create({ data: { unitId: 1, year: 2026, title: "Bench", sourceFile: "bench" } });
  await insertRows(
    db,
    "Task",
    ["planId", "ref", "code", "content", "recurrence", "onDemand", "position"],
    Array.from({ length: TASKS }, (_, k) => [
      1,
      `T.${k + 1}`,
      String(k + 1),
      `Nhiệm vụ ${k + 1}`,
      k % 2 ? "QUARTERLY" : "NONE",
      0,
      k,
    ]),
  );
  await insertRows(
    db,
    "TaskDepartment",
    ["taskId", "departmentId", "role"],
    [
      ...Array.from({ length: TASKS }, (_, k) => [k + 1, (k % DEPARTMENTS) + 1, "LEAD"]),
      // Every fifth task has three coordinating departments ("Phối hợp"), as real plans name them.
      ...Array.from({ length: TASKS / 5 }, (_, j) =>
        [1, 2, 3].map((n) => [j * 5 + 1, ((j * 5 + n * 7) % DEPARTMENTS) + 1, "COORDINATING"]),
      ).flat(),
    ],
  );
  await insertRows(
    db,
    "Occurrence",
    ["taskId", "dueDate", "periodLabel"],
    Array.from({ length: TASKS * 4 }, (_, i) => [Math.floor(i / 4) + 1, DUES[i % 4]!, `2026-Q${(i % 4) + 1}`]),
  );
  // With statuses: a mix of done (on time and late), in progress, blocked and untouched.
  const status = (i: number) =>
    !options.statuses ? "NOT_STARTED" : ["DONE", "DONE", "IN_PROGRESS", "BLOCKED", "NOT_STARTED", "DONE"][i % 6]!;
  const doneAt = (i: number) =>
    status(i) !== "DONE"
      ? null
      : sqlTimestamp(new Date(Date.parse(`${DUES[i % 4]}T03:00:00Z`) + ((i % 7) - 3) * 86_400_000));
  await insertRows(
    db,
    "Assignment",
    ["occurrenceId", "staffId", "status", "doneAt", "createdAt", "updatedAt"],
    Array.from({ length: TASKS * 4 }, (_, i) => [
      i + 1,
      (Math.floor(i / 4) % DEPARTMENTS) + 1,
      status(i),
      doneAt(i),
      created,
      created,
    ]),
  );
  return { db, file };
}

export const PROVINCE_UNITS = 50;
const UNIT_TASKS = 250;
const UNIT_DEPARTMENTS = 5;

/**
 * A Sở with 50 units under it, each with its own plan of 250 tasks due every
 * quarter (1,000 assignments a unit, 50,000 in all), five departments and a
 * head for each; the Sở's leader is the last staff row.
 */
export async function bigProvince(dir: string): Promise<{ db: Db; leader: number }> {
  const file = path.join(dir, "province.db");
  migrate(file);
  const db = await openDb(file);
  const created = sqlTimestamp(new Date("2026-01-02T01:00:00Z"));
  const so = await db.unit.create({ data: { name: "Sở Y tế Bench" } });
  const units: number[] = [];
  for (let u = 0; u < PROVINCE_UNITS; u++)
    units.push((await db.unit.create({ data: { name: `Trung tâm Y tế ${u + 1}`, parentId: so.id } })).id);
  const departments = units.flatMap((unitId) =>
    Array.from(
      { length: UNIT_DEPARTMENTS },
      (_, d) => [unitId, `Phòng ${d + 1}`, `phong ${d + 1}`] as (string | number)[],
    ),
  );
  await insertRows(db, "Department", ["unitId", "name", "key"], departments);
  const staff = departments.map(
    ([unitId], i) =>
      [unitId!, `Trưởng ${i + 1}`, `+8491${String(i).padStart(7, "0")}`, i + 1, "DEPT_HEAD", 1, created, created] as (
        string | number | null
      )[],
  );
  staff.push([so.id, "Giám đốc Sở", "+84999999999", null, "LEADER", 1, created, created]);
  await insertRows(
    db,
    "Staff",
    ["unitId", "name", "phone", "departmentId", "role", "active", "createdAt", "updatedAt"],
    staff,
  );
  await insertRows(
    db,
    "ChatIdentity",
    ["platform", "externalId", "chatId", "staffId", "linkedAt"],
    staff.map((_, i) => ["telegram", String(i + 1), String(i + 1), i + 1, created]),
  );
  await insertRows(
    db,
    "Plan",
    ["unitId", "year", "title", "sourceFile", "importedAt"],
    units.map((unitId) => [unitId, 2026, "Bench", "bench", created]),
  );
  const tasks = PROVINCE_UNITS * UNIT_TASKS;
  await insertRows(
    db,
    "Task",
    ["planId", "ref", "code", "content", "recurrence", "onDemand", "position"],
    Array.from({ length: tasks }, (_, k) => [
      Math.floor(k / UNIT_TASKS) + 1,
      `T.${k + 1}`,
      String(k + 1),
      `Nhiệm vụ ${k + 1}`,
      "QUARTERLY",
      0,
      k,
    ]),
  );
  await insertRows(
    db,
    "Occurrence",
    ["taskId", "dueDate", "periodLabel"],
    Array.from({ length: tasks * 4 }, (_, i) => [Math.floor(i / 4) + 1, DUES[i % 4]!, `2026-Q${(i % 4) + 1}`]),
  );
  // Each unit a little worse than the one before, so the ranking has work to do.
  const status = (i: number) => {
    const unit = Math.floor(i / (UNIT_TASKS * 4));
    return (Math.floor(i / 4) * 37) % 100 < 90 - unit ? "DONE" : ["IN_PROGRESS", "BLOCKED", "NOT_STARTED"][i % 3]!;
  };
  const doneAt = (i: number) =>
    status(i) !== "DONE"
      ? null
      : sqlTimestamp(new Date(Date.parse(`${DUES[i % 4]}T03:00:00Z`) + ((i % 5) - 3) * 86_400_000));
  const headOf = (i: number) => {
    const task = Math.floor(i / 4);
    return Math.floor(task / UNIT_TASKS) * UNIT_DEPARTMENTS + (task % UNIT_DEPARTMENTS) + 1;
  };
  await insertRows(
    db,
    "Assignment",
    ["occurrenceId", "staffId", "status", "doneAt", "createdAt", "updatedAt"],
    Array.from({ length: tasks * 4 }, (_, i) => [i + 1, headOf(i), status(i), doneAt(i), created, created]),
  );
  // Two indicators a unit, a rate and a count, each reported every quarter but by the last five units.
  const indicators = units.flatMap((unitId) => [
    [unitId, 2026, "CS01", "Tỷ lệ TTHC giải quyết đúng hạn", ">98%", 98, "GT", "%", "QUARTER"],
    [unitId, 2026, "CS02", "Số văn bản ký số", "500 văn bản", 500, "GTE", "văn bản", "QUARTER"],
  ]);
  await insertRows(
    db,
    "Indicator",
    ["unitId", "year", "code", "name", "targetText", "target", "comparator", "unitLabel", "period"],
    indicators,
  );
  const reported = (PROVINCE_UNITS - 5) * 2;
  await insertRows(
    db,
    "IndicatorReport",
    ["indicatorId", "value", "numerator", "denominator", "periodLabel", "reportedAt"],
    Array.from({ length: reported * 4 }, (_, k) => {
      const indicator = Math.floor(k / 4) + 1;
      const q = (k % 4) + 1;
      const rate = indicator % 2 === 1;
      const denominator = 40 + indicator * 3;
      return rate
        ? [indicator, (100 * (denominator - 1)) / denominator, denominator - 1, denominator, `2026-Q${q}`, created]
        : [indicator, 100 + indicator, null, null, `2026-Q${q}`, created];
    }),
  );
  return { db, leader: staff.length };
}
