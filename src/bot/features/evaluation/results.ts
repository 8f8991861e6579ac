/**
 * What the year's self-scores give: the self-assessment report, the body's
 * ranking of its units (a unit its own rank and the spread), and the ratings
 * from the body's bands, each with the file to sign or keep.
 */
import { answeredBy, scoreText } from "../../../domain/criteria.ts";
import { rankBy, spread } from "../../../domain/ranking.ts";
import { bandOf, blend, parseBands, shareOf } from "../../../domain/rating.ts";
import { onTimeRate } from "../../../domain/report.ts";
import { reportWindow, type ReportWindow } from "../../../domain/report-period.ts";
import { scoredLines } from "../../../domain/score-totals.ts";
import { departmentLines } from "../../../store/reports/report.ts";
import { departmentsOf } from "../../../store/province/units.ts";
import { provinceOf, unitLines, type Province } from "../province/province.ts";
import { scoreTotals } from "../../../domain/score-totals.ts";
import { evaluationSettings, rawSettings } from "../../../domain/settings.ts";
import { loadDocument } from "../../../reports/data.ts";
import { rankingDocx, rankingXlsx } from "../../../reports/ranking.ts";
import { ratingDocx, type RatingLine } from "../../../reports/rating.ts";
import { selfAssessmentDocx, selfAssessmentFileName } from "../../../reports/self-assessment.ts";
import { scoreFiles, unitScoreCards, type UnitCriteria } from "../../../store/evaluation/criteria.ts";
import { selfAssessmentXlsx, writeScorePack } from "../../../reports/score-pack.ts";
import { PassThrough } from "node:stream";
import { loadSettingsRows } from "../../../store/settings/settings.ts";
import type { MemberCtx } from "../../context.ts";

/** `/chamdiem baocao`: the self-assessment report (.docx, Decree 30), as it stands. */
export async function report(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
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
  const files = await scoreFiles(deps.db, { setId: set.setId, unitName: ctx.unit });
  const names = new Map<number, string[]>();
  for (const f of files) names.set(f.criterionId, [...(names.get(f.criterionId) ?? []), f.fileName]);
  ctx.reply({
    kind: "document",
    fileName: selfAssessmentFileName(year).replace(/\.docx$/, ".xlsx"),
    data: await selfAssessmentXlsx(t, { unit: unitName, year, title: set.title, items: set.items, files: names }),
    caption: t("selfReport.sheetCaption"),
  });
}

/** `/chamdiem minhchung [MÃ]`: the files sent for the criteria (or one), as a .zip with the score table. */
export async function evidencePack(ctx: MemberCtx, set: UnitCriteria, code: string): Promise<void> {
  const { t, deps } = ctx;
  const year = deps.settings.planYear;
  const item = code.trim() ? set.items.find((i) => i.ref.toUpperCase() === code.trim().toUpperCase()) : undefined;
  if (code.trim() && !item) {
    ctx.reply(t("score.noSuchCode", { code: code.trim() }));
    return;
  }
  const files = await scoreFiles(deps.db, {
    setId: set.setId,
    unitName: ctx.unit,
    ...(item ? { criterionId: item.id } : {}),
  });
  if (files.length === 0) {
    ctx.reply(item ? t("selfReport.packNone", { which: item.ref }) : t("selfReport.packNoneAll"));
    return;
  }
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (c: Buffer) => chunks.push(c));
  const { unitName } = await loadDocument(deps.db, ctx.unit);
  const count = await writeScorePack(
    deps.db,
    t,
    { unit: unitName, year, title: set.title, items: set.items, files },
    sink,
  );
  ctx.reply({
    kind: "document",
    fileName: `minh-chung-tu-cham-${year}${item ? `-${item.ref}` : ""}.zip`,
    data: Buffer.concat(chunks),
    caption: t("selfReport.packCaption", { year, files: count, which: item ? ` — ${item.ref}` : "" }),
  });
}

/**
 * `/chamdiem xephang`: the body sees its units ranked by the self-scores
 * sent (those not sent after), with the workbook; a unit sees its own rank
 * and the spread, not the other units.
 */
export async function ranking(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
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
  // Until the body publishes it, a unit sees where it stands, not the others.
  if (!own && !cards.published) {
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
      ...ranked.map((r) =>
        t(r.item.final ? "ranking.lineFinal" : "ranking.line", {
          rank: r.rank,
          unit: r.item.unit,
          total: scoreText(r.item.total),
        }),
      ),
      ...(unsent.length ? [t("ranking.unsent", { units: unsent.map((u) => u.unit).join(", ") })] : []),
    ].join("\n"),
  );
  const all = [...ranked, ...unsent.map((item) => ({ rank: 0, item }))];
  ctx.reply({
    kind: "document",
    fileName: `xep-hang-chi-so-cchc-${year}.xlsx`,
    data: await rankingXlsx(t, {
      year,
      owner: own ? ctx.unit : set.owner,
      areas: cards.areas,
      ranked: all,
    }),
  });
  const { unitName, doc } = await loadDocument(deps.db, own ? ctx.unit : set.owner);
  ctx.reply({
    kind: "document",
    fileName: `xep-hang-chi-so-cchc-${year}.docx`,
    data: await rankingDocx(t, { unitName, doc, today: ctx.today, year, areas: cards.areas, ranked: all }),
  });
}

/** The year's tasks that fell due by today: what the on-time rate of a rating counts. */
function yearSoFar(ctx: MemberCtx): ReportWindow {
  const w = reportWindow("year", ctx.deps.settings.planYear);
  return { ...w, dueTo: ctx.today < w.dueTo ? ctx.today : w.dueTo };
}

