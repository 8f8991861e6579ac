/**
 * What the year's self-scores give: the self-assessment report, the body's
 * ranking of its units (a unit its own rank and the spread), and the ratings
 * from the body's bands, each with the file to sign or keep.
 */
import { scoreText } from "../../../domain/criteria.ts";
import { rankBy, spread } from "../../../domain/ranking.ts";
import { parseBands, rate } from "../../../domain/rating.ts";
import { scoreTotals } from "../../../domain/score-totals.ts";
import { rawSettings } from "../../../domain/settings.ts";
import { loadDocument } from "../../../reports/data.ts";
import { rankingXlsx } from "../../../reports/ranking.ts";
import { ratingDocx, type RatingLine } from "../../../reports/rating.ts";
import { selfAssessmentDocx, selfAssessmentFileName } from "../../../reports/self-assessment.ts";
import { unitScoreCards, type UnitCriteria } from "../../../store/evaluation/criteria.ts";
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
  ctx.reply({
    kind: "document",
    fileName: `xep-hang-chi-so-cchc-${year}.xlsx`,
    data: await rankingXlsx(t, {
      year,
      owner: own ? ctx.unit : set.owner,
      areas: cards.areas,
      ranked: [...ranked, ...unsent.map((item) => ({ rank: 0, item }))],
    }),
  });
}

/** `/chamdiem xeploai`: each unit's year-end rating from the body's bands, and the document to sign. */
export async function ratings(ctx: MemberCtx, set: UnitCriteria): Promise<void> {
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
