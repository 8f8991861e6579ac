/**
 * The body's appraisal of its units' self-assessments, in chat: it keeps or
 * changes each criterion's score with a reason (`/chamdiem thamdinh`), sends
 * the result to the unit, which answers each change once until a day
 * (`/chamdiem ketqua`, `/chamdiem phanhoi`), and its admin fixes the final
 * scores. The ranking and the ratings read the final scores from then on.
 */
import { addCalendarDays } from "../../../domain/workdays.ts";
import { checkScore, scoreText } from "../../../domain/criteria.ts";
import { scoredLines } from "../../../domain/score-totals.ts";
import { evaluationSettings } from "../../../domain/settings.ts";
import { leadingUnit } from "../../../domain/units.ts";
import { fold } from "../../../domain/text.ts";
import {
  answerAppraisal,
  appraiseScore,
  finalizeAssessment,
  publishRanking,
  sendAppraisal,
} from "../../../store/evaluation/appraisal.ts";
import {
  assessmentState,
  unitAssessments,
  unitCriteria,
  type CriterionLine,
  type UnitCriteria,
} from "../../../store/evaluation/criteria.ts";
import { adminIds, senderIds } from "../../../store/people/staff.ts";
import { loadSettingsRows } from "../../../store/settings/settings.ts";
import { displayDate, short } from "../../../ui/format.ts";
import type { MemberCtx } from "../../context.ts";
import { deadline } from "../deadlines/typed-date.ts";

/** What the unit gave and what the body made of it, over the scored lines. */
function sums(items: readonly CriterionLine[]) {
  const lines = scoredLines(items);
  const self = lines.reduce((n, l) => n + (l.score?.value ?? 0), 0);
  const appraised = lines.reduce((n, l) => n + (l.score?.appraised ?? l.score?.value ?? 0), 0);
  const max = lines.reduce((n, l) => n + l.max, 0);
  const changed = lines.filter((l) => l.score?.appraised != null);
  return { lines, self, appraised, max, changed };
}

function changeLine(ctx: MemberCtx, l: CriterionLine): string {
  return ctx.t(l.score?.answer ? "appraisal.lineAnswered" : "appraisal.lineChanged", {
    ref: l.ref,
    title: short(l.title, 50),
    self: scoreText(l.score!.value),
    appraised: scoreText(l.score!.appraised!),
    reason: l.score!.appraisalReason ?? "",
    answer: short(l.score!.answer ?? "", 200),
  });
}

/** `/chamdiem thamdinh [ĐƠN VỊ [MÃ ĐIỂM: lý do | gui [hạn] | chot]]`, for the body whose set it is. */
export async function appraise(ctx: MemberCtx, set: UnitCriteria, args: string): Promise<void> {
  const { t, deps, member } = ctx;
  if (member.role === "DEPT_HEAD" || set.owner !== ctx.unit) {
    ctx.reply(t("appraisal.forTheBody"));
    return;
  }
  const year = deps.settings.planYear;
  const units = await unitAssessments(deps.db, ctx.unit, year);
  if (units.length === 0) {
    ctx.reply(t("score.noUnits"));
    return;
  }
  if (!args.trim()) {
    const fixed = units.filter((u) => u.state?.status === "FINAL").length;
    ctx.reply(
      [
        t("appraisal.unitsTitle", { year, fixed, count: units.length }),
        ...units.map((u) =>
          t(`appraisal.unitLine.${u.state?.status ?? "NONE"}`, {
            unit: u.unit,
            total: scoreText(u.state?.finalTotal ?? u.state?.total ?? 0),
            date: u.state?.answerBy ? displayDate(u.state.answerBy) : "",
          }),
        ),
        "",
        t("appraisal.start"),
      ].join("\n"),
    );
    return;
  }
  const found = leadingUnit(
    units.map((u) => u.unit),
    args,
  );
  if (!found.ok) {
    ctx.reply(
      t("appraisal.noUnit", {
        unit: args.trim().split(/\s+/)[0] ?? "",
        units: (found.several.length ? found.several : units.map((u) => u.unit)).join(", "),
      }),
    );
    return;
  }
  const unit = found.name;
  const state = units.find((u) => u.unit === unit)?.state ?? null;
  const theirs = await unitCriteria(deps.db, unit, year);
  if (!state || state.status === "RETURNED" || !theirs) {
    ctx.reply(t("appraisal.notSubmitted", { unit }));
    return;
  }
  const rest = found.rest.trim();
  const verb = fold(rest.split(/\s+/)[0] ?? "");
  if (!rest) return showUnit(ctx, unit, theirs.items, state.answerBy);
  if (state.status === "FINAL") {
    ctx.reply(t("appraisal.isFinal", { unit, total: scoreText(state.finalTotal ?? 0) }));
    return;
  }
  if (verb === "gui") return send(ctx, set, unit, theirs.items, rest.slice(3).trim());
  if (verb === "chot") return fix(ctx, set, unit, theirs.items, state.status, state.answerBy);
  const m = /^(\S+)\s+(-?[\d.,]+)\s*(?:điểm|đ)?\s*(?:[:;,-]\s*([\s\S]*))?$/iu.exec(rest);
  const line = m ? scoredLines(theirs.items).find((l) => l.ref.toUpperCase() === m[1]!.toUpperCase()) : undefined;
  if (!m || !line?.score) {
    ctx.reply(t(m ? "score.noSuchCode" : "appraisal.usage", { code: m?.[1] ?? "", unit }));
    return;
  }
  const check = checkScore(m[2]!, { max: line.max, steps: line.steps });
  if (!check.ok) {
    const steps = check.steps.map(scoreText).join("; ");
    ctx.reply(t(`score.refused.${check.reason}`, { ref: line.ref, value: m[2]!, max: scoreText(line.max), steps }));
    return;
  }
  const same = check.score === line.score.value;
  const reason = (m[3] ?? "").trim();
  if (!same && !reason) {
    ctx.reply(
      t("appraisal.needReason", {
        unit,
        ref: line.ref,
        self: scoreText(line.score.value),
        score: scoreText(check.score),
      }),
    );
    return;
  }
  await appraiseScore(deps.db, {
    criterionId: line.id,
    unitName: unit,
    score: same ? null : check.score,
    reason: same ? null : reason,
    byId: member.staffId,
    now: ctx.now,
  });
  ctx.reply(
    t(same ? "appraisal.kept" : "appraisal.changed", {
      unit,
      ref: line.ref,
      self: scoreText(line.score.value),
      score: scoreText(check.score),
      reason,
    }),
  );
}

