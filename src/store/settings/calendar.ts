import {
  defaultHolidays,
  isWorkingTime,
  localTime,
  nextWorkingTime,
  workCalendar,
  type Holiday,
  type WorkCalendar,
} from "../../domain/workdays.ts";
import { readSettings, type ReminderSettings } from "../../domain/settings.ts";
import type { Db } from "../db/db.ts";
import { officialHolidays } from "./holidays.ts";
import { loadSettingsRows } from "./settings.ts";

/** A year's holidays: the admin's official list when there is one, else the Labour Code defaults. */
export async function holidaysOf(
  db: Db,
  unitName: string,
  year: number,
): Promise<{ holidays: Holiday[]; official: boolean }> {
  const official = await officialHolidays(db, unitName, [year]);
  return official.length
    ? { holidays: official, official: true }
    : { holidays: defaultHolidays(year), official: false };
}

export interface ReminderContext {
  settings: ReminderSettings;
  calendar: WorkCalendar;
}

/** Settings and the working calendar around a year (the one before and after too: ladders cross new year). */
export async function loadReminderContext(
  db: Db,
  unitName: string,
  tz: string,
  year: number,
): Promise<ReminderContext> {
  const settings = readSettings(await loadSettingsRows(db, unitName));
  const days: string[] = [];
  for (const y of [year - 1, year, year + 1])
    days.push(...(await holidaysOf(db, unitName, y)).holidays.map((h) => h.date));
  return {
    settings,
    calendar: workCalendar({ tz, holidays: days, workStart: settings.workStart, workEnd: settings.workEnd }),
  };
}

/** When a message written now may go: now in working hours, else the next working morning. */
export async function sendingTime(db: Db, unitName: string, tz: string, now: Date): Promise<Date | null> {
  const { calendar } = await loadReminderContext(db, unitName, tz, Number(localTime(now, tz).day.slice(0, 4)));
  return isWorkingTime(now, calendar) ? null : nextWorkingTime(now, calendar);
}
