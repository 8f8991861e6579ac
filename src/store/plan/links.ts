/**
 * Ties tasks to departments and occurrences to people. Run after every plan
 * and roster import, since either side may arrive first.
 */
import { isDeputy } from "../../domain/roles.ts";
import { isLeadership, matchDepartments } from "../../domain/departments.ts";
import { unitsNamed } from "../../domain/units.ts";
import type { ImportIssue } from "../../domain/tables/sheet.ts";
import type { Tx } from "../db/db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { jsonRows, pgColumnTypes, providerOf } from "../db/dialect.ts";
import { insertRows, sqlTimestamp } from "../db/sql.ts";

/** Rebuilds TaskDepartment for the unit's tasks from their lead/coordinating text. */
export async function relinkTasks(tx: Tx, unitId: number): Promise<ImportIssue[]> {
  const departments = await tx.department.findMany({ where: { unitId }, select: { id: true, key: true } });
  const tasks = await tx.task.findMany({
    where: { plan: { unitId }, removedAt: null },
    select: { id: true, leadText: true, coordinatingText: true },
  });
  await tx.$executeRaw`DELETE FROM "TaskDepartment" WHERE "taskId" IN (SELECT t."id" FROM "Task" t JOIN "Plan" p ON p."id" = t."planId" WHERE p."unitId" = ${unitId})`;
  const rows: [taskId: number, departmentId: number, role: "LEAD" | "COORDINATING"][] = [];
  /** Tasks whose coordinating cell says "Các khoa, phòng": every department but those already linked. */
  const everyone: [taskId: number, role: "COORDINATING"][] = [];
  const unmatched = new Map<string, number>();
  // A plan repeats a few dozen lead texts over thousands of tasks: each is matched once, not inside the lock per task.
  const memo = new Map<string | null, ReturnType<typeof matchDepartments>>();
  const match = (text: string | null) =>
    memo.get(text) ?? memo.set(text, matchDepartments(text, departments)).get(text)!;
  const leadership = new Set(departments.filter((d) => isLeadership(d.key)).map((d) => d.id));
  for (const task of tasks) {
    const lead = match(task.leadText);
    const coordinating = match(task.coordinatingText);
    for (const departmentId of lead.ids) rows.push([task.id, departmentId, "LEAD"]);
    // With "all", the ids hold every department: only a leadership one named as well is the cell's own.
    for (const departmentId of coordinating.ids)
      if (!lead.ids.includes(departmentId) && (!coordinating.all || leadership.has(departmentId)))
        rows.push([task.id, departmentId, "COORDINATING"]);
    if (coordinating.all) everyone.push([task.id, "COORDINATING"]);
    // With no departments yet, every name is unmatched; the roster import will relink.
    if (departments.length > 0)
      for (const name of [...lead.unmatched, ...coordinating.unmatched])
        unmatched.set(name, (unmatched.get(name) ?? 0) + 1);
  }
  await insertRows(tx, "TaskDepartment", ["taskId", "departmentId", "role"], rows);
  await linkEveryDepartment(tx, unitId, departments, everyone);
  return [...unmatched].map(([name, count]) => ({ key: "plan.unmatchedDepartment", params: { name, count } }));
}

/**
 * "Các khoa, phòng" on every task of a big plan makes tens of thousands of
 * rows: the database makes them from the task ids (a join with Department),
 * at a third of the cost of sending each row.
 */
async function linkEveryDepartment(
  tx: Tx,
  unitId: number,
  departments: readonly { id: number; key: string }[],
  tasks: readonly [taskId: number, role: "COORDINATING"][],
): Promise<void> {
  const ids = departments.filter((d) => !isLeadership(d.key)).map((d) => d.id);
  if (tasks.length === 0 || ids.length === 0) return;
  const roleType = providerOf(tx) === "postgresql" ? (await pgColumnTypes(tx, "TaskDepartment")).get("role")! : "text";
  await tx.$executeRaw`INSERT INTO "TaskDepartment" ("taskId", "departmentId", "role")
    SELECT j."taskId", d."id", j."role"
    FROM (${jsonRows(tx, tasks, [
      ["taskId", "int4"],
      ["role", roleType],
    ])}) AS j
    CROSS JOIN "Department" d
    WHERE d."unitId" = ${unitId} AND d."id" IN (${Prisma.join(ids)}) AND NOT EXISTS (SELECT 1 FROM "TaskDepartment" x WHERE x."taskId" = j."taskId" AND x."departmentId" = d."id")`;
}

export interface AssignmentSync {
  created: number;
  warnings: ImportIssue[];
}

/**
 * Each open occurrence goes to the head of each lead department, unless
 * someone of that department already holds it (a head may have reassigned it).
 */
