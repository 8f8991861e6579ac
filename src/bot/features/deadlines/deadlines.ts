/**
 * The plan changes during the year. /gianhan <mã> <ngày> <lý do> moves a
 * plan task's next open due date (a leader, the admin, or the head of its
 * lead department); the holders, the heads and the leaders are told, and
 * reminders follow the new date. /lichsu <mã> lists every move with who and why.
 */
import { displayDate, short, whenText } from "../../../ui/format.ts";
import { oneTask, type CodePick } from "../work/code-pick.ts";
import {
  deadlineAudience,
  deadlineChanges,
  movableTask,
  moveDeadline,
  tasksByCode,
  type MovableTask,
  onDemandTasks,
  requestOccurrence,
} from "../../../store/deadlines/deadlines.ts";
import { assignmentView } from "../../../store/work/open-work.ts";
import { deadlineScope, EVERYONE, mayMoveDeadline } from "../../../domain/roles.ts";
import { tasksNamed } from "../../../domain/status.ts";
import { z } from "zod";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { requestExtension } from "./extensions.ts";
import { deadlineThenText } from "./typed-date.ts";

/**
 * "I.5 30/12 chờ hướng dẫn của Sở", "1.4 cuối tháng: chờ …", "2.4 thứ Sáu tuần
 * sau …": the code, then the date in any shape /giaoviec takes, then the rest.
 */
async function splitArgs(
  ctx: MemberCtx,
  args: string,
): Promise<{ code: string; date: string; rest: string } | { error: string } | null> {
  const m = /^(\S+)\s+([\s\S]+)$/.exec(args.trim());
  if (!m) return null;
  const d = await deadlineThenText(ctx, m[2]!);
  return d.ok ? { code: m[1]!, date: d.date, rest: d.rest } : { error: d.message };
}

export async function extendCommand(ctx: MemberCtx, args: string): Promise<void> {
  const parts = await splitArgs(ctx, args);
  if (parts && "error" in parts) return ctx.reply(`${parts.error}\n${ctx.t("extend.usage")}`);
  if (!parts || !parts.rest) {
    ctx.reply(ctx.t("extend.usage"));
    return;
  }
  await moveTaskDate(ctx, { code: parts.code, date: parts.date, reason: parts.rest });
}

/** Moves the task's next open due date, as /gianhan and the "📅 Gia hạn" button do. */
async function moveTaskDate(ctx: MemberCtx, parts: { code: string; date: string; reason: string }): Promise<void> {
  const { t, deps, member } = ctx;
  const task = await taskOf(ctx, parts.code, {
    command: "gianhan",
    rest: `${displayDate(parts.date)} ${parts.reason}`,
  });
  if (!task) return;
  // A head moves the dates of their own department's tasks only; on a task all departments lead, their own part.
  const scope = deadlineScope(member, task);
  if (!scope) {
    ctx.reply(t("extend.notYours", { ref: task.ref }));
    return;
  }
  const own = scope === "department" && member.departmentId !== null ? member.departmentId : undefined;
  const open = own === undefined ? task.open : task.openFor(own);
  if (!open) {
    ctx.reply(t("extend.nothingOpen", { ref: task.ref }));
    return;
  }
  if (parts.date === open.dueDate) {
    ctx.reply(t("extend.same", { ref: task.ref, date: displayDate(parts.date) }));
    return;
  }
  const r = await moveDeadline(deps.db, {
    occurrenceId: open.occurrenceId,
    toDate: parts.date,
    reason: parts.reason,
    byId: member.staffId,
    now: ctx.now,
    ...(own === undefined ? {} : { departmentId: own }),
  });
  if (r === "clash") {
    ctx.reply(t("extend.clash", { ref: task.ref, date: displayDate(parts.date) }));
    return;
  }
  const words = {
    ref: task.ref,
    content: task.content,
    from: displayDate(open.dueDate),
    to: displayDate(parts.date),
    reason: parts.reason,
    name: member.name,
  };
  ctx.reply(t(own === undefined ? "extend.done" : "extend.doneOwn", words));
  const audience = await deadlineAudience(deps.db, {
    unitName: ctx.unit,
    holderIds: open.holderIds,
    leadDepartmentIds: own === undefined ? task.leadDepartmentIds : [own],
  });
  await ctx.notify(
    audience.filter((id) => id !== member.staffId),
    (tt) => ({ kind: "text", text: tt(own === undefined ? "extend.told" : "extend.toldOwn", words) }),
  );
}

/** The task a typed code names: asked which when several fit (code-pick.ts). */
async function taskOf(ctx: MemberCtx, code: string, pending: Omit<CodePick, "refs">): Promise<MovableTask | null> {
  return oneTask(ctx, await tasksByCode(ctx.deps.db, ctx.unit, code, Number(ctx.today.slice(0, 4))), code, pending);
}

export async function historyCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps } = ctx;
  const code = args.trim();
  if (!code) {
    ctx.reply(t("extend.historyUsage"));
    return;
  }
  const task = await taskOf(ctx, code, { command: "lichsu", rest: "" });
  if (!task) return;
  const changes = await deadlineChanges(deps.db, task.taskId);
  ctx.reply(
    [
      t("extend.historyTitle", { ref: task.ref, content: task.content }),
      ...(changes.length
        ? changes.map((c) =>
            t("extend.historyLine", {
              when: whenText(t, c.at, deps.settings.tz),
              name: c.by ?? "—",
              from: displayDate(c.fromDate),
              to: displayDate(c.toDate),
              reason: c.reason,
            }),
          )
        : [t("extend.historyEmpty")]),
    ].join("\n"),
  );
}

