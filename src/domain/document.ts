/**
 * What a Decree 30/2020/NĐ-CP document says of its issuer when a unit's
 * settings leave it unsaid: the body above (governing line), the place, the
 * number symbol, the date line, and where a long name breaks. Each default
 * is made from the unit's own name, never another kind of unit's.
 */
import { fold } from "./text.ts";

/** Kinds of body by their opening words, with the symbol Vietnamese offices use for them. */
const KINDS: [RegExp, string][] = [
  [/^so lao dong\b/, "SLĐTBXH"],
  [/^so y te\b/, "SYT"],
  [/^trung tam y te\b/, "TTYT"],
  [/^trung tam kiem soat benh tat\b/, "CDC"],
  [/^trung tam bao tro xa hoi\b/, "TTBTXH"],
  [/^trung tam cong tac xa hoi\b/, "TTCTXH"],
  [/^trung tam dieu duong\b/, "TTĐD"],
  [/^benh vien da khoa\b/, "BVĐK"],
  [/^benh vien\b/, "BV"],
  [/^tram y te\b/, "TYT"],
  [/^chi cuc\b/, "CC"],
  [/^ttyt\b/, "TTYT"],
  [/^syt\b/, "SYT"],
];

/** Words that start the place part of a name: "… khu vực Yên Bái", "… tỉnh Lai Châu". */
const PLACE = /\s+(khu vực|huyện|tỉnh|thành phố|thị xã|quận|tp\.?)\s+/i;

/** "Trung tâm Y tế khu vực Yên Bái" → "TTYT"; "Trung tâm Bảo trợ xã hội tỉnh Lai Châu" → "TTBTXH". */
export function defaultAbbrev(unitName: string): string {
  const f = fold(unitName.trim());
  const kind = KINDS.find(([re]) => re.test(f));
  if (kind) return kind[1];
  // Otherwise the initials of the name before its place, as offices make them.
  const words = unitName
    .split(PLACE)[0]!
    .split(/[\s-]+/)
    .filter(Boolean);
  return (
    words
      // "Dự án" → "DA": an initial keeps Đ but not its tone ("Án" → "A").
      .map((w) => (/^[đĐ]/.test(w) ? "Đ" : fold(w[0]!).toUpperCase()))
      .join("")
      .slice(0, 8)
  );
}

/** "Trung tâm Y tế khu vực Yên Bái" → "Yên Bái": the place a document is dated at. Empty when the name has none. */
export function defaultPlace(unitName: string): string {
  const parts = unitName.trim().split(PLACE);
  return parts.length >= 3 ? parts[parts.length - 1]!.trim() : "";
}

/**
 * The governing line above the issuer: a unit's parent body ("Sở Y tế tỉnh
 * Lào Cai"), or for a Sở at the top, the provincial People's Committee of
 * its place ("UBND tỉnh Lai Châu").
 */
export function defaultSuperior(unitName: string, parentName: string | null): string {
  if (parentName) return parentName;
  if (/^s(ở|o)\s/i.test(unitName.trim())) {
    const place = defaultPlace(unitName);
    return place ? `UBND tỉnh ${place}` : "UBND tỉnh";
  }
  return "Sở Y tế";
}

/**
 * The issuer's name in capitals on at most two lines, broken after the kind
 * of body ("TRUNG TÂM Y TẾ / KHU VỰC YÊN BÁI"), else before its place, else
 * at the space nearest the middle; never inside a word.
 */
export function agencyLines(name: string, width = 26): string[] {
  const upper = name.trim().replace(/\s+/g, " ").toUpperCase();
  if (upper.length <= width) return [upper];
  const place = PLACE.exec(upper);
  const kind = KINDS.find(([re]) => re.test(fold(name.trim())));
  const kindEnd = kind ? (kind[0].exec(fold(name.trim()))?.[0].length ?? 0) : 0;
  const cuts = [kindEnd, place?.index ?? 0].filter((i) => i > 0 && i < upper.length);
  const cut =
    cuts.find((i) => i <= width && upper.length - i <= width + 4) ??
    [...upper.matchAll(/ /g)]
      .map((m) => m.index)
      .sort((a, b) => Math.abs(a - upper.length / 2) - Math.abs(b - upper.length / 2))[0];
  if (cut === undefined) return [upper];
  return [upper.slice(0, cut).trim(), upper.slice(cut).trim()];
}

/**
 * The issuer as the heading names it under its governing body: a place both
 * share is said once, above ("UBND TỈNH LÀO CAI / SỞ Y TẾ", not "SỞ Y TẾ TỈNH
 * LÀO CAI"); a unit of another place keeps its own ("KHU VỰC YÊN BÁI").
 */
export function issuerName(name: string, governing: string): string {
  const place = defaultPlace(name);
  if (!place || fold(defaultPlace(governing)) !== fold(place)) return name;
  return name.trim().split(PLACE)[0]!.trim();
}

/** Decree 30's date: a leading zero for days below 10 and for months 1 and 2 ("ngày 05 tháng 02 năm 2026"). */
export function decreeDate(isoDay: string): { day: string; month: string; year: string } {
  const [year, month, day] = isoDay.split("-") as [string, string, string];
  const m = Number(month);
  return { day: day.padStart(2, "0"), month: m <= 2 ? String(m).padStart(2, "0") : String(m), year };
}

/** The signature block's title lines: the head signs as themselves; a deputy "KT." for the head. */
export function signatureTitle(leaderTitle: string, deputyTitle: string): string[] {
  const head = leaderTitle.trim().toUpperCase();
  return deputyTitle.trim() ? [`KT. ${head}`, deputyTitle.trim().toUpperCase()] : [head];
}
