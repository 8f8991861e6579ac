/** /nhiemvu: my open tasks, a page at a time, each opening with its status buttons. */
import { CB } from "../../../ui/callbacks.ts";
import { daysBetween } from "../../../domain/period.ts";
import type { Button } from "../../../messages/types.ts";
import { dayOf } from "../../../domain/calendar.ts";
import { tasksNamed, type Status } from "../../../domain/status.ts";
import { evidenceOf, type EvidenceItem } from "../../../store/evidence/evidence.ts";
import { taskHistory, type TaskHistory } from "../../../store/reports/report.ts";
import { firstTaskRef } from "../../../store/plan/plans.ts";
import { tasksByCode } from "../../../store/deadlines/deadlines.ts";
import { oneTask } from "./code-pick.ts";
import { assignmentView, openWork, type AssignmentView, type OpenItem } from "../../../store/work/open-work.ts";
import { z } from "zod";
import { EVERYONE } from "../../../domain/roles.ts";
import type { CoordinationItem } from "../../../store/coordination/coordination.ts";
import { coordinationLines, partsOf, partsSection } from "../coordination/coordination.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { displayDate, dueText, icon, short } from "../../../ui/format.ts";

export const PAGE_SIZE = 5;
const FOCUS_MINUTES = 10;

export async function tasksCommand(ctx: MemberCtx, args: string): Promise<void> {
  const items = await openWork(ctx.deps.db, ctx.member.staffId);
  const code = args.trim();
  if (code) {
    // My own open work first (its earliest open period); else, for a manager, any task of the plan.
    const mine = tasksNamed([...new Map(items.map((i) => [i.taskId, i])).values()], code);
    if (mine.length) {
      const item = await oneTask(ctx, mine, code, { command: "nhiemvu", rest: "" });
      if (item) await showTask(ctx, items.find((i) => i.taskId === item.taskId)!.assignmentId);
      return;
    }
    if (ctx.member.role === "STAFF") {
      ctx.reply(ctx.t("status.noSuchCode", { code }));
      return;
    }
    const task = await oneTask(
      ctx,
      await tasksByCode(ctx.deps.db, ctx.unit, code, Number(ctx.today.slice(0, 4))),
      code,
      { command: "nhiemvu", rest: "" },
      ctx.t("history.noSuchTask", { code }),
    );
    const h = task && (await taskHistory(ctx.deps.db, { taskId: task.taskId }));
    if (!h || !("ref" in h)) return;
    // A head reads only tasks their department holds a share of: another department's is not theirs to read.
    if (ctx.member.role === "DEPT_HEAD" && !h.assignments.some((a) => a.departmentId === ctx.member.departmentId)) {
      ctx.reply(ctx.t("history.otherDepartment", { code }));
      return;
    }
    const evidence = await evidenceOf(
      ctx.deps.db,
      h.assignments.map((a) => a.assignmentId),
    );
    return showHistory(ctx, h, evidence);
  }
  listPage(ctx, items, await partsOf(ctx), 0);
}

export async function listButton(ctx: MemberCtx, page: number): Promise<void> {
  const [items, parts] = await Promise.all([openWork(ctx.deps.db, ctx.member.staffId), partsOf(ctx)]);
  listPage(ctx, items, parts, page, ctx.msg.button?.messageId);
}

