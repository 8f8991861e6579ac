/**
 * Matching the department names a plan prints ("Phòng TC-HC", "Phòng Phòng Kế
 * hoạch - Nghiệp vụ", "Phòng Điều dưỡng - CTXH", "Các khoa, phòng") to the
 * roster's departments ("Phòng Tổ chức - Hành chính", …).
 */
import { fold, words } from "./text.ts";

// Words that only say what kind of department it is.
// Not "Tổ": it is also the first word of "Tổ chức".
const PREFIX_PHRASES = [["phong"], ["khoa"], ["ban"], ["bo", "phan"], ["don", "vi"]];

/** The part of a department name that identifies it: folded words without "Phòng"/"Khoa". */
export function departmentKey(name: string): string {
  let w = words(name);
  for (let changed = true; changed && w.length > 1;) {
    changed = false;
    for (const p of PREFIX_PHRASES) {
      if (w.length > p.length && p.every((x, i) => w[i] === x)) {
        w = w.slice(p.length);
        changed = true;
      }
    }
  }
  return w.join(" ");
}

/**
 * Does the plan's spelling name this department? Each token of the plan name
 * must be a word of the department's name or the initials of a run of its
 * words ("tc hc" ~ "to chuc hanh chinh", "ctxh" ~ "cong tac xa hoi"), in order,
 * covering all of it.
 */
export function namesDepartment(planKey: string, departmentKey: string): boolean {
  if (planKey === departmentKey) return true;
  const tokens = planKey.split(" ").filter(Boolean);
  const target = departmentKey.split(" ").filter(Boolean);
  if (tokens.length === 0) return false;
  if (tokens.join("") === target.join("")) return true;
  // reach[i][j]: the first i tokens cover the first j words.
  const reach: boolean[][] = Array.from({ length: tokens.length + 1 }, () =>
    new Array<boolean>(target.length + 1).fill(false),
  );
  reach[0]![0] = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    for (let j = 0; j < target.length; j++) {
      if (!reach[i]![j]) continue;
      if (target[j] === token) reach[i + 1]![j + 1] = true;
      // Initials of a run of words, possibly split across tokens: "tc" + "hc".
      for (let k = 1; j + k <= target.length && k <= token.length; k++) {
        const initials = target
          .slice(j, j + k)
          .map((x) => x[0])
          .join("");
        if (initials === token) reach[i + 1]![j + k] = true;
      }
    }
  }
  return reach[tokens.length]![target.length]!;
}

/** "Các khoa, phòng", "Các phòng chuyên môn, đơn vị": every department. */
export function meansAllDepartments(text: string): boolean {
  return /^cac (khoa|phong|don vi|bo phan|to)\b/.test(fold(text));
}

/** "Ban Giám đốc" is where the leaders sit, not a department that "các khoa, phòng" puts to work. */
export function isLeadership(key: string): boolean {
  return /^(giam doc|lanh dao)\b/.test(key);
}

export interface DepartmentRef {
  id: number;
  key: string;
}

export interface DepartmentMatch {
  ids: number[];
  /** Names from the cell that matched no department, as written. */
  unmatched: string[];
  all: boolean;
}

/** The names in a cell as written, split where units split them (commas stay: "Các khoa, phòng"). */
export function splitDepartmentNames(cell: string | null | undefined): string[] {
  return (cell ?? "")
    .split(/[;\n+]|\s+(?:và|va)\s+/i)
    .map((s) => s.trim().replace(/[.,;:]+$/, ""))
    .filter(Boolean);
}

/** A lead cell every department shares ("Các khoa, phòng"): one plan date, each department's part its own. */
export function sharedByAll(leadCell: string | null | undefined): boolean {
  return splitDepartmentNames(leadCell).some(meansAllDepartments);
}

