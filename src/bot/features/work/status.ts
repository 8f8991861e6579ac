/**
 * Status changes, from a button or from free text ("xong", "vướng: lý do").
 * With one open task the reply applies to it; with several the bot asks which.
 */
import { CB, type STATUS_ACTIONS } from "../../../ui/callbacks.ts";
import type { Status, StatusReply } from "../../../domain/status.ts";
import { codeMatches } from "../../../domain/status.ts";
import { distinctLabels } from "../../../domain/text.ts";
import { assignmentView, openWork, otherOpenOccurrences, type OpenItem } from "../../../store/work/open-work.ts";
import { changeStatus, leadHeads } from "../../../store/work/status.ts";
import { z } from "zod";
import { EVERYONE } from "../../../domain/roles.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { askEvidence } from "../evidence/evidence.ts";
import { exampleCode } from "./tasks.ts";
import { displayDate, periodName, short } from "../../../ui/format.ts";

const PICK_LIMIT = 8;

const Pending = z.object({
  status: z.enum(["DONE", "IN_PROGRESS", "BLOCKED"]),
  reason: z.string().optional(),
  /** "hoàn thành 50%": in progress, this far along. */
  percent: z.number().optional(),
  /** What the reply said that the bot did not use, said back after the answer. */
  unused: z.string().optional(),
});
type Pending = z.infer<typeof Pending> & { status: Exclude<Status, "NOT_STARTED"> };

/** "Which task?" after a status reply that fits several: answered by a button. */
export const PICK: ConversationDef<Pending> = { kind: "pick", schema: Pending, roles: EVERYONE };

/** "What is in the way?" after "vướng" without a reason. */
export const REASON: ConversationDef<{ assignmentId: number }> = {
  kind: "reason",
  schema: z.object({ assignmentId: z.number().int() }),
  roles: EVERYONE,
  text: (ctx, p, text) => reasonText(ctx, p.assignmentId, text),
};

/** `focus`: the assignment the person opened a moment ago, which a reply without a code is about. */
export async function statusText(ctx: MemberCtx, reply: StatusReply, focus?: number): Promise<void> {
  const all = await openWork(ctx.deps.db, ctx.member.staffId);
  if (reply.code && reply.more?.length) return severalCodes(ctx, reply, all);
  const focused = reply.code ? undefined : all.find((i) => i.assignmentId === focus);
  const items = focused ? [focused] : reply.code ? all.filter((i) => codeMatches(i.ref, reply.code!)) : all;
  if (items.length === 0) {
    ctx.reply(reply.code ? ctx.t("status.noSuchCode", { code: reply.code }) : ctx.t("tasks.none"));
    return;
  }
  const pending: Pending = {
    status: reply.status,
    ...(reply.reason ? { reason: reply.reason } : {}),
    ...(reply.percent !== undefined ? { percent: reply.percent } : {}),
    ...(reply.unused ? { unused: reply.unused } : {}),
  };
  // The item is fresh from this very read: no second look-up before writing.
  if (items.length === 1) return proceed(ctx, items[0]!.assignmentId, pending, items[0]);
  await ctx.ask(PICK, pending);
  const shown = items.slice(0, PICK_LIMIT);
  // Buttons cut labels short, so the text spells the tasks out; a text-only channel lists the choices itself.
  const spelled = ctx.deps.capabilities(ctx.msg.channel).has("buttons")
    ? shown.map((i) => `\n• ${i.ref} · ${short(i.content, 50)}`).join("")
    : "";
  // The example repeats what the person typed: "vướng B.I.3", not "xong B.I.3".
  const more =
    items.length > PICK_LIMIT
      ? `\n${ctx.t("status.moreByCode", { count: items.length - PICK_LIMIT, code: items[PICK_LIMIT]!.ref, verb: ctx.t(`status.verb.${reply.status}`) })}`
      : "";
  ctx.reply({
    kind: "text",
    text: `${ctx.t("status.which", { status: ctx.t(`status.name.${reply.status}`) })}${spelled}${more}`,
    buttons: distinctLabels(shown.map((i) => i.content)).map((label, k) => [
      { label: `${shown[k]!.ref} · ${label}`, data: CB.taskPick.build(shown[k]!.assignmentId) },
    ]),
  });
}

/** "xong 1.1 và 1.2": each code that names one open task of the sender's is closed; the others are said. */
async function severalCodes(ctx: MemberCtx, reply: StatusReply, all: OpenItem[]): Promise<void> {
  const codes = [reply.code!, ...reply.more!];
  const after: string[] = [];
  for (const code of codes) {
    const items = all.filter((i) => codeMatches(i.ref, code));
    const share = reply.percent === undefined ? {} : { percent: reply.percent };
    if (items.length === 1) await apply(ctx, items[0]!.assignmentId, reply.status, undefined, items[0], share);
    else if (items.length)
      after.push(ctx.t("status.codeFitsSeveral", { code, refs: items.map((i) => i.ref).join(", ") }));
    else after.push(ctx.t("status.noSuchCode", { code }));
  }
  // Said once, after every task's answer.
  if (reply.unused) after.push(ctx.t("status.unused", { text: reply.unused }));
  if (after.length) ctx.reply(after.join("\n"));
}

