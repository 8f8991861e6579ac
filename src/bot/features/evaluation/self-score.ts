/**
 * /chamdiem: the unit scores itself on the PAR index, criterion by criterion,
 * in chat. A head sees the criteria their department answers for; a leader
 * and the admin see all, and `/chamdiem tonghop` adds them up. A score is
 * checked against the criterion's maximum and its rule's steps; a score with
 * no evidence is asked for the explanation the national guidance requires.
 */
import { z } from "zod";
import { answeredBy, checkScore, proposeEvidence, scoreText } from "../../../domain/criteria.ts";
import { CB } from "../../../ui/callbacks.ts";
import { departmentKey } from "../../../domain/departments.ts";
import { MANAGERS } from "../../../domain/roles.ts";
import { scoredLines, scoreTotals } from "../../../domain/score-totals.ts";
import { codeMatches } from "../../../domain/status.ts";
import { fold } from "../../../domain/text.ts";
import type { Attachment } from "../../../messages/types.ts";
import { evidenceUpload } from "../evidence/evidence.ts";
import {
  addScoreFile,
  recordSelfScore,
  tasksWithEvidence,
  unitCriteria,
  type CriterionLine,
  type UnitCriteria,
} from "../../../store/evaluation/criteria.ts";
import { assignTo, giveBack, locked, setDeadline, submit, unitsList } from "./submission.ts";
import { evidencePack, ranking, ratings, report } from "./results.ts";
import { answer, appraisalResult, appraise, publish } from "./appraisal.ts";
import { departmentOf } from "../../../store/province/units.ts";
import { short } from "../../../ui/format.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";

const Scoring = z.object({
  ref: z.string(),
  /** The tasks' evidence offered for it ("B.I.1: 12/KH-TTYT (15/01/2026)"), and the one tapped. */
  proposals: z.array(z.string()).default([]),
  chosen: z.string().optional(),
  /** Files sent for it while the score is asked: the score's evidence when no words are typed. */
  files: z.array(z.string()).default([]),
});
const Explaining = z.object({ ref: z.string(), score: z.number() });

/** "Gõ điểm cho I.1.1": the answer is the score, then the evidence in words. */
export const SCORE: ConversationDef<z.infer<typeof Scoring>> = {
  kind: "score",
  schema: Scoring,
  roles: MANAGERS,
  textFirst: true,
  text: (ctx, p, text) => scoreAnswer(ctx, p.ref, text, [p.chosen, ...p.files].filter(Boolean).join("; ") || undefined),
  file: (ctx, p, attachment) => scoreFile(ctx, p, attachment),
};

/** A file sent while a criterion is open: kept for it, the score's evidence (now, or when typed). */
async function scoreFile(ctx: MemberCtx, p: z.infer<typeof Scoring>, attachment: Attachment): Promise<void> {
  const set = await unitCriteria(ctx.deps.db, ctx.unit, ctx.deps.settings.planYear);
  const item = set?.items.find((i) => i.ref === p.ref);
  if (!set || !item || (await locked(ctx, set))) return;
  const file = await evidenceUpload(ctx, attachment, `minh-chung-${p.ref}`, `anh-${p.ref}.jpg`, {
    wrongType: "evidence.wrongType",
    tooBig: "evidence.tooBig",
    failed: "evidence.downloadFailed",
  });
  if (!file) return;
  await addScoreFile(ctx.deps.db, {
    criterionId: item.id,
    unitName: ctx.unit,
    fileName: file.name,
    mime: file.mime,
    data: file.data,
    byId: ctx.member.staffId,
    now: ctx.now,
  });
  await ctx.ask(SCORE, { ...p, files: [...p.files, file.name] });
  ctx.reply(
    ctx.t(item.score ? "score.fileAdded" : "score.fileKept", {
      ref: p.ref,
      file: file.name,
      score: item.score ? scoreText(item.score.value) : "",
    }),
  );
}

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

/** `/chamdiem VERB …`: the year's close beyond scoring one criterion. */
const VERBS: Record<string, (ctx: MemberCtx, set: UnitCriteria, rest: string) => Promise<void>> = {
  tonghop: (ctx, set) => totals(ctx, set.items, set.title),
  gui: (ctx, set) => submit(ctx, set),
  han: (ctx, set, rest) => setDeadline(ctx, set, rest),
  giao: (ctx, set, rest) => assignTo(ctx, set, rest),
  donvi: (ctx) => unitsList(ctx),
  tralai: (ctx, _set, rest) => giveBack(ctx, rest),
  baocao: (ctx, set) => report(ctx, set),
  minhchung: (ctx, set, rest) => evidencePack(ctx, set, rest),
  xephang: (ctx, set) => ranking(ctx, set),
  xeploai: (ctx, set) => ratings(ctx, set),
  thamdinh: (ctx, set, rest) => appraise(ctx, set, rest),
  ketqua: (ctx, set) => appraisalResult(ctx, set),
  phanhoi: (ctx, set, rest) => answer(ctx, set, rest),
  congbo: (ctx, set) => publish(ctx, set),
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
  const action = Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
  if (action) return action(ctx, set, words.slice(1).join(" "));
  const item = await criterionFor(ctx, set.items, words[0]!);
  if (!item) return;
  if (await locked(ctx, set)) return;
  if (words.length === 1) {
    // What the plan's tasks already hold that may show it: one tap makes it the score's evidence.
    const tasks = await tasksWithEvidence(ctx.deps.db, ctx.unit, ctx.deps.settings.planYear);
    const proposals = proposeEvidence(item, tasks).map((x) => `${x.ref}: ${x.evidence}`);
    await ctx.ask(SCORE, { ref: item.ref, proposals, files: [] });
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
  return answeredBy(lines, key);
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
