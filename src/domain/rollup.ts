/**
 * A sector's indicators from its units' own: the Sở's report states one
 * figure per indicator. A count (hồ sơ, văn bản) adds up; a rate averages,
 * weighted by each unit's denominator when every unit gave one ("47/48"), so
 * a unit with 2,000 files weighs more than one with 40; otherwise it is the
 * plain mean of the units' rates.
 */
import type { Comparator } from "./indicator.ts";
import { fold } from "./text.ts";

export interface UnitIndicatorValue {
  unitId: number;
  code: string;
  name: string;
  unitLabel: string;
  targetText: string;
  target: number;
  comparator: Comparator;
  /** Null when the unit has the indicator but has not reported it. */
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export type RollupMethod = "sum" | "weightedMean" | "mean";

export interface RolledIndicator {
  code: string;
  name: string;
  unitLabel: string;
  targetText: string;
  target: number;
  comparator: Comparator;
  method: RollupMethod;
  /** Null when no unit has reported. */
  value: number | null;
  /** Each reporting unit's own value, in the units' order. */
  byUnit: { unitId: number; value: number }[];
  /** Units that have not reported it, in the units' order. */
  missing: number[];
}

export const methodOf = (unitLabel: string): "sum" | "mean" => (unitLabel.trim() === "%" ? "mean" : "sum");

/** Two units' indicators are the same one when their codes are, or, without a code in common, their names. */
const keyOf = (v: Pick<UnitIndicatorValue, "code">) => fold(v.code).replace(/\s+/g, "");

/**
 * Rolls up `values` over `units` (in order), one line per indicator, in the
 * order `reference` lists them (the Sở's own list), then any only units have.
 */
export function rollUp(
  units: readonly number[],
  values: readonly UnitIndicatorValue[],
  reference: readonly UnitIndicatorValue[] = [],
): RolledIndicator[] {
  const byKey = new Map<string, UnitIndicatorValue[]>();
  for (const v of [...reference, ...values]) if (!byKey.has(keyOf(v))) byKey.set(keyOf(v), []);
  for (const v of values) byKey.get(keyOf(v))!.push(v);
  const head = new Map([...reference, ...values].reverse().map((v) => [keyOf(v), v]));
  return [...byKey].map(([key, list]) => {
    const first = head.get(key)!;
    const reported = units.flatMap((id) => {
      const v = list.find((x) => x.unitId === id && x.value !== null);
      return v ? [v] : [];
    });
    const base = methodOf(first.unitLabel);
    const weighted =
      base === "mean" && reported.length > 0 && reported.every((v) => v.denominator != null && v.denominator > 0);
    const method: RollupMethod = base === "sum" ? "sum" : weighted ? "weightedMean" : "mean";
    const value = !reported.length
      ? null
      : method === "sum"
        ? reported.reduce((s, v) => s + v.value!, 0)
        : method === "weightedMean"
          ? (100 * reported.reduce((s, v) => s + (v.numerator ?? (v.value! * v.denominator!) / 100), 0)) /
            reported.reduce((s, v) => s + v.denominator!, 0)
          : reported.reduce((s, v) => s + v.value!, 0) / reported.length;
    return {
      code: first.code,
      name: first.name,
      unitLabel: first.unitLabel,
      targetText: first.targetText,
      target: first.target,
      comparator: first.comparator,
      method,
      value: value === null ? null : Math.round(value * 100) / 100,
      byUnit: reported.map((v) => ({ unitId: v.unitId, value: v.value! })),
      missing: units.filter((id) => !reported.some((v) => v.unitId === id)),
    };
  });
}
