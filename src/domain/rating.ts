/**
 * The year-end rating (xếp loại) from a score: bands a body sets, each a
 * name and the least share of the maximum it takes ("Xuất sắc ≥ 90; Tốt ≥ 80;
 * Khá ≥ 65; Trung bình ≥ 50; Yếu"), the highest band a score reaches.
 */
import { parseNumber } from "./indicator.ts";

export const DEFAULT_BANDS = "Xuất sắc ≥ 90; Tốt ≥ 80; Khá ≥ 65; Trung bình ≥ 50; Yếu";

export interface Band {
  name: string;
  /** The least percentage of the maximum; 0 for the last band. */
  min: number;
}

/** "Tốt ≥ 80; Khá ≥ 65; Yếu" → bands, highest first; null when a band cannot be read. */
export function parseBands(text: string): Band[] | null {
  const bands: Band[] = [];
  for (const part of text
    .split(/[;\n]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*(?:(?:≥|>=|từ)\s*([\d.,]+)\s*%?)?$/u.exec(part);
    if (!m) return null;
    const min = m[2] === undefined ? 0 : parseNumber(m[2]);
    if (min === null || min < 0 || min > 100) return null;
    bands.push({ name: m[1]!.trim(), min });
  }
  return bands.length ? bands.sort((a, b) => b.min - a.min) : null;
}

/** The band a score out of `max` reaches. */
export function rate(score: number, max: number, bands: readonly Band[]): { band: string; percent: number } {
  const percent = shareOf(score, max);
  return { band: bandOf(percent, bands), percent };
}

/** A score's share of the maximum, in percent to one decimal. */
export function shareOf(score: number, max: number): number {
  return max > 0 ? Math.round((score / max) * 1000) / 10 : 0;
}

/** The highest band a share of the maximum reaches. */
export function bandOf(percent: number, bands: readonly Band[]): string {
  return (bands.find((b) => percent >= b.min) ?? bands[bands.length - 1]!).name;
}

/**
 * The share a rating reads, where the body weighs the on-time rate of the
 * year's tasks in (`weight` %): each part that is missing leaves the other
 * alone; null when both are.
 */
export function blend(score: number | null, onTime: number | null, weight: number): number | null {
  if (weight <= 0 || onTime === null) return score;
  if (score === null) return onTime;
  return Math.round(((score * (100 - weight) + onTime * weight) / 100) * 10) / 10;
}