/** The task was chosen from the "which one?" question. */
export async function pickButton(ctx: MemberCtx, assignmentId: number): Promise<void> {
  const pending = ctx.answering(PICK);
  if (!pending) {
    ctx.reply(ctx.t("status.expired", { code: await exampleCode(ctx) }));
    return;
  }
  await ctx.forget();
  await proceed(ctx, assignmentId, pending);
}

export async function statusButton(
  ctx: MemberCtx,
  assignmentId: number,
  status: (typeof STATUS_ACTIONS)[number],
): Promise<void> {
  await proceed(ctx, assignmentId, { status });
}

/** The answer to "what is in the way?". */
async function reasonText(ctx: MemberCtx, assignmentId: number, text: string): Promise<void> {
  await ctx.forget();
  await apply(ctx, assignmentId, "BLOCKED", text.trim());
}

type Target = Pick<OpenItem, "status" | "ref" | "content" | "period" | "dueDate" | "product" | "givenById">;

async function proceed(ctx: MemberCtx, assignmentId: number, pending: Pending, known?: Target): Promise<void> {
  if (pending.status === "BLOCKED" && !pending.reason) {
    await ctx.ask(REASON, { assignmentId });
    ctx.reply(ctx.t("status.askReason"));
    return;
  }
  await apply(ctx, assignmentId, pending.status, pending.reason, known, pending);
}

/** A reason is for the head to read at a glance; a pasted document is cut, and the person told. */
const MAX_REASON = 1000;

async function apply(
  ctx: MemberCtx,
  assignmentId: number,
  to: Exclude<Status, "NOT_STARTED">,
  typedReason?: string,
  known?: Target,
  said: Pick<Pending, "percent" | "unused"> = {},
): Promise<void> {
  const { deps, t, member } = ctx;
  const cut = typedReason !== undefined && [...typedReason].length > MAX_REASON;
  const reason = cut ? `${[...typedReason!].slice(0, MAX_REASON - 1).join("")}…` : typedReason;
  let view: Target | null = known ?? null;
  if (!view) {
    // From a button or an earlier question: check the assignment is still this person's.
    const v = await assignmentView(deps.db, assignmentId);
    view = v && v.staffId === member.staffId ? v : null;
  }
  if (!view) {
    ctx.reply(t("tasks.notYours"));
    return;
  }
  // A share done ("50%") is news even while in progress: it is kept in the task's history.
  if (view.status === to && to !== "BLOCKED" && said.percent === undefined) {
    ctx.reply(t(`status.already.${to}`, { ref: view.ref }));
    return;
  }
  const ok = await changeStatus(deps.db, {
    assignmentId,
    staffId: member.staffId,
    from: view.status,
    to,
    reason,
    channel: ctx.msg.channel,
    text: ctx.msg.text ?? ctx.msg.button?.data,
    now: ctx.now,
  });
  if (!ok) {
    ctx.reply(t("status.conflict"));
    return;
  }
  const lines = [t(`status.changed.${to}`, { ref: view.ref, content: short(view.content, 80), reason: reason ?? "" })];
  if (said.percent !== undefined) lines.push(t("status.partly", { percent: said.percent, ref: view.ref }));
  if (to === "DONE") {
    // A task due every quarter is closed one quarter at a time: say which, and what is still open.
    const others = await otherOpenOccurrences(deps.db, assignmentId);
    if (others.length) {
      lines.push(
        t("status.occurrenceDone", { period: periodName(t, view.period), date: displayDate(view.dueDate) }),
        t("status.stillOpen", {
          list: others.map((o) => `${periodName(t, o.period)} (${displayDate(o.dueDate)})`).join(", "),
        }),
      );
    }
    // The assessment council scores work by its evidence: ask for it while the work is fresh.
    lines.push(await askEvidence(ctx, assignmentId, view.ref, view.product));
  }
  let told: number[] = [];
  if (to === "BLOCKED") {
    const heads = (await leadHeads(deps.db, assignmentId)).filter((h) => h.staffId !== member.staffId);
    told = heads.map((h) => h.staffId);
    await ctx.notify(
      heads.map((h) => h.staffId),
      (tt) => ({
        kind: "text",
        text: tt("status.blockedNotice", {
          name: member.name,
          ref: view.ref,
          content: short(view.content, 80),
          reason: reason ?? "",
        }),
      }),
    );
    // Say who heard of it: a head blocking their own task must not read that "the head was told".
    lines.push(
      heads.length ? t("status.toldHeads", { names: heads.map((h) => h.name).join(", ") }) : t("status.toldNobody"),
    );
    if (cut) lines.push(t("status.reasonCut", { max: MAX_REASON }));
  }
  // Work given in chat: its giver hears when it is done or blocked (a head told of the blocker already is not told twice).
  const giver = view.givenById;
  if ((to === "DONE" || to === "BLOCKED") && giver !== null && giver !== member.staffId && !told.includes(giver)) {
    await ctx.notify([giver], (tt) => ({
      kind: "text",
      text: tt(`give.told.${to}`, {
        name: member.name,
        ref: view!.ref,
        what: short(view!.content, 80),
        reason: reason ?? "",
      }),
    }));
  }
  if (said.unused) lines.push(t("status.unused", { text: said.unused }));
  ctx.reply(lines.join("\n"));
}
