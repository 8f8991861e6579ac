import { stripDiacritics } from "../util/diacritics.ts";

/**
 * Vietnamese text as staff type it: with or without diacritics, any case,
 * en dashes from Word, bullets and line breaks from PDF exports. Everything
 * that matches words folds through here first.
 */
export function fold(text: string): string {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[•·●▪◦\u00a0\t\r\n]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Folded text with punctuation turned into spaces: a list of plain words. */
export function words(text: string): string[] {
  return fold(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/** One line, at most `max` characters, cut at a word when one ends late enough, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  const chars = [...one];
  if (chars.length <= max) return one;
  const head = chars.slice(0, max - 1).join("");
  // The last whole word, unless that would throw away more than a third of the room.
  const space = head.lastIndexOf(" ");
  const cut =
    space >= (max * 2) / 3 || (chars[max - 1] === " " && space >= 0)
      ? head.slice(0, chars[max - 1] === " " ? head.length : space)
      : head;
  return `${cut.trimEnd().replace(/[,;:]$/, "")}…`;
}

/** Collapse the line breaks and runs of spaces that PDF and Word exports leave inside cells. */
export function tidy(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Short labels that still tell texts apart: each text's first words, at
 * least `min` characters and as many more as it takes to differ from the
 * others, never past `max`. Cut at a word, with an ellipsis.
 */
export function distinctLabels(texts: readonly string[], min = 24, max = 60): string[] {
  const words = texts.map((t) => tidy(t).split(" "));
  const cut = (w: string[], n: number) => w.slice(0, n).join(" ");
  return words.map((w, i) => {
    let n = 1;
    while (n < w.length && (cut(w, n).length < min || words.some((o, j) => j !== i && cut(o, n) === cut(w, n)))) {
      if (cut(w, n + 1).length > max) break;
      n++;
    }
    const label = cut(w, n);
    return n < w.length ? `${label.replace(/[,;:.]$/, "")}…` : label;
  });
}

/**
 * A plan cell as a clause inside a sentence: the list dash it opened with and
 * the ";" or "." it closed with stay out ("- Tiếp tục rà soát …;" → "Tiếp tục rà soát …").
 */
export function asClause(text: string): string {
  return text.replace(/^[\s\-–—•+*]+/, "").replace(/[\s;:,.]+$/, "");
}
