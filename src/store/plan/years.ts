/** Which plan a draft is, and which plans a year's work comes from. */
import type { PlanDraft } from "../../domain/tables/plan.ts";
import type { Db } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";

/**
 * Which plan a draft is: a yearly plan is the unit's plan of `year`; a plan
 * over several years (a framework, "giai đoạn 2026-2030") is one plan over its
 * span, kept beside the yearly ones, so a Sở holds the framework and each
 * year's plan at once.
 */
export function planKey(draft: Pick<PlanDraft, "span">, year: number): { year: number; framework: boolean } {
  return draft.span ? { year: draft.span.from, framework: true } : { year, framework: false };
}

/** The plans a year's work comes from: its yearly plan, and a framework whose span covers it. */
export function plansOfYear(year: number) {
  return {
    OR: [
      { year, framework: false },
      { framework: true, year: { lte: year }, spanTo: { gte: year } },
    ],
  };
}

/** Whether the unit holds a plan for `year` (its own, or a framework over it). */
export async function hasPlanFor(db: Db, unitName: string, year: number): Promise<boolean> {
  const unitId = await findUnitId(db, unitName);
  return unitId !== null && (await db.plan.count({ where: { unitId, ...plansOfYear(year) } })) > 0;
}
