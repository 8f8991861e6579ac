/**
 * /giaoviec: work that is not in the plan ("giao việc phát sinh"), given in
 * chat by a head (in their department), a leader or the admin: whom, what,
 * by when, asked step by step when missing, confirmed before it is sent.
 * /viecdagiao: what I gave and where it stands; cancel it or move its deadline.
 */
import { matchDepartments } from "../../../domain/departments.ts";
import { normalizePhone } from "../../../domain/phone.ts";
import { isDeputy, MANAGERS } from "../../../domain/roles.ts";
import type { Status } from "../../../domain/status.ts";
import { fold } from "../../../domain/text.ts";
import {
  cancelGiven,
  givenBy,
  givenTask,
  giveTask,
  moveGivenDeadline,
  recipients,
  type Recipient,
} from "../../../store/work/given.ts";
import { CB } from "../../../ui/callbacks.ts";
import { z } from "zod";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { deadline, deadlineThenText } from "../deadlines/typed-date.ts";
import { displayDate, icon, short } from "../../../ui/format.ts";

const Draft = z.object({
  to: z.object({ staffId: z.number().int(), name: z.string() }).optional(),
  what: z.string().optional(),
  due: z.string().optional(),
});
type Draft = z.infer<typeof Draft>;
const Asked = z.object({ draft: Draft, step: z.enum(["whom", "what", "when", "confirm"]) });
type Asked = z.infer<typeof Asked>;

/** /giaoviec's questions, one at a time: to whom, what, by when; then "Giao" or "Huỷ". */
export const GIVE: ConversationDef<Asked> = {
  kind: "give",
  schema: Asked,
  roles: MANAGERS,
  text: (ctx, asked, text) => giveAnswer(ctx, asked, text),
};

type Found = { ok: true; person: Recipient } | { ok: false; key: string; params: Record<string, string> };

/** Whom: a phone, a name (or part of it), or a department, meaning its head. */
async function findRecipient(ctx: MemberCtx, text: string): Promise<Found> {
  const { people, departments } = await recipients(ctx.deps.db, ctx.unit);
  const phone = normalizePhone(text);
  let found: Recipient[] = phone ? people.filter((p) => p.phone === phone) : [];
  if (found.length === 0 && !phone) {
    const q = fold(text);
    found = people.filter((p) => fold(p.name) === q);
    if (found.length === 0) found = people.filter((p) => fold(p.name).includes(q));
  }
  if (found.length === 0 && !phone) {
    const d = matchDepartments(
      text,
      departments.map((x) => ({ id: x.id, key: x.key })),
    );
    if (d.ids.length === 1) {
      // A department means its head; a deputy only when there is no head.
      const heads = people
        .filter((p) => p.departmentId === d.ids[0] && p.role === "DEPT_HEAD")
        .sort((a, b) => Number(isDeputy(a.title)) - Number(isDeputy(b.title)));
      if (!heads[0])
        return {
          ok: false,
          key: "give.noHead",
          params: { department: departments.find((x) => x.id === d.ids[0])!.name },
        };
      found = [heads[0]];
    }
  }
  if (found.length !== 1)
    return {
      ok: false,
      key: found.length === 0 ? "give.noSuchPerson" : "give.manyPeople",
      params: {
        query: text,
        names: found
          .slice(0, 5)
          .map((p) => p.name)
          .join(", "),
      },
    };
  const person = found[0]!;
  // A head gives work inside their own department only.
  if (ctx.member.role === "DEPT_HEAD" && person.departmentId !== ctx.member.departmentId) {
    return {
      ok: false,
      key: "give.otherDepartment",
      params: { name: person.name, department: person.department ?? "—" },
    };
  }
  return { ok: true, person };
}

/** "Chi: rà soát danh mục TTHC, hạn thứ Sáu" or "Chi | rà soát… | thứ Sáu". */
function splitArgs(args: string): { whom?: string; what?: string; when?: string } {
  const bar = args.split("|").map((s) => s.trim());
  if (bar.length > 1) return { whom: bar[0] || undefined, what: bar[1] || undefined, when: bar[2] || undefined };
  const m = /^([^:]+):\s*([\s\S]*)$/.exec(args.trim());
  if (!m) return args.trim() ? { whom: args.trim() } : {};
  const rest = m[2]!.trim();
  const due = /^([\s\S]*?)[,;]?\s+(?:hạn|han|trước|truoc)\s+(.+)$/i.exec(rest);
  return { whom: m[1]!.trim(), what: (due ? due[1]! : rest).trim() || undefined, when: due?.[2]?.trim() };
}

export async function giveCommand(ctx: MemberCtx, args: string): Promise<void> {
  const parts = splitArgs(args);
  const draft: Draft = {};
  if (parts.whom) {
    const r = await findRecipient(ctx, parts.whom);
    if (!r.ok) {
      ctx.reply(ctx.t(r.key, r.params));
      return;
    }
    draft.to = { staffId: r.person.staffId, name: r.person.name };
  }
  if (parts.what) draft.what = parts.what;
  if (parts.when) {
    const d = await deadline(ctx, parts.when);
    if (!d.ok) {
      ctx.reply(d.message);
      return;
    }
    draft.due = d.date;
  }
  await nextStep(ctx, draft);
}

