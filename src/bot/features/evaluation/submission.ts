/**
 * The self-assessment as a whole: sent up to the body whose set it is when
 * every criterion is scored, read-only there until the body returns it; the
 * body's list of its units and the return with its reason.
 */
import { dayOf, displayDate } from "../../../domain/calendar.ts";
import { refList, scoreText } from "../../../domain/criteria.ts";
import { scoredLines, scoreTotals } from "../../../domain/score-totals.ts";
import { fold } from "../../../domain/text.ts";
import { deadline } from "../deadlines/typed-date.ts";
import {
  assignCriterion,
  criteriaHolders,
  setCriteriaDeadline,
  assessmentState,
  IN_HAND,
  returnAssessment,
  submitAssessment,
  unitAssessments,
  type UnitCriteria,
} from "../../../store/evaluation/criteria.ts";
import { adminIds } from "../../../store/people/staff.ts";
import type { MemberCtx } from "../../context.ts";

/** A submitted self-assessment is read-only until the body returns it: said, and true. */
export async function locked(ctx: MemberCtx, set: UnitCriteria): Promise<boolean> {
  const state = await assessmentState(ctx.deps.db, set.setId, ctx.unit);
  if (!state || state.status === "RETURNED") return false;
  ctx.reply(
    ctx.t("score.locked", { date: displayDate(dayOf(state.submittedAt, ctx.deps.settings.tz)), owner: set.owner }),
  );
  return true;
}

/** `/chamdiem gui`: the unit's self-assessment, complete, to the body whose set it is. */
export async function submit(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
  const { t, deps, member } = ctx;
  if (member.role !== "ADMIN" && member.role !== "LEADER") {
    ctx.reply(t("score.submitWho"));
    return;
  }
  if (set.owner === ctx.unit) {
    ctx.reply(t("score.ownSet"));
    return;
  }
  if (await locked(ctx, set)) return;
  const open = scoredLines(set.items).filter((i) => !i.score);
  if (open.length) {
    ctx.reply(
      t("score.incomplete", {
        count: open.length,
        refs: open
          .slice(0, 8)
          .map((i) => i.ref)
          .join(", "),
      }),
    );
    return;
  }
  const sum = scoreTotals(set.items.map((i) => ({ ...i, score: i.score?.value ?? null }))).total;
  await submitAssessment(deps.db, {
    setId: set.setId,
    unitName: ctx.unit,
    total: sum.scored,
    byId: member.staffId,
    now: ctx.now,
  });
  const words = {
    unit: ctx.unit,
    owner: set.owner,
    scored: scoreText(sum.scored),
    max: scoreText(sum.max),
    name: member.name,
  };
  ctx.reply(t("score.submitted", words));
  await ctx.notify(
    (await adminIds(deps.db, set.owner)).filter((id) => id !== member.staffId),
    (tt) => ({ kind: "text", text: tt("score.submittedTold", words) }),
  );
}

/** `/chamdiem donvi`: the body's units and where their self-assessments stand. */
export async function unitsList(ctx: MemberCtx): Promise<void> {
  const { t, deps } = ctx;
  if (ctx.member.role === "DEPT_HEAD") {
    ctx.reply(t("score.totalsForLeaders"));
    return;
  }
  const units = await unitAssessments(deps.db, ctx.unit, deps.settings.planYear);
  if (units.length === 0) {
    ctx.reply(t("score.noUnits"));
    return;
  }
  const sent = units.filter((u) => u.state && IN_HAND.includes(u.state.status)).length;
  ctx.reply(
    [
      t("score.unitsTitle", { sent, count: units.length, year: deps.settings.planYear }),
      ...units.map((u) =>
        t(`score.unitLine.${u.state?.status ?? "NONE"}`, {
          unit: u.unit,
          total: u.state ? scoreText(u.state.total) : "",
          date: u.state ? displayDate(dayOf(u.state.submittedAt, deps.settings.tz)) : "",
        }),
      ),
    ].join("\n"),
  );
}

