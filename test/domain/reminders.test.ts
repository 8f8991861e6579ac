import { describe, expect, it } from "vitest";
import {
  partHorizonDays,
  partReminderAt,
  planReminders,
  reminderHorizonDays,
  type OpenAssignment,
} from "../../src/domain/reminders.ts";
import { readSettings } from "../../src/domain/settings.ts";
import { addCalendarDays, at, defaultHolidays, workCalendar } from "../../src/domain/workdays.ts";

const TZ = "Asia/Ho_Chi_Minh";
const settings = readSettings({});
const calendar = workCalendar({
  tz: TZ,
  holidays: [2025, 2026, 2027].flatMap((y) => defaultHolidays(y)).map((h) => h.date),
  workStart: "07:30",
  workEnd: "17:30",
});
const t = (day: string, hhmm: string) => at(day, hhmm, TZ);

function task(over: Partial<OpenAssignment> = {}): OpenAssignment {
  return {
    assignmentId: 1,
    staffId: 10,
    dueDate: "2026-12-15",
    recurring: false,
    createdAt: t("2026-11-01", "09:00"),
    snoozedUntil: null,
    heads: [20],
    ...over,
  };
}

/** What goes to whom; the Monday digest has its own test, so it is left out unless asked for. */
function plan(now: Date, assignments: OpenAssignment[], logged: string[] = [], weekly = false) {
  return planReminders({ now, settings, calendar, assignments, logged: new Set(logged), leaders: [30], admins: [] })
    .filter((d) => weekly || d.kind !== "weekly")
    .map((d) => ({
      kind: d.kind,
      to: d.recipientId,
      ...(d.skip ? { skip: true } : {}),
    }));
}

const announced = ["assigned:1"];

describe("the reminder ladder (due Tuesday 15/12/2026)", () => {
  it.each([
    ["Monday 7/12 07:59: nothing yet", t("2026-12-07", "07:59"), []],
    ["Tuesday 8/12 08:00: 7 days before", t("2026-12-08", "08:00"), [{ kind: "before", to: 10 }]],
    [
      "Monday 14/12 08:00: 1 working day before",
      t("2026-12-14", "08:00"),
      [
        { kind: "before", to: 10, skip: true },
        { kind: "dueSoon", to: 10 },
      ],
    ],
    [
      "Tuesday 15/12 08:00: the due day",
      t("2026-12-15", "08:00"),
      [
        { kind: "before", to: 10, skip: true },
        { kind: "dueSoon", to: 10, skip: true },
        { kind: "due", to: 10 },
      ],
    ],
  ])("%s", (_name, now, expected) => {
    expect(plan(now, [task()], announced)).toEqual(expected);
  });

  it("overdue: every 2 working days, then the head after 2 and the leaders after 5 working days", () => {
    const done = [
      "before:1:2026-12-08T01:00:00.000Z",
      "dueSoon:1:2026-12-14T01:00:00.000Z",
      "due:1:2026-12-15T01:00:00.000Z",
    ];
    expect(plan(t("2026-12-16", "09:00"), [task()], [...announced, ...done])).toEqual([]);
    expect(plan(t("2026-12-17", "08:00"), [task()], [...announced, ...done])).toEqual([
      { kind: "overdue", to: 10 },
      { kind: "escalateHead", to: 20 },
    ]);
    const more = [...announced, ...done, "overdue:1:2026-12-17T01:00:00.000Z", "escalateHead:1:20"];
    expect(plan(t("2026-12-21", "08:00"), [task()], more)).toEqual([{ kind: "overdue", to: 10 }]);
    expect(plan(t("2026-12-22", "08:00"), [task()], [...more, "overdue:1:2026-12-21T01:00:00.000Z"])).toEqual([
      { kind: "escalateLeaders", to: 30 },
    ]);
  });

  it("a head is not escalated to about their own task", () => {
    const mine = task({ staffId: 20 });
    const r = plan(
      t("2026-12-17", "08:00"),
      [mine],
      [
        "assigned:1",
        "before:1:2026-12-08T01:00:00.000Z",
        "dueSoon:1:2026-12-14T01:00:00.000Z",
        "due:1:2026-12-15T01:00:00.000Z",
      ],
    );
    expect(r).toEqual([{ kind: "overdue", to: 20 }]);
  });
});

