/**
 * Coordinating departments ("phối hợp"): the part each department named under
 * "Phối hợp" reports done, kept apart from the lead's assignments so that
 * reports count a task by its lead alone.
 */
import { partKey } from "../../domain/reminders.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/db.ts";
import { typed } from "../db/dialect.ts";
import { keepBytes } from "../evidence/evidence.ts";
import { sqlTimestamp } from "../db/sql.ts";

export interface CoordinationItem {
  occurrenceId: number;
  taskId: number;
  ref: string;
  content: string;
  /** "" when the task has no due date. */
  dueDate: string;
  period: string;
  departmentId: number;
  departmentName: string;
  /** The lead as the plan names it. */
  lead: string;
}

type Row = {
  occurrenceId: number | bigint;
  taskId: number | bigint;
  ref: string;
  content: string;
  dueDate: string;
  period: string;
  departmentId: number | bigint;
  departmentName: string;
  lead: string | null;
  headId: number | bigint;
  recurrence: string;
};

/**
 * Occurrences a department coordinates on and has not reported, while the
 * lead's work is open (a part reported after the lead finished tells nobody
 * anything): an on-demand task counts once its request has come.
 */
function openCoordination(where: Prisma.Sql) {
  return Prisma.sql`
    SELECT o."id" AS "occurrenceId", t."id" AS "taskId", t."ref" AS "ref", t."content" AS "content",
           o."dueDate" AS "dueDate", o."periodLabel" AS "period", d."id" AS "departmentId", d."name" AS "departmentName",
           t."leadText" AS "lead", s."id" AS "headId", t."recurrence" AS "recurrence"
    ${openParts(where)}
    ORDER BY o."dueDate" = '', o."dueDate", t."position", o."id"`;
}

/** Which parts are open, as FROM and WHERE: the rows of openCoordination, and of the scheduler's lean read. */
function openParts(where: Prisma.Sql) {
  return Prisma.sql`
    FROM "Staff" s
    JOIN "TaskDepartment" td ON td."departmentId" = s."departmentId" AND td."role" = 'COORDINATING'
    JOIN "Department" d ON d."id" = td."departmentId"
    JOIN "Task" t ON t."id" = td."taskId" AND t."removedAt" IS NULL
    JOIN "Occurrence" o ON o."taskId" = t."id" AND o."removedAt" IS NULL
    WHERE s."role" = 'DEPT_HEAD' AND s."active" AND ${where}
      AND NOT (t."onDemand" AND o."dueDate" = '')
      AND NOT EXISTS (SELECT 1 FROM "CoordinationReport" c WHERE c."occurrenceId" = o."id" AND c."departmentId" = d."id")
      AND NOT (EXISTS (SELECT 1 FROM "Assignment" a WHERE a."occurrenceId" = o."id")
               AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."occurrenceId" = o."id" AND a."status" != 'DONE'))`;
}

const item = (r: Row): CoordinationItem => ({
  occurrenceId: Number(r.occurrenceId),
  taskId: Number(r.taskId),
  ref: r.ref,
  content: r.content,
  dueDate: r.dueDate,
  period: r.period,
  departmentId: Number(r.departmentId),
  departmentName: r.departmentName,
  lead: (r.lead ?? "").replace(/\n/g, "; "),
});

/** A department head's parts to do: each task once, at its earliest open occurrence. */
export async function coordinationWork(db: Db, staffId: number): Promise<CoordinationItem[]> {
  const rows = await db.$queryRaw<Row[]>(openCoordination(Prisma.sql`s."id" = ${staffId}`));
  const seen = new Set<number>();
  const out: CoordinationItem[] = [];
  for (const r of rows) {
    if (seen.has(Number(r.taskId))) continue;
    seen.add(Number(r.taskId));
    out.push(item(r));
  }
  return out;
}

/** What the scheduler plans a part's reminder on; its text comes with coordinationItems, for a message. */
export interface CoordinationDue {
  occurrenceId: number;
  departmentId: number;
  dueDate: string;
  recurring: boolean;
  /** The department's heads: who is reminded. */
  heads: number[];
}

/**
 * Every open part in a unit due between two days, for the scheduler: one per
 * occurrence and department. Without its text: a tick reads them all, and
 * most ticks remind of none.
 */
export async function coordinationDue(
  db: Db,
  unitId: number,
  due: { from: string; to: string },
): Promise<CoordinationDue[]> {
  const rows = await db.$queryRaw<
    {
      occurrenceId: number | bigint;
      departmentId: number | bigint;
      dueDate: string;
      recurrence: string;
      headId: number | bigint;
    }[]
  >`
    SELECT o."id" AS "occurrenceId", d."id" AS "departmentId", o."dueDate" AS "dueDate", t."recurrence" AS "recurrence",
           s."id" AS "headId"
    ${openParts(Prisma.sql`s."unitId" = ${unitId} AND o."dueDate" BETWEEN ${due.from} AND ${due.to}`)}`;
  const byPart = new Map<string, CoordinationDue>();
  for (const r of rows) {
    const key = partKey({ occurrenceId: Number(r.occurrenceId), departmentId: Number(r.departmentId) });
    const known = byPart.get(key);
    if (known) known.heads.push(Number(r.headId));
    else
      byPart.set(key, {
        occurrenceId: Number(r.occurrenceId),
        departmentId: Number(r.departmentId),
        dueDate: r.dueDate,
        recurring: r.recurrence !== "NONE",
        heads: [Number(r.headId)],
      });
  }
  return [...byPart.values()];
}

