/**
 * The tree of units one deployment serves: a Sở Y tế and the health centres
 * under it, or one unit alone. Pure: the store reads the rows.
 */
import { fold } from "./text.ts";

export interface UnitNode {
  id: number;
  name: string;
  parentId: number | null;
}

/** Whether putting `unitId` under `parentId` would make a unit its own ancestor. */
export function wouldLoop(units: readonly UnitNode[], unitId: number, parentId: number): boolean {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const seen = new Set<number>();
  for (let at: number | null | undefined = parentId; at != null && !seen.has(at); at = parentOf.get(at)) {
    if (at === unitId) return true;
    seen.add(at);
  }
  return false;
}

/** Depth-first, each level by name (Vietnamese order): how a tree is listed. */
export function treeOrder<T extends UnitNode>(units: readonly T[]): { depth: number; unit: T }[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<number | null, T[]>();
  // A unit whose parent is not among them starts a tree of its own.
  for (const u of units) {
    const key = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    children.set(key, [...(children.get(key) ?? []), u]);
  }
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, "vi");
  const out: { depth: number; unit: T }[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const u of [...(children.get(parent) ?? [])].sort(byName)) {
      out.push({ depth, unit: u });
      visit(u.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/**
 * The unit a person means by what they typed: the exact name, else the one
 * name that matches without marks and case, else the one that contains it
 * ("ttyt yen bai" for "Trung tâm Y tế Yên Bái" does not, "Yên Bái" does).
 * Null when none or several do, so nothing lands in the wrong unit.
 */
export function matchUnit<T extends { name: string }>(units: readonly T[], typed: string): T | null {
  const exact = units.find((u) => u.name === typed.trim());
  if (exact) return exact;
  const want = fold(typed);
  if (!want) return null;
  const same = units.filter((u) => fold(u.name) === want);
  if (same.length === 1) return same[0]!;
  const within = units.filter((u) => fold(u.name).includes(want));
  return within.length === 1 ? within[0]! : null;
}

/** Every unit below `rootId`, at any depth (not the root itself). */
export function descendants<T extends UnitNode>(units: readonly T[], rootId: number): T[] {
  const out: T[] = [];
  const below = (id: number) => {
    for (const u of units) {
      if (u.parentId !== id || out.includes(u)) continue;
      out.push(u);
      below(u.id);
    }
  };
  below(rootId);
  return out;
}

/**
 * The units a Sở's task is for, from its lead and coordinating text: all of
 * them for "các đơn vị trực thuộc" (or "các đơn vị"), else each one named.
 */
export function unitsNamed<T extends { name: string }>(text: string, units: readonly T[]): T[] {
  const folded = fold(text);
  if (/\bcac don vi\b|\bdon vi truc thuoc\b/.test(folded)) return [...units];
  return units.filter((u) => folded.includes(fold(u.name)));
}

/**
 * "TTYT Huyện Bắc I.1 0,5: lý do" against the body's units: the unit the
 * longest opening words name alone (part of its name is enough, without
 * diacritics), and the words after them.
 */
export function leadingUnit(
  names: readonly string[],
  text: string,
): { ok: true; name: string; rest: string } | { ok: false; several: string[] } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let several: string[] = [];
  for (let k = words.length; k > 0; k--) {
    const wanted = fold(words.slice(0, k).join(" "));
    const found = names.filter((n) => fold(n).includes(wanted));
    const exact = found.filter((n) => fold(n) === wanted);
    const one = exact.length === 1 ? exact : found;
    if (one.length === 1) return { ok: true, name: one[0]!, rest: words.slice(k).join(" ") };
    if (one.length > 1 && several.length === 0) several = one;
  }
  return { ok: false, several };
}
