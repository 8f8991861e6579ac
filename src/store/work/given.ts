/**
 * Tasks given in chat ("giao việc phát sinh"): they live beside the plan's
 * tasks, in the year's plan under the area "PS", so reminders, replies,
 * escalation, evidence and reports treat them as any task; plan re-imports
 * leave them alone.
 */
import { moveOccurrence } from "../deadlines/deadlines.ts";
import { syncUnitAssignments } from "../plan/links.ts";
import type { Db, Tx } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";

export const GIVEN_AREA = "PS";
/** A Sở's ad-hoc report requests to its units (store/province/requests.ts). */
export const REQUEST_AREA = "BC";

export interface GivenTask {
  ref: string;
  taskId: number;
  assignmentId: number;
  content: string;
  dueDate: string;
  staffId: number;
  staffName: string;
  status: string;
  givenById: number;
  cancelled: boolean;
}

/**
 * The unit's plan for the year and one of its areas, made when missing: tasks
 * given in chat ("PS") and a Sở's report requests ("BC") live beside the
 * imported tasks, and a unit may give work before it imports a plan.
 */
export async function yearPlanArea(
  tx: Tx,
  input: {
    unitName: string;
    year: number;
    path: string;
    areaTitle: string;
    position: number;
    defaultPlanTitle: string;
    now: Date;
  },
): Promise<{ unitId: number; plan: { id: number }; area: { id: number }; next: number }> {
  const unitId = (await findUnitId(tx, input.unitName))!;
  const plan =
    (await tx.plan.findUnique({
      where: { unitId_year_framework: { unitId, year: input.year, framework: false } },
      select: { id: true },
    })) ??
    (await tx.plan.create({
      data: { unitId, year: input.year, title: input.defaultPlanTitle, sourceFile: "", importedAt: input.now },
      select: { id: true },
    }));
  const area =
    (await tx.area.findFirst({ where: { planId: plan.id, path: input.path }, select: { id: true } })) ??
    (await tx.area.create({
      data: { planId: plan.id, path: input.path, code: input.path, title: input.areaTitle, position: input.position },
      select: { id: true },
    }));
  // The area's tasks are numbered on ("PS-3", "BC-2"): each kind of task its own series.
  const next = (await tx.task.count({ where: { planId: plan.id, areaId: area.id } })) + 1;
  return { unitId, plan, area, next };
}

/**
 * A task of a body's year plan that its units do ("BC-2" a report request,
 * "KT-1" an inspection's finding): one due date, led by the units the lead
 * text names, given to each one's admin (syncUnitAssignments).
 */
export async function unitTask(
  tx: Tx,
  input: {
    unitName: string;
    path: string;
    areaTitle: string;
    /** Where the area sits in the plan, and where its tasks' numbers start in the plan's order. */
    position: number;
    series: number;
    content: string;
    leadText: string;
    dueDate: string;
    byId: number;
    defaultPlanTitle: string;
    now: Date;
    inspectionId?: number;
  },
): Promise<{ unitId: number; taskId: number; ref: string }> {
  const { unitId, plan, area, next } = await yearPlanArea(tx, { ...input, year: Number(input.dueDate.slice(0, 4)) });
  const { ref, taskId } = await givenTaskRow(tx, {
    ...input,
    planId: plan.id,
    areaId: area.id,
    ref: `${input.path}-${next}`,
    timeframe: input.dueDate,
    position: input.series + next,
  });
  await syncUnitAssignments(tx, unitId, input.now);
  return { unitId, taskId, ref };
}

/** A task given rather than imported, with its one due date. */
async function givenTaskRow(
  tx: Tx,
  input: {
    planId: number;
    areaId: number;
    ref: string;
    content: string;
    leadText: string | null;
    timeframe?: string;
    position: number;
    dueDate: string;
    byId: number;
    now: Date;
    inspectionId?: number;
  },
): Promise<{ ref: string; taskId: number; occurrenceId: number }> {
  const task = await tx.task.create({
    data: {
      planId: input.planId,
      areaId: input.areaId,
      ref: input.ref,
      code: input.ref,
      content: input.content,
      leadText: input.leadText,
      timeframe: input.timeframe ?? null,
      position: input.position,
      givenById: input.byId,
      givenAt: input.now,
      inspectionId: input.inspectionId ?? null,
    },
    select: { id: true },
  });
  const occurrence = await tx.occurrence.create({
    data: { taskId: task.id, dueDate: input.dueDate, periodLabel: input.dueDate },
    select: { id: true },
  });
  return { ref: input.ref, taskId: task.id, occurrenceId: occurrence.id };
}