export async function syncAssignments(tx: Tx, unitId: number, now: Date): Promise<AssignmentSync> {
  const heads = await tx.staff.findMany({
    where: { unitId, active: true, role: "DEPT_HEAD", departmentId: { not: null } },
    select: { id: true, departmentId: true, title: true },
    orderBy: { id: "asc" },
  });
  const headOf = new Map<number, number>();
  for (const h of [...heads].sort((a, b) => Number(isDeputy(a.title)) - Number(isDeputy(b.title)))) {
    if (!headOf.has(h.departmentId!)) headOf.set(h.departmentId!, h.id);
  }
  // Each open (occurrence, lead department) pair nobody of that department holds yet, here or in a
  // part of the same plan date that department moved to a date of its own (store/deadlines splitOff).
  const open = await tx.$queryRaw<{ occurrenceId: number; departmentId: number }[]>`
    SELECT o."id" AS "occurrenceId", td."departmentId" AS "departmentId"
    FROM "Occurrence" o
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Plan" p ON p."id" = t."planId"
    JOIN "TaskDepartment" td ON td."taskId" = t."id" AND td."role" = 'LEAD'
    WHERE p."unitId" = ${unitId} AND o."removedAt" IS NULL AND t."removedAt" IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM "Assignment" a JOIN "Staff" s ON s."id" = a."staffId"
        WHERE a."occurrenceId" = o."id" AND s."departmentId" = td."departmentId")
      AND NOT EXISTS (
        SELECT 1 FROM "Occurrence" o2
        JOIN "Assignment" a ON a."occurrenceId" = o2."id"
        JOIN "Staff" s ON s."id" = a."staffId"
        WHERE o2."taskId" = o."taskId" AND o2."id" <> o."id" AND o2."removedAt" IS NULL
          AND COALESCE(NULLIF(o2."originalDueDate", ''), o2."dueDate") = COALESCE(NULLIF(o."originalDueDate", ''), o."dueDate")
          AND s."departmentId" = td."departmentId")`;
  const rows: [occurrenceId: number, staffId: number, status: string, createdAt: string, updatedAt: string][] = [];
  const missingHead = new Map<number, number>();
  const stamp = sqlTimestamp(now);
  for (const { occurrenceId, departmentId } of open) {
    const head = headOf.get(Number(departmentId));
    if (head === undefined) missingHead.set(Number(departmentId), (missingHead.get(Number(departmentId)) ?? 0) + 1);
    else rows.push([Number(occurrenceId), head, "NOT_STARTED", stamp, stamp]);
  }
  await insertRows(tx, "Assignment", ["occurrenceId", "staffId", "status", "createdAt", "updatedAt"], rows);
  const names = new Map(
    (
      await tx.department.findMany({ where: { id: { in: [...missingHead.keys()] } }, select: { id: true, name: true } })
    ).map((d) => [d.id, d.name]),
  );
  return {
    created: rows.length,
    warnings: [...missingHead].map(([id, count]) => ({
      key: "plan.noHead",
      params: { department: names.get(id) ?? String(id), count },
    })),
  };
}

/**
 * A Sở's tasks that name its units in their lead or coordinating text ("Các
 * đơn vị trực thuộc", or a unit by name) go to each such unit's admin as work
 * of their unit: each open occurrence once per unit, unless someone of that
 * unit holds it already (the admin may have handed it on). Run after the
 * Sở's plan import and after a unit's roster or admin changes.
 */
export async function syncUnitAssignments(tx: Tx, parentUnitId: number, now: Date): Promise<number> {
  const units = await tx.unit.findMany({
    where: { parentId: parentUnitId },
    select: {
      id: true,
      name: true,
      staff: { where: { role: "ADMIN", active: true }, select: { id: true }, orderBy: { id: "asc" }, take: 1 },
    },
  });
  if (units.length === 0) return 0;
  const tasks = await tx.task.findMany({
    where: { plan: { unitId: parentUnitId }, removedAt: null },
    select: { id: true, leadText: true, coordinatingText: true },
  });
  const forUnits = new Map<number, typeof units>();
  for (const t of tasks) {
    const named = unitsNamed(`${t.leadText ?? ""}\n${t.coordinatingText ?? ""}`, units);
    if (named.length) forUnits.set(t.id, named);
  }
  if (forUnits.size === 0) return 0;
  const occurrences = await tx.occurrence.findMany({
    where: { taskId: { in: [...forUnits.keys()] }, removedAt: null },
    select: { id: true, taskId: true, assignments: { select: { staff: { select: { unitId: true } } } } },
  });
  const stamp = sqlTimestamp(now);
  const rows: [occurrenceId: number, staffId: number, status: string, createdAt: string, updatedAt: string][] = [];
  for (const o of occurrences) {
    for (const unit of forUnits.get(o.taskId)!) {
      const admin = unit.staff[0];
      if (admin && !o.assignments.some((a) => a.staff.unitId === unit.id))
        rows.push([o.id, admin.id, "NOT_STARTED", stamp, stamp]);
    }
  }
  await insertRows(tx, "Assignment", ["occurrenceId", "staffId", "status", "createdAt", "updatedAt"], rows);
  return rows.length;
}