function showUnit(ctx: MemberCtx, unit: string, items: readonly CriterionLine[], answerBy: string | null): void {
  const { t } = ctx;
  const s = sums(items);
  ctx.reply(
    [
      t("appraisal.unitTitle", {
        unit,
        self: scoreText(s.self),
        appraised: scoreText(s.appraised),
        max: scoreText(s.max),
      }),
      ...s.lines.map((l) =>
        l.score?.appraised != null
          ? changeLine(ctx, l)
          : t("appraisal.line", {
              ref: l.ref,
              title: short(l.title, 50),
              max: scoreText(l.max),
              self: l.score ? scoreText(l.score.value) : "—",
              proof: l.score?.evidence
                ? `📎 ${short(l.score.evidence, 60)}`
                : `✍ ${short(l.score?.explanation ?? "", 60)}`,
            }),
      ),
      ...(answerBy ? [t("appraisal.answerUntil", { date: displayDate(answerBy) })] : []),
      "",
      t("appraisal.usage", { unit }),
    ].join("\n"),
  );
}

/** The result goes to the unit's admins and leaders, with the day their answers are due. */
async function send(
  ctx: MemberCtx,
  set: UnitCriteria,
  unit: string,
  items: readonly CriterionLine[],
  typed: string,
): Promise<void> {
  const { t, deps } = ctx;
  let answerBy: string;
  if (typed) {
    const d = await deadline(ctx, typed);
    if (!d.ok) {
      ctx.reply(d.message);
      return;
    }
    answerBy = d.date;
  } else {
    const days = evaluationSettings(await loadSettingsRows(deps.db, ctx.unit)).appraisalAnswerDays;
    answerBy = addCalendarDays(ctx.today, days);
  }
  await sendAppraisal(deps.db, { setId: set.setId, unitName: unit, answerBy, now: ctx.now });
  const s = sums(items);
  const words = {
    unit,
    owner: ctx.unit,
    changes: s.changed.length,
    self: scoreText(s.self),
    appraised: scoreText(s.appraised),
    max: scoreText(s.max),
    date: displayDate(answerBy),
  };
  ctx.reply(t("appraisal.sent", words));
  await ctx.notify(await senderIds(deps.db, unit), (tt) => ({
    kind: "text",
    text: [
      tt("appraisal.sentTold", words),
      ...(s.changed.length
        ? s.changed.map((l) =>
            tt("appraisal.lineChanged", {
              ref: l.ref,
              title: short(l.title, 50),
              self: scoreText(l.score!.value),
              appraised: scoreText(l.score!.appraised!),
              reason: l.score!.appraisalReason ?? "",
            }),
          )
        : [tt("appraisal.noChanges")]),
      ...(s.changed.length ? [tt("appraisal.howToAnswer", words)] : []),
    ].join("\n"),
  }));
}