/** Creates the task, its one due date and its assignment, in one transaction; returns its ref ("PS-3"). */
export async function giveTask(
  db: Db,
  input: {
    unitName: string;
    year: number;
    giverId: number;
    toStaffId: number;
    content: string;
    dueDate: string;
    defaultPlanTitle: string;
    areaTitle: string;
    now: Date;
  },
): Promise<{ ref: string; taskId: number; assignmentId: number }> {
  return db.$transaction(async (tx) => {
    const { plan, area, next: n } = await yearPlanArea(tx, { ...input, path: GIVEN_AREA, position: 1_000_000 });
    const ref = `PS-${n}`;
    const person = await tx.staff.findUniqueOrThrow({
      where: { id: input.toStaffId },
      select: { departmentId: true, department: { select: { name: true } } },
    });
    const task = await givenTaskRow(tx, {
      ...input,
      planId: plan.id,
      areaId: area.id,
      ref,
      leadText: person.department?.name ?? null,
      position: 1_000_000 + n,
      byId: input.giverId,
    });
    // The doer's department leads it: its head hears when it is late, as with the plan's tasks.
    if (person.departmentId)
      await tx.taskDepartment.create({
        data: { taskId: task.taskId, departmentId: person.departmentId, role: "LEAD" },
      });
    const assignment = await tx.assignment.create({
      data: { occurrenceId: task.occurrenceId, staffId: input.toStaffId, createdAt: input.now },
      select: { id: true },
    });
    // The giver's own message announces it (with their name): the scheduler's "new task" note is not sent too.
    await tx.reminderLog.create({
      data: {
        key: `assigned:${assignment.id}`,
        kind: "assigned",
        recipientId: input.toStaffId,
        assignmentId: assignment.id,
        scheduledAt: input.now,
        decidedAt: input.now,
        outcome: "SKIPPED",
      },
    });
    return { ref, taskId: task.taskId, assignmentId: assignment.id };
  });
}

const SELECT = {
  id: true,
  ref: true,
  content: true,
  givenById: true,
  removedAt: true,
  occurrences: {
    select: {
      dueDate: true,
      assignments: { select: { id: true, status: true, staffId: true, staff: { select: { name: true } } } },
    },
  },
} as const;

function view(t: {
  id: number;
  ref: string;
  content: string;
  givenById: number | null;
  removedAt: Date | null;
  occurrences: {
    dueDate: string;
    assignments: { id: number; status: string; staffId: number; staff: { name: string } }[];
  }[];
}): GivenTask | null {
  const o = t.occurrences[0];
  const a = o?.assignments[0];
  if (!o || !a || t.givenById === null) return null;
  return {
    ref: t.ref,
    taskId: t.id,
    assignmentId: a.id,
    content: t.content,
    dueDate: o.dueDate,
    staffId: a.staffId,
    staffName: a.staff.name,
    status: a.status,
    givenById: t.givenById,
    cancelled: t.removedAt !== null,
  };
}

/** What this person gave, newest first (the cancelled ones too, marked). */
export async function givenBy(db: Db, giverId: number): Promise<GivenTask[]> {
  const tasks = await db.task.findMany({
    // A Sở's requests to its units are listed by /yeucaubaocao, each with every unit's answer.
    where: { givenById: giverId, area: { path: { not: REQUEST_AREA } } },
    orderBy: { id: "desc" },
    take: 50,
    select: SELECT,
  });
  return tasks.map(view).filter((g): g is GivenTask => g !== null);
}

/** One given task by its ref, whoever gave it. */
export async function givenTask(db: Db, unitName: string, ref: string): Promise<GivenTask | null> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const t = await db.task.findFirst({
    where: { plan: { unitId }, givenById: { not: null }, ref: { equals: ref.toUpperCase() } },
    orderBy: { id: "desc" },
    select: SELECT,
  });
  return t ? view(t) : null;
}

export async function cancelGiven(db: Db, taskId: number, now: Date): Promise<void> {
  await db.task.update({ where: { id: taskId }, data: { removedAt: now } });
}

/**
 * A new deadline for work given in chat, recorded as /gianhan records a move
 * (its first date kept, who moved it and why, for /lichsu and the reports'
 * "gia hạn từ"); the reminders start again from it (their keys name the date).
 */
export async function moveGivenDeadline(
  db: Db,
  input: { taskId: number; dueDate: string; reason: string; byId: number; now: Date },
): Promise<"moved" | "clash"> {
  return db.$transaction(async (tx) => {
    const o = await tx.occurrence.findFirstOrThrow({
      where: { taskId: input.taskId, removedAt: null },
      orderBy: { dueDate: "asc" },
      select: { id: true },
    });
    return moveOccurrence(tx, {
      occurrenceId: o.id,
      toDate: input.dueDate,
      reason: input.reason,
      byId: input.byId,
      now: input.now,
      relabel: true,
    });
  });
}

export interface Recipient {
  staffId: number;
  name: string;
  phone: string;
  role: string;
  title: string | null;
  departmentId: number | null;
  department: string | null;
}

/** Everyone work may be given to, with their department. */
export async function recipients(
  db: Db,
  unitName: string,
): Promise<{ people: Recipient[]; departments: { id: number; key: string; name: string }[] }> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const [people, departments] = await Promise.all([
    db.staff.findMany({
      where: { unitId, active: true },
      select: {
        id: true,
        name: true,
        phone: true,
        role: true,
        title: true,
        departmentId: true,
        department: { select: { name: true } },
      },
      orderBy: { name: "asc" },
    }),
    db.department.findMany({ where: { unitId }, select: { id: true, key: true, name: true } }),
  ]);
  return {
    people: people.map((p) => ({
      staffId: p.id,
      name: p.name,
      phone: p.phone,
      role: p.role,
      title: p.title,
      departmentId: p.departmentId,
      department: p.department?.name ?? null,
    })),
    departments,
  };
}

/** The task given in chat behind an assignment: its code and who gave it. */
export async function givenOfAssignment(
  db: Db,
  assignmentId: number,
): Promise<{ ref: string; givenById: number | null; departmentId: number | null } | null> {
  const row = await db.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      staff: { select: { departmentId: true } },
      occurrence: { select: { task: { select: { ref: true, givenById: true } } } },
    },
  });
  return row ? { ...row.occurrence.task, departmentId: row.staff.departmentId } : null;
}
