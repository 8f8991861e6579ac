/**
 * /chamdiem: the unit scores itself on the PAR index, criterion by criterion,
 * in chat. A head sees the criteria their department answers for; a leader
 * and the admin see all, and `/chamdiem tonghop` adds them up. A score is
 * checked against the criterion's maximum and its rule's steps; a score with
 * no evidence is asked for the explanation the national guidance requires.
 */
import { z } from "zod";
import { checkScore, proposeEvidence, scoreText } from "../../../domain/criteria.ts";
import { CB } from "../../../ui/callbacks.ts";
import { departmentKey, namesDepartment } from "../../../domain/departments.ts";
import { MANAGERS } from "../../../domain/roles.ts";
import { scoredLines, scoreTotals } from "../../../domain/score-totals.ts";
import { codeMatches } from "../../../domain/status.ts";
import { fold } from "../../../domain/text.ts";
import {
  assessmentState,
  recordSelfScore,
  returnAssessment,
  submitAssessment,
  tasksWithEvidence,
  unitAssessments,
  unitScoreCards,
  unitCriteria,
  type CriterionLine,
  type UnitCriteria,
} from "../../../store/evaluation/criteria.ts";
import { adminIds } from "../../../store/people/staff.ts";
import { loadDocument } from "../../../reports/data.ts";
import { selfAssessmentDocx, selfAssessmentFileName } from "../../../reports/self-assessment.ts";
import { rankingXlsx } from "../../../reports/ranking.ts";
import { rankBy, spread } from "../../../domain/ranking.ts";
import { parseBands, rate } from "../../../domain/rating.ts";
import { rawSettings } from "../../../domain/settings.ts";
import { loadSettingsRows } from "../../../store/settings/settings.ts";
import { ratingDocx, type RatingLine } from "../../../reports/rating.ts";
import { dayOf, displayDate } from "../../../domain/calendar.ts";
import { departmentOf } from "../../../store/province/units.ts";
import { short } from "../../../ui/format.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";

const Scoring = z.object({
  ref: z.string(),
  /** The tasks' evidence offered for it ("B.I.1: 12/KH-TTYT (15/01/2026)"), and the one tapped. */
  proposals: z.array(z.string()).default([]),
  chosen: z.string().optional(),
});
const Explaining = z.object({ ref: z.string(), score: z.number() });

/** "Gõ điểm cho I.1.1": the answer is the score, then the evidence in words. */
export const SCORE: ConversationDef<z.infer<typeof Scoring>> = {
  kind: "score",
  schema: Scoring,
  roles: MANAGERS,
  textFirst: true,
  text: (ctx, p, text) => scoreAnswer(ctx, p.ref, text, p.chosen),
};

/** "Chưa có minh chứng: giải trình vì sao": the answer is the explanation. */
export const EXPLAIN: ConversationDef<z.infer<typeof Explaining>> = {
  kind: "scoreExplain",
  schema: Explaining,
  roles: MANAGERS,
  textFirst: true,
  text: async (ctx, p, text) => {
    await ctx.forget();
    await save(ctx, p.ref, p.score, { evidence: null, explanation: text.trim() });
  },
};

export async function selfScoreCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t } = ctx;
  const set = await unitCriteria(ctx.deps.db, ctx.unit, ctx.deps.settings.planYear);
  if (!set) {
    ctx.reply(t("score.noSet", { year: ctx.deps.settings.planYear }));
    return;
  }
  const words = args.trim().split(/\s+/).filter(Boolean);
  const verb = fold(words[0] ?? "");
  if (words.length === 0) return listMine(ctx, set.items, set.title);
  if (verb === "tonghop") return totals(ctx, set.items, set.title);
  if (verb === "gui") return submit(ctx, set);
  if (verb === "donvi") return unitsList(ctx);
  if (verb === "tralai") return giveBack(ctx, words.slice(1).join(" "));
  if (verb === "baocao") return report(ctx, set);
  if (verb === "xephang") return ranking(ctx, set);
  if (verb === "xeploai") return ratings(ctx, set);
  const item = await criterionFor(ctx, set.items, words[0]!);
  if (!item) return;
  if (await locked(ctx, set)) return;
  if (words.length === 1) {
    // What the plan's tasks already hold that may show it: one tap makes it the score's evidence.
    const tasks = await tasksWithEvidence(ctx.deps.db, ctx.unit, ctx.deps.settings.planYear);
    const proposals = proposeEvidence(item, tasks).map((x) => `${x.ref}: ${x.evidence}`);
    await ctx.ask(SCORE, { ref: item.ref, proposals });
    ctx.reply({
      kind: "text",
      text: [details(ctx, item), ...(proposals.length ? [ctx.t("score.proposals")] : [])].join("\n"),
      buttons: proposals.map((x, i) => [{ label: `📎 ${short(x, 60)}`, data: CB.scoreEvidence.build(i) }]),
    });
    return;
  }
  await scoreAnswer(ctx, item.ref, words.slice(1).join(" "));
}

