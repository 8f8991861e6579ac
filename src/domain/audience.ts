/**
 * Whom a notice goes to, as the sender writes it: nothing (everyone), "vai
 * trò Trưởng khoa" / "role DEPT_HEAD" (a role), or department names split by
 * ";" or ",". A role word that names no role is an error, never "everyone".
 * Led by "toàn tỉnh" (or "các đơn vị trực thuộc"), it reaches the sender's
 * unit and every unit below it: a Sở's notice to the whole province.
 */
import { roleFromWords, type Role } from "./roles.ts";
import { fold } from "./text.ts";
import { stripDiacritics } from "../util/diacritics.ts";

export interface Audience {
  /** Department names as typed; empty for everyone. */
  departments: string[];
  role: Role | null;
  /** The sender's unit and every unit below it. */
  wide?: boolean;
}

const WIDE = /^(toan\s+tinh|toan\s+nganh|(?:ca\s+)?cac\s+don\s+vi\s+truc\s+thuoc|all\s+units)\b[\s:,;-]*/;

export type AudienceResult = { ok: true; audience: Audience } | { ok: false; unknownRole: string };

export function parseAudience(args: string): AudienceResult {
  // Composed (NFC), each letter loses its marks as one letter: the phrase's length is the same in both.
  const typed = args.trim().normalize("NFC");
  const wide = WIDE.exec(stripDiacritics(typed).toLowerCase());
  if (wide) {
    const rest = parseNarrow(typed.slice(wide[0].length));
    return rest.ok ? { ok: true, audience: { ...rest.audience, wide: true } } : rest;
  }
  return parseNarrow(typed);
}

function parseNarrow(args: string): AudienceResult {
  const text = args.trim();
  if (!text || /^(tat ca|moi nguoi|all|everyone)$/.test(fold(text)))
    return { ok: true, audience: { departments: [], role: null } };
  const role = /^(?:vai\s+tro|role)\s+(.+)$/i.exec(fold(text));
  if (role) {
    const typed = text.replace(/^\S+\s+(?:trò\s+|tro\s+)?/i, "").trim();
    const found = roleFromWords(role[1]!);
    return found ? { ok: true, audience: { departments: [], role: found } } : { ok: false, unknownRole: typed };
  }
  return {
    ok: true,
    audience: {
      departments: text
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean),
      role: null,
    },
  };
}
