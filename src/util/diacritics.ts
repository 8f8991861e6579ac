/**
 * Vietnamese without its marks ("Đã đọc" → "Da doc"). Neutral ground: the
 * domain folds text with it and the channels match retyped labels with it,
 * without either importing the other.
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, (c) => (c === "đ" ? "d" : "D"));
}
