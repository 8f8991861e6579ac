import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { getDaysInMonth } from "date-fns/getDaysInMonth";

/** A day in the unit's calendar as "YYYY-MM-DD". */
export type IsoDate = string;

export const DEFAULT_TZ = "Asia/Ho_Chi_Minh";

export function daysInMonth(year: number, month: number): number {
  return getDaysInMonth(new Date(year, month - 1, 1));
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "2026-03-31" → "31/03/2026", as dates are written in Vietnam. */
export function displayDate(iso: IsoDate): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

export function monthEnd(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month));
}

/** The calendar day an instant falls on in the given zone. */
export function dayOf(instant: Date, tz: string = DEFAULT_TZ): IsoDate {
  return format(new TZDate(instant, tz), "yyyy-MM-dd");
}

export function yearOf(instant: Date, tz: string = DEFAULT_TZ): number {
  return new TZDate(instant, tz).getFullYear();
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The system's clock moved so that it reads `start` at `from`: the same pace, another day. */
export function shiftedClock(start: Date, from: number = Date.now()): Clock {
  const offset = start.getTime() - from;
  return { now: () => new Date(Date.now() + offset) };
}

export function fixedClock(at: Date | string): Clock {
  const instant = typeof at === "string" ? new Date(at) : at;
  return { now: () => new Date(instant) };
}