/** The criteria this member answers for: a head's department's; a leader's and the admin's, all. */
async function mine(ctx: MemberCtx, items: readonly CriterionLine[]): Promise<CriterionLine[]> {
  const lines = scoredLines(items);
  if (ctx.member.role !== "DEPT_HEAD") return lines;
  const own =
    ctx.member.departmentId === null ? null : await departmentOf(ctx.deps.db, ctx.unit, ctx.member.departmentId);
  if (!own) return [];
  const key = departmentKey(own.name);
  return lines.filter((l) => l.department && namesDepartment(departmentKey(l.department), key));
}

async function criterionFor(
  ctx: MemberCtx,
  items: readonly CriterionLine[],
  code: string,
): Promise<CriterionLine | null> {
  const exact = items.filter((i) => i.ref.toUpperCase() === code.toUpperCase());
  const found = exact.length ? exact : items.filter((i) => codeMatches(i.ref, code));
  const allowed = await mine(ctx, items);
  const usable = found.filter((f) => allowed.some((a) => a.ref === f.ref));
  if (usable.length === 1) return usable[0]!;
  if (usable.length > 1) ctx.reply(ctx.t("score.several", { code, refs: usable.map((u) => u.ref).join(", ") }));
  else if (found.some((f) => items.some((i) => i.parentRef === f.ref))) ctx.reply(ctx.t("score.notALeaf", { code }));
  else ctx.reply(ctx.t(found.length ? "score.notYours" : "score.noSuchCode", { code }));
  return null;
}

function stepsText(steps: readonly number[]): string {
  return steps.map(scoreText).join("; ");
}

function details(ctx: MemberCtx, item: CriterionLine): string {
  const { t } = ctx;
  return [
    t("score.detailTitle", { ref: item.ref, title: item.title, max: scoreText(item.max) }),
    ...(item.rule ? [t("score.rule", { rule: item.rule })] : []),
    ...(item.evidence ? [t("score.evidenceNeeded", { evidence: item.evidence })] : []),
    ...(item.score ? [t("score.current", { score: scoreText(item.score.value) })] : []),
    t(item.steps.length ? "score.askSteps" : "score.askFree", {
      steps: stepsText(item.steps),
      max: scoreText(item.max),
      ref: item.ref,
    }),
  ].join("\n");
}

/** "0,5 Kế hoạch số 12/KH-TTYT": the score, then what shows it; without anything after it, the explanation is asked. */
async function scoreAnswer(ctx: MemberCtx, ref: string, text: string, chosen?: string): Promise<boolean> {
  const m = /^\s*(-?[\d.,]+)\s*(?:điểm|đ)?\s*[:;,-]?\s*([\s\S]*)$/iu.exec(text);
  const set = await unitCriteria(ctx.deps.db, ctx.unit, ctx.deps.settings.planYear);
  const item = set?.items.find((i) => i.ref === ref);
  if (!m || !item) {
    // Words that are no score: the question stays, the message is read as usual.
    return false;
  }
  if (set && (await locked(ctx, set))) {
    await ctx.forget();
    return true;
  }
  const check = checkScore(m[1]!, { max: item.max, steps: item.steps });
  if (!check.ok) {
    ctx.reply(
      ctx.t(`score.refused.${check.reason}`, {
        ref,
        value: m[1]!,
        max: scoreText(item.max),
        steps: stepsText(check.steps),
      }),
    );
    return true;
  }
  await ctx.forget();
  const evidence = m[2]!.trim() || chosen || "";
  if (!evidence) {
    await ctx.ask(EXPLAIN, { ref, score: check.score });
    ctx.reply(ctx.t("score.askExplanation", { ref, score: scoreText(check.score) }));
    return true;
  }
  await save(ctx, ref, check.score, { evidence, explanation: null });
  return true;
}

