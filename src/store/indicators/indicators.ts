import { matchDepartments } from "../../domain/departments.ts";
import { PLAN_TARGET_PREFIX, sameMeasure } from "../../domain/targets.ts";
import type { UnitIndicatorValue } from "../../domain/rollup.ts";
import type { IndicatorDraft } from "../../domain/tables/indicators.ts";
import type { ImportIssue } from "../../domain/tables/sheet.ts";
import { LONG_TRANSACTION, type Db } from "../db/db.ts";
import { ensureUnitId, findUnitId } from "../province/units.ts";
import { keepAsReal } from "../plan/demo.ts";

export interface SaveIndicatorsResult {
  count: number;
  created: number;
  updated: number;
  warnings: ImportIssue[];
}

/** Upserts by code for the year; reports already sent stay attached. */
export async function saveIndicators(
  db: Db,
  input: { unitName: string; year: number; indicators: IndicatorDraft[] },
): Promise<SaveIndicatorsResult> {
  return db.$transaction(async (tx) => {
    await keepAsReal(tx);
    const unitId = await ensureUnitId(tx, input.unitName);
    const departments = await tx.department.findMany({ where: { unitId }, select: { id: true, key: true } });
    const existing = new Map(
      (
        await tx.indicator.findMany({
          where: { unitId, year: input.year },
          select: {
            code: true,
            name: true,
            targetText: true,
            target: true,
            comparator: true,
            unitLabel: true,
            ownerDepartmentId: true,
            ownerText: true,
            period: true,
          },
        })
      ).map(({ code, ...rest }) => [code, rest]),
    );
    let updated = 0;
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
      const old = existing.get(d.code);
      // Unchanged rows are neither written nor counted: "6 cập nhật" for the same file misleads.
      if (old && (Object.keys(data) as (keyof typeof data)[]).every((k) => old[k] === data[k])) continue;
      if (old) updated++;
      await tx.indicator.upsert({
        where: { unitId_year_code: { unitId, year: input.year, code: d.code } },
        create: { ...data, unitId, year: input.year, code: d.code },
        update: data,
      });
    }
    const created = input.indicators.filter((d) => !existing.has(d.code)).length;
    // A target the plan's objectives stated (MT1…) that this file defines too is one indicator: the file's. Its copy
    // goes, unless someone has reported on it already (then both stay, and the import says so).
    const kept: ImportIssue[] = [];
    const copies = await tx.indicator.findMany({
      where: { unitId, year: input.year, code: { startsWith: PLAN_TARGET_PREFIX } },
      select: { id: true, code: true, name: true },
    });
    const reported = new Set(
      (
        await tx.indicatorReport.findMany({
          where: { indicatorId: { in: copies.map((c) => c.id) } },
          select: { indicatorId: true },
        })
      ).map((r) => r.indicatorId),
    );
    for (const copy of copies) {
      const same = input.indicators.find((d) => d.code !== copy.code && sameMeasure(d.name, copy.name));
      if (!same) continue;
      if (reported.has(copy.id))
        kept.push({ key: "indicator.duplicateKept", params: { plan: copy.code, file: same.code } });
      else await tx.indicator.delete({ where: { id: copy.id } });
    }
    return {
      count: input.indicators.length,
      created,
      updated,
      warnings: [
        ...[...unmatched].map(([name, count]) => ({
          key: "plan.unmatchedDepartment" as const,
          params: { name, count },
        })),
        ...kept,
      ],
    };
  }, LONG_TRANSACTION);
}

export interface IndicatorLine {
  id: number;
  code: string;
  name: string;
  targetText: string;
  target: number;
  comparator: "GT" | "GTE" | "EQ" | "LTE" | "LT";
  unitLabel: string;
  period: "MONTH" | "QUARTER" | "HALF" | "YEAR";
  owner: string | null;
  ownerDepartmentId: number | null;
  latest: { value: number; periodLabel: string; numerator: number | null; denominator: number | null } | null;
}

