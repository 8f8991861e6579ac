/** One recipient's reminders of a tick as one message, in their language. */
import { CB } from "../ui/callbacks.ts";
import { dueText, displayDate, short } from "../ui/format.ts";
import type { Button, Reply } from "../messages/types.ts";
import type { IsoDate } from "../domain/calendar.ts";
import { daysBetween } from "../domain/period.ts";
import { comingUpFrom, partKey, type Decision, type OpenAssignment } from "../domain/reminders.ts";
import type { ReminderSettings } from "../domain/settings.ts";
import { COMMAND_WORD } from "../domain/report-period.ts";
import type { Translate } from "../i18n.ts";
import type { ReminderItem } from "../store/reminders/reminders.ts";
import type { CoordinationItem } from "../store/coordination/coordination.ts";

const PERSONAL = new Set(["assigned", "before", "dueSoon", "due", "overdue"]);
const MAX_LINES = 15;
const MAX_BUTTONS = 8;

export function statusButtonsFor(t: Translate, assignmentId: number): Button[][] {
  return [
    [
      { label: t("buttons.done"), data: CB.taskStatus.build(assignmentId, "DONE") },
      { label: t("buttons.inProgress"), data: CB.taskStatus.build(assignmentId, "IN_PROGRESS") },
    ],
    [
      { label: t("buttons.blocked"), data: CB.taskStatus.build(assignmentId, "BLOCKED") },
      { label: t("buttons.snooze"), data: CB.snooze.build(assignmentId) },
    ],
  ];
}

/** The first MAX_LINES items as lines, then how many more: only the lines shown are written (a first morning lists hundreds). */
function listLines<T>(items: readonly T[], line: (item: T) => string | null, t: Translate): string[] {
  const shown = items
    .slice(0, MAX_LINES)
    .map(line)
    .filter((l): l is string => l !== null);
  return items.length > MAX_LINES ? [...shown, t("reminder.more", { count: items.length - MAX_LINES })] : shown;
}

/** The text of an assignment a message names, read apart from the planner's data (store reminderItems). */
export type ItemText = Pick<ReminderItem, "ref" | "content" | "onDemand" | "staffName" | "blocked">;

type Item = Pick<OpenAssignment, "assignmentId" | "staffId" | "dueDate">;

interface Selection {
  /** The person's own work each decision is about, by assignment, with the first decision's kind. */
  mine: Map<number, string>;
  fresh: Item[];
  nudges: Item[];
  /** The weekly digest's work coming up, and how much is late; null without a digest. */
  weekly: { coming: Item[]; late: number } | null;
  escalations: { kind: "escalateHead" | "escalateLeaders"; items: Item[] }[];
}

/** What a message lists, in order, from the planner's data alone: no text is needed to choose it. */
function select(input: {
  decisions: readonly Decision[];
  items: ReadonlyMap<number, Item>;
  open: readonly Item[];
  today: IsoDate;
  settings: Pick<ReminderSettings, "weeklyHorizonDays">;
}): Selection {
  const { decisions, items, today } = input;
  const mine = new Map<number, string>();
  for (const d of decisions)
    if (PERSONAL.has(d.kind) && d.assignmentId !== undefined && !mine.has(d.assignmentId))
      mine.set(d.assignmentId, d.kind);
  // What is due soonest leads: a task due tomorrow is in the first lines, then overdue work (oldest first), undated last.
  const rank = (i: Item) => (i.dueDate === "" ? 2 : i.dueDate < today ? 1 : 0);
  // ISO days sort as plain strings (localeCompare would ask ICU's collator, row by row).
  const byDue = (a: Item, b: Item) => rank(a) - rank(b) || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);
  const ofKind = (keep: (kind: string) => boolean) =>
    [...mine]
      .filter(([, k]) => keep(k))
      .map(([id]) => items.get(id)!)
      .filter(Boolean)
      .sort(byDue);
  const isComing = comingUpFrom(today, input.settings);
  return {
    mine,
    fresh: ofKind((k) => k === "assigned"),
    nudges: ofKind((k) => k !== "assigned"),
    weekly: decisions.some((d) => d.kind === "weekly")
      ? {
          coming: input.open.filter((i) => isComing(i.dueDate)).sort(byDue),
          late: input.open.filter((i) => i.dueDate !== "" && i.dueDate < today).length,
        }
      : null,
    escalations: (["escalateHead", "escalateLeaders"] as const).map((kind) => ({
      kind,
      items: decisions
        .filter((d) => d.kind === kind)
        .map((d) => items.get(d.assignmentId!)!)
        .filter(Boolean),
    })),
  };
}

/** The assignments whose text a message shows (its lines, its buttons): only theirs need reading. */
export function namedInReminder(input: Parameters<typeof select>[0]): number[] {
  const s = select(input);
  return [
    ...[s.fresh, s.nudges, s.weekly?.coming ?? [], ...s.escalations.map((e) => e.items)].flatMap((list) =>
      list.slice(0, MAX_LINES).map((i) => i.assignmentId),
    ),
    ...[...s.mine.keys()].slice(0, MAX_BUTTONS),
  ];
}

