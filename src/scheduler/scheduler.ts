/**
 * Every minute: ask the planner what is due, record each decision with its
 * message in one transaction (the unique key makes it once), then let the
 * sender drain the outbox. Driven by an injected clock, so a test can run a
 * whole year. In a province each unit with a plan is planned on its own
 * calendar and settings, in one tick.
 */
import type { Clock } from "../domain/calendar.ts";
import { addCalendarDays, isWorkingTime, localTime } from "../domain/workdays.ts";
import {
  partHorizonDays,
  planReminders,
  reminderHorizonDays,
  type Decision,
  type OpenAssignment,
} from "../domain/reminders.ts";
import { translator, type Locale } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import { loadReminderContext, type ReminderContext } from "../store/settings/calendar.ts";
import { planDeadlineAt } from "../store/settings/settings.ts";
import type { Db } from "../store/db/db.ts";
import { hasSentUp, unitAbove } from "../store/province/unit-reports.ts";
import { unitsWithPlans } from "../store/province/units.ts";
import {
  loadLoggedKeys,
  loadReminderInput,
  recordManyDecisions,
  reminderItems,
  type RecipientDecisions,
} from "../store/reminders/reminders.ts";
import { reminderRowKind } from "../store/delivery/outbox.ts";
import { coordinationItems } from "../store/coordination/coordination.ts";
import { namedInReminder, renderReminder } from "./messages.ts";
import { yearCloseReminders } from "./year-close.ts";

/** Decisions recorded in one transaction at most (one recipient's, whatever their number, go together). */
const DECISIONS_PER_TRANSACTION = 20_000;

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The deployment's unit: planned when no unit has a plan yet. */
  unitName: string;
  tz: string;
  defaultLocale: Locale;
  /** Told after each tick with what it decided and how long it took (for metrics). */
  onTick?: (result: TickResult, ms: number) => void;
  /** Whether this instance is the one that decides now (several share a Postgres database); always, when not given. */
  active?: () => boolean;
}

export interface TickResult {
  decided: number;
  messages: number;
}

