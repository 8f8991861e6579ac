/**
 * The body's appraisal (thẩm định) of a unit's submitted self-assessment:
 * its own score where it differs, with the reason; the changes sent to the
 * unit, which answers each once until a day; then the final scores fixed.
 */
import type { Db } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";

async function scoreRow(db: Db, criterionId: number, unitName: string) {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  return { criterionId_unitId: { criterionId, unitId } };
}

/** The body's score for one criterion of the unit; the unit's own score given back clears it. */
export async function appraiseScore(
  db: Db,
  input: {
    criterionId: number;
    unitName: string;
    score: number | null;
    reason: string | null;
    byId: number;
    now: Date;
  },
): Promise<void> {
  await db.selfScore.update({
    where: await scoreRow(db, input.criterionId, input.unitName),
    data: {
      appraised: input.score,
      appraisalReason: input.reason,
      appraisedById: input.byId,
      appraisedAt: input.now,
      // A new score deserves a new answer.
      answer: null,
      answeredAt: null,
      answeredById: null,
    },
  });
}

/** The changes go to the unit, which may answer until `answerBy`. "notInHand" when it is not submitted or already fixed. */
export async function sendAppraisal(
  db: Db,
  input: { setId: number; unitName: string; answerBy: string; now: Date },
): Promise<"sent" | "notInHand"> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const { count } = await db.selfAssessment.updateMany({
    where: { setId: input.setId, unitId, status: { in: ["SUBMITTED", "APPRAISED"] } },
    data: { status: "APPRAISED", appraisedAt: input.now, answerBy: input.answerBy },
  });
  return count ? "sent" : "notInHand";
}

/** The unit's one answer to the body's score of a criterion: false when it answered already. */
export async function answerAppraisal(
  db: Db,
  input: { criterionId: number; unitName: string; text: string; byId: number; now: Date },
): Promise<boolean> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  const { count } = await db.selfScore.updateMany({
    where: { criterionId: input.criterionId, unitId, answer: null, appraised: { not: null } },
    data: { answer: input.text, answeredAt: input.now, answeredById: input.byId },
  });
  return count > 0;
}

/** The final scores: the body's where it set one, the unit's own elsewhere; returns the total. */
export async function finalizeAssessment(
  db: Db,
  input: { setId: number; unitName: string; byId: number; now: Date },
): Promise<number> {
  const unitId = (await findUnitId(db, input.unitName)) ?? -1;
  return db.$transaction(async (tx) => {
    const scores = await tx.selfScore.findMany({
      where: { unitId, criterion: { setId: input.setId } },
      select: { score: true, appraised: true },
    });
    const total = scores.reduce((n, s) => n + (s.appraised ?? s.score), 0);
    await tx.selfAssessment.update({
      where: { setId_unitId: { setId: input.setId, unitId } },
      data: { status: "FINAL", finalAt: input.now, finalById: input.byId, finalTotal: total },
    });
    return total;
  });
}

/** Every unit may see the whole ranking of the body's set from now on. */
export async function publishRanking(db: Db, setId: number, now: Date): Promise<void> {
  await db.criteriaSet.update({ where: { id: setId }, data: { publishedAt: now } });
}
