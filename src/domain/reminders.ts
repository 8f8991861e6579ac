/**
 * What reminders are due at an instant: a pure function of the time, the
 * open assignments, what was already decided (the log) and the settings, so
 * a test can ask it about any moment of the year.
 *
 * Each decision carries a unique key; the store writes the key and the
 * message in one transaction, which is what makes a reminder go out once.
 */
import type { IsoDate } from "./calendar.ts";
import {
  addCalendarDays,
  addWorkingDays,
  at,
  isWorkingTime,
  localTime,
  nextWorkingTime,
  type WorkCalendar,
} from "./workdays.ts";
import { PLAN_REMIND_WORKING_DAYS } from "./report-period.ts";
import type { ReminderSettings } from "./settings.ts";

export type ReminderKind =
  | "assigned"
  | "before"
  | "dueSoon"
  | "due"
  | "overdue"
  | "weekly"
  | "escalateHead"
  | "escalateLeaders"
  | "report"
  | "plan"
  | "coordinate";

export interface OpenAssignment {
  assignmentId: number;
  staffId: number;
  /** "" for a task without a due date: announced, never reminded. */
  dueDate: IsoDate;
  recurring: boolean;
  createdAt: Date;
  snoozedUntil: Date | null;
  /** Heads of the task's lead departments. */
  heads: number[];
}

/** A coordinating department's part not yet reported: its heads are reminded once before the due date. */
export interface OpenPart {
  occurrenceId: number;
  departmentId: number;
  dueDate: IsoDate;
  recurring: boolean;
  heads: readonly number[];
}

export interface Decision {
  key: string;
  kind: ReminderKind;
  recipientId: number;
  assignmentId?: number;
  /** When the step was meant for, before quiet hours moved it. */
  scheduledAt: Date;
  /** Superseded by a later step of the same assignment (catch-up): logged, not sent. */
  skip?: boolean;
  /** For "report": which report and its deadline. */
  report?: { period: string; deadline: IsoDate; from: IsoDate; to: IsoDate; late?: boolean };
  /** For "plan": the year of the plan the unit has yet to send up, and its deadline. */
  plan?: { year: number; deadline: IsoDate };
  /** For "coordinate": which part. */
  part?: { occurrenceId: number; departmentId: number };
}

export interface PlannerInput {
  now: Date;
  settings: ReminderSettings;
  calendar: WorkCalendar;
  assignments: readonly OpenAssignment[];
  logged: ReadonlySet<string>;
  leaders: readonly number[];
  admins: readonly number[];
  /** Next year's plan, when the unit has a unit above and has not sent it there yet. */
  planToSend?: { year: number; deadline: IsoDate } | null;
  /** Coordinating parts not yet reported. */
  parts?: readonly OpenPart[];
}

interface Step {
  kind: ReminderKind;
  at: Date;
  /**
   * Which step this is, independent of when it falls: "3d" (three days
   * before), "1w" (one working day before), "due", "r" (recurring), "#2"
   * (the second overdue reminder). A new send hour or holiday list moves a
   * step's instant, never its identity, so it is never sent twice.
   */
  slot: string;
}

/** The ladder of one assignment: nominal instants, before quiet hours. */
export function ladder(
  a: Pick<OpenAssignment, "dueDate" | "recurring">,
  s: ReminderSettings,
  cal: WorkCalendar,
  until: Date,
): Step[] {
  if (!a.dueDate) return [];
  const tz = cal.tz;
  if (a.recurring)
    return [{ kind: "before", at: at(addCalendarDays(a.dueDate, -s.recurringBeforeDays), s.remindAt, tz), slot: "r" }];
  const steps: Step[] = [];
  for (const d of s.beforeDays)
    steps.push({ kind: "before", at: at(addCalendarDays(a.dueDate, -d), s.remindAt, tz), slot: `${d}d` });
  for (const w of s.beforeWorkingDays)
    steps.push({ kind: "dueSoon", at: at(addWorkingDays(a.dueDate, -w, cal), s.remindAt, tz), slot: `${w}w` });
  if (s.onDueDay) steps.push({ kind: "due", at: at(a.dueDate, s.remindAt, tz), slot: "due" });
  if (s.overdueEveryWorkingDays > 0) {
    // Each step from the previous one: a task late since March must not cost a walk from March per step.
    let day = a.dueDate;
    for (let k = 1; k < 400; k++) {
      day = addWorkingDays(day, s.overdueEveryWorkingDays, cal);
      const step = at(day, s.remindAt, tz);
      if (step > until) break;
      steps.push({ kind: "overdue", at: step, slot: `#${k}` });
    }
  }
  return steps;
}

const stamp = (d: Date) => d.toISOString();

/** What the weekly digest lists: due from today to the horizon. Overdue work is not "coming up". */
export function comingUpFrom(
  today: IsoDate,
  s: Pick<ReminderSettings, "weeklyHorizonDays">,
): (dueDate: IsoDate) => boolean {
  const horizon = addCalendarDays(today, s.weeklyHorizonDays);
  return (dueDate) => dueDate !== "" && dueDate >= today && dueDate <= horizon;
}

