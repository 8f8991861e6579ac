/**
 * A body's criteria set for the year and the self-scores against it: a Sở's
 * set is the one its units score themselves by; a unit with no Sở's set in
 * the bot scores by its own. Each criterion answers to a department, matched
 * by name in the scoring unit.
 */
import { departmentKey, namesDepartment } from "../../domain/departments.ts";
import type { CriteriaDraft, CriterionDraft } from "../../domain/tables/criteria.ts";
import { answeredBy } from "../../domain/criteria.ts";
import { areaRefs, scoredLines } from "../../domain/score-totals.ts";
import { evidenceLabel } from "../../domain/evidence.ts";
import type { Db } from "../db/db.ts";
import { keepAsReal } from "../plan/demo.ts";
import { ensureUnitId, findUnitId } from "../province/units.ts";
import { currentEvidenceOf, keepBytes } from "../evidence/evidence.ts";
import { plansOfYear } from "../plan/years.ts";

export interface SaveCriteriaResult {
  criteria: number;
  /** Of the scores already given, those kept because their criterion is still in the set. */
  scoresKept: number;
}

/** The set replaces the year's set of the body; scores stay with criteria whose code stays. */
export async function saveCriteriaSet(
  db: Db,
  input: { unitName: string; year: number; title: string; sourceFile: string; draft: CriteriaDraft; now: Date },
): Promise<SaveCriteriaResult> {
  return db.$transaction(async (tx) => {
    await keepAsReal(tx);
    const unitId = await ensureUnitId(tx, input.unitName);
    const set = await tx.criteriaSet.upsert({
      where: { unitId_year: { unitId, year: input.year } },
      create: { unitId, year: input.year, title: input.title, sourceFile: input.sourceFile, createdAt: input.now },
      update: { title: input.title, sourceFile: input.sourceFile },
    });
    const departments = await tx.department.findMany({ where: { unitId }, select: { id: true, key: true } });
    const departmentFor = (text: string) => {
      const key = departmentKey(text);
      return (departments.find((d) => d.key === key) ?? departments.find((d) => namesDepartment(key, d.key)))?.id;
    };
    const refs = input.draft.items.map((i) => i.ref);
    await tx.criterion.deleteMany({ where: { setId: set.id, ref: { notIn: refs } } });
    for (const item of input.draft.items) {
      const data = {
        code: item.code,
        parentRef: item.parentRef,
        depth: item.depth,
        title: item.title,
        maxScore: item.max,
        rule: item.rule,
        steps: JSON.stringify(item.steps),
        evidence: item.evidence,
        departmentText: item.department,
        departmentId: item.department ? (departmentFor(item.department) ?? null) : null,
        position: item.position,
      };
      await tx.criterion.upsert({
        where: { setId_ref: { setId: set.id, ref: item.ref } },
        create: { setId: set.id, ref: item.ref, ...data },
        update: data,
      });
    }
    const scoresKept = await tx.selfScore.count({ where: { criterion: { setId: set.id } } });
    return { criteria: input.draft.items.length, scoresKept };
  });
}

/** A criterion as stored: what its line in the file said, with this unit's score. */
export interface CriterionLine extends Omit<CriterionDraft, "row" | "position"> {
  id: number;
  /** This unit's own score, when given, and the body's appraisal of it. */
  score: {
    value: number;
    evidence: string | null;
    explanation: string | null;
    byId: number;
    at: Date;
    /** The body's own score, when it set one, and why; the unit's one answer. */
    appraised: number | null;
    appraisalReason: string | null;
    answer: string | null;
  } | null;
}

export interface UnitCriteria {
  setId: number;
  title: string;
  /** The body whose set it is: the unit's Sở, or the unit itself. */
  owner: string;
  items: CriterionLine[];
}

