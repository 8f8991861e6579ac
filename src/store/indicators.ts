import { matchDepartments } from "../domain/departments.ts";
import type { IndicatorDraft } from "../domain/tables/indicators.ts";
import type { ImportIssue } from "../domain/tables/sheet.ts";
import { LONG_TRANSACTION, type Db } from "./db.ts";
import { ensureUnitId } from "./units.ts";

export interface SaveIndicatorsResult {
  count: number;
  created: number;
  updated: number;
  warnings: ImportIssue[];
}

/** Upserts by code for the year; reports already sent stay attached. */
export async function saveIndicators(db: Db, input: { unitName: string; year: number; indicators: IndicatorDraft[] }): Promise<SaveIndicatorsResult> {
  return db.$transaction(async (tx) => {
    const unitId = await ensureUnitId(tx, input.unitName);
    const departments = await tx.department.findMany({ where: { unitId }, select: { id: true, key: true } });
    const existing = new Set((await tx.indicator.findMany({ where: { unitId, year: input.year }, select: { code: true } })).map((i) => i.code));
    const unmatched = new Map<string, number>();
    for (const d of input.indicators) {
      const owner = matchDepartments(d.owner, departments);
      if (departments.length) for (const name of owner.unmatched) unmatched.set(name, (unmatched.get(name) ?? 0) + 1);
      const data = {
        name: d.name,
        targetText: d.targetText,
        target: d.target.value,
        comparator: d.target.comparator,
        unitLabel: d.target.unit,
        ownerDepartmentId: owner.ids[0] ?? null,
        ownerText: d.owner || null,
        period: d.period,
      };
      await tx.indicator.upsert({
        where: { unitId_year_code: { unitId, year: input.year, code: d.code } },
        create: { ...data, unitId, year: input.year, code: d.code },
        update: data,
      });
    }
    const created = input.indicators.filter((d) => !existing.has(d.code)).length;
    return {
      count: input.indicators.length,
      created,
      updated: input.indicators.length - created,
      warnings: [...unmatched].map(([name, count]) => ({ key: "plan.unmatchedDepartment", params: { name, count } })),
    };
  }, LONG_TRANSACTION);
}
