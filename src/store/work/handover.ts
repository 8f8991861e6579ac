/** Handing work over (/giao): a department's people, what one of them holds, and the move itself. */
import type { Db } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";

export interface Colleague {
  staffId: number;
  name: string;
  phone: string;
}

export async function departmentMembers(db: Db, departmentId: number): Promise<Colleague[]> {
  const rows = await db.staff.findMany({
    where: { departmentId, active: true },
    select: { id: true, name: true, phone: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ staffId: r.id, name: r.name, phone: r.phone }));
}

export interface Holding {
  assignmentId: number;
  staffId: number;
  staffName: string;
  taskId: number;
  ref: string;
  content: string;
  /** The plan's year: a short code means this year's task first. */
  year: number;
  dueDate: string;
  period: string;
}

/** Every open assignment in the unit of the tasks whose code matches, earliest first: what an admin may hand over. */
export async function openHoldings(
  db: Db,
  input: { unitName: string; matches: (ref: string) => boolean },
): Promise<Holding[]> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const rows = await db.assignment.findMany({
    where: { status: { not: "DONE" }, occurrence: { removedAt: null, task: { removedAt: null, plan: { unitId } } } },
    select: {
      id: true,
      staff: { select: { id: true, name: true } },
      occurrence: {
        select: {
          dueDate: true,
          periodLabel: true,
          task: { select: { id: true, ref: true, content: true, plan: { select: { year: true } } } },
        },
      },
    },
    orderBy: [{ occurrence: { dueDate: "asc" } }],
  });
  return rows
    .filter((r) => input.matches(r.occurrence.task.ref))
    .map((r) => ({
      assignmentId: r.id,
      staffId: r.staff.id,
      staffName: r.staff.name,
      taskId: r.occurrence.task.id,
      ref: r.occurrence.task.ref,
      content: r.occurrence.task.content,
      year: r.occurrence.task.plan.year,
      dueDate: r.occurrence.dueDate,
      period: r.occurrence.periodLabel,
    }));
}

/**
 * Hands assignments to someone else, one history row each; those whose
 * occurrence the receiver already holds stay. Returns the ids that moved.
 */
export async function reassign(
  db: Db,
  input: { assignmentIds: number[]; byStaffId: number; toStaffId: number; toName: string; channel: string; now: Date },
): Promise<number[]> {
  return db.$transaction(async (tx) => {
    const moved: number[] = [];
    for (const id of input.assignmentIds) {
      const a = await tx.assignment.findUniqueOrThrow({ where: { id }, select: { occurrenceId: true, status: true } });
      const taken = await tx.assignment.findUnique({
        where: { occurrenceId_staffId: { occurrenceId: a.occurrenceId, staffId: input.toStaffId } },
      });
      if (taken) continue;
      await tx.assignment.update({ where: { id }, data: { staffId: input.toStaffId } });
      await tx.statusUpdate.create({
        data: {
          assignmentId: id,
          staffId: input.byStaffId,
          fromStatus: a.status,
          toStatus: a.status,
          at: input.now,
          channel: input.channel,
          text: `→ ${input.toName}`,
        },
      });
      moved.push(id);
    }
    return moved;
  });
}