/** /yeucau MÃ HẠN [nội dung]: a request reached a "Khi có yêu cầu" task; this occurrence is due then. */
export async function requestTaskCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps, member } = ctx;
  if (!args.trim()) {
    const waiting = await onDemandTasks(deps.db, ctx.unit);
    ctx.reply(
      [
        t("onDemand.usage"),
        ...(waiting.length
          ? [
              "",
              t("onDemand.listTitle", { count: waiting.length }),
              ...waiting.map((x) =>
                t(x.requested.length ? "onDemand.lineRequested" : "onDemand.lineWaiting", {
                  ref: x.ref,
                  content: short(x.content, 60),
                  dates: x.requested.map(displayDate).join(", "),
                }),
              ),
            ]
          : []),
      ].join("\n"),
    );
    return;
  }
  const parts = await splitArgs(ctx, args);
  if (parts && "error" in parts) return ctx.reply(`${parts.error}\n${t("onDemand.usage")}`);
  if (!parts) {
    ctx.reply(t("onDemand.usage"));
    return;
  }
  const { code, rest: note } = parts;
  const year = Number(ctx.today.slice(0, 4));
  const onDemand = tasksNamed(await onDemandTasks(deps.db, ctx.unit), code, year);
  // A code of a task with dates of its own is said to be one, not "not found".
  const other = onDemand.length ? null : (await tasksByCode(deps.db, ctx.unit, code, year))[0];
  const none = other ? t("onDemand.notOnDemand", { ref: other.ref }) : undefined;
  const task = await oneTask(
    ctx,
    onDemand,
    code,
    { command: "yeucau", rest: `${displayDate(parts.date)} ${note}` },
    none,
  );
  if (!task) return;
  const r = await requestOccurrence(deps.db, {
    unitName: ctx.unit,
    taskId: task.taskId,
    dueDate: parts.date,
    note,
    byId: member.staffId,
    now: ctx.now,
  });
  if (r.result === "clash") {
    ctx.reply(t("extend.clash", { ref: task.ref, date: displayDate(parts.date) }));
    return;
  }
  const words = {
    ref: task.ref,
    content: task.content,
    due: displayDate(parts.date),
    note,
    name: member.name,
  };
  ctx.reply(t(r.holders.length ? "onDemand.done" : "onDemand.noHolder", { ...words, count: r.holders.length }));
  await ctx.notify(
    r.holders.filter((id) => id !== member.staffId),
    (tt) => ({ kind: "text", text: tt(note ? "onDemand.toldNote" : "onDemand.told", words) }),
  );
}

const Extending = z.object({ ref: z.string(), direct: z.boolean() });
type Extending = z.infer<typeof Extending>;

/** "📅 Gia hạn" pressed on a task: the new date and the reason come next, in words. */
export const EXTEND: ConversationDef<Extending> = {
  kind: "extend",
  schema: Extending,
  roles: EVERYONE,
  text: (ctx, p, text) => extendAnswer(ctx, p, text),
};

/**
 * Who may move the date moves it (a leader, the admin, a head of its lead
 * department, for a plan task); anyone else asks, as "xin gia hạn" does.
 */
export async function extendButton(ctx: MemberCtx, assignmentId: number): Promise<void> {
  const { t, deps, member } = ctx;
  const v = await assignmentView(deps.db, assignmentId);
  if (!v || v.staffId !== member.staffId) {
    ctx.reply(t("tasks.notYours"));
    return;
  }
  if (!v.dueDate || v.status === "DONE") {
    ctx.reply(t("extend.nothingOpen", { ref: v.ref }));
    return;
  }
  let direct = false;
  if (v.givenById === null && member.role !== "STAFF") {
    const task = await movableTask(deps.db, ctx.unit, v.ref);
    direct = task !== null && mayMoveDeadline(member, task);
  }
  await ctx.ask(EXTEND, { ref: v.ref, direct });
  ctx.reply(t(direct ? "extend.askDirect" : "extend.askRequest", { ref: v.ref, due: displayDate(v.dueDate) }));
}

/**
 * "30/12 chờ hướng dẫn của Sở", "cuối tháng chờ số liệu": the answer to "📅
 * Gia hạn"; anything not opening with a date is read as usual.
 */
async function extendAnswer(ctx: MemberCtx, p: Extending, text: string): Promise<boolean> {
  const d = await deadlineThenText(ctx, text);
  if (!d.ok) {
    // A date that reads but cannot be (past, 31/02) is this question's answer gone wrong: say so, keep waiting.
    if (!d.noDate) {
      ctx.reply(d.message);
      return true;
    }
    await ctx.forget();
    return false;
  }
  if (!d.rest) {
    ctx.reply(ctx.t("extend.needReason", { ref: p.ref }));
    return true;
  }
  await ctx.forget();
  if (p.direct) await moveTaskDate(ctx, { code: p.ref, date: d.date, reason: d.rest });
  else await requestExtension(ctx, { code: p.ref, when: text, reason: "" });
  return true;
}
