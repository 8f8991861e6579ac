/**
 * The PAR index's scoring rules (bộ tiêu chí Chỉ số CCHC): what a score may
 * be for one criterion, read from the text of its rule. A rule with steps
 * ("100%: 1; 80–<100%: 0,5; <80%: 0") takes only those scores; one without
 * takes any score from 0 to the maximum.
 */
import { parseNumber } from "./indicator.ts";
import { departmentKey, namesDepartment } from "./departments.ts";
import { words } from "./text.ts";

/** The scores a rule names after ":" ("…: 1; …: 0,5; …: 0"), each at most `max`, highest first; empty when it names none. */
export function scoreSteps(rule: string, max: number): number[] {
  const found = [...rule.matchAll(/:\s*(\d+(?:[.,]\d+)?)(?=\s*(?:điểm|đ\b|;|$|\n|\)))/giu)]
    .map((m) => parseNumber(m[1]!))
    .filter((n): n is number => n !== null && n <= max);
  return [...new Set(found)].sort((a, b) => b - a);
}

export type ScoreCheck =
  | { ok: true; score: number }
  | { ok: false; reason: "notNumber" | "aboveMax" | "belowZero" | "notStep"; steps: number[] };

/** A score as typed ("0,5", "1", "2.25") against the criterion's maximum and its rule's steps. */
export function checkScore(raw: string, criterion: { max: number; steps: readonly number[] }): ScoreCheck {
  const steps = [...criterion.steps];
  const text = raw.trim();
  const score = /^-/.test(text) ? -(parseNumber(text.slice(1)) ?? Number.NaN) : parseNumber(text);
  if (score === null || Number.isNaN(score)) return { ok: false, reason: "notNumber", steps };
  if (score < 0) return { ok: false, reason: "belowZero", steps };
  if (score > criterion.max) return { ok: false, reason: "aboveMax", steps };
  if (steps.length && !steps.some((s) => Math.abs(s - score) < 1e-9)) return { ok: false, reason: "notStep", steps };
  return { ok: true, score };
}

/** A score as Vietnamese write it: "0,5", "12", "2,25". */
export function scoreText(n: number): string {
  return String(Math.round(n * 100) / 100).replace(".", ",");
}

// Words every criterion and task shares: no sign of the same work.
const COMMON = new Set(
  "cac cua va cho trong theo thuc hien cong tac nam ve duoc voi tai tren don vi nhiem vu cai cach hanh chinh cchc the ket qua ban".split(
    " ",
  ),
);
const meaningful = (text: string) => new Set(words(text).filter((w) => w.length >= 3 && !COMMON.has(w)));

/**
 * The plan's tasks whose evidence may show a criterion: those sharing the
 * most words with its title and the evidence it asks for ("Kế hoạch kiểm
 * tra" ~ "Lập kế hoạch kiểm tra công vụ"), at least two, best first.
 */
export function proposeEvidence<T extends { content: string; product: string }>(
  criterion: { title: string; evidence: string },
  tasks: readonly T[],
  limit = 4,
): T[] {
  const want = meaningful(`${criterion.title} ${criterion.evidence}`);
  return tasks
    .map((task) => ({
      task,
      shared: [...meaningful(`${task.content} ${task.product}`)].filter((w) => want.has(w)).length,
    }))
    .filter((x) => x.shared >= 2)
    .sort((a, b) => b.shared - a.shared)
    .slice(0, limit)
    .map((x) => x.task);
}

/** The lines a department answers for: those whose department text names it (its key, departmentKey). */
export function answeredBy<T extends { department: string }>(lines: readonly T[], key: string): T[] {
  return lines.filter((l) => l.department && namesDepartment(departmentKey(l.department), key));
}

/** Criteria codes in a line of chat: the first `max`, then "…". */
export function refList(refs: readonly string[], max = 8): string {
  return refs.slice(0, max).join(", ") + (refs.length > max ? "…" : "");
}
