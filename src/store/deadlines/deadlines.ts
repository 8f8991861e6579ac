/**
 * A plan task's due date moved during the year (/gianhan): the occurrence
 * keeps the plan's own date beside the new one (reports show both, re-imports
 * find it by the plan's date), and each move is kept with why and by whom
 * for /lichsu. Reminders follow the new date on their own: their keys name it.
 */
import { sharedByAll } from "../../domain/departments.ts";
import { tasksNamed } from "../../domain/status.ts";
import type { Db, Tx } from "../db/db.ts";
import { syncAssignments } from "../plan/links.ts";
import { staffNames } from "../people/staff.ts";
import { findUnitId } from "../province/units.ts";
import { plansOfYear } from "../plan/years.ts";

export interface MovableTask {
  taskId: number;
  ref: string;
  content: string;
  leadDepartmentIds: number[];
  /** Led by every department ("Các khoa, phòng"): its date is the leaders' to move. */
  sharedByAll: boolean;
  /** The earliest occurrence someone has not finished; null when all are done or none has a date. */
  open: { occurrenceId: number; dueDate: string; originalDueDate: string | null; holderIds: number[] } | null;
  /** The same, of one department's shares: its own date on a task every department leads. */
  openFor(departmentId: number): MovableTask["open"];
}

/** The unit's plan task a code names (the best of tasksNamed, the newest plan first), with its next open occurrence. */
export async function movableTask(db: Db, unitName: string, code: string): Promise<MovableTask | null> {
  const found = await tasksByCode(db, unitName, code);
  return found.length ? found[0]! : null;
}

/**
 * Every task of the unit a code may name, best first (tasksNamed): an exact
 * code, else the plan `year`'s suffix matches. A chat command asks which when
 * there are several.
 */
export async function tasksByCode(db: Db, unitName: string, code: string, year?: number): Promise<MovableTask[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const tasks = await db.task.findMany({
    where: { plan: { unitId }, removedAt: null },
    orderBy: [{ plan: { year: "desc" } }, { position: "asc" }],
    select: {
      id: true,
      ref: true,
      plan: { select: { year: true } },
      content: true,
      leadText: true,
      departments: { where: { role: "LEAD" }, select: { departmentId: true } },
      occurrences: {
        where: { removedAt: null, dueDate: { not: "" } },
        orderBy: { dueDate: "asc" },
        select: {
          id: true,
          dueDate: true,
          originalDueDate: true,
          assignments: { select: { staffId: true, status: true, staff: { select: { departmentId: true } } } },
        },
      },
    },
  });
  return tasksNamed(
    tasks.map((t) => ({ ...t, year: t.plan.year })),
    code,
    year,
  ).map(movable);
}

type OccurrenceRow = {
  id: number;
  dueDate: string;
  originalDueDate: string | null;
  assignments: { staffId: number; status: string; staff: { departmentId: number | null } }[];
};

function movable(t: {
  id: number;
  ref: string;
  content: string;
  leadText: string | null;
  departments: { departmentId: number }[];
  occurrences: OccurrenceRow[];
}): MovableTask {
  return {
    taskId: t.id,
    ref: t.ref,
    content: t.content,
    leadDepartmentIds: t.departments.map((d) => d.departmentId),
    sharedByAll: sharedByAll(t.leadText),
    open: openOf(t.occurrences),
    openFor: (departmentId) => openOf(t.occurrences, departmentId),
  };
}

/** The earliest occurrence with work not done (of one department's shares, when given). */
function openOf(occurrences: readonly OccurrenceRow[], departmentId?: number): MovableTask["open"] {
  const ours = (o: OccurrenceRow) =>
    o.assignments.filter((a) => departmentId === undefined || a.staff.departmentId === departmentId);
  const o = occurrences.find((x) => ours(x).some((a) => a.status !== "DONE"));
  return o
    ? {
        occurrenceId: o.id,
        dueDate: o.dueDate,
        originalDueDate: o.originalDueDate,
        holderIds: ours(o)
          .filter((a) => a.status !== "DONE")
          .map((a) => a.staffId),
      }
    : null;
}