/** The set a unit scores itself by this year (its Sở's, else its own), with the unit's scores. */
export async function unitCriteria(db: Db, unitName: string, year: number): Promise<UnitCriteria | null> {
  const unit = await db.unit.findFirst({
    where: { name: unitName },
    select: { id: true, parent: { select: { id: true, name: true } } },
  });
  if (!unit) return null;
  const owners = [unit.parent, { id: unit.id, name: unitName }].filter((u): u is { id: number; name: string } => !!u);
  for (const owner of owners) {
    const set = await db.criteriaSet.findUnique({
      where: { unitId_year: { unitId: owner.id, year } },
      select: {
        id: true,
        title: true,
        criteria: {
          orderBy: { position: "asc" },
          include: { scores: { where: { unitId: unit.id } } },
        },
      },
    });
    if (!set) continue;
    return {
      setId: set.id,
      title: set.title,
      owner: owner.name,
      items: set.criteria.map((c) => {
        const s = c.scores[0];
        return {
          id: c.id,
          ref: c.ref,
          code: c.code,
          parentRef: c.parentRef,
          depth: c.depth,
          title: c.title,
          max: c.maxScore,
          rule: c.rule,
          steps: JSON.parse(c.steps) as number[],
          evidence: c.evidence,
          department: c.departmentText,
          score: s
            ? {
                value: s.score,
                evidence: s.evidence,
                explanation: s.explanation,
                byId: s.byId,
                at: s.at,
                appraised: s.appraised,
                appraisalReason: s.appraisalReason,
                answer: s.answer,
              }
            : null,
        };
      }),
    };
  }
  return null;
}

/** A unit's score for one criterion, replacing what it gave before. */
export async function recordSelfScore(
  db: Db,
  input: {
    criterionId: number;
    unitName: string;
    score: number;
    evidence: string | null;
    explanation: string | null;
    byId: number;
    now: Date;
  },
): Promise<void> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const data = {
    score: input.score,
    evidence: input.evidence,
    explanation: input.explanation,
    byId: input.byId,
    at: input.now,
  };
  await db.selfScore.upsert({
    where: { criterionId_unitId: { criterionId: input.criterionId, unitId } },
    create: { criterionId: input.criterionId, unitId, ...data },
    update: data,
  });
}

export type AssessmentStatus = "SUBMITTED" | "RETURNED" | "APPRAISED" | "FINAL";
const STATUSES: readonly AssessmentStatus[] = ["SUBMITTED", "RETURNED", "APPRAISED", "FINAL"];
/** Sent and not returned: read-only for the unit, counted by the body. */
export const IN_HAND: readonly AssessmentStatus[] = ["SUBMITTED", "APPRAISED", "FINAL"];

export interface AssessmentState {
  status: AssessmentStatus;
  submittedAt: Date;
  total: number;
  returnReason: string | null;
  /** "YYYY-MM-DD": the unit answers the appraisal until then. */
  answerBy: string | null;
  finalTotal: number | null;
}

/** Where the unit's self-assessment against the set stands; null while it was never submitted. */
export async function assessmentState(db: Db, setId: number, unitName: string): Promise<AssessmentState | null> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const a = await db.selfAssessment.findUnique({ where: { setId_unitId: { setId, unitId } } });
  return a ? stateOf(a) : null;
}

function stateOf(a: {
  status: string;
  submittedAt: Date;
  total: number;
  returnReason: string | null;
  answerBy: string | null;
  finalTotal: number | null;
}): AssessmentState {
  return {
    status: STATUSES.find((s) => s === a.status) ?? "SUBMITTED",
    submittedAt: a.submittedAt,
    total: a.total,
    returnReason: a.returnReason,
    answerBy: a.answerBy,
    finalTotal: a.finalTotal,
  };
}

/** The unit sends its self-assessment to the body whose set it is; a returned one may be sent again. */
export async function submitAssessment(
  db: Db,
  input: { setId: number; unitName: string; total: number; byId: number; now: Date },
): Promise<void> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const data = {
    status: "SUBMITTED",
    submittedAt: input.now,
    submittedById: input.byId,
    total: input.total,
    returnedAt: null,
    returnedById: null,
    returnReason: null,
    appraisedAt: null,
    answerBy: null,
    finalAt: null,
    finalById: null,
    finalTotal: null,
  };
  await db.selfAssessment.upsert({
    where: { setId_unitId: { setId: input.setId, unitId } },
    create: { setId: input.setId, unitId, ...data },
    update: data,
  });
}