export function planReminders(input: PlannerInput): Decision[] {
  const { now, settings: s, calendar: cal, logged } = input;
  // Nothing at all leaves outside working hours; what falls there waits for the next working morning.
  if (!isWorkingTime(now, cal)) return [];
  const out: Decision[] = [];
  const add = (d: Decision) => {
    if (!logged.has(d.key)) out.push(d);
  };
  const today = localTime(now, cal.tz).day;

  // Thousands of assignments share a few dozen due dates: the calendar work is done once per date.
  const ladders = new Map<string, { kind: ReminderKind; at: Date; slot: string; stamp: string; deliverAt: Date }[]>();
  const thresholds = new Map<string, { kind: ReminderKind; when: Date; deliverAt: Date }[]>();
  const escalations = (dueDate: IsoDate) => {
    let list = thresholds.get(dueDate);
    if (!list) {
      list = (
        [
          ["escalateHead", s.escalateHeadAfterWorkingDays],
          ["escalateLeaders", s.escalateLeadersAfterWorkingDays],
        ] as const
      ).map(([kind, days]) => {
        const when = at(addWorkingDays(dueDate, days, cal), s.remindAt, cal.tz);
        return { kind, when, deliverAt: nextWorkingTime(when, cal) };
      });
      thresholds.set(dueDate, list);
    }
    return list;
  };

  // Both are per day, and assignments share few due dates and import instants.
  const ends = new Map<string, Date>();
  const dayEnd = (day: IsoDate) =>
    ends.get(day) ?? ends.set(day, at(addCalendarDays(day, 1), "00:00", cal.tz)).get(day)!;
  const days = new Map<number, IsoDate>();
  const assignedDay = (d: Date) =>
    days.get(d.getTime()) ?? days.set(d.getTime(), localTime(d, cal.tz).day).get(d.getTime())!;

  for (const a of input.assignments) {
    add({
      key: `assigned:${a.assignmentId}`,
      kind: "assigned",
      recipientId: a.staffId,
      assignmentId: a.assignmentId,
      scheduledAt: a.createdAt,
    });
    if (!a.dueDate) continue;

    const memoKey = `${a.dueDate}|${a.recurring}`;
    let steps = ladders.get(memoKey);
    if (!steps) {
      steps = ladder(a, s, cal, now).map((step) => ({
        ...step,
        stamp: stamp(step.at),
        deliverAt: nextWorkingTime(step.at, cal),
      }));
      ladders.set(memoKey, steps);
    }
    // Steps meant before the assignment existed are covered by its announcement.
    const due: { key: string; kind: ReminderKind; at: Date }[] = [];
    for (const step of steps) {
      if (step.at < a.createdAt) continue;
      const deliverAt =
        a.snoozedUntil && a.snoozedUntil > step.at
          ? nextWorkingTime(new Date(Math.max(step.at.getTime(), a.snoozedUntil.getTime())), cal)
          : step.deliverAt;
      if (deliverAt > now) continue;
      const key = `${step.kind}:${a.assignmentId}:${a.dueDate}:${step.slot}`;
      // Logs written before keys named the step carry its instant instead; they still count.
      if (!logged.has(key) && !logged.has(`${step.kind}:${a.assignmentId}:${step.stamp}`))
        due.push({ key, kind: step.kind, at: step.at });
    }
    // After downtime only the latest step is worth sending; the older ones are logged as skipped.
    due.forEach((step, i) =>
      out.push({
        key: step.key,
        kind: step.kind,
        recipientId: a.staffId,
        assignmentId: a.assignmentId,
        scheduledAt: step.at,
        ...(i < due.length - 1 ? { skip: true } : {}),
      }),
    );

    // Work already late when it was assigned (a plan imported in November with March's tasks open) is escalated
    // once too, its working days counted from the day it was assigned.
    const lateFrom = a.createdAt >= dayEnd(a.dueDate) ? assignedDay(a.createdAt) : a.dueDate;
    for (const { kind, when, deliverAt } of escalations(lateFrom)) {
      if (deliverAt > now || (lateFrom === a.dueDate && when < a.createdAt)) continue;
      const recipients = kind === "escalateHead" ? a.heads : input.leaders;
      for (const r of recipients) {
        if (r !== a.staffId)
          add({
            key: `${kind}:${a.assignmentId}:${r}`,
            kind,
            recipientId: r,
            assignmentId: a.assignmentId,
            scheduledAt: when,
          });
      }
    }
  }

  // Monday's digest of the next two weeks (Tuesday's, when Monday is a holiday).
  const { weekday } = localTime(now, cal.tz);
  const monday = addCalendarDays(today, -((weekday + 6) % 7));
  const digestAt = at(monday, s.weeklyDigestAt, cal.tz);
  if (nextWorkingTime(digestAt, cal) <= now) {
    const horizon = addCalendarDays(today, s.weeklyHorizonDays);
    const people = new Set(
      input.assignments
        .filter((a) => a.dueDate !== "" && a.dueDate >= today && a.dueDate <= horizon)
        .map((a) => a.staffId),
    );
    for (const staffId of people)
      add({ key: `weekly:${staffId}:${monday}`, kind: "weekly", recipientId: staffId, scheduledAt: digestAt });
  }

  const year = Number(today.slice(0, 4));
  for (const r of s.reports) {
    const deadline = `${year}-${r.deadline}`;
    const cutoff = s.reportCutoff;
    const from = `${year - 1}-${cutoff}`;
    const to = addCalendarDays(`${year}-${r.deadline.slice(0, 2)}-${cutoff.slice(3)}`, -1);
    const before = addWorkingDays(deadline, -s.reportRemindWorkingDaysBefore, cal);
    // Only this year's, and not weeks late: a report reminder long after its deadline day helps nobody.
    if (deadline < addCalendarDays(today, -7)) continue;
    const steps = (
      [
        ["before", before],
        ["day", deadline],
      ] as const
    )
      .map(([step, day]) => ({ step, when: at(day, s.remindAt, cal.tz) }))
      .filter(({ when }) => nextWorkingTime(when, cal) <= now);
    // After downtime, one message: the latest step, saying "late" once the deadline day is gone; the earlier is logged.
    const late = today > deadline;
    for (const admin of input.admins) {
      const open = steps.filter(({ step }) => !logged.has(`report:${year}-${r.period}:${step}:${admin}`));
      open.forEach(({ step, when }, i) =>
        out.push({
          key: `report:${year}-${r.period}:${step}:${admin}`,
          kind: "report",
          recipientId: admin,
          scheduledAt: when,
          report: { period: r.period, deadline, from, to, ...(late ? { late } : {}) },
          ...(i < open.length - 1 ? { skip: true } : {}),
        }),
      );
    }
  }
  // Thousands of parts share a few due dates: each date's reminder instant is worked out once.
  const partTimes = new Map<string, { when: Date; deliverAt: Date }>();
  for (const p of input.parts ?? []) {
    if (!p.dueDate || today > p.dueDate) continue;
    const memoKey = `${p.dueDate}|${p.recurring}`;
    let time = partTimes.get(memoKey);
    if (!time) {
      const when = partReminderAt(p, s, cal);
      partTimes.set(memoKey, (time = { when, deliverAt: nextWorkingTime(when, cal) }));
    }
    const { when, deliverAt } = time;
    if (deliverAt > now) continue;
    // Keyed by the due date: a part whose deadline moves is reminded again before the new one.
    for (const head of p.heads)
      add({
        key: `coordinate:${p.occurrenceId}:${p.departmentId}:${p.dueDate}:${head}`,
        kind: "coordinate",
        recipientId: head,
        scheduledAt: when,
        part: { occurrenceId: p.occurrenceId, departmentId: p.departmentId },
      });
  }
  // Next year's plan, PLAN_REMIND_WORKING_DAYS working days before it is due at the Sở, once.
  if (input.planToSend) {
    const { deadline } = input.planToSend;
    const when = at(addWorkingDays(deadline, -PLAN_REMIND_WORKING_DAYS, cal), s.remindAt, cal.tz);
    if (nextWorkingTime(when, cal) <= now && today <= deadline)
      for (const admin of input.admins)
        add({
          key: `plan:${input.planToSend.year}:before:${admin}`,
          kind: "plan",
          recipientId: admin,
          scheduledAt: when,
          plan: { year: input.planToSend.year, deadline },
        });
  }
  return out;
}

