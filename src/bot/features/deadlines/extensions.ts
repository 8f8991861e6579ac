import type { ExtensionAsk } from "../../../domain/deadline.ts";
import { deadlineScope } from "../../../domain/roles.ts";
import { codeMatches } from "../../../domain/status.ts";
import { deadlineAudience, movableTask } from "../../../store/deadlines/deadlines.ts";
import { askExtension, decideExtension, extensionRequest } from "../../../store/deadlines/extensions.ts";
import { givenOfAssignment, givenTask } from "../../../store/work/given.ts";
import { assignmentView, openWork } from "../../../store/work/open-work.ts";
import { CB } from "../../../ui/callbacks.ts";
import { displayDate, short } from "../../../ui/format.ts";
import type { MemberCtx } from "../../context.ts";
import { z } from "zod";
import { EVERYONE } from "../../../domain/roles.ts";
import type { ConversationDef } from "../../context.ts";
import { deadlineThenText } from "./typed-date.ts";

/** "Vì sao cần thêm thời gian?" after "xin gia hạn 2.4 29/12" with no reason: the answer is the reason. */
export const EXTENSION_REASON: ConversationDef<{ ref: string; date: string }> = {
  kind: "extensionReason",
  schema: z.object({ ref: z.string(), date: z.string() }),
  roles: EVERYONE,
  text: async (ctx, p, text) => {
    await ctx.forget();
    await requestExtension(ctx, { code: p.ref, when: displayDate(p.date), reason: text.trim() });
  },
};

/**
 * "xin gia hạn [mã] 10/12: lý do": the doer asks for more time. Work given in
 * chat goes to whoever gave it; a plan task to the unit's leaders and its lead
 * departments' heads. One tap of theirs decides; an accepted request moves the
 * date as /gianhan does. The request itself, as "xin gia hạn" (bot/router.ts)
 * and the "📅 Gia hạn" button make it.
 */
export async function requestExtension(ctx: MemberCtx, ask: ExtensionAsk): Promise<void> {
  const { t, deps } = ctx;
  const mine = (await openWork(deps.db, ctx.member.staffId)).filter(
    (i) => i.dueDate && (!ask.code || codeMatches(i.ref, ask.code)),
  );
  if (mine.length !== 1) {
    ctx.reply(
      t(mine.length === 0 ? "give.extension.noTask" : "give.extension.which", {
        code: ask.code ?? "",
        refs: mine.map((i) => i.ref).join(", "),
      }),
    );
    return;
  }
  const item = mine[0]!;
  const d = await deadlineThenText(ctx, ask.when);
  if (!d.ok) {
    ctx.reply(d.message);
    return;
  }
  if (d.date <= item.dueDate) {
    ctx.reply(t("give.extension.notLater", { ref: item.ref, due: displayDate(item.dueDate) }));
    return;
  }
  // Whoever decides reads the reason first: a request without one is asked for it before it goes.
  const reason = ask.reason || d.rest;
  if (!reason) {
    await ctx.ask(EXTENSION_REASON, { ref: item.ref, date: d.date });
    ctx.reply(t("give.extension.askReason", { ref: item.ref, due: displayDate(d.date) }));
    return;
  }
  // A Sở's request (BC-n) held by a unit's admin lives in the Sở's plan: its deciders are looked up there.
  const planUnit = (await assignmentView(deps.db, item.assignmentId))?.unitNames[0] ?? ctx.unit;
  const deciders = await decidersOf(ctx, item.ref, planUnit);
  if (deciders.length === 0) {
    ctx.reply(t("give.extension.noDecider", { ref: item.ref }));
    return;
  }
  const id = await askExtension(deps.db, {
    assignmentId: item.assignmentId,
    requestedById: ctx.member.staffId,
    dueDate: d.date,
    reason: short(reason, 500),
    now: ctx.now,
  });
  ctx.reply(t("give.extension.asked", { ref: item.ref, due: displayDate(d.date) }));
  await ctx.notify(deciders, (tt) => ({
    kind: "text",
    text: tt("give.extension.request", {
      name: ctx.member.name,
      ref: item.ref,
      what: short(item.content, 80),
      from: displayDate(item.dueDate),
      to: displayDate(d.date),
      reason,
    }),
    buttons: [
      [
        { label: tt("give.extension.accept"), data: CB.extension.build("ok", id) },
        { label: tt("give.extension.refuse"), data: CB.extension.build("no", id) },
      ],
    ],
  }));
}

/** Who decides a request about this task: its giver, or for a plan task the leaders and the lead heads (never the asker). */
async function decidersOf(ctx: MemberCtx, ref: string, unitName: string): Promise<number[]> {
  const { deps } = ctx;
  const g = await givenTask(deps.db, unitName, ref);
  if (g) return [g.givenById];
  const task = await movableTask(deps.db, unitName, ref);
  if (!task) return [];
  const people = await deadlineAudience(deps.db, {
    unitName,
    holderIds: [],
    // A task every department leads: the asker's own head decides their part, not every head.
    leadDepartmentIds: task.sharedByAll ? [ctx.member.departmentId ?? -1] : task.leadDepartmentIds,
  });
  return people.filter((id) => id !== ctx.member.staffId);
}

/** Whether this member may decide a request about the assignment's task. */
async function mayDecide(ctx: MemberCtx, assignmentId: number): Promise<{ ref: string } | null> {
  const { member, deps } = ctx;
  const v = await givenOfAssignment(deps.db, assignmentId);
  if (!v) return null;
  if (v.givenById !== null) return v.givenById === member.staffId || member.role === "ADMIN" ? v : null;
  if (member.role === "LEADER" || member.role === "ADMIN") return v;
  const task = await movableTask(deps.db, ctx.unit, v.ref);
  const scope = task && deadlineScope(member, task);
  return scope === "all" || (scope === "department" && v.departmentId === member.departmentId) ? v : null;
}

export async function extensionButton(ctx: MemberCtx, choice: "ok" | "no", id: number): Promise<void> {
  const { t, deps } = ctx;
  const r = await extensionRequest(deps.db, id);
  const v = r && (await mayDecide(ctx, r.assignmentId));
  // Only who may decide: the giver (or the admin); for a plan task a leader or a lead head.
  if (!r || !v) {
    ctx.reply(t("common.unknownButton"));
    return;
  }
  const decided = await decideExtension(deps.db, {
    id,
    accept: choice === "ok",
    byId: ctx.member.staffId,
    now: ctx.now,
  });
  const ref = v.ref;
  if (decided === "clash") {
    ctx.reply(t("extend.clash", { ref, date: displayDate(r.dueDate) }));
    return;
  }
  if (!decided) {
    ctx.reply(t("give.extension.alreadyDecided", { ref }));
    return;
  }
  const key = choice === "ok" ? "accepted" : "refused";
  ctx.reply(t(`give.extension.${key}`, { ref, due: displayDate(decided.dueDate) }));
  await ctx.notify([decided.requestedById], (tt) => ({
    kind: "text",
    text: tt(`give.extension.${key}Notice`, { by: ctx.member.name, ref, due: displayDate(decided.dueDate) }),
  }));
}