async function save(
  ctx: MemberCtx,
  ref: string,
  score: number,
  why: { evidence: string | null; explanation: string | null },
): Promise<void> {
  const set = await unitCriteria(ctx.deps.db, ctx.unit, ctx.deps.settings.planYear);
  const item = set?.items.find((i) => i.ref === ref);
  if (!item) {
    ctx.reply(ctx.t("score.noSuchCode", { code: ref }));
    return;
  }
  await recordSelfScore(ctx.deps.db, {
    criterionId: item.id,
    unitName: ctx.unit,
    score,
    ...why,
    byId: ctx.member.staffId,
    now: ctx.now,
  });
  ctx.reply(
    ctx.t(why.evidence ? "score.saved" : "score.savedExplained", {
      ref,
      score: scoreText(score),
      max: scoreText(item.max),
      evidence: why.evidence ?? "",
      explanation: short(why.explanation ?? "", 120),
    }),
  );
}

async function listMine(ctx: MemberCtx, items: readonly CriterionLine[], title: string): Promise<void> {
  const { t } = ctx;
  const lines = await mine(ctx, items);
  if (lines.length === 0) {
    ctx.reply(t("score.noneForYou", { title }));
    return;
  }
  const done = lines.filter((l) => l.score).length;
  ctx.reply(
    [
      t("score.listTitle", { title, done, count: lines.length }),
      ...lines.map((l) =>
        t(l.score ? "score.lineScored" : "score.lineOpen", {
          ref: l.ref,
          title: short(l.title, 60),
          max: scoreText(l.max),
          score: l.score ? scoreText(l.score.value) : "",
          proof: l.score?.evidence ? "📎" : l.score ? "✍" : "",
        }),
      ),
      "",
      t("score.usage"),
    ].join("\n"),
  );
}

async function totals(ctx: MemberCtx, items: readonly CriterionLine[], title: string): Promise<void> {
  const { t } = ctx;
  if (ctx.member.role === "DEPT_HEAD") {
    ctx.reply(t("score.totalsForLeaders"));
    return;
  }
  const sum = scoreTotals(items.map((i) => ({ ...i, score: i.score?.value ?? null })));
  const open = scoredLines(items).filter((i) => !i.score);
  const departments = [...new Set(open.map((i) => i.department || t("score.noDepartment")))];
  ctx.reply(
    [
      t("score.totalsTitle", { title, scored: scoreText(sum.total.scored), max: scoreText(sum.total.max) }),
      ...sum.areas.map((a) =>
        t(a.missing ? "score.areaLineMissing" : "score.areaLine", {
          ref: a.ref,
          title: short(a.title, 50),
          scored: scoreText(a.scored),
          max: scoreText(a.max),
          missing: a.missing,
        }),
      ),
      ...(open.length ? ["", t("score.notScoredBy", { count: open.length, departments: departments.join(", ") })] : []),
    ].join("\n"),
  );
}

/** A submitted self-assessment is read-only until the body returns it: said, and true. */
async function locked(ctx: MemberCtx, set: UnitCriteria): Promise<boolean> {
  const state = await assessmentState(ctx.deps.db, set.setId, ctx.unit);
  if (state?.status !== "SUBMITTED") return false;
  ctx.reply(
    ctx.t("score.locked", { date: displayDate(dayOf(state.submittedAt, ctx.deps.settings.tz)), owner: set.owner }),
  );
  return true;
}

