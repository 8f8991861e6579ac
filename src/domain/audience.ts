/**
 * Whom a notice goes to, as the sender writes it: nothing (everyone), "vai
 * trò Trưởng khoa" / "role DEPT_HEAD" (a role), or department names split by
 * ";" or ",". A role word that names no role is an error, never "everyone".
 */
import { roleFromWords, type Role } from "./roles.ts";
import { fold } from "./text.ts";

export interface Audience {
  /** Department names as typed; empty for everyone. */
  departments: string[];
  role: Role | null;
}

export type AudienceResult = { ok: true; audience: Audience } | { ok: false; unknownRole: string };

export function parseAudience(args: string): AudienceResult {
  const text = args.trim();
  if (!text || /^(tat ca|moi nguoi|all|everyone)$/.test(fold(text))) return { ok: true, audience: { departments: [], role: null } };
  const role = /^(?:vai\s+tro|role)\s+(.+)$/i.exec(fold(text));
  if (role) {
    const typed = text.replace(/^\S+\s+(?:trò\s+|tro\s+)?/i, "").trim();
    const found = roleFromWords(role[1]!);
    return found ? { ok: true, audience: { departments: [], role: found } } : { ok: false, unknownRole: typed };
  }
  return { ok: true, audience: { departments: text.split(/[;,]/).map((s) => s.trim()).filter(Boolean), role: null } };
}