/** The person's own tasks a page at a time; a head's coordinating parts follow on the first page. */
function listPage(ctx: MemberCtx, items: OpenItem[], parts: CoordinationItem[], page: number, editOf?: string): void {
  const { t, today } = ctx;
  if (items.length === 0 && parts.length === 0) {
    ctx.reply(t("tasks.none"));
    return;
  }
  if (items.length === 0) {
    const section = partsSection(ctx, parts);
    ctx.reply({
      kind: "text",
      text: `${t("coordination.noLeadWork")}\n\n${section.text}`,
      buttons: [section.buttons],
      ...(editOf ? { editOf } : {}),
    });
    return;
  }
  const pages = Math.ceil(items.length / PAGE_SIZE);
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = items.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
  // Numbered within the page, like the choices a text-only channel shows under it.
  const lines = shown.map(
    (i, k) =>
      `${k + 1}. ${icon(i.status, i.dueDate, today)} ${i.ref} · ${short(i.content, 70)}\n    ${dueText(t, i.dueDate, today, i.onDemand)}`,
  );
  const header = t("tasks.header", { count: items.length, page: p + 1, pages });
  const buttons: Button[][] = [shown.map((i) => ({ label: i.ref, data: CB.taskOpen.build(i.assignmentId) }))];
  const nav: Button[] = [];
  if (p > 0) nav.push({ label: t("tasks.prev"), data: CB.taskList.build(p - 1) });
  if (p < pages - 1) nav.push({ label: t("tasks.next"), data: CB.taskList.build(p + 1) });
  if (nav.length) buttons.push(nav);
  const section = p === 0 && parts.length ? partsSection(ctx, parts) : null;
  if (section) buttons.splice(1, 0, section.buttons);
  ctx.reply({
    kind: "text",
    text: `${header}\n\n${lines.join("\n")}\n\n${t("tasks.hint")}${section ? `\n\n${section.text}` : ""}`,
    buttons,
    ...(editOf ? { editOf } : {}),
  });
}

export function statusButtons(ctx: MemberCtx, assignmentId: number): Button[][] {
  const { t } = ctx;
  return [
    [
      { label: t("buttons.done"), data: CB.taskStatus.build(assignmentId, "DONE") },
      { label: t("buttons.inProgress"), data: CB.taskStatus.build(assignmentId, "IN_PROGRESS") },
      { label: t("buttons.blocked"), data: CB.taskStatus.build(assignmentId, "BLOCKED") },
    ],
    [
      { label: t("buttons.extend"), data: CB.taskExtend.build(assignmentId) },
      { label: t("buttons.list"), data: CB.taskList.build(0) },
    ],
  ];
}

/** `coordinators`: the lines saying which coordinating departments have reported, in place of their names. */
export function taskText(ctx: MemberCtx, v: AssignmentView, coordinators: string[] = []): string {
  const { t, today } = ctx;
  const lines = [
    `${icon(v.status, v.dueDate, today, v.doneAt && dayOf(v.doneAt, ctx.deps.settings.tz))} ${v.ref} · ${t(`status.name.${v.status}`)}`,
    v.content,
    "",
    v.product ? `${t("task.product")}: ${v.product}` : null,
    v.lead ? `${t("task.lead")}: ${v.lead}` : null,
    coordinators.length
      ? coordinators.join("\n")
      : v.coordinating
        ? `${t("task.coordinating")}: ${v.coordinating}`
        : null,
    `${t("task.due")}: ${dueText(t, v.dueDate, today, v.onDemand)}${v.timeframe ? ` (${v.timeframe.replace(/\s+/g, " ")})` : ""}`,
    v.blockerReason ? `${t("task.blocker")}: ${v.blockerReason}` : null,
  ];
  return lines.filter((l) => l !== null).join("\n");
}

export async function showTask(ctx: MemberCtx, assignmentId: number): Promise<void> {
  const v = await assignmentView(ctx.deps.db, assignmentId);
  if (!v || v.staffId !== ctx.member.staffId) {
    ctx.reply(ctx.t("tasks.notYours"));
    return;
  }
  ctx.reply({
    kind: "text",
    text: taskText(ctx, v, await coordinationLines(ctx, v.occurrenceId)),
    buttons: statusButtons(ctx, assignmentId),
  });
  // For a few minutes a bare "xong", "đang làm" or "vướng: …" means this task.
  await ctx.ask(FOCUS, { assignmentId });
}

