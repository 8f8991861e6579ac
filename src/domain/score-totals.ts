/**
 * A self-assessment added up: only the lines with none under them are
 * scored; an area's score is what its lines were given, out of what they
 * could be given, with how many are still unscored.
 */
export interface ScoredLine {
  ref: string;
  parentRef: string | null;
  depth: number;
  title: string;
  max: number;
  score: number | null;
}

export interface AreaTotal {
  ref: string;
  title: string;
  max: number;
  scored: number;
  missing: number;
}

/** The lines a person scores: those with no line under them. */
export function scoredLines<T extends Pick<ScoredLine, "ref" | "parentRef">>(lines: readonly T[]): T[] {
  const parents = new Set(lines.map((l) => l.parentRef).filter(Boolean));
  return lines.filter((l) => !parents.has(l.ref));
}

/** Each line's area: the line at the top of its chain of parents. */
export function areaRefs(lines: readonly Pick<ScoredLine, "ref" | "parentRef">[]): Map<string, string> {
  const byRef = new Map(lines.map((l) => [l.ref, l]));
  const out = new Map<string, string>();
  for (const l of lines) {
    let at = l;
    while (at.parentRef && byRef.has(at.parentRef)) at = byRef.get(at.parentRef)!;
    out.set(l.ref, at.ref);
  }
  return out;
}

export function scoreTotals(lines: readonly ScoredLine[]): { areas: AreaTotal[]; total: AreaTotal } {
  const areaOf = areaRefs(lines);
  const areas = new Map<string, AreaTotal>();
  for (const l of lines.filter((x) => x.parentRef === null))
    areas.set(l.ref, { ref: l.ref, title: l.title, max: l.max, scored: 0, missing: 0 });
  for (const l of scoredLines(lines)) {
    const area = areas.get(areaOf.get(l.ref)!)!;
    if (l.score === null) area.missing++;
    else area.scored += l.score;
  }
  const list = [...areas.values()];
  return {
    areas: list,
    total: {
      ref: "",
      title: "",
      max: list.reduce((n, a) => n + a.max, 0),
      scored: list.reduce((n, a) => n + a.scored, 0),
      missing: list.reduce((n, a) => n + a.missing, 0),
    },
  };
}