/**
 * The body returns a unit's submitted self-assessment with its reason: the
 * unit may score again and send it anew. "notSubmitted" when there is none to return.
 */
export async function returnAssessment(
  db: Db,
  input: { ownerName: string; year: number; unitName: string; reason: string; byId: number; now: Date },
): Promise<"returned" | "notSubmitted"> {
  const [ownerId, unitId] = await Promise.all([findUnitId(db, input.ownerName), findUnitId(db, input.unitName)]);
  const { count } = await db.selfAssessment.updateMany({
    where: { unitId: unitId ?? -1, status: "SUBMITTED", set: { unitId: ownerId ?? -1, year: input.year } },
    data: { status: "RETURNED", returnedAt: input.now, returnedById: input.byId, returnReason: input.reason },
  });
  return count ? "returned" : "notSubmitted";
}

/** The units below a body and their self-assessments against its set, for its list. */
export async function unitAssessments(
  db: Db,
  ownerName: string,
  year: number,
): Promise<{ unit: string; state: AssessmentState | null }[]> {
  const owner = await db.unit.findFirst({
    where: { name: ownerName },
    select: {
      children: { select: { id: true, name: true }, orderBy: { name: "asc" } },
      criteriaSets: { where: { year }, select: { id: true } },
    },
  });
  const setId = owner?.criteriaSets[0]?.id;
  if (!owner || setId === undefined) return [];
  // One read for all the units, not one a unit.
  const rows = await db.selfAssessment.findMany({ where: { setId } });
  const byUnit = new Map(rows.map((a) => [a.unitId, stateOf(a)]));
  return owner.children.map((c) => ({ unit: c.name, state: byUnit.get(c.id) ?? null }));
}

/** The year's plan tasks of the unit with their current evidence (as the reports show it), for a criterion to point to. */
export async function tasksWithEvidence(
  db: Db,
  unitName: string,
  year: number,
): Promise<{ ref: string; content: string; product: string; evidence: string }[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const shares = await db.assignment.findMany({
    where: {
      status: "DONE",
      evidence: { some: {} },
      occurrence: { removedAt: null, task: { removedAt: null, plan: { unitId, ...plansOfYear(year) } } },
    },
    select: { id: true, occurrence: { select: { task: { select: { ref: true, content: true, product: true } } } } },
  });
  const items = await currentEvidenceOf(
    db,
    shares.map((a) => a.id),
  );
  const byTask = new Map<string, { ref: string; content: string; product: string; evidence: string[] }>();
  for (const a of shares) {
    const texts = items
      .filter((e) => e.assignmentId === a.id && !e.skipped)
      .map((e) => evidenceLabel(e) ?? e.reference)
      .filter((x): x is string => Boolean(x));
    if (!texts.length) continue;
    const task = a.occurrence.task;
    const entry = byTask.get(task.ref) ?? {
      ref: task.ref,
      content: task.content,
      product: task.product ?? "",
      evidence: [],
    };
    entry.evidence.push(...texts);
    byTask.set(task.ref, entry);
  }
  return [...byTask.values()].map((x) => ({ ...x, evidence: [...new Set(x.evidence)].join("; ") }));
}

export interface UnitScoreCard {
  unit: string;
  submitted: boolean;
  /** Its scores are the body's final ones; otherwise its own. */
  final: boolean;
  total: number;
  /** Per area ref: the unit's score. */
  areas: Map<string, number>;
}

/**
 * Every unit below the body with its self-score against the body's set, in
 * all and per area, in three queries whatever the number of units: what the
 * ranking and its workbook read.
 */
