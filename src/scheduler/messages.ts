/** One recipient's reminders of a tick as one message, in their language. */
import { CB } from "../ui/callbacks.ts";
import { dueText, displayDate, short } from "../ui/format.ts";
import type { Button, Reply } from "../messages/types.ts";
import type { IsoDate } from "../domain/calendar.ts";
import { daysBetween } from "../domain/period.ts";
import { comingUpFrom, partKey, type Decision } from "../domain/reminders.ts";
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
function lines<T>(items: readonly T[], line: (item: T) => string, t: Translate): string[] {
  const shown = items.slice(0, MAX_LINES).map(line);
  return items.length > MAX_LINES ? [...shown, t("reminder.more", { count: items.length - MAX_LINES })] : shown;
}

export function renderReminder(
  t: Translate,
  input: {
    decisions: Decision[];
    items: Map<number, ReminderItem>;
    open: ReminderItem[];
    today: IsoDate;
    settings: Pick<ReminderSettings, "weeklyHorizonDays">;
    /** The unit above, when it is in the bot: a report reminder then says how to send it there. */
    above?: string | null;
    /** Coordinating parts by partKey. */
    parts?: Map<string, CoordinationItem>;
  },
): Reply | null {
  const { decisions, items, today } = input;
  const sections: string[] = [];
  const mine = new Map<number, string>();
  for (const d of decisions)
    if (PERSONAL.has(d.kind) && d.assignmentId !== undefined && !mine.has(d.assignmentId))
      mine.set(d.assignmentId, d.kind);
  // What is due soonest leads: a task due tomorrow is in the first lines, then overdue work (oldest first), undated last.
  const rank = (i: ReminderItem) => (i.dueDate === "" ? 2 : i.dueDate < today ? 1 : 0);
  // ISO days sort as plain strings (localeCompare would ask ICU's collator, row by row).
  const byDue = (a: ReminderItem, b: ReminderItem) =>
    rank(a) - rank(b) || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);
  const mark = (i: ReminderItem) => (i.blocked ? "⛔ " : "");
  const line = (i: ReminderItem) =>
    `• ${mark(i)}${i.ref} · ${short(i.content, 70)} — ${dueText(t, i.dueDate, today, i.onDemand)}`;

  const fresh = [...mine]
    .filter(([, k]) => k === "assigned")
    .map(([id]) => items.get(id)!)
    .filter(Boolean)
    .sort(byDue);
  if (fresh.length)
    sections.push([t("reminder.assigned", { count: fresh.length }), ...lines(fresh, line, t)].join("\n"));
  const nudges = [...mine]
    .filter(([, k]) => k !== "assigned")
    .map(([id]) => items.get(id)!)
    .filter(Boolean)
    .sort(byDue);
  if (nudges.length)
    sections.push([t("reminder.nudge", { count: nudges.length }), ...lines(nudges, line, t)].join("\n"));
  if (decisions.some((d) => d.kind === "weekly")) {
    const isComing = comingUpFrom(today, input.settings);
    const coming = input.open.filter((i) => isComing(i.dueDate)).sort(byDue);
    const late = input.open.filter((i) => i.dueDate !== "" && i.dueDate < today).length;
    if (coming.length)
      sections.push(
        [
          t("reminder.weekly"),
          ...lines(coming, line, t),
          ...(late ? [t("reminder.weeklyOverdue", { count: late })] : []),
        ].join("\n"),
      );
  }
  for (const kind of ["escalateHead", "escalateLeaders"] as const) {
    const late = decisions
      .filter((d) => d.kind === kind)
      .map((d) => items.get(d.assignmentId!)!)
      .filter(Boolean);
    if (late.length) {
      sections.push(
        [
          t(`reminder.${kind}`, { count: late.length }),
          ...lines(
            late,
            (i) =>
              `• ${mark(i)}${i.ref} · ${short(i.content, 60)} — ${i.staffName}, ${t("reminder.late", { count: daysBetween(i.dueDate, today) })}`,
            t,
          ),
        ].join("\n"),
      );
    }
  }
  for (const d of decisions.filter((x) => x.kind === "report")) {
    const r = d.report!;
    sections.push(
      t("reminder.report", {
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
        ...lines(
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
      actionable.slice(0, MAX_BUTTONS).map((id) => ({ label: items.get(id)!.ref, data: CB.taskOpen.build(id) })),
    ];
  return { kind: "text", text: sections.join("\n\n"), ...(buttons ? { buttons } : {}) };
}
