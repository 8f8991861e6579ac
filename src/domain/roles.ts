import { fold } from "./text.ts";

export const ROLES = ["STAFF", "DEPT_HEAD", "LEADER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const EVERYONE: readonly Role[] = ROLES;
export const HEADS: readonly Role[] = ["DEPT_HEAD", "ADMIN"];
export const MANAGERS: readonly Role[] = ["DEPT_HEAD", "LEADER", "ADMIN"];
/** Who may send notices and reports: the leaders and the admin. */
export const SENDERS: readonly Role[] = ["LEADER", "ADMIN"];

// Titles as Vietnamese units write them, folded. Deputy titles count as heads:
// they run the department when the head is away.
const LEADER_TITLES = [/\bgiam doc\b/, /\bchu tich\b/, /\bthu truong\b/, /\bvien truong\b/];
const HEAD_TITLES = [
  /\btruong (?:phong|khoa|ban|tram|bo phan|nhom|to)\b/,
  /\bpho (?:phong|khoa)\b/,
  /\b(?:dieu duong|ky thuat vien|nu ho sinh|duoc si|ke toan) truong\b/,
  /\b(?:pho )?chanh van phong\b/,
  /\bto truong\b/,
  /\bphu trach (?:phong|khoa)\b/,
];

/** A roster's "Chức vụ" cell to a role; the enum names are accepted as they are. */
export function roleFromTitle(title: string): Role {
  const upper = title
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  if ((ROLES as readonly string[]).includes(upper)) return upper as Role;
  const t = fold(title);
  if (LEADER_TITLES.some((re) => re.test(t))) return "LEADER";
  if (HEAD_TITLES.some((re) => re.test(t))) return "DEPT_HEAD";
  return "STAFF";
}

/** Deputies rank after heads when one person must be picked for a department. */
export function isDeputy(title: string | null | undefined): boolean {
  return /^pho\b/.test(fold(title ?? ""));
}

const STAFF_WORDS = /\b(?:nhan vien|can bo|vien chuc|chuyen vien|nguoi lao dong|staff)\b/;
const ADMIN_WORDS = /\b(?:quan tri|admin|dau moi)\b/;
const LEADER_WORDS = /\b(?:lanh dao|ban giam doc|leaders?)\b/;
const HEAD_WORDS = /\b(?:truong khoa\/phong|truong khoa, phong|heads?)\b/;

/** A role as someone names it in a command; null when the words name no role (never a silent default). */
export function roleFromWords(words: string): Role | null {
  const role = roleFromTitle(words);
  if (
    role !== "STAFF" ||
    (ROLES as readonly string[]).includes(
      words
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, "_"),
    )
  )
    return role;
  const t = fold(words);
  if (ADMIN_WORDS.test(t)) return "ADMIN";
  if (LEADER_WORDS.test(t)) return "LEADER";
  if (HEAD_WORDS.test(t)) return "DEPT_HEAD";
  return STAFF_WORDS.test(t) ? "STAFF" : null;
}

/**
 * Whose date a member moves on a plan task: the task's ("all": a leader, the
 * admin, a head of one of its lead departments), their own department's only
 * ("department": a head on a task every department leads, "Các khoa, phòng",
 * whose shared date stays the leaders'), or none.
 */
export function deadlineScope(
  member: { role: Role; departmentId: number | null },
  task: { leadDepartmentIds: readonly number[]; sharedByAll: boolean },
): "all" | "department" | null {
  if (member.role === "LEADER" || member.role === "ADMIN") return "all";
  if (member.role !== "DEPT_HEAD" || !task.leadDepartmentIds.includes(member.departmentId ?? -1)) return null;
  return task.sharedByAll ? "department" : "all";
}

/** Whether a member decides about a plan task's dates at all (its own department's part at least). */
export function mayMoveDeadline(
  member: { role: Role; departmentId: number | null },
  task: { leadDepartmentIds: readonly number[]; sharedByAll: boolean },
): boolean {
  return deadlineScope(member, task) !== null;
}