/** `/chamdiem gui`: the unit's self-assessment, complete, to the body whose set it is. */
async function submit(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
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
async function unitsList(ctx: MemberCtx): Promise<void> {
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
  const sent = units.filter((u) => u.state?.status === "SUBMITTED").length;
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
async function giveBack(ctx: MemberCtx, args: string): Promise<void> {
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

/** `/chamdiem baocao`: the self-assessment report (.docx, Decree 30), as it stands. */
async function report(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
  const { t, deps } = ctx;
  if (ctx.member.role === "DEPT_HEAD") {
    ctx.reply(t("score.totalsForLeaders"));
    return;
  }
  const year = deps.settings.planYear;
  const { unitName, doc } = await loadDocument(deps.db, ctx.unit);
  const data = await selfAssessmentDocx(t, {
    unitName,
    doc,
    today: ctx.today,
    year,
    title: set.title,
    owner: set.owner,
    items: set.items,
  });
  const sum = scoreTotals(set.items.map((i) => ({ ...i, score: i.score?.value ?? null }))).total;
  ctx.reply({
    kind: "document",
    fileName: selfAssessmentFileName(year),
    data,
    caption: t("selfReport.caption", { year, scored: scoreText(sum.scored), max: scoreText(sum.max) }),
  });
}

/** "📎 B.I.1: 12/KH-TTYT" tapped under a criterion: that evidence goes with the score typed next. */
export async function scoreEvidenceButton(ctx: MemberCtx, index: number): Promise<void> {
  const pending = ctx.answering(SCORE);
  const chosen = pending?.proposals[index];
  if (!pending || !chosen) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  await ctx.ask(SCORE, { ...pending, chosen });
  ctx.reply(ctx.t("score.chosen", { ref: pending.ref, evidence: chosen }));
}

/**
 * `/chamdiem xephang`: the body sees its units ranked by the self-scores
 * sent (those not sent after), with the workbook; a unit sees its own rank
 * and the spread, not the other units.
 */
async function ranking(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
  const { t, deps } = ctx;
  const year = deps.settings.planYear;
  if (ctx.member.role === "DEPT_HEAD") {
    ctx.reply(t("score.totalsForLeaders"));
    return;
  }
  const own = set.owner === ctx.unit;
  const cards = await unitScoreCards(deps.db, own ? ctx.unit : set.owner, year);
  if (!cards || cards.units.length === 0) {
    ctx.reply(t("score.noUnits"));
    return;
  }
  const sent = cards.units.filter((u) => u.submitted);
  const ranked = rankBy(sent, (u) => u.total);
  const range = spread(sent.map((u) => u.total));
  if (!own) {
    const mine = ranked.find((r) => r.item.unit === ctx.unit);
    ctx.reply(
      mine && range
        ? t("ranking.mine", {
            rank: mine.rank,
            count: ranked.length,
            total: scoreText(mine.item.total),
            highest: scoreText(range.highest),
            lowest: scoreText(range.lowest),
            median: scoreText(range.median),
          })
        : t("ranking.mineNotSent"),
    );
    return;
  }
  const unsent = cards.units.filter((u) => !u.submitted);
  ctx.reply(
    [
      t("ranking.heading", { year, sent: sent.length, count: cards.units.length }),
      ...ranked.map((r) => t("ranking.line", { rank: r.rank, unit: r.item.unit, total: scoreText(r.item.total) })),
      ...(unsent.length ? [t("ranking.unsent", { units: unsent.map((u) => u.unit).join(", ") })] : []),
    ].join("\n"),
  );
  ctx.reply({
    kind: "document",
    fileName: `xep-hang-chi-so-cchc-${year}.xlsx`,
    data: await rankingXlsx(t, {
      year,
      owner: ctx.unit,
      areas: cards.areas,
      ranked: [...ranked, ...unsent.map((item) => ({ rank: 0, item }))],
    }),
  });
}

/** `/chamdiem xeploai`: each unit's year-end rating from the body's bands, and the document to sign. */
async function ratings(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
  const { t, deps } = ctx;
  const year = deps.settings.planYear;
  if (ctx.member.role === "DEPT_HEAD" || set.owner !== ctx.unit) {
    ctx.reply(t("rating.forTheBody"));
    return;
  }
  const cards = await unitScoreCards(deps.db, ctx.unit, year);
  if (!cards || cards.units.length === 0) {
    ctx.reply(t("score.noUnits"));
    return;
  }
  const bands = parseBands(rawSettings(await loadSettingsRows(deps.db, ctx.unit)).ratingBands)!;
  const max = cards.areas.reduce((n, a) => n + a.max, 0);
  const lines: RatingLine[] = rankBy(cards.units, (u) => (u.submitted ? u.total : -1)).map(({ item }) => {
    if (!item.submitted) return { unit: item.unit, score: null, percent: null, band: null };
    const r = rate(item.total, max, bands);
    return { unit: item.unit, score: item.total, percent: r.percent, band: r.band };
  });
  ctx.reply(
    [
      t("rating.heading", { year, bands: bands.map((b) => (b.min ? `${b.name} ≥ ${b.min}%` : b.name)).join("; ") }),
      ...lines.map((l) =>
        l.band
          ? t("rating.line", { unit: l.unit, score: scoreText(l.score!), percent: scoreText(l.percent!), band: l.band })
          : t("rating.lineNotSent", { unit: l.unit }),
      ),
    ].join("\n"),
  );
  const { unitName, doc } = await loadDocument(deps.db, ctx.unit);
  ctx.reply({
    kind: "document",
    fileName: `xep-loai-chi-so-cchc-${year}.docx`,
    data: await ratingDocx(t, { unitName, doc, today: ctx.today, year, max, lines }),
  });
}