/** `/chamdiem tralai ĐƠN VỊ: lý do`: the body's admin returns a unit's submitted self-assessment. */
export async function giveBack(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps, member } = ctx;
  const m = /^([^:]+):\s*([\s\S]+)$/.exec(args.trim());
  if (member.role !== "ADMIN" || !m) {
    ctx.reply(t(member.role !== "ADMIN" ? "score.returnWho" : "score.returnUsage"));
    return;
  }
  const units = await unitAssessments(deps.db, ctx.unit, deps.settings.planYear);
  const wanted = fold(m[1]!.trim());
  const found = units.filter((u) => fold(u.unit).includes(wanted));
  if (found.length !== 1) {
    ctx.reply(t("score.returnNoUnit", { unit: m[1]!.trim(), units: units.map((u) => u.unit).join(", ") }));
    return;
  }
  const unit = found[0]!.unit;
  const reason = m[2]!.trim();
  const r = await returnAssessment(deps.db, {
    ownerName: ctx.unit,
    year: deps.settings.planYear,
    unitName: unit,
    reason,
    byId: member.staffId,
    now: ctx.now,
  });
  if (r === "notSubmitted") {
    ctx.reply(t("score.returnNothing", { unit }));
    return;
  }
  const words = { unit, owner: ctx.unit, reason, name: member.name };
  ctx.reply(t("score.returned", words));
  await ctx.notify(await adminIds(deps.db, unit), (tt) => ({ kind: "text", text: tt("score.returnedTold", words) }));
}

/** `/chamdiem han NGÀY`: the body's admin sets the scoring deadline; each head with criteria to score is told. */
export async function setDeadline(ctx: MemberCtx, set: UnitCriteria, typed: string): Promise<void> {
  const { t, deps, member } = ctx;
  if (member.role !== "ADMIN" || set.owner !== ctx.unit) {
    ctx.reply(t("score.deadlineWho"));
    return;
  }
  const d = typed.trim() ? await deadline(ctx, typed) : null;
  if (!d?.ok) {
    ctx.reply(d ? d.message : t("score.deadlineUsage"));
    return;
  }
  await setCriteriaDeadline(deps.db, set.setId, d.date);
  const holders = await criteriaHolders(deps.db, set.setId);
  const date = displayDate(d.date);
  ctx.reply(t("score.deadlineSet", { date, heads: holders.length }));
  for (const h of holders)
    await ctx.notify([h.staffId], (tt) => ({
      kind: "text",
      text: tt("score.deadlineTold", {
        owner: set.owner,
        date,
        count: h.refs.length,
        refs: refList(h.refs),
      }),
    }));
}

/** `/chamdiem giao MÃ KHOA/PHÒNG`: the body's admin gives a criterion to a department; its heads are told. */
export async function assignTo(ctx: MemberCtx, set: UnitCriteria, args: string): Promise<void> {
  const { t, deps, member } = ctx;
  if (member.role !== "ADMIN" || set.owner !== ctx.unit) {
    ctx.reply(t("score.assignWho"));
    return;
  }
  const m = /^(\S+)\s+([\s\S]+)$/.exec(args.trim());
  const item = m ? set.items.find((i) => i.ref.toUpperCase() === m[1]!.toUpperCase()) : undefined;
  if (!m || !item) {
    ctx.reply(t(m ? "score.noSuchCode" : "score.assignUsage", { code: m?.[1] ?? "" }));
    return;
  }
  const name = m[2]!.trim();
  const matched = await assignCriterion(deps.db, { setId: set.setId, ref: item.ref, departmentText: name });
  if (matched === 0) {
    ctx.reply(t("score.assignNoDepartment", { department: name }));
    return;
  }
  ctx.reply(t("score.assigned", { ref: item.ref, department: name, count: matched }));
  const told = (await criteriaHolders(deps.db, set.setId)).filter((h) => h.refs.includes(item.ref));
  await ctx.notify(
    told.map((h) => h.staffId),
    (tt) => ({ kind: "text", text: tt("score.assignedTold", { ref: item.ref, title: item.title, owner: set.owner }) }),
  );
}