export function renderReminder(
  t: Translate,
  input: {
    decisions: Decision[];
    /** The planner's data of the assignments the decisions name, and of the person's open work. */
    items: ReadonlyMap<number, Item>;
    open: readonly Item[];
    /** The text of those namedInReminder chose (at least). */
    texts: ReadonlyMap<number, ItemText>;
    today: IsoDate;
    settings: Pick<ReminderSettings, "weeklyHorizonDays">;
    /** The unit above, when it is in the bot: a report reminder then says how to send it there. */
    above?: string | null;
    /** Coordinating parts by partKey. */
    parts?: Map<string, CoordinationItem>;
  },
): Reply | null {
  const { decisions, texts, today } = input;
  const sections: string[] = [];
  const { mine, fresh, nudges, weekly, escalations } = select(input);
  const coming = weekly?.coming ?? [];
  const text = (i: Item) => texts.get(i.assignmentId)!;
  // A line needs its text: every one namedInReminder chose has it. Were some of the planned decisions recorded
  // first by another process, the lines of the rest could reach past those: such a line is left out, counts stay.
  const lines = (items: readonly Item[], line: (item: Item) => string, t: Translate) =>
    listLines(items, (i) => (texts.has(i.assignmentId) ? line(i) : null), t);
  const mark = (i: Item) => (text(i).blocked ? "⛔ " : "");
  const line = (i: Item) =>
    `• ${mark(i)}${text(i).ref} · ${short(text(i).content, 70)} — ${dueText(t, i.dueDate, today, text(i).onDemand)}`;
  if (fresh.length)
    sections.push([t("reminder.assigned", { count: fresh.length }), ...lines(fresh, line, t)].join("\n"));
  if (nudges.length)
    sections.push([t("reminder.nudge", { count: nudges.length }), ...lines(nudges, line, t)].join("\n"));
  if (weekly && coming.length)
    sections.push(
      [
        t("reminder.weekly"),
        ...lines(coming, line, t),
        ...(weekly.late ? [t("reminder.weeklyOverdue", { count: weekly.late })] : []),
      ].join("\n"),
    );
  for (const { kind, items: late } of escalations)
    if (late.length)
      sections.push(
        [
          t(`reminder.${kind}`, { count: late.length }),
          ...lines(
            late,
            (i) =>
              `• ${mark(i)}${text(i).ref} · ${short(text(i).content, 60)} — ${text(i).staffName}, ${t("reminder.late", { count: daysBetween(i.dueDate, today) })}`,
            t,
          ),
        ].join("\n"),
      );
  for (const d of decisions.filter((x) => x.kind === "report")) {
    const r = d.report!;
    sections.push(
      t(r.late ? "reminder.reportLate" : "reminder.report", {
        period: t(`reminder.period.${r.period}`),
        deadline: displayDate(r.deadline),
        from: displayDate(r.from),
        to: displayDate(r.to),
      }),
    );
    if (input.above)
      sections.push(
        t("reminder.reportSendUp", {
          parent: input.above,
          command: `/guibaocao ${COMMAND_WORD[r.period as keyof typeof COMMAND_WORD]} ${r.deadline.slice(0, 4)}`,
        }),
      );
  }
  for (const d of decisions.filter((x) => x.kind === "plan")) {
    const p = d.plan!;
    sections.push(
      t("sendPlan.reminder", {
        year: p.year,
        parent: input.above ?? "",
        deadline: displayDate(p.deadline),
        command: `/guikehoach ${p.year}`,
      }),
    );
  }
  const parts = decisions
    .filter((d) => d.kind === "coordinate")
    .map((d) => input.parts?.get(partKey(d.part!)))
    .filter((p): p is CoordinationItem => p !== undefined)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  if (parts.length)
    sections.push(
      [
        t("coordination.reminder", { count: parts.length }),
        ...listLines(
          parts,
          (p) =>
            t("coordination.reminderLine", {
              ref: p.ref,
              content: short(p.content, 60),
              due: dueText(t, p.dueDate, today, false),
              lead: p.lead || "—",
            }),
          t,
        ),
        t("coordination.hint", { code: parts[0]!.ref }),
      ].join("\n"),
    );
  if (sections.length === 0) return null;
  let buttons: Button[][] | undefined;
  const actionable = [...mine.keys()];
  if (actionable.length === 0 && parts.length)
    buttons = parts
      .slice(0, MAX_BUTTONS)
      .map((p) => [
        { label: `${t("buttons.coordinationDone")} ${p.ref}`, data: CB.coordinationDone.build(p.occurrenceId) },
      ]);
  else if (actionable.length === 1) buttons = statusButtonsFor(t, actionable[0]!);
  else if (actionable.length > 1)
    buttons = [
      actionable
        .filter((id) => texts.has(id))
        .slice(0, MAX_BUTTONS)
        .map((id) => ({ label: texts.get(id)!.ref, data: CB.taskOpen.build(id) })),
    ];
  return { kind: "text", text: sections.join("\n\n"), ...(buttons ? { buttons } : {}) };
}