/** Asks for what is missing, or shows the task as it will be sent with "Giao" / "Huỷ". */
async function nextStep(ctx: MemberCtx, draft: Draft): Promise<void> {
  const { t } = ctx;
  const step = !draft.to ? "whom" : !draft.what ? "what" : !draft.due ? "when" : "confirm";
  await ctx.ask(GIVE, { draft, step });
  if (step !== "confirm") {
    ctx.reply({
      kind: "text",
      text: t(`give.ask.${step}`),
      buttons: [[{ label: t("give.cancel"), data: CB.giveChoice.build("no") }]],
    });
    return;
  }
  ctx.reply({
    kind: "text",
    text: t("give.confirm", { name: draft.to!.name, what: draft.what!, due: displayDate(draft.due!) }),
    buttons: [
      [
        { label: t("give.send"), data: CB.giveChoice.build("ok") },
        { label: t("give.cancel"), data: CB.giveChoice.build("no") },
      ],
    ],
  });
}

/** The answer to one of /giaoviec's questions. */
async function giveAnswer(ctx: MemberCtx, { draft, step }: Asked, text: string): Promise<void> {
  if (step === "whom") {
    const r = await findRecipient(ctx, text);
    if (!r.ok) {
      ctx.reply(ctx.t(r.key, r.params));
      return;
    }
    draft.to = { staffId: r.person.staffId, name: r.person.name };
  } else if (step === "what") {
    draft.what = text.trim();
  } else if (step === "when") {
    const d = await deadline(ctx, text);
    if (!d.ok) {
      ctx.reply(d.message);
      return;
    }
    draft.due = d.date;
  } else {
    ctx.reply(ctx.t("give.pressButton"));
    return;
  }
  await nextStep(ctx, draft);
}

export async function giveButton(ctx: MemberCtx, choice: "ok" | "no"): Promise<void> {
  const asked = ctx.answering(GIVE);
  if (!asked) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  await ctx.forget();
  const { draft, step } = asked;
  if (choice === "no" || step !== "confirm") {
    ctx.reply(ctx.t("give.cancelled"));
    return;
  }
  const { deps, t } = ctx;
  const year = Number(draft.due!.slice(0, 4));
  const given = await giveTask(deps.db, {
    unitName: ctx.unit,
    year,
    giverId: ctx.member.staffId,
    toStaffId: draft.to!.staffId,
    content: draft.what!,
    dueDate: draft.due!,
    defaultPlanTitle: t("plan.defaultTitle", { year }),
    areaTitle: t("give.areaTitle"),
    now: ctx.now,
  });
  ctx.reply(t("give.given", { ref: given.ref, name: draft.to!.name, due: displayDate(draft.due!) }));
  await ctx.notify([draft.to!.staffId], (tt) => ({
    kind: "text",
    text: tt("give.notice", {
      by: ctx.member.name,
      ref: given.ref,
      what: short(draft.what!, 300),
      due: displayDate(draft.due!),
    }),
    buttons: [[{ label: tt("buttons.open"), data: CB.taskOpen.build(given.assignmentId) }]],
  }));
}

/** /viecdagiao [PS-3 huỷ | PS-3 hạn 20/12]: what I gave, or one change to it. */
export async function givenCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps } = ctx;
  const m = /^(ps-?\d+)\s+(huỷ|hủy|huy|han|hạn)\s*(.*)$/i.exec(args.trim());
  if (m) {
    const g = await givenTask(deps.db, ctx.unit, m[1]!.replace(/^ps-?/i, "PS-"));
    if (!g || g.cancelled || (g.givenById !== ctx.member.staffId && ctx.member.role !== "ADMIN")) {
      ctx.reply(t("give.notYours", { ref: m[1]! }));
      return;
    }
    if (fold(m[2]!) === "huy") {
      await cancelGiven(deps.db, g.taskId, ctx.now);
      ctx.reply(t("give.cancelledTask", { ref: g.ref, name: g.staffName }));
      await ctx.notify([g.staffId], (tt) => ({
        kind: "text",
        text: tt("give.cancelNotice", { by: ctx.member.name, ref: g.ref, what: short(g.content, 100) }),
      }));
      return;
    }
    // "PS-3 hạn 20/12 chờ số liệu": the date in any shape /giaoviec takes, then why (kept for /lichsu).
    const d = await deadlineThenText(ctx, m[3] ?? "");
    if (!d.ok) {
      ctx.reply(d.message);
      return;
    }
    if (d.date === g.dueDate) {
      ctx.reply(t("extend.same", { ref: g.ref, date: displayDate(d.date) }));
      return;
    }
    const moved = await moveGivenDeadline(deps.db, {
      taskId: g.taskId,
      dueDate: d.date,
      reason: d.rest,
      byId: ctx.member.staffId,
      now: ctx.now,
    });
    if (moved === "clash") {
      ctx.reply(t("extend.clash", { ref: g.ref, date: displayDate(d.date) }));
      return;
    }
    ctx.reply(t("give.moved", { ref: g.ref, due: displayDate(d.date) }));
    await ctx.notify([g.staffId], (tt) => ({
      kind: "text",
      text: tt("give.movedNotice", {
        by: ctx.member.name,
        ref: g.ref,
        what: short(g.content, 100),
        due: displayDate(d.date),
      }),
    }));
    return;
  }
  if (args.trim()) {
    ctx.reply(t("give.givenUsage"));
    return;
  }
  const list = (await givenBy(deps.db, ctx.member.staffId)).filter((g) => !g.cancelled);
  if (list.length === 0) {
    ctx.reply(t("give.noneGiven"));
    return;
  }
  ctx.reply(
    [
      t("give.listTitle", { count: list.length }),
      ...list.map((g) =>
        t("give.listLine", {
          icon: icon(g.status as Status, g.dueDate, ctx.today, null),
          ref: g.ref,
          what: short(g.content, 60),
          name: g.staffName,
          due: displayDate(g.dueDate),
          status: t(`status.name.${g.status}`),
        }),
      ),
      t("give.listHint"),
    ].join("\n"),
  );
}