/**
 * Every move of a due date, whoever made it (/gianhan, an accepted "xin gia
 * hạn"): the plan's own date is kept beside the new one and the move recorded
 * for /lichsu; "clash", with nothing written, when the task already falls due
 * that day. `relabel` names the period anew (given work is named by its day).
 * With `departmentId`, only that department's shares move (see splitOff).
 */
export async function moveOccurrence(
  tx: Tx,
  input: {
    occurrenceId: number;
    toDate: string;
    reason: string;
    byId: number;
    now: Date;
    relabel?: boolean;
    departmentId?: number;
  },
): Promise<"moved" | "clash"> {
  const o = await tx.occurrence.findUniqueOrThrow({ where: { id: input.occurrenceId } });
  const split = input.departmentId === undefined ? null : await splitOff(tx, o, input.departmentId, input.toDate);
  if (split === "clash") return "clash";
  if (split === null) {
    const clash = await tx.occurrence.count({ where: { taskId: o.taskId, dueDate: input.toDate, id: { not: o.id } } });
    if (clash) return "clash";
    await tx.occurrence.update({
      where: { id: o.id },
      data: {
        dueDate: input.toDate,
        originalDueDate: o.originalDueDate ?? o.dueDate,
        ...(input.relabel && o.periodLabel === o.dueDate ? { periodLabel: input.toDate } : {}),
      },
    });
  }
  await tx.deadlineChange.create({
    data: {
      occurrenceId: split ?? o.id,
      fromDate: o.dueDate,
      toDate: input.toDate,
      reason: input.reason,
      byId: input.byId,
      at: input.now,
    },
  });
  return "moved";
}

/**
 * One department's own date on a task every department leads: its shares go
 * to an occurrence of the new date that keeps the plan's date as its own
 * (so a re-import and syncAssignments see one plan date, held by every
 * department once), shared with any other department moved to the same day
 * and merged back when moved to the shared date again. Null when the
 * department holds the whole occurrence: it moves as it is.
 */
async function splitOff(
  tx: Tx,
  o: { id: number; taskId: number; dueDate: string; originalDueDate: string | null; periodLabel: string },
  departmentId: number,
  toDate: string,
): Promise<number | "clash" | null> {
  // A requested occurrence ("Khi có yêu cầu") is its own date, not a plan date to share.
  if (o.originalDueDate === "") return null;
  const shares = await tx.assignment.findMany({
    where: { occurrenceId: o.id },
    select: { id: true, staff: { select: { departmentId: true } } },
  });
  const mine = shares.filter((a) => a.staff.departmentId === departmentId).map((a) => a.id);
  const planDate = o.originalDueDate ?? o.dueDate;
  const there = await tx.occurrence.findUnique({ where: { taskId_dueDate: { taskId: o.taskId, dueDate: toDate } } });
  const sibling = there !== null && there.removedAt === null && (there.originalDueDate ?? there.dueDate) === planDate;
  if (there && !sibling) return "clash";
  if (!sibling && mine.length === shares.length) return null;
  const target =
    there ??
    (await tx.occurrence.create({
      data: { taskId: o.taskId, dueDate: toDate, periodLabel: o.periodLabel, originalDueDate: planDate },
    }));
  await tx.assignment.updateMany({ where: { id: { in: mine } }, data: { occurrenceId: target.id } });
  return target.id;
}

/** /gianhan: moves the occurrence to `toDate` and records why, in one transaction. */
export async function moveDeadline(
  db: Db,
  input: { occurrenceId: number; toDate: string; reason: string; byId: number; now: Date; departmentId?: number },
): Promise<"moved" | "clash"> {
  return db.$transaction((tx) => moveOccurrence(tx, input));
}

export interface DeadlineChangeLine {
  at: Date;
  by: string | null;
  fromDate: string;
  toDate: string;
  reason: string;
}

