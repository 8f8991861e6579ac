/**
 * The year-end rating document (xếp loại) a body signs: each unit below it
 * (or each department of a unit) with its score, its share of the maximum,
 * the on-time rate where it is weighed in, and its rating, in the Decree 30
 * layout of the other documents.
 */
import { scoreText } from "../domain/criteria.ts";
import type { Translate } from "../i18n.ts";
import { tableDocument, type ReportDocumentSettings } from "./decree30.ts";

export interface RatingLine {
  /** The unit, or the department when a unit rates its own. */
  unit: string;
  score: number | null;
  /** The share the rating reads (the score's, blended with the on-time rate when weighed in). */
  percent: number | null;
  /** The on-time rate of the year's tasks, when the body weighs it in. */
  onTime: number | null;
  band: string | null;
  /** A department's criteria not scored yet: why it is not rated. */
  open?: number;
}

export async function ratingDocx(
  t: Translate,
  d: {
    unitName: string;
    doc: ReportDocumentSettings;
    today: string;
    year: number;
    max: number;
    lines: RatingLine[];
    /** Whom it rates: the units below the body, or the unit's own departments. */
    of: "units" | "departments";
    /** The on-time rate's weight (%), 0 when the score alone rates. */
    onTimeWeight: number;
  },
): Promise<Buffer> {
  const withOnTime = d.onTimeWeight > 0;
  const percent = (n: number | null) => (n === null ? "—" : `${scoreText(n)}%`);
  const keys = withOnTime
    ? (["n", d.of, "score", "onTime", "blended", "band"] as const)
    : (["n", d.of, "score", "percent", "band"] as const);
  return tableDocument(t, {
    unitName: d.unitName,
    doc: d.doc,
    today: d.today,
    title: t("rating.docTitle"),
    subtitle: t(`rating.docSubtitle.${d.of}`, { year: d.year }),
    intro: [
      t(`rating.intro.${d.of}`, { year: d.year }),
      ...(withOnTime ? [t("rating.weighed", { weight: d.onTimeWeight })] : []),
    ],
    widths: withOnTime ? [12, 62, 22, 22, 22, 25] : [12, 78, 22, 22, 31],
    header: keys.map((k) => t(`rating.columns.${k}`, { max: scoreText(d.max), weight: d.onTimeWeight })),
    rows: d.lines.map((l, i) => ({
      cells: [
        String(i + 1),
        l.unit,
        l.score === null ? "—" : scoreText(l.score),
        ...(withOnTime ? [percent(l.onTime)] : []),
        percent(l.percent),
        l.band ?? t(`rating.notRated.${d.of}`),
      ],
      bold: l.band === null ? [] : [keys.length - 1],
    })),
    left: [1],
    size: 24,
  });
}
