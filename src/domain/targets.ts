/**
 * Indicator targets stated in a plan's "MỤC TIÊU" part, sentence by sentence:
 * "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%", "100% văn bản đi được ký
 * số", "trên 80% người dân hài lòng", "tỷ lệ hồ sơ trễ hạn không quá 2%".
 * A sentence with one percentage is a target; one with a number it cannot
 * read that way ("giảm từ 10% xuống 5%", "tổ chức 02 hội nghị") is a warning
 * quoting it; one without a number is an aim, not a target, and is left alone.
 */
import { parseTarget, type Target } from "./indicator.ts";
import { fold, tidy } from "./text.ts";

export interface PlanTarget {
  code: string;
  name: string;
  /** The sentence's own words for the target: "đạt trên 98%". */
  targetText: string;
  target: Target;
  row: number;
}

export interface TargetReading {
  targets: PlanTarget[];
  /** Sentences with a number that is not a readable target, with their row. */
  unreadable: { text: string; row: number }[];
}

const PERCENT = /(\d+(?:[.,]\d+)?)\s*%/g;
/** The words before a percentage that say how it compares, longest first, as they read folded. */
const COMPARATOR_BEFORE =
  /(?:(?:dat|la|o muc|phan dau dat)\s+)?(?:tu\s+|khong duoi\s+|khong thap hon\s+|khong qua\s+|khong vuot qua\s+|toi thieu\s+|toi da\s+|it nhat\s+|tren\s+|duoi\s+|hon\s+)?$/;
/** A number that is a year or a date, not a target: "năm 2026", "2026-2030", "15/12". */
const NOT_A_TARGET = /\b(?:19|20)\d{2}\b|\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g;
const NAMED = /^(ty le|ti le|muc do|chi so|so luong|so)\b/;

/** A plan's sentences: cells split at ";" and at the end of a sentence, list marks dropped. */
function sentences(text: string): string[] {
  return text
    .split(/;|\n|(?<=[.!?])\s+(?=\p{Lu})/u)
    .map((s) =>
      tidy(s)
        .replace(/^[-–•+*]\s*/, "")
        .replace(/[.;,:\s]+$/, ""),
    )
    .filter(Boolean);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One sentence to a target, or why not: "none" (no number at all) or "unreadable". */
function readSentence(sentence: string): { name: string; targetText: string; target: Target } | "none" | "unreadable" {
  const folded = fold(sentence);
  const percents = [...folded.matchAll(PERCENT)];
  if (percents.length !== 1) {
    const numbers = folded.replace(NOT_A_TARGET, " ").match(/\d/);
    return percents.length > 1 || numbers ? "unreadable" : "none";
  }
  const m = percents[0]!;
  const end = m.index + m[0].length;
  // fold() keeps one character per character, so positions in the folded text are the sentence's own.
  const lead = COMPARATOR_BEFORE.exec(folded.slice(0, m.index))!;
  const start = m.index - lead[0].length;
  const targetText = sentence.slice(start, end).trim();
  const target = parseTarget(targetText);
  if (!target) return "unreadable";
  const before = sentence
    .slice(0, start)
    .replace(/[\s,:]+$/, "")
    .trim();
  const after = sentence
    .slice(end)
    .replace(/^[\s,:]+/, "")
    .split(/,\s+(?=(?:han che|nang cao|bao dam|dam bao|giam|tang)\b)/i)[0]!
    .trim();
  // "Tỷ lệ … đạt 98%" names itself before the number; "100% văn bản … ký số" after it.
  const subject = before.length >= 8 ? before : after;
  if (!subject) return "unreadable";
  const name = NAMED.test(fold(subject))
    ? capitalised(subject)
    : `Tỷ lệ ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`;
  return { name, targetText, target };
}

/** The targets a plan's objectives state, coded MT1, MT2… in their order. */
export function readTargets(lines: readonly { text: string; row: number }[]): TargetReading {
  const targets: PlanTarget[] = [];
  const unreadable: { text: string; row: number }[] = [];
  for (const line of lines) {
    for (const sentence of sentences(line.text)) {
      const r = readSentence(sentence);
      if (r === "none") continue;
      if (r === "unreadable") unreadable.push({ text: sentence, row: line.row });
      else targets.push({ code: `MT${targets.length + 1}`, ...r, row: line.row });
    }
  }
  return { targets, unreadable };
}