export class Scheduler {
  private logged: Set<string> | null = null;
  private contexts = new Map<string, { day: string; value: ReminderContext }>();
  /** When each unit's next-year plan is due above it (null: no unit above), read once a day like the settings. */
  private planDeadlines = new Map<string, { day: string; deadline: string | null }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: SchedulerOptions) {}

  /** A unit's settings and holidays, read once a day (and after /caidat changes them). */
  private async reminderContext(unitName: string, now: Date): Promise<ReminderContext> {
    const day = localTime(now, this.o.tz).day;
    const cached = this.contexts.get(unitName);
    if (cached?.day === day) return cached.value;
    const value = await loadReminderContext(this.o.db, unitName, this.o.tz, Number(day.slice(0, 4)));
    this.contexts.set(unitName, { day, value });
    return value;
  }

  /** Next year's plan, in the fortnight before it is due at the Sở, when the unit has one above and has not sent it. */
  private async planToSend(unitName: string, now: Date): Promise<{ year: number; deadline: string } | null> {
    const today = localTime(now, this.o.tz).day;
    const year = Number(today.slice(0, 4)) + 1;
    let cached = this.planDeadlines.get(unitName);
    if (cached?.day !== today) {
      const above = await unitAbove(this.o.db, unitName);
      cached = { day: today, deadline: above ? await planDeadlineAt(this.o.db, above.name, year) : null };
      this.planDeadlines.set(unitName, cached);
    }
    const { deadline } = cached;
    if (deadline === null || today > deadline || today < addCalendarDays(deadline, -14)) return null;
    return (await hasSentUp(this.o.db, { unitName, kind: "plan", year })) ? null : { year, deadline };
  }

  invalidateSettings(): void {
    this.contexts.clear();
    this.planDeadlines.clear();
  }

  async tick(now: Date = this.o.clock.now()): Promise<TickResult> {
    const units = await unitsWithPlans(this.o.db);
    let decided = 0;
    let messages = 0;
    for (const unitName of units.length > 0 ? units : [this.o.unitName]) {
      const r = await this.tickUnit(unitName, now);
      decided += r.decided;
      messages += r.messages;
    }
    this.logged ??= await loadLoggedKeys(this.o.db);
    const closing = await yearCloseReminders({
      db: this.o.db,
      now,
      tz: this.o.tz,
      defaultLocale: this.o.defaultLocale,
      contextOf: (unitName) => this.reminderContext(unitName, now),
      logged: this.logged,
    });
    decided += closing;
    messages += closing;
    if (decided > 0) this.o.logger.info({ decided, messages, at: now.toISOString() }, "reminders queued");
    return { decided, messages };
  }

  private async tickUnit(unitName: string, now: Date): Promise<TickResult> {
    const ctx = await this.reminderContext(unitName, now);
    if (!isWorkingTime(now, ctx.calendar)) return { decided: 0, messages: 0 };
    const today = localTime(now, this.o.tz).day;
    const input = await loadReminderInput(this.o.db, unitName, {
      today,
      partsUntil: addCalendarDays(today, partHorizonDays(ctx.settings)),
      dueUntil: addCalendarDays(today, reminderHorizonDays(ctx.settings)),
    });
    this.logged ??= await loadLoggedKeys(this.o.db);
    // Nobody is reminded before they link a chat: linking later brings one catch-up message, not a lost one.
    const decisions = planReminders({
      now,
      settings: ctx.settings,
      calendar: ctx.calendar,
      assignments: input.assignments,
      logged: this.logged,
      leaders: input.leaders,
      admins: input.admins,
      planToSend: await this.planToSend(unitName, now),
      parts: input.parts,
    }).filter((d) => input.reachable.has(d.recipientId));
    if (decisions.length === 0) return { decided: 0, messages: 0 };
    const byRecipient = new Map<number, Decision[]>();
    for (const d of decisions) {
      const list = byRecipient.get(d.recipientId);
      if (list) list.push(d);
      else byRecipient.set(d.recipientId, [d]);
    }
    const lean = new Map(input.assignments.map((a) => [a.assignmentId, a]));
    const openOf = new Map<number, OpenAssignment[]>();
    for (const a of input.assignments) {
      if (!byRecipient.has(a.staffId)) continue;
      const list = openOf.get(a.staffId);
      if (list) list.push(a);
      else openOf.set(a.staffId, [a]);
    }
    // The text only of what the messages show: a first morning names tens of thousands and shows a few lines each.
    const named = new Set(
      [...byRecipient].flatMap(([recipientId, list]) =>
        namedInReminder({
          decisions: list,
          items: lean,
          open: openOf.get(recipientId) ?? [],
          today,
          settings: ctx.settings,
        }),
      ),
    );
    const texts = await reminderItems(this.o.db, [...named].map((id) => lean.get(id)!).filter(Boolean));
    const parts = await coordinationItems(
      this.o.db,
      input.unitId,
      decisions.flatMap((d) => (d.part ? [d.part] : [])),
    );
    // Report reminders name the unit above when it is in the bot, and how to send it there.
    const above = decisions.some((d) => d.kind === "report" || d.kind === "plan")
      ? ((await unitAbove(this.o.db, unitName))?.name ?? null)
      : null;
    const queued = new Set<number>();
    const recipients: RecipientDecisions[] = [...byRecipient].map(([recipientId, list]) => {
      const t = translator((input.locales.get(recipientId) as Locale | null) ?? this.o.defaultLocale);
      const open = openOf.get(recipientId) ?? [];
      return {
        recipientId,
        kind: reminderRowKind(list.map((d) => d.kind)),
        decisions: list,
        render: (fresh) => {
          const reply = renderReminder(t, {
            decisions: fresh,
            items: lean,
            open,
            texts,
            today,
            settings: ctx.settings,
            above,
            parts,
          });
          if (reply) queued.add(recipientId);
          return reply;
        },
      };
    });
    let decided = 0;
    // Several recipients a transaction, each transaction bounded: a first morning decides tens of thousands.
    for (let i = 0; i < recipients.length;) {
      let size = 0;
      let j = i;
      while (j < recipients.length && (j === i || size + recipients[j]!.decisions.length <= DECISIONS_PER_TRANSACTION))
        size += recipients[j++]!.decisions.length;
      decided += (await recordManyDecisions(this.o.db, { recipients: recipients.slice(i, j), now })).length;
      i = j;
    }
    // Keys another process recorded first are known now too.
    for (const d of decisions) this.logged.add(d.key);
    return { decided, messages: queued.size };
  }

  start(everyMs = 60_000, afterTick?: () => Promise<void>): void {
    const run = () => {
      if (this.o.active && !this.o.active()) return;
      const started = performance.now();
      this.running = this.tick()
        .then((result) => this.o.onTick?.(result, performance.now() - started))
        .then(() => afterTick?.())
        .catch((err: unknown) => this.o.logger.error({ err }, "scheduler tick failed"));
    };
    run();
    this.timer = setInterval(run, everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