export async function unitScoreCards(
  db: Db,
  ownerName: string,
  year: number,
): Promise<{
  areas: { ref: string; title: string; max: number }[];
  units: UnitScoreCard[];
  /** The body let every unit see the whole ranking. */
  published: boolean;
} | null> {
  const owner = await db.unit.findFirst({
    where: { name: ownerName },
    select: {
      children: { select: { id: true, name: true } },
      criteriaSets: { where: { year }, select: { id: true, publishedAt: true } },
    },
  });
  const setId = owner?.criteriaSets[0]?.id;
  if (!owner || setId === undefined) return null;
  const [criteria, scores, sent] = await Promise.all([
    db.criterion.findMany({
      where: { setId },
      select: { id: true, ref: true, parentRef: true, title: true, maxScore: true },
      orderBy: { position: "asc" },
    }),
    db.selfScore.findMany({
      where: { criterion: { setId } },
      select: { criterionId: true, unitId: true, score: true, appraised: true },
    }),
    db.selfAssessment.findMany({
      where: { setId, status: { in: [...IN_HAND] } },
      select: { unitId: true, status: true },
    }),
  ]);
  const areaOfRef = areaRefs(criteria);
  const areaOf = new Map(criteria.map((c) => [c.id, areaOfRef.get(c.ref)!]));
  const status = new Map(sent.map((s) => [s.unitId, s.status]));
  const cards = new Map(
    owner.children.map((u) => [
      u.id,
      {
        unit: u.name,
        submitted: status.has(u.id),
        final: status.get(u.id) === "FINAL",
        total: 0,
        areas: new Map<string, number>(),
      },
    ]),
  );
  for (const s of scores) {
    const card = cards.get(s.unitId);
    const area = areaOf.get(s.criterionId);
    if (!card || !area) continue;
    const value = card.final ? (s.appraised ?? s.score) : s.score;
    card.total += value;
    card.areas.set(area, (card.areas.get(area) ?? 0) + value);
  }
  return {
    areas: criteria.filter((c) => c.parentRef === null).map((c) => ({ ref: c.ref, title: c.title, max: c.maxScore })),
    units: [...cards.values()],
    published: owner.criteriaSets[0]!.publishedAt !== null,
  };
}

/** The day scores against the set are due ("YYYY-MM-DD"). */
export async function setCriteriaDeadline(db: Db, setId: number, deadline: string): Promise<void> {
  await db.criteriaSet.update({ where: { id: setId }, data: { deadline } });
}

export interface CriteriaHolder {
  staffId: number;
  unit: string;
  /** The criteria of their department not scored yet. */
  refs: string[];
}

/**
 * Who has criteria of the set still to score: in each unit that scores by it
 * (the body's units, or the body itself when it has none) and has not sent
 * its self-assessment, the heads of the departments the criteria name.
 */
export async function criteriaHolders(db: Db, setId: number): Promise<CriteriaHolder[]> {
  const set = await db.criteriaSet.findUnique({
    where: { id: setId },
    select: {
      unit: { select: { id: true, name: true, children: { select: { id: true, name: true } } } },
      criteria: {
        select: { id: true, ref: true, parentRef: true, departmentText: true },
        orderBy: { position: "asc" },
      },
      assessments: { where: { status: { in: [...IN_HAND] } }, select: { unitId: true } },
    },
  });
  if (!set) return [];
  const leaves = scoredLines(set.criteria).map((c) => ({ ...c, department: c.departmentText }));
  const sent = new Set(set.assessments.map((a) => a.unitId));
  const scoring = (set.unit.children.length ? set.unit.children : [set.unit]).filter((u) => !sent.has(u.id));
  const unitIds = scoring.map((u) => u.id);
  const [heads, scored] = await Promise.all([
    db.staff.findMany({
      where: { unitId: { in: unitIds }, role: "DEPT_HEAD", active: true, departmentId: { not: null } },
      select: { id: true, unitId: true, department: { select: { key: true } } },
    }),
    db.selfScore.findMany({
      where: { unitId: { in: unitIds }, criterion: { setId } },
      select: { unitId: true, criterionId: true },
    }),
  ]);
  const done = new Set(scored.map((s) => `${s.unitId}:${s.criterionId}`));
  const out: CriteriaHolder[] = [];
  for (const unit of scoring) {
    for (const head of heads.filter((h) => h.unitId === unit.id)) {
      const refs = answeredBy(leaves, head.department!.key)
        .filter((c) => !done.has(`${unit.id}:${c.id}`))
        .map((c) => c.ref);
      if (refs.length) out.push({ staffId: head.id, unit: unit.name, refs });
    }
  }
  return out;
}

