/** A unit with 50,000 assignments in 200 departments, written straight into SQLite. */
import path from "node:path";
import { openDb, type Db } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { insertRows, sqlTimestamp } from "../src/store/sql.ts";

export const DEPARTMENTS = 200;
export const TASKS = 12_500;
const DUES = ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"];

export async function bigUnit(dir: string, options: { statuses?: boolean } = {}): Promise<{ db: Db; file: string }> {
  const file = path.join(dir, "big.db");
  migrate(file);
  const db = await openDb(file);
  const created = sqlTimestamp(new Date("2026-01-02T01:00:00Z"));
  await db.unit.create({ data: { name: "Bench" } });
  await insertRows(db, "Department", ["unitId", "name", "key"], Array.from({ length: DEPARTMENTS }, (_, d) => [1, `Phòng ${d + 1}`, `phong ${d + 1}`]));
  const staff = Array.from({ length: DEPARTMENTS }, (_, d) => [1, `Trưởng ${d + 1}`, `+8491${String(d).padStart(7, "0")}`, d + 1, "DEPT_HEAD", 1, created, created] as (string | number | null)[]);
  staff.push([1, "Lãnh đạo", "+84999999999", null, "LEADER", 1, created, created]);
  await insertRows(db, "Staff", ["unitId", "name", "phone", "departmentId", "role", "active", "createdAt", "updatedAt"], staff);
  await insertRows(db, "ChatIdentity", ["platform", "externalId", "chatId", "staffId", "linkedAt"], staff.map((_, i) => ["telegram", String(i + 1), String(i + 1), i + 1, created]));
  await db.plan.create({ data: { unitId: 1, year: 2026, title: "Bench", sourceFile: "bench" } });
  await insertRows(db, "Task", ["planId", "ref", "code", "content", "recurrence", "onDemand", "position"], Array.from({ length: TASKS }, (_, k) => [1, `T.${k + 1}`, String(k + 1), `Nhiệm vụ ${k + 1}`, k % 2 ? "QUARTERLY" : "NONE", 0, k]));
  await insertRows(db, "TaskDepartment", ["taskId", "departmentId", "role"], Array.from({ length: TASKS }, (_, k) => [k + 1, (k % DEPARTMENTS) + 1, "LEAD"]));
  await insertRows(db, "Occurrence", ["taskId", "dueDate", "periodLabel"], Array.from({ length: TASKS * 4 }, (_, i) => [Math.floor(i / 4) + 1, DUES[i % 4]!, `2026-Q${(i % 4) + 1}`]));
  // With statuses: a mix of done (on time and late), in progress, blocked and untouched.
  const status = (i: number) => (!options.statuses ? "NOT_STARTED" : ["DONE", "DONE", "IN_PROGRESS", "BLOCKED", "NOT_STARTED", "DONE"][i % 6]!);
  const doneAt = (i: number) => (status(i) !== "DONE" ? null : sqlTimestamp(new Date(Date.parse(`${DUES[i % 4]}T03:00:00Z`) + ((i % 7) - 3) * 86_400_000)));
  await insertRows(db, "Assignment", ["occurrenceId", "staffId", "status", "doneAt", "createdAt", "updatedAt"], Array.from({ length: TASKS * 4 }, (_, i) => [i + 1, (Math.floor(i / 4) % DEPARTMENTS) + 1, status(i), doneAt(i), created, created]));
  return { db, file };
}
