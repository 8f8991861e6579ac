/**
 * Evidence ("tài liệu kiểm chứng") as people give it in chat: a file, or a
 * document reference typed out ("Kế hoạch số 12/KH-TTYT ngày 15/01/2026"),
 * or "bỏ qua". Pure: what a text or a file name means, nothing stored.
 */
import { daysInMonth, isoDate, type IsoDate } from "./calendar.ts";
import { fold } from "./text.ts";
import { displayDate } from "./calendar.ts";

/** Telegram lets a bot download files up to 20 MB; larger ones are refused before anything is fetched. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export interface DocumentReference {
  /** "12/KH-TTYT", "1234/QĐ-UBND", "15/2026/NĐ-CP". */
  number: string;
  date: IsoDate;
}

// A number, then a slash and a symbol with at least one letter: "12/KH-TTYT", "15/2026/NĐ-CP".
const NUMBER = /(?:^|[\s(:,])(?:số\s*|so\s*)?(\d{1,6}(?:\/\d{4})?\/[\p{L}\d][\p{L}\d.-]*\p{L}[\p{L}\d.-]*)/iu;
const DATE_NUMERIC = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/;
const DATE_WORDS = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i;

function validDate(d: number, m: number, y: number): IsoDate | null {
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return isoDate(y, m, d);
}

/**
 * A document reference: a number with its symbol and a date, both required
 * ("Kế hoạch số 12/KH-TTYT ngày 15/01/2026"); null for anything else.
 */
export function readReference(text: string): DocumentReference | null {
  const n = NUMBER.exec(text.normalize("NFC"));
  if (!n) return null;
  const rest = text.normalize("NFC").replace(n[1]!, " ");
  const words =
    DATE_WORDS.exec(rest) ??
    DATE_WORDS.exec(fold(rest).replace(/ngay/g, "ngày").replace(/thang/g, "tháng").replace(/nam/g, "năm"));
  const numeric = DATE_NUMERIC.exec(rest);
  const m = words ?? numeric;
  if (!m) return null;
  const date = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return date ? { number: n[1]!.replace(/[.,;]+$/, ""), date } : null;
}

/** "bỏ qua", "bo qua", "skip": no evidence for this one. */
export function isSkip(text: string): boolean {
  return ["bo qua", "skip", "khong co minh chung"].includes(
    fold(text)
      .replace(/[^a-z ]+/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

/** "hoàn tác", "hoan tac", "undo": take back the "xong" just given. */
export function isUndo(text: string): boolean {
  return ["hoan tac", "undo"].includes(
    fold(text)
      .replace(/[^a-z ]+/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

const EVIDENCE_FILE = /\.(pdf|docx?|xlsx?|jpe?g|png|heic|webp)$/i;

/** Files that count as evidence: photos, PDF, Word and Excel documents. */
export function isEvidenceFile(fileName: string, kind: "document" | "photo"): boolean {
  return kind === "photo" || EVIDENCE_FILE.test(fileName);
}

/** The content type kept with a file, from its name. */
export function mimeOf(fileName: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  const types: Record<string, string> = {
    pdf: "application/pdf",
    doc: "application/msword",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    xls: "application/vnd.ms-excel",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    heic: "image/heic",
    webp: "image/webp",
  };
  return types[ext] ?? "application/octet-stream";
}

/** What the plan's product column says the evidence is: its first line, without a leading dash. */
export function expectedEvidence(product: string | null): string | null {
  const first = (product ?? "")
    .split(/\n/)
    .map((l) => l.replace(/^[\s\-–•+]+/, "").trim())
    .find(Boolean);
  return first ?? null;
}

/** How a report names a piece of evidence: its file, else "12/KH-TTYT (15/01/2026)"; null for a bare reference. */
export function evidenceLabel(e: {
  fileName: string | null;
  docNumber: string | null;
  docDate: string | null;
}): string | null {
  return e.fileName ?? (e.docNumber ? `${e.docNumber}${e.docDate ? ` (${displayDate(e.docDate)})` : ""}` : null);
}
