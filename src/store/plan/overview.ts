import type { Db } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";
import { plansOfYear } from "./years.ts";

export interface TaskLine {
  ref: string;
  content: string;
  lead: string;
  /** The earliest due date still open (overdue ones first), else the last one; "" when none. */
  nextDue: string;
  onDemand: boolean;
  assigned: number;
  done: number;
}

export interface PlanOverview {
  title: string;
  year: number;
  tasks: TaskLine[];
}

export async function planOverview(
  db: Db,
  input: { unitName: string; year: number; today: string },
): Promise<PlanOverview | null> {
  const unitId = await findUnitId(db, input.unitName);
  if (unitId === null) return null;
  // The year's own plan; without one, a framework whose span covers the year.
  const plan = await db.plan.findFirst({
    where: { unitId, ...plansOfYear(input.year) },
    orderBy: { framework: "asc" },
    select: { id: true, title: true, year: true },
  });
  if (!plan) return null;
  const tasks = await db.task.findMany({
    where: { planId: plan.id, removedAt: null },
    orderBy: { position: "asc" },
    select: {
      ref: true,
      content: true,
      leadText: true,
      onDemand: true,
      departments: { where: { role: "LEAD" }, select: { department: { select: { name: true } } } },
      occurrences: {
        where: { removedAt: null },
        orderBy: { dueDate: "asc" },
        select: { dueDate: true, assignments: { select: { status: true } } },
      },
    },
  });
  return {
    title: plan.title,
    year: plan.year,
    tasks: tasks.map((t) => {
      const dated = t.occurrences.filter((o) => o.dueDate !== "");
      const assignments = t.occurrences.flatMap((o) => o.assignments);
      const names = t.departments.map((d) => d.department.name);
      return {
        ref: t.ref,
        content: t.content,
        lead: names.length ? names.join("; ") : (t.leadText ?? ""),
        nextDue:
          (
            dated.find((o) => o.assignments.length === 0 || o.assignments.some((a) => a.status !== "DONE")) ??
            dated[dated.length - 1]
          )?.dueDate ?? "",
        onDemand: t.onDemand,
        assigned: assignments.length,
        done: assignments.filter((a) => a.status === "DONE").length,
      };
    }),
  };
}

export interface Counts {
  tasks: number;
  occurrences: number;
  staff: number;
  indicators: number;
}

export async function counts(db: Db, year: number): Promise<Counts> {
  const [tasks, occurrences, staff, indicators] = await Promise.all([
    db.task.count({ where: { removedAt: null, plan: plansOfYear(year) } }),
    db.occurrence.count({ where: { removedAt: null, task: { removedAt: null, plan: plansOfYear(year) } } }),
    db.staff.count({ where: { active: true } }),
    db.indicator.count({ where: { year } }),
  ]);
  return { tasks, occurrences, staff, indicators };
}

/** Nothing imported yet: no plan and nobody on a roster. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [plans, staff] = await Promise.all([db.plan.count(), db.staff.count()]);
  return plans === 0 && staff === 0;
}