/** The admin fixes the scores once the unit had its say: every change answered, or the day passed. */
async function fix(
  ctx: MemberCtx,
  set: UnitCriteria,
  unit: string,
  items: readonly CriterionLine[],
  status: string,
  answerBy: string | null,
): Promise<void> {
  const { t, deps, member } = ctx;
  if (member.role !== "ADMIN") {
    ctx.reply(t("appraisal.fixWho", { owner: ctx.unit }));
    return;
  }
  if (status !== "APPRAISED" || !answerBy) {
    ctx.reply(t("appraisal.notSent", { unit }));
    return;
  }
  const s = sums(items);
  const open = s.changed.filter((l) => !l.score?.answer).length;
  if (open > 0 && ctx.today <= answerBy) {
    ctx.reply(t("appraisal.answersOpen", { unit, open, date: displayDate(answerBy) }));
    return;
  }
  const total = await finalizeAssessment(deps.db, {
    setId: set.setId,
    unitName: unit,
    byId: member.staffId,
    now: ctx.now,
  });
  const words = {
    unit,
    owner: ctx.unit,
    year: deps.settings.planYear,
    total: scoreText(total),
    max: scoreText(s.max),
  };
  ctx.reply(t("appraisal.fixed", words));
  await ctx.notify(await senderIds(deps.db, unit), (tt) => ({ kind: "text", text: tt("appraisal.fixedTold", words) }));
}

/** `/chamdiem ketqua`: the unit reads the body's appraisal of its self-assessment. */
export async function appraisalResult(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
  const { t, deps } = ctx;
  const state = await assessmentState(deps.db, set.setId, ctx.unit);
  if (set.owner === ctx.unit || !state || (state.status !== "APPRAISED" && state.status !== "FINAL")) {
    ctx.reply(t("appraisal.noneYet", { owner: set.owner }));
    return;
  }
  const s = sums(set.items);
  ctx.reply(
    [
      t("appraisal.resultTitle", {
        owner: set.owner,
        self: scoreText(s.self),
        appraised: scoreText(s.appraised),
        max: scoreText(s.max),
      }),
      ...(s.changed.length ? s.changed.map((l) => changeLine(ctx, l)) : [t("appraisal.noChanges")]),
      state.status === "FINAL"
        ? t("appraisal.resultFinal", { total: scoreText(state.finalTotal ?? s.appraised) })
        : t("appraisal.howToAnswer", { date: displayDate(state.answerBy ?? ctx.today) }),
    ].join("\n"),
  );
}

/** `/chamdiem phanhoi MÃ: nội dung`: the unit's one answer to a changed score, before the day. */
export async function answer(ctx: MemberCtx, set: UnitCriteria, args: string): Promise<void> {
  const { t, deps, member } = ctx;
  if (member.role !== "ADMIN" && member.role !== "LEADER") {
    ctx.reply(t("appraisal.answerWho"));
    return;
  }
  const state = await assessmentState(deps.db, set.setId, ctx.unit);
  if (set.owner === ctx.unit || state?.status !== "APPRAISED" || !state.answerBy) {
    ctx.reply(
      t(state?.status === "FINAL" ? "appraisal.resultFinal" : "appraisal.noneYet", {
        owner: set.owner,
        total: scoreText(state?.finalTotal ?? 0),
      }),
    );
    return;
  }
  if (ctx.today > state.answerBy) {
    ctx.reply(t("appraisal.answerLate", { date: displayDate(state.answerBy) }));
    return;
  }
  const m = /^(\S+?)\s*[:\s]\s*([\s\S]+)$/.exec(args.trim());
  const line = m ? scoredLines(set.items).find((l) => l.ref.toUpperCase() === m[1]!.toUpperCase()) : undefined;
  if (!m || !line) {
    ctx.reply(t("appraisal.answerUsage"));
    return;
  }
  if (line.score?.appraised == null) {
    ctx.reply(t("appraisal.answerNotChanged", { ref: line.ref }));
    return;
  }
  const text = m[2]!.trim();
  if (
    !(await answerAppraisal(deps.db, {
      criterionId: line.id,
      unitName: ctx.unit,
      text,
      byId: member.staffId,
      now: ctx.now,
    }))
  ) {
    ctx.reply(t("appraisal.answerOnce", { ref: line.ref }));
    return;
  }
  const words = {
    unit: ctx.unit,
    owner: set.owner,
    ref: line.ref,
    self: scoreText(line.score.value),
    appraised: scoreText(line.score.appraised),
    text: short(text, 300),
  };
  ctx.reply(t("appraisal.answered", words));
  await ctx.notify(await senderIds(deps.db, set.owner), (tt) => ({
    kind: "text",
    text: tt("appraisal.answeredTold", words),
  }));
}

/** `/chamdiem congbo`: the body's admin lets every unit see the whole ranking. */
export async function publish(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
  const { t, deps, member } = ctx;
  if (member.role !== "ADMIN" || set.owner !== ctx.unit) {
    ctx.reply(t("appraisal.publishWho"));
    return;
  }
  await publishRanking(deps.db, set.setId, ctx.now);
  ctx.reply(t("appraisal.published", { year: deps.settings.planYear }));
  const units = await unitAssessments(deps.db, ctx.unit, deps.settings.planYear);
  const ids = (await Promise.all(units.map((u) => adminIds(deps.db, u.unit)))).flat();
  await ctx.notify(ids, (tt) => ({
    kind: "text",
    text: tt("appraisal.publishedTold", { owner: ctx.unit, year: deps.settings.planYear }),
  }));
}