/** Every move of the task's dates, oldest first. */
export async function deadlineChanges(db: Db, taskId: number): Promise<DeadlineChangeLine[]> {
  const rows = await db.deadlineChange.findMany({
    where: { occurrence: { taskId } },
    orderBy: { id: "asc" },
    select: { at: true, byId: true, fromDate: true, toDate: true, reason: true },
  });
  const names = await staffNames(
    db,
    rows.map((r) => r.byId),
  );
  return rows.map(({ byId, ...r }) => ({ ...r, by: byId ? (names.get(byId) ?? null) : null }));
}

/** Who hears of a move: the holders, the lead departments' heads and the unit's leaders. */
export async function deadlineAudience(
  db: Db,
  input: { unitName: string; holderIds: readonly number[]; leadDepartmentIds: readonly number[] },
): Promise<number[]> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const others = await db.staff.findMany({
    where: {
      active: true,
      OR: [
        { unitId, role: "LEADER" },
        { role: "DEPT_HEAD", departmentId: { in: [...input.leadDepartmentIds] } },
      ],
    },
    select: { id: true },
  });
  return [...new Set([...input.holderIds, ...others.map((s) => s.id)])];
}

export interface OnDemandTask {
  taskId: number;
  ref: string;
  content: string;
  /** The plan's year: a typed code means this year's task first (tasksNamed). */
  year: number;
  /** The dated requests so far, oldest first. */
  requested: string[];
}

/** The unit's "Khi có yêu cầu" tasks (of the plans of `year` when given); the newest plan first. */
export async function onDemandTasks(db: Db, unitName: string, year?: number): Promise<OnDemandTask[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const tasks = await db.task.findMany({
    where: { plan: { unitId, ...(year === undefined ? {} : plansOfYear(year)) }, removedAt: null, onDemand: true },
    orderBy: [{ plan: { year: "desc" } }, { position: "asc" }],
    select: {
      id: true,
      ref: true,
      content: true,
      plan: { select: { year: true } },
      occurrences: {
        where: { removedAt: null, dueDate: { not: "" } },
        orderBy: { dueDate: "asc" },
        select: { dueDate: true },
      },
    },
  });
  return tasks.map((t) => ({
    taskId: t.id,
    ref: t.ref,
    content: t.content,
    year: t.plan.year,
    requested: t.occurrences.map((o) => o.dueDate),
  }));
}

/**
 * The "Khi có yêu cầu" tasks of the unit's plan for `year` that no request has
 * reached yet: a year's report lists them apart, never as on time, and never
 * another year's.
 */
export async function unrequestedTasks(db: Db, unitName: string, year: number): Promise<OnDemandTask[]> {
  return (await onDemandTasks(db, unitName, year)).filter((x) => x.requested.length === 0);
}

/**
 * A request for an on-demand task: a dated occurrence of it, held by its lead
 * departments' heads (syncAssignments) and from then reminded and reported
 * like any other; its plan date is "" (on demand), so a re-import keeps it.
 * "clash" with nothing written when the task already falls due that day.
 */
export async function requestOccurrence(
  db: Db,
  input: { unitName: string; taskId: number; dueDate: string; note: string; byId: number; now: Date },
): Promise<{ result: "requested"; holders: number[] } | { result: "clash" }> {
  return db.$transaction(async (tx) => {
    if (await tx.occurrence.count({ where: { taskId: input.taskId, dueDate: input.dueDate } }))
      return { result: "clash" };
    const o = await tx.occurrence.create({
      data: { taskId: input.taskId, dueDate: input.dueDate, periodLabel: input.dueDate, originalDueDate: "" },
      select: { id: true },
    });
    await tx.deadlineChange.create({
      data: {
        occurrenceId: o.id,
        fromDate: "",
        toDate: input.dueDate,
        reason: input.note,
        byId: input.byId,
        at: input.now,
      },
    });
    const unitId = (await findUnitId(tx, input.unitName))!;
    await syncAssignments(tx, unitId, input.now);
    const holders = await tx.assignment.findMany({ where: { occurrenceId: o.id }, select: { staffId: true } });
    return { result: "requested", holders: holders.map((h) => h.staffId) };
  });
}