/** The sets whose scoring deadline is today or later, with the body that set it. */
export async function openDeadlines(
  db: Db,
  today: string,
): Promise<{ setId: number; owner: string; deadline: string; year: number }[]> {
  const sets = await db.criteriaSet.findMany({
    where: { deadline: { gte: today } },
    select: { id: true, deadline: true, year: true, unit: { select: { name: true } } },
  });
  return sets.map((s) => ({ setId: s.id, owner: s.unit.name, deadline: s.deadline!, year: s.year }));
}

/**
 * A file the unit sent for a criterion: kept once whatever the number of
 * times it is sent, and named in the score's evidence when it is scored
 * already. Returns whether the bytes were new.
 */
export async function addScoreFile(
  db: Db,
  input: {
    criterionId: number;
    unitName: string;
    fileName: string;
    mime: string;
    data: Buffer;
    byId: number;
    now: Date;
  },
): Promise<{ stored: boolean }> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  return db.$transaction(async (tx) => {
    const file = await keepBytes(tx, { mime: input.mime, data: input.data, now: input.now });
    await tx.scoreFile.create({
      data: {
        criterionId: input.criterionId,
        unitId,
        fileId: file.id,
        fileName: input.fileName,
        staffId: input.byId,
        createdAt: input.now,
      },
    });
    const score = await tx.selfScore.findUnique({
      where: { criterionId_unitId: { criterionId: input.criterionId, unitId } },
      select: { evidence: true },
    });
    if (score && !(score.evidence ?? "").includes(input.fileName))
      await tx.selfScore.update({
        where: { criterionId_unitId: { criterionId: input.criterionId, unitId } },
        data: { evidence: [score.evidence, input.fileName].filter(Boolean).join("; ") },
      });
    return { stored: file.stored };
  });
}

export interface ScoreFileItem {
  criterionId: number;
  fileId: number;
  fileName: string;
  createdAt: Date;
}

/** The files the unit sent for the set's criteria (one criterion's, when given), oldest first. */
export async function scoreFiles(
  db: Db,
  input: { setId: number; unitName: string; criterionId?: number },
): Promise<ScoreFileItem[]> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  return db.scoreFile.findMany({
    where: {
      unitId,
      criterion: { setId: input.setId },
      ...(input.criterionId === undefined ? {} : { criterionId: input.criterionId }),
    },
    select: { criterionId: true, fileId: true, fileName: true, createdAt: true },
    orderBy: { id: "asc" },
  });
}

/**
 * The admin gives a criterion to a department by name: matched in the body
 * and in each unit that scores by its set. Returns how many departments the
 * name matched (0: nothing written).
 */
export async function assignCriterion(
  db: Db,
  input: { setId: number; ref: string; departmentText: string },
): Promise<number> {
  const set = await db.criteriaSet.findUnique({
    where: { id: input.setId },
    select: { unitId: true, unit: { select: { children: { select: { id: true } } } } },
  });
  if (!set) return 0;
  const key = departmentKey(input.departmentText);
  const departments = await db.department.findMany({
    where: { unitId: { in: [set.unitId, ...set.unit.children.map((c) => c.id)] } },
    select: { id: true, key: true, unitId: true },
  });
  const matched = departments.filter((d) => namesDepartment(key, d.key));
  if (matched.length === 0) return 0;
  await db.criterion.update({
    where: { setId_ref: { setId: input.setId, ref: input.ref } },
    data: {
      departmentText: input.departmentText,
      departmentId: matched.find((d) => d.unitId === set.unitId)?.id ?? null,
    },
  });
  return matched.length;
}
