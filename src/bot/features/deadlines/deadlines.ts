/**
 * The plan changes during the year. /gianhan <mã> <ngày> <lý do> moves a
 * plan task's next open due date (a leader, the admin, or the head of its
 * lead department); the holders, the heads and the leaders are told, and
 * reminders follow the new date. /lichsu <mã> lists every move with who and why.
 */
import { displayDate, short, whenText } from "../../../ui/format.ts";
import { CB } from "../../../ui/callbacks.ts";
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
import { EVERYONE, mayMoveDeadline } from "../../../domain/roles.ts";
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
  const task = await oneTask(ctx, parts.code, {
    command: "gianhan",
    rest: `${displayDate(parts.date)} ${parts.reason}`,
  });
  if (!task) return;
  // A head moves the dates of their own department's tasks only.
  if (!mayMoveDeadline(member, task)) {
    ctx.reply(
      t(task.sharedByAll && member.role === "DEPT_HEAD" ? "extend.shared" : "extend.notYours", { ref: task.ref }),
    );
    return;
  }
  if (!task.open) {
    ctx.reply(t("extend.nothingOpen", { ref: task.ref }));
    return;
  }
  if (parts.date === task.open.dueDate) {
    ctx.reply(t("extend.same", { ref: task.ref, date: displayDate(parts.date) }));
    return;
  }
  const r = await moveDeadline(deps.db, {
    occurrenceId: task.open.occurrenceId,
    toDate: parts.date,
    reason: parts.reason,
    byId: member.staffId,
    now: ctx.now,
  });
  if (r === "clash") {
    ctx.reply(t("extend.clash", { ref: task.ref, date: displayDate(parts.date) }));
    return;
  }
  const words = {
    ref: task.ref,
    content: task.content,
    from: displayDate(task.open.dueDate),
    to: displayDate(parts.date),
    reason: parts.reason,
    name: member.name,
  };
  ctx.reply(t("extend.done", words));
  const audience = await deadlineAudience(deps.db, {
    unitName: ctx.unit,
    holderIds: task.open.holderIds,
    leadDepartmentIds: task.leadDepartmentIds,
  });
  await ctx.notify(
    audience.filter((id) => id !== member.staffId),
    (tt) => ({ kind: "text", text: tt("extend.told", words) }),
  );
}

const CodePick = z.object({ command: z.enum(["gianhan", "lichsu"]), rest: z.string(), refs: z.array(z.string()) });
type CodePick = z.infer<typeof CodePick>;

/** "Mã “5” khớp nhiều nhiệm vụ": the one meant, chosen from the list (a number on Zalo and the console). */
export const CODE_PICK: ConversationDef<CodePick> = { kind: "codePick", schema: CodePick, roles: EVERYONE };

const PICK_LIMIT = 8;

/**
 * The one task a typed code names (an exact code, else this year's plan
 * first). When it fits none, the person is told; when several, asked which,
 * and the command goes on with the one chosen.
 */
async function oneTask(ctx: MemberCtx, code: string, pending: Omit<CodePick, "refs">): Promise<MovableTask | null> {
  const found = await tasksByCode(ctx.deps.db, ctx.unit, code, Number(ctx.today.slice(0, 4)));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    ctx.reply(ctx.t("status.noSuchCode", { code }));
    return null;
  }
  const shown = found.slice(0, PICK_LIMIT);
  await ctx.ask(CODE_PICK, { ...pending, refs: shown.map((x) => x.ref) });
  ctx.reply({
    kind: "text",
    text: ctx.t("extend.several", { code, count: found.length }),
    buttons: shown.map((x, i) => [{ label: `${x.ref} · ${short(x.content, 40)}`, data: CB.codePick.build(i) }]),
  });
  return null;
}

/** The answer to "Mã … khớp nhiều nhiệm vụ": the command goes on with the full code chosen. */
export async function codePickButton(ctx: MemberCtx, index: number): Promise<void> {
  const pending = ctx.answering(CODE_PICK);
  const ref = pending?.refs[index];
  if (!pending || !ref) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  await ctx.forget();
  if (pending.command === "lichsu") await historyCommand(ctx, ref);
  else await extendCommand(ctx, `${ref} ${pending.rest}`);
}

export async function historyCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps } = ctx;
  const code = args.trim();
  if (!code) {
    ctx.reply(t("extend.historyUsage"));
    return;
  }
  const task = await oneTask(ctx, code, { command: "lichsu", rest: "" });
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
  const task = (await onDemandTasks(deps.db, ctx.unit, code))[0];
  if (!task) {
    const any = await movableTask(deps.db, ctx.unit, code);
    ctx.reply(any ? t("onDemand.notOnDemand", { ref: any.ref }) : t("status.noSuchCode", { code }));
    return;
  }
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