/** Indicators of the year, all or one department's, each with its latest report. */
/** A unit's indicators for the year (another unit's are not its to see or report on). */
export async function listIndicators(
  db: Db,
  input: { unitName: string; year: number; departmentId?: number | null; enteredBefore?: Date },
): Promise<IndicatorLine[]> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const rows = await db.indicator.findMany({
    where: {
      unitId,
      year: input.year,
      ...(input.departmentId !== undefined ? { ownerDepartmentId: input.departmentId } : {}),
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      targetText: true,
      target: true,
      comparator: true,
      unitLabel: true,
      period: true,
      ownerText: true,
      ownerDepartmentId: true,
      ownerDepartment: { select: { name: true } },
      reports: {
        ...(input.enteredBefore ? { where: { reportedAt: { lt: input.enteredBefore } } } : {}),
        orderBy: { reportedAt: "desc" },
        take: 1,
        select: { value: true, periodLabel: true, numerator: true, denominator: true },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    targetText: r.targetText,
    target: r.target,
    comparator: r.comparator,
    unitLabel: r.unitLabel,
    period: r.period,
    owner: r.ownerDepartment?.name ?? r.ownerText,
    ownerDepartmentId: r.ownerDepartmentId,
    latest: r.reports[0] ?? null,
  }));
}

/** Every indicator of these units for the year with its latest value: what a Sở's report rolls up, in one read. */
export async function indicatorsOfUnits(
  db: Db,
  q: { unitIds: readonly number[]; year: number; enteredBefore?: Date },
): Promise<UnitIndicatorValue[]> {
  const rows = await db.indicator.findMany({
    where: { unitId: { in: [...q.unitIds] }, year: q.year },
    orderBy: { id: "asc" },
    select: {
      unitId: true,
      code: true,
      name: true,
      targetText: true,
      target: true,
      comparator: true,
      unitLabel: true,
      reports: {
        ...(q.enteredBefore ? { where: { reportedAt: { lt: q.enteredBefore } } } : {}),
        orderBy: { reportedAt: "desc" },
        take: 1,
        select: { value: true, numerator: true, denominator: true },
      },
    },
  });
  return rows.map(({ reports, ...r }) => ({
    ...r,
    value: reports[0]?.value ?? null,
    numerator: reports[0]?.numerator ?? null,
    denominator: reports[0]?.denominator ?? null,
  }));
}

export async function recordIndicatorReport(
  db: Db,
  input: {
    indicatorId: number;
    value: number;
    numerator?: number;
    denominator?: number;
    periodLabel: string;
    reporterId: number;
    now: Date;
  },
): Promise<void> {
  await db.indicatorReport.create({
    data: {
      indicatorId: input.indicatorId,
      value: input.value,
      numerator: input.numerator ?? null,
      denominator: input.denominator ?? null,
      periodLabel: input.periodLabel,
      reporterId: input.reporterId,
      reportedAt: input.now,
    },
  });
}

/** Each indicator's latest value per period, oldest period first: the trend leaders read. */
export async function indicatorTrends(
  db: Db,
  ids: number[],
): Promise<Map<number, { periodLabel: string; value: number }[]>> {
  const reports = await db.indicatorReport.findMany({
    where: { indicatorId: { in: ids } },
    orderBy: { reportedAt: "asc" },
    select: { indicatorId: true, periodLabel: true, value: true },
  });
  const out = new Map<number, Map<string, number>>();
  for (const r of reports) {
    const m = out.get(r.indicatorId) ?? new Map<string, number>();
    m.set(r.periodLabel, r.value);
    out.set(r.indicatorId, m);
  }
  return new Map(
    [...out].map(([id, m]) => [
      id,
      [...m].sort((a, b) => a[0].localeCompare(b[0])).map(([periodLabel, value]) => ({ periodLabel, value })),
    ]),
  );
}