/**
 * How far past today an open assignment's due date may lie and still bring a
 * decision today: every step before a due date falls within the longest lead
 * (a working day counted as at most two calendar days plus a fortnight of
 * holidays, as for the parts), and the weekly digest looks ahead its horizon.
 * An assignment due later, already announced, decides nothing today, so the
 * scheduler need not read it: planReminders over the rest decides the same.
 */
export function reminderHorizonDays(s: ReminderSettings): number {
  return Math.max(partHorizonDays(s), s.weeklyHorizonDays) + 1;
}

/**
 * How far ahead a part's reminder can fall: only parts due within this many
 * days of today need reading at a tick. Working days are counted as at most
 * two calendar days each, plus a fortnight for Tết.
 */
export function partHorizonDays(s: ReminderSettings): number {
  return Math.max(0, ...s.beforeDays, s.recurringBeforeDays, ...s.beforeWorkingDays.map((w) => w * 2 + 14));
}

/** A coordinating part's one reminder: at the lead's first step before the due date (the due day when there is none). */
export function partReminderAt(
  p: Pick<OpenPart, "dueDate" | "recurring">,
  s: ReminderSettings,
  cal: WorkCalendar,
): Date {
  const due = at(p.dueDate, s.remindAt, cal.tz);
  // The lead's ladder up to the due day: no overdue step is reached.
  const steps = ladder(p, s, cal, due);
  return new Date(Math.min(due.getTime(), ...steps.map((step) => step.at.getTime())));
}

/** A part's identity among a tick's parts: "occurrenceId:departmentId". */
export function partKey(p: { occurrenceId: number; departmentId: number }): string {
  return `${p.occurrenceId}:${p.departmentId}`;
}
