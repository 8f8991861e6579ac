/** Command arguments checked with zod at the edge; the store trusts what passes. */
import { z } from "zod";
import { normalizePhone } from "../domain/phone.ts";
import { ROLES, type Role } from "../domain/roles.ts";
import { UserError } from "../errors.ts";

export const YearArg = z.coerce.number().int().min(2000).max(2100);

export function parseYear(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const r = YearArg.safeParse(raw);
  if (!r.success) throw UserError.of("cli.badYear", { value: raw });
  return r.data;
}

export function parsePhone(raw: string): string {
  const phone = normalizePhone(raw);
  if (!phone) throw UserError.of("cli.badPhone", { value: raw });
  return phone;
}

export function parseRole(raw: string): Role {
  const r = z.enum(ROLES).safeParse(raw.trim().toUpperCase());
  if (!r.success) throw UserError.of("roster.badRole", { role: raw });
  return r.data;
}
