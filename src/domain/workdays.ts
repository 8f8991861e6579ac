/**
 * Working days and hours in Vietnam. Holidays by the Labour Code 2019,
 * Art. 112: 1/1; five days of Tết (the eve and the first four days of the
 * lunar year); Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and one
 * adjacent day. A holiday on a weekend, Tết's included, is taken on the next
 * working day (Art. 112(3)).
 * The government's yearly schedule moves days around: an imported official
 * list replaces these defaults for its year.
 */
import { TZDate } from "@date-fns/tz";
import { createRequire } from "node:module";
import type HolidaysType from "date-holidays";
import type { IsoDate } from "./calendar.ts";

export interface Holiday {
  date: IsoDate;
  name: string;
}

// The lunar calendar is 140 ms to load: only when a year's defaults are computed, not for every CLI command.
let lunar: InstanceType<typeof HolidaysType> | null = null;
function lunarCalendar(): InstanceType<typeof HolidaysType> {
  if (!lunar) {
    const Holidays = createRequire(import.meta.url)("date-holidays") as typeof HolidaysType;
    lunar = new Holidays("VN");
  }
  return lunar;
}

// The planner asks these millions of times a simulated year: calendar days are
// done in plain UTC arithmetic, and a zone's offset is looked up once an hour.
const DAY_MS = 86_400_000;

function dayMs(day: IsoDate): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function shift(day: IsoDate, days: number): IsoDate {
  return new Date(dayMs(day) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekday(day: IsoDate): number {
  return new Date(dayMs(day)).getUTCDay();
}

const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at an instant. */
function offsetAt(tz: string, utcMs: number): number {
  const key = `${tz}|${Math.floor(utcMs / 3_600_000)}`;
  let off = offsets.get(key);
  if (off === undefined) {
    if (offsets.size > 200_000) offsets.clear();
    off = -new TZDate(utcMs, tz).getTimezoneOffset();
    offsets.set(key, off);
  }
  return off;
}

export function defaultHolidays(year: number): Holiday[] {
  const found = lunarCalendar()
    .getHolidays(year)
    .filter((h) => h.type === "public");
  const day = (name: RegExp) => found.find((h) => name.test(h.name))?.date.slice(0, 10);
  const eve = day(/Giao thừa/);
  const hung = day(/Hùng/);
  const out: Holiday[] = [];
  const weekend = (d: IsoDate) => weekday(d) === 6 || weekday(d) === 0;
  // Art. 112(3): a holiday on Saturday or Sunday is taken on the next working day that is not itself a holiday.
  const compensate = (date: IsoDate, name: string) => {
    let next = date;
    do next = shift(next, 1);
    while (weekend(next) || out.some((h) => h.date === next));
    out.push({ date: next, name: `${name} (nghỉ bù)` });
  };
  const fixed = (date: IsoDate, name: string) => {
    out.push({ date, name });
    if (weekend(date)) compensate(date, name);
  };
  fixed(`${year}-01-01`, "Tết Dương lịch");
  if (eve) {
    // Tết's five days first, then a make-up day after them for each that fell on a weekend.
    const tet = Array.from({ length: 5 }, (_, i) => ({
      date: shift(eve, i),
      name: i === 0 ? "Tết Nguyên đán (30 Tết)" : `Tết Nguyên đán (mùng ${i})`,
    }));
    out.push(...tet);
    for (const h of tet) if (weekend(h.date)) compensate(h.date, h.name);
  }
  if (hung) fixed(hung, "Giỗ Tổ Hùng Vương");
  fixed(`${year}-04-30`, "Ngày Giải phóng miền Nam");
  fixed(`${year}-05-01`, "Quốc tế Lao động");
  const national = `${year}-09-02`;
  fixed(national, "Quốc khánh");
  // The adjacent day makes the longer break: Friday after a Thursday, otherwise the day before.
  const adjacent = weekday(national) === 4 ? shift(national, 1) : shift(national, -1);
  if (!out.some((h) => h.date === adjacent)) out.push({ date: adjacent, name: "Quốc khánh (ngày liền kề)" });
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export interface WorkCalendar {
  tz: string;
  isWorkingDay(day: IsoDate): boolean;
  /** Minutes after midnight when the working window opens and closes. */
  start: number;
  end: number;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

export function workCalendar(options: {
  tz: string;
  holidays: Iterable<IsoDate>;
  workStart: string;
  workEnd: string;
}): WorkCalendar {
  const off = new Set(options.holidays);
  return {
    tz: options.tz,
    start: minutesOf(options.workStart),
    end: minutesOf(options.workEnd),
    isWorkingDay: (day) => weekday(day) !== 0 && weekday(day) !== 6 && !off.has(day),
  };
}

/** The local day and minute of an instant. */
export function localTime(instant: Date, tz: string): { day: IsoDate; minute: number; weekday: number } {
  const local = new Date(instant.getTime() + offsetAt(tz, instant.getTime()) * 60_000);
  return {
    day: local.toISOString().slice(0, 10),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
    weekday: local.getUTCDay(),
  };
}

/** The instant of a local day and time. */
export function at(day: IsoDate, hhmm: string, tz: string): Date {
  const wall = dayMs(day) + minutesOf(hhmm) * 60_000;
  // Twice, so a time just after an offset change lands right.
  const first = wall - offsetAt(tz, wall) * 60_000;
  return new Date(wall - offsetAt(tz, first) * 60_000);
}

export function isWorkingTime(instant: Date, cal: WorkCalendar): boolean {
  const { day, minute } = localTime(instant, cal.tz);
  return cal.isWorkingDay(day) && minute >= cal.start && minute < cal.end;
}

/** The instant itself if it is working time, else the start of the next working morning. */
export function nextWorkingTime(instant: Date, cal: WorkCalendar): Date {
  if (isWorkingTime(instant, cal)) return instant;
  let { day, minute } = localTime(instant, cal.tz);
  if (!cal.isWorkingDay(day) || minute >= cal.end) day = nextWorkingDay(day, cal);
  const hh = String(Math.floor(cal.start / 60)).padStart(2, "0");
  const mm = String(cal.start % 60).padStart(2, "0");
  return at(day, `${hh}:${mm}`, cal.tz);
}

export function nextWorkingDay(day: IsoDate, cal: WorkCalendar): IsoDate {
  let d = shift(day, 1);
  for (let i = 0; i < 60 && !cal.isWorkingDay(d); i++) d = shift(d, 1);
  return d;
}

/** n working days after (n > 0) or before (n < 0) a day. */
export function addWorkingDays(day: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  let d = day;
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    d = shift(d, step);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

export { shift as addCalendarDays };