/** The task just opened: for a few minutes a bare "xong", "đang làm" or "vướng: …" means it. */
export const FOCUS: ConversationDef<{ assignmentId: number }> = {
  kind: "focus",
  schema: z.object({ assignmentId: z.number().int() }),
  roles: EVERYONE,
  minutes: FOCUS_MINUTES,
  focus: (p) => p.assignmentId,
};

/** A task's people, history and evidence; each evidence file can be fetched with its button. */
function showHistory(ctx: MemberCtx, h: TaskHistory, evidence: EvidenceItem[]): void {
  const { t, today } = ctx;
  // A head of department reads only their department's share of a task.
  const mine =
    ctx.member.role === "DEPT_HEAD"
      ? h.assignments.filter((a) => a.departmentId === ctx.member.departmentId)
      : h.assignments;
  const lines = [t("history.title", { ref: h.ref, content: short(h.content, 100) })];
  for (const a of mine) {
    const doneDay = a.doneAt && dayOf(a.doneAt, ctx.deps.settings.tz);
    // Finished work is told by when it was finished, not by how late it would be today.
    const due =
      a.status === "DONE" && doneDay && a.dueDate
        ? t(doneDay > a.dueDate ? "history.doneLate" : "history.doneOnTime", {
            due: displayDate(a.dueDate),
            done: displayDate(doneDay),
            count: daysBetween(a.dueDate, doneDay),
          })
        : dueText(t, a.dueDate, today, false);
    lines.push(
      t("history.assignment", {
        icon: icon(a.status as Status, a.dueDate, today, doneDay),
        name: a.staffName,
        due,
        status: t(`status.name.${a.status}`),
      }),
    );
    for (const e of a.history) {
      const time = displayDate(dayOf(e.at, ctx.deps.settings.tz));
      // A handover is written as a change to the same status with "→ name": say it as people do.
      const handover = e.from === e.to && e.text?.startsWith("→ ") ? e.text.slice(2) : null;
      lines.push(
        handover !== null
          ? t("history.handover", { time, name: e.by, to: handover })
          : t("history.entry", {
              time,
              name: e.by,
              from: t(`status.name.${e.from}`),
              to: t(`status.name.${e.to}`),
              text: e.text ? ` — “${short(e.text, 60)}”` : "",
            }),
      );
    }
  }
  if (mine.every((a) => a.history.length === 0)) lines.push(t("history.none"));
  const ids = new Set(mine.map((a) => a.assignmentId));
  const shown = evidence.filter((e) => ids.has(e.assignmentId));
  const when = (d: Date) => displayDate(dayOf(d, ctx.deps.settings.tz));
  if (shown.length) {
    lines.push("", t("evidence.listTitle"));
    for (const e of shown) {
      if (e.fileName)
        lines.push(t("evidence.listFile", { file: e.fileName, name: e.staffName, date: when(e.createdAt) }));
      else if (e.docNumber)
        lines.push(
          t("evidence.listReference", {
            number: e.docNumber,
            docDate: displayDate(e.docDate ?? ""),
            name: e.staffName,
            date: when(e.createdAt),
          }),
        );
      else if (e.skipped) lines.push(t("evidence.listSkipped", { name: e.staffName, date: when(e.createdAt) }));
    }
  }
  const files = shown.filter((e) => e.fileName).slice(-8);
  ctx.reply({
    kind: "text",
    text: lines.join("\n"),
    ...(files.length
      ? { buttons: files.map((e) => [{ label: `📎 ${short(e.fileName!, 40)}`, data: CB.evidenceFile.build(e.id) }]) }
      : {}),
  });
}

/**
 * A task code to show in examples: one of the person's own, else the plan's
 * first, so "xong B.I.3" reads like the plan in use, not like a made-up one.
 */
export async function exampleCode(ctx: MemberCtx): Promise<string> {
  const mine = await openWork(ctx.deps.db, ctx.member.staffId);
  if (mine[0]) return mine[0].ref;
  return (await firstTaskRef(ctx.deps.db, ctx.unit)) ?? "1.1";
}