/** Splits a "Chủ trì"/"Phối hợp" cell into names and finds each one. */
export function matchDepartments(
  cell: string | null | undefined,
  departments: readonly DepartmentRef[],
): DepartmentMatch {
  const result: DepartmentMatch = { ids: [], unmatched: [], all: false };
  if (!cell) return result;
  const find = (name: string): number | undefined => {
    const key = departmentKey(name);
    if (!key) return undefined;
    return (departments.find((d) => d.key === key) ?? departments.find((d) => namesDepartment(key, d.key)))?.id;
  };
  const add = (id: number) => {
    if (!result.ids.includes(id)) result.ids.push(id);
  };
  for (const piece of splitDepartmentNames(cell)) {
    if (meansAllDepartments(piece)) {
      result.all = true;
      continue;
    }
    const id = find(piece);
    if (id !== undefined) {
      add(id);
      continue;
    }
    // Commas separate names too, but also sit inside "Các khoa, phòng".
    const parts = piece
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const ids = parts.map(find);
    if (parts.length > 1 && ids.some((x) => x !== undefined)) {
      parts.forEach((p, i) => (ids[i] !== undefined ? add(ids[i]!) : result.unmatched.push(p)));
    } else {
      result.unmatched.push(piece);
    }
  }
  if (result.all) for (const d of departments) if (!isLeadership(d.key)) add(d.id);
  return result;
}

// With or without diacritics, any case: "phối hợp", "PHOI HOP"; "(chủ trì)", "chu tri".
const COORDINATING_MARK = /(?:phối|phoi)\s+(?:hợp|hop)/iu;
const LEAD_MARK = /\(?\s*(?<!\p{L})(?:chủ|chu)\s+(?:trì|tri)(?!\p{L})\s*\)?/giu;
// The same, to test with: a global pattern's test() moves on from its last match.
const HAS_LEAD_MARK = new RegExp(LEAD_MARK.source, "iu");

const withoutLeadMark = (text: string) =>
  text
    .replace(LEAD_MARK, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:.\-–]+|[\s,;:.\-–]+$/g, "");

/**
 * A "Chủ trì" cell that names its coordinating departments too, as plans
 * write it: "Phòng A; các phòng chuyên môn phối hợp", "Phòng A (chủ trì),
 * Phòng B phối hợp", "Phòng A, phối hợp: Phòng B". What the cell marks as
 * phối hợp is coordinating, not a second lead; the lead loses its "(chủ trì)".
 */
export function splitLeadCell(cell: string): { lead: string; coordinating: string } {
  if (!COORDINATING_MARK.test(cell) && !HAS_LEAD_MARK.test(cell)) return { lead: cell, coordinating: "" };
  const lead: string[] = [];
  const coordinating: string[] = [];
  const add = (list: string[], text: string) => {
    const clean = withoutLeadMark(text);
    if (clean) list.push(clean);
  };
  const segments = cell.split(/\s*[;\n]\s*/).filter((x) => x.trim());
  segments.forEach((segment, i) => {
    const mark = COORDINATING_MARK.exec(segment);
    if (!mark) return add(lead, segment);
    const before = segment.slice(0, mark.index);
    const after = segment.slice(mark.index + mark[0].length).replace(/^[\s:,.\-–]+/, "");
    if (after.trim()) {
      // "Phòng A, phối hợp: Phòng B"
      add(lead, before);
      return add(coordinating, after);
    }
    // "… Phòng B phối hợp": the names before the mark, after the lead if this segment holds one.
    const marked = [...before.matchAll(LEAD_MARK)].pop();
    if (marked) {
      add(lead, before.slice(0, marked.index));
      return add(coordinating, before.slice(marked.index + marked[0].length));
    }
    const comma = before.indexOf(",");
    if (i > 0 || comma < 0 || meansAllDepartments(before)) return add(coordinating, before);
    add(lead, before.slice(0, comma));
    add(coordinating, before.slice(comma + 1));
  });
  return { lead: lead.join("\n"), coordinating: coordinating.join("\n") };
}
