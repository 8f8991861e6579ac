/**
 * Quick status replies as staff type them on a phone: "xong", "Đã xong 3.2",
 * "hoàn thành", "đang làm", "vướng: chưa có kinh phí", "khó khăn vì thiếu người".
 */
import { fold } from "./text.ts";

export const STATUSES = ["NOT_STARTED", "IN_PROGRESS", "DONE", "BLOCKED"] as const;
export type Status = (typeof STATUSES)[number];

export interface StatusReply {
  status: Exclude<Status, "NOT_STARTED">;
  /** A task code the person named: "3.2", "II.3", "B.II.3". */
  code?: string;
  /** More codes named after the first: "xong 1.1 và 1.2", "xong 1.1, 1.2". */
  more?: string[];
  /** For BLOCKED: what is in the way, as typed (diacritics kept). */
  reason?: string;
  /**
   * How far along, when the words say only part is done: "hoàn thành 50%",
   * "xong một nửa" are in progress, not done (status IN_PROGRESS).
   */
  percent?: number;
  /** Words after the keyword the reply did not use, as typed: said back ("chưa hiểu: …"), never dropped. */
  unused?: string;
}

// Folded phrases, longest first so "da hoan thanh" wins over "hoan thanh".
const PHRASES: [string[], StatusReply["status"]][] = [
  [["da", "hoan", "thanh"], "DONE"],
  [["hoan", "thanh"], "DONE"],
  [["da", "xong"], "DONE"],
  [["xong", "roi"], "DONE"],
  [["xong"], "DONE"],
  [["done"], "DONE"],
  [["dang", "thuc", "hien"], "IN_PROGRESS"],
  [["dang", "lam"], "IN_PROGRESS"],
  [["dang", "xu", "ly"], "IN_PROGRESS"],
  [["in", "progress"], "IN_PROGRESS"],
  [["vuong", "mac"], "BLOCKED"],
  [["bi", "vuong"], "BLOCKED"],
  [["vuong"], "BLOCKED"],
  [["kho", "khan"], "BLOCKED"],
  [["blocked"], "BLOCKED"],
];

// "B.II.3", "3.2", or a chat-given "PS-3" / a Sở's request "BC-1".
const CODE = /^#?(?:(?:[a-z]{1,4}\.)*(?:\d+|[ivx]+)(?:\.(?:\d+|[ivx]+))*|[a-z]{2}-\d+)\.?$/i;

