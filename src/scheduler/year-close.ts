/**
 * The year's close, each tick: the heads with criteria still to score hear
 * once, the set number of days before the scoring deadline; a Sở whose
 * inspections fall short of its target by mid-year hears once. Each message
 * under its own key (queueOnce), so ticks and instances say it once.
 */
import { addCalendarDays, isWorkingTime, localTime } from "../domain/workdays.ts";
import { displayDate } from "../domain/calendar.ts";
import { refList } from "../domain/criteria.ts";
import { evaluationSettings } from "../domain/settings.ts";
import { translator, type Locale } from "../i18n.ts";
import { criteriaHolders, openDeadlines } from "../store/evaluation/criteria.ts";
import { inspectionCoverage } from "../store/evaluation/inspections.ts";
import type { Db } from "../store/db/db.ts";
import { adminIds, localesOf } from "../store/people/staff.ts";
import { queueOnce, reachableOf } from "../store/reminders/reminders.ts";
import type { ReminderContext } from "../store/settings/calendar.ts";
import { loadSettingsRows } from "../store/settings/settings.ts";

/** The inspections' target is checked in July (MM-DD): at mid-year, not again late in the year. */
const MID_YEAR = { from: "07-01", to: "07-31" };

export async function yearCloseReminders(input: {
  db: Db;
  now: Date;
  tz: string;
  defaultLocale: Locale;
  contextOf: (unitName: string) => Promise<ReminderContext>;
  /** Keys decided before: skipped without a query. */
  logged: Set<string>;
}): Promise<number> {
  const { db, now } = input;
  const today = localTime(now, input.tz).day;
  const messages: { key: string; kind: string; staffId: number; text: (t: ReturnType<typeof translator>) => string }[] =
    [];
  const open = async (unitName: string) => isWorkingTime(now, (await input.contextOf(unitName)).calendar);

  for (const set of await openDeadlines(db, today)) {
    const days = evaluationSettings(await loadSettingsRows(db, set.owner)).criteriaRemindDaysBefore;
    if (today < addCalendarDays(set.deadline, -days) || !(await open(set.owner))) continue;
    for (const h of await criteriaHolders(db, set.setId))
      messages.push({
        key: `criteria:${set.setId}:${h.staffId}`,
        kind: "criteria",
        staffId: h.staffId,
        text: (t) =>
          t("score.reminder", {
            count: h.refs.length,
            refs: refList(h.refs),
            date: displayDate(set.deadline),
            year: set.year,
          }),
      });
  }

  if (today.slice(5) >= MID_YEAR.from && today.slice(5) <= MID_YEAR.to) {
    const year = Number(today.slice(0, 4));
    for (const c of await inspectionCoverage(db, year)) {
      const target = evaluationSettings(await loadSettingsRows(db, c.owner)).inspectionTarget;
      if (c.planned >= Math.ceil((target * c.units) / 100) || !(await open(c.owner))) continue;
      for (const staffId of await adminIds(db, c.owner))
        messages.push({
          key: `inspections:${c.ownerId}:${year}:${staffId}`,
          kind: "inspections",
          staffId,
          text: (t) =>
            t("inspection.shortReminder", {
              year,
              owner: c.owner,
              planned: c.planned,
              units: c.units,
              percent: Math.round((c.planned / c.units) * 100),
              target,
            }),
        });
    }
  }

  const fresh = messages.filter((m) => !input.logged.has(m.key));
  if (fresh.length === 0) return 0;
  const ids = fresh.map((m) => m.staffId);
  const reachable = await reachableOf(db, ids);
  const locales = new Map((await localesOf(db, ids)).map((l) => [l.id, l.locale]));
  let queued = 0;
  for (const m of fresh) {
    if (!reachable.has(m.staffId)) continue;
    const t = translator((locales.get(m.staffId) as Locale | null) ?? input.defaultLocale);
    if (
      await queueOnce(db, {
        key: m.key,
        kind: m.kind,
        recipientId: m.staffId,
        payload: { kind: "text", text: m.text(t) },
        now,
      })
    )
      queued++;
    input.logged.add(m.key);
  }
  return queued;
}
