/**
 * Indicator targets stated in a plan's "MỤC TIÊU" part, sentence by sentence:
 * "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%", "100% văn bản đi được ký
 * số", "trên 80% người dân hài lòng", "tỷ lệ hồ sơ trễ hạn không quá 2%".
 * A sentence with one percentage is a target; one with a number it cannot
 * read that way ("giảm từ 10% xuống 5%", "tổ chức 02 hội nghị") is a warning
 * quoting it; one without a number is an aim, not a target, and is left alone.
 */
import { parseTarget, type Target } from "./indicator.ts";
import { fold, tidy, words } from "./text.ts";

export interface PlanTarget {
  code: string;
  name: string;
  /** The sentence's own words for the target: "đạt trên 98%". */
  targetText: string;
  target: Target;
  row: number;
  /** The lead cell of its row, when the target is a task of the plan's "MỤC TIÊU" part: who reports it. */
  owner: string;
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

/** The code a plan's own targets take before their number: MT1, MT2… */
export const PLAN_TARGET_PREFIX = "MT";

/** The targets a plan's objectives state, coded MT1, MT2… in their order. */
export function readTargets(lines: readonly { text: string; row: number; owner?: string }[]): TargetReading {
  const targets: PlanTarget[] = [];
  const unreadable: { text: string; row: number }[] = [];
  for (const line of lines) {
    for (const sentence of sentences(line.text)) {
      const r = readSentence(sentence);
      if (r === "none") continue;
      if (r === "unreadable") unreadable.push({ text: sentence, row: line.row });
      else
        targets.push({
          code: `${PLAN_TARGET_PREFIX}${targets.length + 1}`,
          ...r,
          row: line.row,
          owner: line.owner ?? "",
        });
    }
  }
  return { targets, unreadable };
}

// Words that say how a measure is put, not what it measures.
const FRAME =
  /^(ty|ti|le|muc|do|so|ho|luong|duoc|dat|tren|duoi|toi|thieu|da|it|nhat|tu|hon|phan|dau|cua|cac|nhung|va|trong|nam|la|o|voi|theo|tai|don|vi|tong|thuc|hien)$/;

// Abbreviations plans and indicator files use for the same words.
const ABBREVIATIONS: Record<string, string> = {
  tthc: "thu tuc hanh chinh",
  cchc: "cai cach hanh chinh",
  dvc: "dich vu cong",
  dvctt: "dich vu cong truc tuyen",
  cntt: "cong nghe thong tin",
  vbqppl: "van ban quy pham phap luat",
};

function measureWords(name: string): Set<string> {
  const all = words(name).flatMap((w) => (ABBREVIATIONS[w] ?? w).split(" "));
  return new Set(all.filter((w) => !FRAME.test(w) && !/^\d/.test(w)));
}

/**
 * Do two indicator names measure the same thing? "TTHC giải quyết đúng hạn"
 * and "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn" do: the words that say what
 * is measured (not "tỷ lệ", "hồ sơ", "đạt") of the shorter are all in the
 * longer, and there are at least two of them.
 */
export function sameMeasure(a: string, b: string): boolean {
  const [x, y] = [measureWords(a), measureWords(b)].sort((p, q) => p.size - q.size) as [Set<string>, Set<string>];
  return x.size >= 2 && [...x].every((w) => y.has(w));
}