export function parseStatusReply(text: string): StatusReply | null {
  // Words as typed, and their folded forms without punctuation around them.
  const raw = text.trim().split(/\s+/).filter(Boolean);
  const folded = raw.map((w) => fold(w).replace(/^[^a-z0-9#]+|[^a-z0-9.]+$/g, ""));
  const hit = PHRASES.find(([words]) => words.every((w, i) => folded[i] === w));
  if (!hit) return null;
  const [words, status] = hit;
  let next = words.length;
  // "vướng: lý do" — the colon sticks to the keyword.
  const keywordEndsWithColon = /[:\-–]$/.test(raw[next - 1] ?? "");
  let code: string | undefined;
  const candidate = raw[next]?.replace(/[:,;]+$/, "");
  if (!keywordEndsWithColon && candidate && /\d/.test(candidate) && CODE.test(candidate)) {
    code = candidate.replace(/^#/, "").replace(/\.$/, "");
    next++;
  }
  if (status === "BLOCKED") {
    const rest = raw
      .slice(next)
      .join(" ")
      .replace(/^[:\-–,.\s]+/, "")
      .trim();
    return { status, ...(code ? { code } : {}), ...(rest ? { reason: rest } : {}) };
  }
  // "xong việc rồi nhé" is fine; "xong chưa?" is a question, not a report.
  if (/\?\s*$/.test(text)) return null;
  const tail = readTail(raw.slice(next));
  // "xong, 1.1 và 1.2": the first code came after a comma.
  if (!code) code = tail.codes.shift();
  const percent = tail.percent;
  const partly = percent !== undefined && percent < 100;
  return {
    status: partly ? "IN_PROGRESS" : status,
    ...(code ? { code } : {}),
    ...(code && tail.codes.length ? { more: tail.codes } : {}),
    ...(partly ? { percent } : {}),
    ...(tail.unused ? { unused: tail.unused } : {}),
  };
}

// Words that carry nothing after "xong": politeness, "việc", "rồi", joiners between codes.
const FILLER = new Set(
  "roi nhe nha nhe a ah da vang viec nhiem vu cong duoc khoang chung tam va voi cung phan cua em anh chi toi minh nay do".split(
    " ",
  ),
);

/** After "xong [mã]": more codes, a share done ("50%", "một nửa"), and whatever is left unread. */
function readTail(words: readonly string[]): { codes: string[]; percent?: number; unused: string } {
  const codes: string[] = [];
  const unused: string[] = [];
  let percent: number | undefined;
  // "một nửa" / "mot nua" / "nửa": half.
  const folded = words.map((w) => fold(w).replace(/^[^a-z0-9%]+|[^a-z0-9.%]+$/g, ""));
  for (let i = 0; i < words.length; i++) {
    const w = folded[i]!;
    const typed = words[i]!.replace(/^[,;:(]+|[,;:).!]+$/g, "");
    if (!w) continue;
    const share = /^(\d{1,3}(?:[.,]\d+)?)%$/.exec(w) ?? (folded[i + 1] === "%" ? /^(\d{1,3})$/.exec(w) : null);
    if (share) {
      percent = Math.min(100, Number(share[1]!.replace(",", ".")));
      if (!w.endsWith("%")) i++;
      continue;
    }
    if ((w === "mot" && folded[i + 1] === "nua") || w === "nua") {
      percent = 50;
      if (w === "mot") i++;
      continue;
    }
    if (/\d/.test(typed) && CODE.test(typed)) {
      codes.push(typed.replace(/^#/, "").replace(/\.$/, ""));
      continue;
    }
    if (FILLER.has(w)) continue;
    unused.push(words[i]!);
  }
  return { codes, ...(percent === undefined ? {} : { percent }), unused: unused.join(" ") };
}

/** Does the code a person typed name this task? "3" ~ "B.II.3", "ii.3" ~ "B.II.3". */
export function codeMatches(ref: string, code: string): boolean {
  const r = ref.toUpperCase();
  const c = code.toUpperCase().replace(/^#/, "");
  return r === c || r.endsWith(`.${c}`);
}

/**
 * The tasks a typed code names, best first: those whose code it is exactly,
 * else those it ends ("3" ~ "1.3", "2.3", "B.I.3"); of these, the plan year's
 * own when it has any. More than one left means the code is ambiguous: ask.
 */
export function tasksNamed<T extends { ref: string; year?: number }>(
  tasks: readonly T[],
  code: string,
  year?: number,
): T[] {
  const c = code.toUpperCase().replace(/^#/, "");
  const exact = tasks.filter((t) => t.ref.toUpperCase() === c);
  const found = exact.length ? exact : tasks.filter((t) => codeMatches(t.ref, code));
  const thisYear = year === undefined ? [] : found.filter((t) => t.year === year);
  return thisYear.length ? thisYear : found;
}

// "xong phần phối hợp", "đã hoàn thành phần phối hợp", "phối hợp xong": a coordinating department's part.
const COORDINATION_PHRASES = [
  ["da", "xong", "phan", "phoi", "hop"],
  ["xong", "phan", "phoi", "hop"],
  ["xong", "phoi", "hop"],
  ["da", "hoan", "thanh", "phan", "phoi", "hop"],
  ["hoan", "thanh", "phan", "phoi", "hop"],
  ["hoan", "thanh", "phoi", "hop"],
  ["phoi", "hop", "xong"],
  ["da", "phoi", "hop", "xong"],
];

/** "xong phần phối hợp I.5": the sender's department did its part of a task it coordinates on; null for anything else. */
export function parseCoordinationReply(text: string): { code?: string } | null {
  if (/\?\s*$/.test(text)) return null;
  const raw = text.trim().split(/\s+/).filter(Boolean);
  const folded = raw.map((w) => fold(w).replace(/^[^a-z0-9#]+|[^a-z0-9.]+$/g, ""));
  const hit = COORDINATION_PHRASES.find((words) => words.every((w, i) => folded[i] === w));
  if (!hit) return null;
  const candidate = raw[hit.length]?.replace(/[:,;]+$/, "");
  if (candidate && /\d/.test(candidate) && CODE.test(candidate))
    return { code: candidate.replace(/^#/, "").replace(/\.$/, "") };
  return {};
}
