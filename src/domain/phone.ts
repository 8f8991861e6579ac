/**
 * Phone numbers as people type them ("0912 345 678", "0987.654.321",
 * "+84 912…", "84912…", or 912345678 when a spreadsheet ate the leading 0)
 * to E.164 (+84912345678). Returns null for anything that is not a
 * Vietnamese number: mobiles have 9 digits after +84, landlines 10 (2xx…).
 */
export function normalizePhone(raw: string | number): string | null {
  const text = String(raw).trim();
  if (!/^[+\d\s.\-()]+$/.test(text)) return null;
  let digits = text.replace(/\D/g, "");
  if (text.startsWith("+")) {
    if (!digits.startsWith("84")) return null;
    digits = digits.slice(2);
  } else if (digits.startsWith("84") && (digits.length === 11 || digits.length === 12)) {
    digits = digits.slice(2);
  } else if (digits.startsWith("0")) {
    digits = digits.slice(1);
  }
  if (digits.startsWith("0")) return null;
  const mobile = digits.length === 9 && /^[35789]/.test(digits);
  const landline = digits.length === 10 && digits.startsWith("2");
  return mobile || landline ? `+84${digits}` : null;
}

/** "+84912345678" → "0912 345 678", the way staff read numbers. */
export function displayPhone(e164: string): string {
  const local = `0${e164.replace(/^\+84/, "")}`;
  return local.length === 10 ? `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}` : local;
}
