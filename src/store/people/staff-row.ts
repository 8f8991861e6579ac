import type { Role } from "../../domain/roles.ts";

/** One person of a unit's roster, as `cchc staff list` shows them. */
export interface StaffRow {
  name: string;
  phone: string;
  department: string | null;
  title: string | null;
  role: Role;
  active: boolean;
}
