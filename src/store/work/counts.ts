/** How much of a period's work stands where, for the summaries. */
import type { Status } from "../../domain/status.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../db/db.ts";

export interface StatusCounts {
  total: number;
  byStatus: Record<Status, number>;
  overdue: number;
}

/** Assignments due between two days, by status; overdue = not done and due before today. */
export async function countDue(
  db: Db,
  input: { from: string; to: string; today: string; departmentId?: number },
): Promise<StatusCounts> {
  const rows = await db.$queryRaw<{ status: Status; overdue: number | bigint; n: number | bigint }[]>`
    SELECT a."status" AS "status", (a."status" != 'DONE' AND o."dueDate" < ${input.today}) AS "overdue", COUNT(*) AS "n"
    FROM "Assignment" a
    JOIN "Occurrence" o ON o."id" = a."occurrenceId"
    JOIN "Task" t ON t."id" = o."taskId"
    JOIN "Staff" s ON s."id" = a."staffId"
    WHERE o."removedAt" IS NULL AND t."removedAt" IS NULL AND o."dueDate" BETWEEN ${input.from} AND ${input.to}
      ${input.departmentId === undefined ? Prisma.empty : Prisma.sql`AND s."departmentId" = ${input.departmentId}`}
    GROUP BY 1, 2`;
  const out: StatusCounts = { total: 0, byStatus: { NOT_STARTED: 0, IN_PROGRESS: 0, DONE: 0, BLOCKED: 0 }, overdue: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    out.total += n;
    out.byStatus[r.status] += n;
    if (Number(r.overdue)) out.overdue += n;
  }
  return out;
}
