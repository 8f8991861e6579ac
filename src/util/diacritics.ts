/**
 * Vietnamese without its marks ("Đã đọc" → "Da doc"). Neutral ground: the
 * domain folds text with it and the channels match retyped labels with it,
 * without either importing the other.
 */

// Latin letters with marks (Vietnamese lives in U+00C0–U+024F and U+1E00–U+1EFF) to their bare letter,
// built once from Unicode's own decomposition: a plan import folds every cell, and a lookup is
// twice as fast as normalising each text.
const BARE = new Map<string, string>([
  ["đ", "d"],
  ["Đ", "D"],
]);
for (const [from, to] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
]) {
  for (let code = from!; code <= to!; code++) {
    const letter = String.fromCharCode(code);
    const bare = letter.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (bare !== letter && bare.length === 1) BARE.set(letter, bare);
  }
}
const MARKED = /[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]/g;
const NON_ASCII = /[^\u0000-\u007f]/;

export function stripDiacritics(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const bare = text.replace(MARKED, (c) => BARE.get(c) ?? (c >= "\u0300" && c <= "\u036f" ? "" : c));
  // Marks on other scripts (Greek, a combining mark after a non-Latin letter): Unicode's way.
  return NON_ASCII.test(bare) ? bare.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : bare;
}
