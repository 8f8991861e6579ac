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
  const percent = max > 0 ? Math.round((score / max) * 1000) / 10 : 0;
  const band = bands.find((b) => percent >= b.min) ?? bands[bands.length - 1]!;
  return { band: band.name, percent };
}
