/**
 * Units ranked by their PAR index score: the highest first, equal scores
 * sharing a rank ("1, 2, 2, 4"), and the spread a unit is shown when it may
 * not see the others (highest, lowest, median).
 */
export interface Ranked<T> {
  rank: number;
  item: T;
}

export function rankBy<T>(items: readonly T[], score: (item: T) => number): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => score(b) - score(a));
  const out: Ranked<T>[] = [];
  sorted.forEach((item, i) => {
    const previous = out[i - 1];
    const tied = previous && Math.abs(score(previous.item) - score(item)) < 1e-9;
    out.push({ rank: tied ? previous.rank : i + 1, item });
  });
  return out;
}

export function spread(scores: readonly number[]): { highest: number; lowest: number; median: number } | null {
  if (scores.length === 0) return null;
  const s = [...scores].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return {
    highest: s[s.length - 1]!,
    lowest: s[0]!,
    median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2,
  };
}
