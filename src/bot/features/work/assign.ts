/**
 * /giao <mã> [kỳ] <sđt|tên>: hands a task over, with all its open periods or
 * the one named ("q2", "30/06"). A department head hands their own tasks to
 * someone in the department; the admin any task of the unit to anyone in it.
 */
import { CB } from "../../../ui/callbacks.ts";
import { normalizePhone } from "../../../domain/phone.ts";
import { codeMatches, tasksNamed } from "../../../domain/status.ts";
import { oneTask } from "./code-pick.ts";
import { fold } from "../../../domain/text.ts";
import {
  departmentMembers,
  openHoldings,
  reassign,
  type Colleague,
  type Holding,
} from "../../../store/work/handover.ts";
import { activeStaff } from "../../../store/people/staff.ts";
import type { MemberCtx } from "../../context.ts";
import { displayDate, periodName, short } from "../../../ui/format.ts";

/** "q2", "quy2", "Q2" → the quarter's period key suffix; "30/06" or "30/06/2026" → that due day. */
function periodFilter(word: string): ((h: Holding) => boolean) | null {
  const q = /^(?:q|quy|quý)([1-4])$/i.exec(word);
  if (q)
    return (h) =>
      h.period.endsWith(`-Q${q[1]}`) ||
      (h.dueDate !== "" && Math.ceil(Number(h.dueDate.slice(5, 7)) / 3) === Number(q[1]));
  const d = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(word);
  if (d)
    return (h) =>
      h.dueDate.slice(5) === `${d[2]!.padStart(2, "0")}-${d[1]!.padStart(2, "0")}` &&
      (!d[3] || h.dueDate.startsWith(d[3]));
  return null;
}

async function candidates(ctx: MemberCtx): Promise<Colleague[]> {
  const { member, deps } = ctx;
  if (member.role === "ADMIN") return activeStaff(deps.db, ctx.unit);
  return member.departmentId === null ? [] : departmentMembers(deps.db, member.departmentId);
}

export async function reassignCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, member, deps } = ctx;
  const words = args.split(/\s+/).filter(Boolean);
  const code = words.shift();
  const only = words.length > 1 ? periodFilter(words[0]!) : null;
  if (only) words.shift();
  if (!code || words.length === 0 || (member.role !== "ADMIN" && member.departmentId === null)) {
    ctx.reply(t("assign.usage"));
    return;
  }
  const all = await openHoldings(deps.db, { unitName: ctx.unit, matches: (ref) => codeMatches(ref, code) });
  // A head hands over their own work; the admin anyone's.
  let held = member.role === "ADMIN" ? all : all.filter((h) => h.staffId === member.staffId);
  if (only) held = held.filter(only);
  const tasks = [...new Map(held.map((h) => [h.taskId, h])).values()];
  const task = await oneTask(
    ctx,
    tasksNamed(tasks, code, Number(ctx.today.slice(0, 4))),
    code,
    { command: "giao", rest: args.trim().slice(code.length).trim() },
    t("assign.noSuchTask", { code }),
  );
  if (!task) return;
  held = held.filter((h) => h.taskId === task.taskId);
  if (member.role === "ADMIN") {
    // Handing over someone's work is clear; splitting several people's is not the admin's shortcut.
    const holders = [...new Set(held.map((h) => h.staffName))];
    const own = held.filter((h) => h.staffId === member.staffId);
    if (own.length) held = own;
    else if (holders.length > 1) {
      ctx.reply(t("assign.manyHolders", { ref: held[0]!.ref, names: holders.join(", ") }));
      return;
    }
  }
  const query = words.join(" ");
  const phone = normalizePhone(query);
  const people = (await candidates(ctx)).filter((c) => !held.some((h) => h.staffId === c.staffId));
  const found = phone
    ? people.filter((c) => c.phone === phone)
    : people.filter((c) => fold(c.name).includes(fold(query)));
  if (found.length !== 1) {
    const key = member.role === "ADMIN" ? "assign.noStaff" : "assign.noColleague";
    ctx.reply(
      found.length === 0
        ? t(key, { query })
        : t("assign.manyColleagues", { query, names: found.map((c) => c.name).join(", ") }),
    );
    return;
  }
  const to = found[0]!;
  const first = held[0]!;
  const moved = await reassign(deps.db, {
    assignmentIds: held.map((h) => h.assignmentId),
    byStaffId: member.staffId,
    toStaffId: to.staffId,
    toName: to.name,
    channel: ctx.msg.channel,
    now: ctx.now,
  });
  if (moved.length === 0) {
    ctx.reply(t("assign.alreadyHolds", { name: to.name, ref: first.ref }));
    return;
  }
  const periods = held
    .filter((h) => moved.includes(h.assignmentId))
    .map((h) => (h.dueDate ? `${periodName(t, h.period)} (${displayDate(h.dueDate)})` : periodName(t, h.period)));
  ctx.reply(t("assign.done", { ref: first.ref, name: to.name, periods: periods.join(", ") }));
  await ctx.notify([to.staffId], (tt) => ({
    kind: "text",
    text: tt("assign.notice", {
      by: member.name,
      ref: first.ref,
      content: short(first.content, 100),
      count: moved.length,
    }),
    buttons: [[{ label: tt("buttons.open"), data: CB.taskOpen.build(moved[0]!) }]],
  }));
}