/** The parts a reminder names, with their text, by partKey. */
export async function coordinationItems(
  db: Db,
  unitId: number,
  parts: readonly { occurrenceId: number; departmentId: number }[],
): Promise<Map<string, CoordinationItem>> {
  const out = new Map<string, CoordinationItem>();
  if (parts.length === 0) return out;
  const wanted = new Set(parts.map(partKey));
  const ids = [...new Set(parts.map((p) => p.occurrenceId))];
  const rows = await db.$queryRaw<Row[]>(
    openCoordination(Prisma.sql`s."unitId" = ${unitId} AND o."id" IN (${Prisma.join(ids)})`),
  );
  for (const r of rows) {
    const key = partKey({ occurrenceId: Number(r.occurrenceId), departmentId: Number(r.departmentId) });
    if (wanted.has(key) && !out.has(key)) out.set(key, item(r));
  }
  return out;
}

/** The occurrence a department may report on now, by id: null when it is not (or no longer) that department's to report. */
export async function coordinationPart(
  db: Db,
  input: { staffId: number; occurrenceId: number },
): Promise<CoordinationItem | null> {
  const rows = await db.$queryRaw<Row[]>(
    openCoordination(Prisma.sql`s."id" = ${input.staffId} AND o."id" = ${input.occurrenceId}`),
  );
  return rows[0] ? item(rows[0]) : null;
}

/** Records the part as done; `created` is false when the department had reported it already (two heads at once). */
export async function reportCoordination(
  db: Db,
  input: { occurrenceId: number; departmentId: number; staffId: number; channel: string; now: Date },
): Promise<{ id: number; created: boolean; at: Date }> {
  const rows = await db.$queryRaw<{ id: number | bigint }[]>`
    INSERT INTO "CoordinationReport" ("occurrenceId", "departmentId", "staffId", "channel", "createdAt")
    VALUES (${input.occurrenceId}, ${input.departmentId}, ${input.staffId}, ${input.channel},
            ${typed(db, sqlTimestamp(input.now), "TIMESTAMP(3)")})
    ON CONFLICT ("occurrenceId", "departmentId") DO NOTHING RETURNING "id"`;
  if (rows[0]) return { id: Number(rows[0].id), created: true, at: input.now };
  const known = await db.coordinationReport.findUniqueOrThrow({
    where: { occurrenceId_departmentId: { occurrenceId: input.occurrenceId, departmentId: input.departmentId } },
    select: { id: true, createdAt: true },
  });
  return { id: known.id, created: false, at: known.createdAt };
}

/** Keeps the file sent for a reported part (the latest one wins); `stored` is false when the bytes were kept already. */
export async function attachCoordinationFile(
  db: Db,
  input: { reportId: number; fileName: string; mime: string; data: Buffer; now: Date },
): Promise<{ stored: boolean }> {
  return db.$transaction(async (tx) => {
    const file = await keepBytes(tx, input);
    await tx.coordinationReport.update({
      where: { id: input.reportId },
      data: { fileId: file.id, fileName: input.fileName },
    });
    return { stored: file.stored };
  });
}

export interface CoordinationState {
  departmentName: string;
  /** When the part was reported; null while it is not. */
  reportedAt: Date | null;
  by: string | null;
  fileName: string | null;
}

/** Each coordinating department of the occurrence's task and whether it has reported: what the lead reads. */
export async function coordinationOf(db: Db, occurrenceId: number): Promise<CoordinationState[]> {
  const occurrence = await db.occurrence.findUnique({
    where: { id: occurrenceId },
    select: {
      task: {
        select: {
          departments: {
            where: { role: "COORDINATING" },
            select: { department: { select: { id: true, name: true } } },
            orderBy: { department: { name: "asc" } },
          },
        },
      },
      coordination: { select: { departmentId: true, staffId: true, createdAt: true, fileName: true } },
    },
  });
  if (!occurrence) return [];
  const reporters = new Map(
    (
      await db.staff.findMany({
        where: { id: { in: occurrence.coordination.map((c) => c.staffId) } },
        select: { id: true, name: true },
      })
    ).map((s) => [s.id, s.name]),
  );
  return occurrence.task.departments.map(({ department }) => {
    const r = occurrence.coordination.find((c) => c.departmentId === department.id);
    return {
      departmentName: department.name,
      reportedAt: r?.createdAt ?? null,
      by: r ? (reporters.get(r.staffId) ?? null) : null,
      fileName: r?.fileName ?? null,
    };
  });
}

/** Who carries the lead: the occurrence's holders and the heads of its lead departments. */
export async function leadPeople(db: Db, occurrenceId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number | bigint }[]>`
    SELECT a."staffId" AS "id" FROM "Assignment" a JOIN "Staff" s ON s."id" = a."staffId"
    WHERE a."occurrenceId" = ${occurrenceId} AND s."active"
    UNION
    SELECT s."id" AS "id" FROM "Occurrence" o
    JOIN "TaskDepartment" td ON td."taskId" = o."taskId" AND td."role" = 'LEAD'
    JOIN "Staff" s ON s."departmentId" = td."departmentId" AND s."role" = 'DEPT_HEAD' AND s."active"
    WHERE o."id" = ${occurrenceId}`;
  return rows.map((r) => Number(r.id));
}