describe("a reminder's identity is its step, not its hour", () => {
  const keysAt = (now: Date, s = settings, cal = calendar, logged: string[] = announced) =>
    planReminders({
      now,
      settings: s,
      calendar: cal,
      assignments: [task({ dueDate: "2026-10-15" })],
      logged: new Set(logged),
      leaders: [],
      admins: [],
    })
      .filter((d) => d.recipientId === 10)
      .map((d) => d.key);

  it("moving remindAt from 08:00 to 09:00 after the 08:00 send sends nothing again that day", () => {
    const first = keysAt(t("2026-11-26", "08:05"));
    expect(first.at(-1)).toMatch(/^overdue:1:2026-10-15:#\d+$/);
    const later = readSettings({ remindAt: "09:00" });
    expect(keysAt(t("2026-11-26", "09:05"), later, calendar, [...announced, ...first])).toEqual([]);
  });

  it("a new holiday list that moves the overdue steps does not resend the step already sent", () => {
    const first = keysAt(t("2026-11-26", "08:05"));
    const withHoliday = workCalendar({
      tz: TZ,
      holidays: [...[2025, 2026, 2027].flatMap((y) => defaultHolidays(y)).map((h) => h.date), "2026-11-20"],
      workStart: "07:30",
      workEnd: "17:30",
    });
    expect(keysAt(t("2026-11-26", "10:00"), settings, withHoliday, [...announced, ...first])).toEqual([]);
  });

  it("a log written with the old instant-keys still counts (no resend after the upgrade)", () => {
    const legacy = planReminders({
      now: t("2026-12-15", "08:00"),
      settings,
      calendar,
      assignments: [task()],
      logged: new Set(announced),
      leaders: [],
      admins: [],
    }).map((d) => `${d.kind}:1:${d.scheduledAt.toISOString()}`);
    expect(plan(t("2026-12-15", "09:00"), [task()], [...announced, ...legacy])).toEqual([]);
  });
});

describe("quiet hours, weekends, holidays", () => {
  it("before 07:30 and after 17:30 nothing leaves", () => {
    expect(plan(t("2026-12-08", "07:29"), [task()])).toEqual([]);
    expect(plan(t("2026-12-08", "17:30"), [task()])).toEqual([]);
    expect(plan(t("2026-12-08", "07:30"), [task()])).toEqual([{ kind: "assigned", to: 10 }]);
  });
  it("a due-day reminder on a Saturday waits for Monday morning", () => {
    const sat = task({ dueDate: "2026-12-19" });
    const logged = ["assigned:1", "before:1:2026-12-12T01:00:00.000Z", "dueSoon:1:2026-12-18T01:00:00.000Z"];
    expect(plan(t("2026-12-19", "08:00"), [sat], logged)).toEqual([]);
    expect(plan(t("2026-12-21", "07:30"), [sat], logged)).toEqual([{ kind: "due", to: 10 }]);
  });
  it("a Tết week (2027): the due day 8/2 is held until Friday 12/2, after Tết and its two make-up days", () => {
    const tet = task({ dueDate: "2027-02-08", createdAt: t("2027-01-04", "09:00") });
    const logged = ["assigned:1", "before:1:2027-02-01T01:00:00.000Z", "dueSoon:1:2027-02-04T01:00:00.000Z"];
    for (const day of ["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"])
      expect(plan(t(day, "09:00"), [tet], logged)).toEqual([]);
    expect(plan(t("2027-02-12", "07:30"), [tet], logged)).toEqual([{ kind: "due", to: 10 }]);
  });
});

describe("recurring tasks, snooze, catch-up, weekly digest, reports", () => {
  it("a recurring occurrence is reminded once, 7 days before, never again while overdue", () => {
    const q = task({ recurring: true, dueDate: "2026-12-31" });
    expect(plan(t("2026-12-24", "08:00"), [q], announced)).toEqual([{ kind: "before", to: 10 }]);
    expect(
      plan(
        t("2027-01-20", "08:00"),
        [q],
        [...announced, "before:1:2026-12-24T01:00:00.000Z", "escalateHead:1:20", "escalateLeaders:1:30"],
      ),
    ).toEqual([]);
  });
  it("snooze moves only that assignment's next reminder", () => {
    const snoozed = task({ snoozedUntil: t("2026-12-09", "08:00") });
    const other = task({ assignmentId: 2 });
    const r = planReminders({
      now: t("2026-12-08", "08:00"),
      settings,
      calendar,
      assignments: [snoozed, other],
      logged: new Set(["assigned:1", "assigned:2"]),
      leaders: [],
      admins: [],
    });
    expect(r.filter((d) => d.kind !== "weekly").map((d) => `${d.kind}:${d.assignmentId}`)).toEqual(["before:2"]);
    const later = planReminders({
      now: t("2026-12-09", "08:00"),
      settings,
      calendar,
      assignments: [snoozed],
      logged: new Set(["assigned:1"]),
      leaders: [],
      admins: [],
    });
    expect(later.filter((d) => d.kind !== "weekly").map((d) => d.kind)).toEqual(["before"]);
  });
  it("after three days down only the latest step of each assignment is sent; the rest are logged as skipped", () => {
    const a = task({ dueDate: "2026-12-10" });
    const b = task({ assignmentId: 2, dueDate: "2026-12-11" });
    const r = plan(t("2026-12-14", "08:00"), [a, b], ["assigned:1", "assigned:2"]);
    // a: due Thursday, overdue since Monday (2 working days): its head hears too.
    expect(r.filter((d) => !d.skip)).toEqual([
      { kind: "overdue", to: 10 },
      { kind: "escalateHead", to: 20 },
      { kind: "due", to: 10 },
    ]);
    // a: before, dueSoon, due skipped under overdue; b: before, dueSoon skipped under due.
    expect(r.filter((d) => d.skip)).toHaveLength(5);
  });
  it("the Monday digest lists what is due in 14 days; on a holiday Monday it comes Tuesday", () => {
    const soon = task({ dueDate: "2026-12-10" });
    const weekly = (now: Date, a: OpenAssignment) => plan(now, [a], announced, true).filter((d) => d.kind === "weekly");
    expect(weekly(t("2026-11-30", "07:59"), soon)).toEqual([]);
    expect(weekly(t("2026-11-30", "08:00"), soon)).toEqual([{ kind: "weekly", to: 10 }]);
    expect(weekly(t("2026-12-02", "10:00"), soon)).toEqual([{ kind: "weekly", to: 10 }]);
    expect(
      plan(t("2026-11-30", "08:00"), [soon], [...announced, "weekly:10:2026-11-30"], true).filter(
        (d) => d.kind === "weekly",
      ),
    ).toEqual([]);
    expect(weekly(t("2026-11-30", "08:00"), task({ dueDate: "2027-01-30" }))).toEqual([]);
    // Overdue work is not "coming up": someone with only late tasks gets no digest.
    expect(weekly(t("2026-11-30", "08:00"), task({ dueDate: "2026-11-20" }))).toEqual([]);
    const tetMonday = task({ dueDate: "2027-02-20", createdAt: t("2027-01-01", "09:00") });
    expect(weekly(t("2027-02-08", "09:00"), tetMonday)).toEqual([]);
    expect(weekly(t("2027-02-11", "09:00"), tetMonday)).toEqual([]);
    expect(weekly(t("2027-02-12", "07:30"), tetMonday)).toEqual([{ kind: "weekly", to: 10 }]);
  });
  it("the admin hears of each report 3 working days before and on the day, with the Decree 09 cut-off", () => {
    const r = planReminders({
      now: t("2026-03-09", "08:00"),
      settings,
      calendar,
      assignments: [],
      logged: new Set(),
      leaders: [],
      admins: [40],
    });
    expect(r).toEqual([
      expect.objectContaining({
        kind: "report",
        recipientId: 40,
        key: "report:2026-Q1:before:40",
        report: { period: "Q1", deadline: "2026-03-12", from: "2025-12-15", to: "2026-03-14" },
      }),
    ]);
    const y = planReminders({
      now: t("2026-12-14", "08:00"),
      settings,
      calendar,
      assignments: [],
      logged: new Set(["report:2026-Y:before:40"]),
      leaders: [],
      admins: [40],
    });
    expect(y.map((d) => [d.key, d.report?.to])).toEqual([["report:2026-Y:day:40", "2026-12-14"]]);
  });
  it("a report reminder caught up after downtime goes once, as what it is by then: late after the deadline day", () => {
    // Down from 06/03 to 13/03: both steps of quarter I's report (09/03 and 12/03) passed unsent.
    const adminAt = (now: Date, logged = new Set<string>()) =>
      planReminders({ now, settings, calendar, assignments: [], logged, leaders: [], admins: [40] });
    const at13 = (logged?: Set<string>) => adminAt(t("2026-03-13", "08:00"), logged);
    const r = at13();
    expect(r.map((d) => [d.key, d.skip ?? false, d.report?.late ?? false])).toEqual([
      ["report:2026-Q1:before:40", true, true],
      ["report:2026-Q1:day:40", false, true],
    ]);
    // Once logged, nothing more.
    expect(at13(new Set(r.map((d) => d.key)))).toEqual([]);
    // On the deadline day itself, after downtime: one reminder, not late.
    const onDay = adminAt(t("2026-03-12", "08:00"));
    expect(onDay.map((d) => [d.key, d.skip ?? false, d.report?.late ?? false])).toEqual([
      ["report:2026-Q1:before:40", true, false],
      ["report:2026-Q1:day:40", false, false],
    ]);
  });
  it("a task imported after it fell due is announced, then escalated once, its working days counted from the import day", () => {
    const old = task({ dueDate: "2026-03-31", createdAt: t("2026-11-25", "09:00") });
    const r = plan(t("2026-11-26", "08:00"), [old]);
    expect(r[0]).toEqual({ kind: "assigned", to: 10 });
    expect(r.filter((d) => d.kind.startsWith("escalate"))).toEqual([]);
    // Imported Wednesday 25/11: the head hears on Friday 27/11, the leaders on Wednesday 2/12.
    const escalations = (now: Date, logged: string[] = []) =>
      plan(now, [old], logged).filter((d) => d.kind.startsWith("escalate"));
    expect(escalations(t("2026-11-27", "07:59"))).toEqual([]);
    expect(escalations(t("2026-11-27", "08:00"))).toEqual([{ kind: "escalateHead", to: 20 }]);
    expect(escalations(t("2026-12-01", "17:00"), ["escalateHead:1:20"])).toEqual([]);
    expect(escalations(t("2026-12-02", "08:00"), ["escalateHead:1:20"])).toEqual([{ kind: "escalateLeaders", to: 30 }]);
    expect(escalations(t("2026-12-20", "08:00"), ["escalateHead:1:20", "escalateLeaders:1:30"])).toEqual([]);
  });
});

describe("coordinating departments' parts", () => {
  const part = { occurrenceId: 7, departmentId: 3, dueDate: "2026-12-15", recurring: false, heads: [40, 41] };
  const parts = (now: Date, logged: string[] = [], p = part) =>
    planReminders({
      now,
      settings,
      calendar,
      assignments: [],
      logged: new Set(logged),
      leaders: [],
      admins: [],
      parts: [p],
    }).filter((d) => d.kind === "coordinate");

  it("each head is reminded once, at the lead's first step (7 days before), never after the due date", () => {
    expect(parts(t("2026-12-07", "16:00"))).toEqual([]);
    const first = parts(t("2026-12-08", "08:00"));
    expect(first.map((d) => [d.recipientId, d.key])).toEqual([
      [40, "coordinate:7:3:2026-12-15:40"],
      [41, "coordinate:7:3:2026-12-15:41"],
    ]);
    expect(
      parts(
        t("2026-12-14", "08:00"),
        first.map((d) => d.key),
      ),
    ).toEqual([]);
    expect(parts(t("2026-12-16", "08:00"))).toEqual([]);
  });

  it("the scheduler reads only parts due within the horizon, and every part's reminder falls inside it", () => {
    expect(partHorizonDays(settings)).toBe(16);
    const wide = readSettings({ beforeDays: "30,3", beforeWorkingDays: "2" });
    expect(partHorizonDays(wide)).toBe(30);
    // Tết 2027: one working day before Monday 15/2 is Friday 5/2, ten calendar days earlier.
    const tet = partReminderAt({ dueDate: "2027-02-15", recurring: false }, readSettings({ beforeDays: "" }), calendar);
    expect(tet.getTime()).toBeGreaterThanOrEqual(
      t("2027-02-15", "08:00").getTime() - partHorizonDays(settings) * 86_400_000,
    );
  });

  it("a part whose due date moves is reminded again before the new one; a recurring one by its own lead time", () => {
    const sent = parts(t("2026-12-08", "08:00")).map((d) => d.key);
    expect(parts(t("2026-12-23", "08:00"), sent, { ...part, dueDate: "2026-12-30" })).toHaveLength(2);
    expect(parts(t("2026-12-08", "08:00"), [], { ...part, recurring: true })).toHaveLength(2);
    expect(parts(t("2026-12-07", "16:00"), [], { ...part, recurring: true })).toEqual([]);
  });
});

describe("the horizon the scheduler reads within", () => {
  it("decides the same as all open work, on every working morning of a year, with the settings' longest leads", () => {
    // Settings that reach far: a 30-day lead, three working days, a 21-day digest.
    const far = readSettings({ beforeDays: "30,7", beforeWorkingDays: "3", weeklyHorizonDays: "21" });
    for (const s of [settings, far]) {
      const horizon = reminderHorizonDays(s);
      const days = Array.from({ length: 365 }, (_, i) => addCalendarDays("2026-01-01", i));
      // Due any day of the year (and none), some recurring, some snoozed, created through the year.
      const all: OpenAssignment[] = days.flatMap((due, i) =>
        i % 3 === 0
          ? [
              task({
                assignmentId: i + 1,
                staffId: 10 + (i % 7),
                dueDate: i % 45 === 0 ? "" : due,
                recurring: i % 2 === 0,
                createdAt: t(addCalendarDays("2026-01-01", i % 90), "09:00"),
                snoozedUntil: i % 11 === 0 ? t(addCalendarDays(due || "2026-06-01", -2), "10:00") : null,
              }),
            ]
          : [],
      );
      const logged = new Set(all.map((a) => `assigned:${a.assignmentId}`));
      for (const day of days.filter((_, i) => i % 4 === 0)) {
        const now = t(day, "09:00");
        // As the store reads it: due within the horizon, and the lead's heads only for work due by today.
        const inWindow = all
          .filter((a) => a.dueDate !== "" && a.dueDate <= addCalendarDays(day, horizon))
          .map((a) => (a.dueDate <= day ? a : { ...a, heads: [] }));
        const input = { now, settings: s, calendar, logged, leaders: [30], admins: [] };
        expect(planReminders({ ...input, assignments: inWindow })).toEqual(
          planReminders({ ...input, assignments: all }),
        );
      }
    }
  });
});
