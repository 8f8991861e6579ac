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
  /** For BLOCKED: what is in the way, as typed (diacritics kept). */
  reason?: string;
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
  const rest = raw
    .slice(next)
    .join(" ")
    .replace(/^[:\-–,.\s]+/, "")
    .trim();
  if (status !== "BLOCKED") {
    // "xong việc rồi nhé" is fine; "xong chưa?" is a question, not a report.
    if (/\?\s*$/.test(text)) return null;
    return code ? { status, code } : { status };
  }
  return { status, ...(code ? { code } : {}), ...(rest ? { reason: rest } : {}) };
}

/** Does the code a person typed name this task? "3" ~ "B.II.3", "ii.3" ~ "B.II.3". */
export function codeMatches(ref: string, code: string): boolean {
  const r = ref.toUpperCase();
  const c = code.toUpperCase().replace(/^#/, "");
  return r === c || r.endsWith(`.${c}`);
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