/**
 * `/chamdiem xeploai`: a Sở rates its units, a unit its departments, from the
 * body's bands on the share of the score (final after appraisal where fixed),
 * with the on-time rate of the year's tasks weighed in where the body chose
 * to; in chat and as the document to sign.
 */
export async function ratings(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
  const { t, deps } = ctx;
  const year = deps.settings.planYear;
  if (ctx.member.role === "DEPT_HEAD") {
    ctx.reply(t("rating.forTheBody"));
    return;
  }
  const stored = await loadSettingsRows(deps.db, ctx.unit);
  const bands = parseBands(rawSettings(stored).ratingBands)!;
  const weight = evaluationSettings(stored).ratingOnTimeWeight;
  const province = await provinceOf(ctx);
  const rated = province ? await unitRatings(ctx, set, province, weight) : await departmentRatings(ctx, set, weight);
  if (!rated) return;
  const lines: RatingLine[] = rated.lines.map((l) => {
    const percent = blend(l.share, l.onTime, weight);
    return { ...l, percent, band: percent === null ? null : bandOf(percent, bands) };
  });
  lines.sort((a, b) => (b.percent ?? -1) - (a.percent ?? -1));
  const of = province ? "units" : "departments";
  ctx.reply(
    [
      heading(
        t(province ? "rating.heading" : "rating.headingDepartments", {
          year,
          bands: bands.map((b) => (b.min ? `${b.name} ≥ ${b.min}%` : b.name)).join("; "),
        }),
        weight ? t("rating.weighedShort", { weight }) : "",
      ),
      ...lines.map((l) =>
        l.band
          ? t(weight ? "rating.lineOnTime" : "rating.line", {
              unit: l.unit,
              score: l.score === null ? "—" : scoreText(l.score),
              onTime: l.onTime === null ? "—" : `${scoreText(l.onTime)}%`,
              percent: scoreText(l.percent!),
              band: l.band,
            })
          : t(province ? "rating.lineNotSent" : l.open ? "rating.lineOpen" : "rating.lineNoCriteria", {
              unit: l.unit,
              count: l.open ?? 0,
            }),
      ),
    ].join("\n"),
  );
  const { unitName, doc } = await loadDocument(deps.db, ctx.unit);
  ctx.reply({
    kind: "document",
    fileName: `xep-loai-${province ? "don-vi" : "khoa-phong"}-cchc-${year}.docx`,
    data: await ratingDocx(t, {
      unitName,
      doc,
      today: ctx.today,
      year,
      max: rated.max,
      lines,
      of,
      onTimeWeight: weight,
    }),
  });
}

/** "… (mức: …):" with what else it says before its colon. */
const heading = (text: string, more: string) => (more ? `${text.replace(/:$/, "")} ${more}:` : text);

type Rated = {
  unit: string;
  score: number | null;
  share: number | null;
  onTime: number | null;
  /** A department's criteria not scored yet. */
  open?: number;
};

/** The body's units, by the scores against its set and their year's on-time rate. */
async function unitRatings(
  ctx: MemberCtx,
  set: UnitCriteria,
  province: Province,
  weight: number,
): Promise<{ max: number; lines: Rated[] } | null> {
  const { t, deps } = ctx;
  const cards = set.owner === ctx.unit ? await unitScoreCards(deps.db, ctx.unit, deps.settings.planYear) : null;
  if (!cards || cards.units.length === 0) {
    ctx.reply(t(cards ? "score.noUnits" : "rating.forTheBody"));
    return null;
  }
  const max = cards.areas.reduce((n, a) => n + a.max, 0);
  const rates = weight ? await unitLines(ctx, yearSoFar(ctx), province) : [];
  return {
    max,
    lines: cards.units.map((u) => {
      const line = rates.find((l) => l.department === u.unit);
      return {
        unit: u.unit,
        score: u.submitted ? u.total : null,
        share: u.submitted ? shareOf(u.total, max) : null,
        // Only a unit that sent its self-assessment is rated at all.
        onTime: u.submitted && line ? onTimeRate(line) : null,
      };
    }),
  };
}

/** The unit's departments, by the criteria each answers for and their year's on-time rate. */
async function departmentRatings(
  ctx: MemberCtx,
  set: UnitCriteria,
  weight: number,
): Promise<{ max: number; lines: Rated[] }> {
  const { deps } = ctx;
  const departments = await departmentsOf(deps.db, ctx.unit);
  const leaves = scoredLines(set.items);
  const rates = weight
    ? await departmentLines(deps.db, {
        unitName: ctx.unit,
        window: yearSoFar(ctx),
        today: ctx.today,
        tz: deps.settings.tz,
      })
    : [];
  const lines = departments.map((d) => {
    const own = answeredBy(leaves, d.key);
    const max = own.reduce((n, l) => n + l.max, 0);
    const score = own.reduce((n, l) => n + (l.score?.appraised ?? l.score?.value ?? 0), 0);
    const line = rates.find((l) => l.departmentId === d.id);
    // A department with criteria still unscored is not rated on a score it has not given.
    const open = own.filter((l) => !l.score).length;
    return {
      unit: d.name,
      score: max && !open ? score : null,
      share: max && !open ? shareOf(score, max) : null,
      onTime: line ? onTimeRate(line) : null,
      open,
    };
  });
  return {
    max: leaves.reduce((n, l) => n + l.max, 0),
    lines: lines.filter((l) => l.share !== null || l.onTime !== null || l.open > 0),
  };
}
