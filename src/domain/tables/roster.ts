/** A staff list ("Danh sách cán bộ") to people with E.164 phones and roles. */
import { normalizePhone } from "../phone.ts";
import { roleFromTitle, type Role } from "../roles.ts";
import { tidy } from "../text.ts";
import {
  isHeaderRow,
  issue,
  locateTable,
  type ColumnSpec,
  type ImportIssue,
  type Sheet,
  type TableResult,
} from "./sheet.ts";

type RosterColumn = "name" | "phone" | "department" | "title";

const ROSTER_COLUMNS: ColumnSpec<RosterColumn>[] = [
  { key: "phone", names: /^(so dien thoai|dien thoai|sdt|so dt|dt|di dong|phone)\b/, required: true },
  { key: "title", names: /^(chuc vu|chuc danh|vai tro)\b/ },
  {
    key: "department",
    names: /^(khoa\/phong|khoa, phong|khoa phong|phong\/khoa|phong ban|don vi|bo phan|khoa|phong)\b/,
  },
  { key: "name", names: /^(ho va ten|ho ten|ten can bo|ten nhan vien|ten)\b/, required: true },
];

export const ROSTER_HEADER_EXAMPLES = ["Họ và tên", "Số điện thoại", "Khoa/Phòng", "Chức vụ"];

export interface StaffDraft {
  row: number;
  name: string;
  phone: string;
  department: string;
  title: string;
  role: Role;
}

export interface RosterDraft {
  people: StaffDraft[];
  /** Rows left out, each with why. */
  skipped: ImportIssue[];
  /** Whom the skipped rows name (by phone, or by name when the phone is unreadable): left exactly as they are. */
  untouched: { phones: string[]; names: string[] };
}

/**
 * A staff list. A row that cannot be read is skipped and listed, and the
 * person it names is left as they were: a typo never deactivates anyone.
 */
export function readRosterTable(sheets: readonly Sheet[], options: { file: string }): TableResult<RosterDraft> {
  const { file } = options;
  const table = locateTable(sheets, ROSTER_COLUMNS, ROSTER_HEADER_EXAMPLES, file);
  if (!table.ok) return table;
  const { read } = table;
  const skipped: ImportIssue[] = [];
  const people: StaffDraft[] = [];
  const untouched = { phones: [] as string[], names: [] as string[] };
  const byPhone = new Map<string, number>();
  for (const row of table.rows) {
    const name = tidy(read.get(row, "name"));
    const rawPhone = tidy(read.get(row, "phone"));
    const department = tidy(read.get(row, "department"));
    const title = tidy(read.get(row, "title"));
    if (!name && !rawPhone && !department && !title) continue;
    if (isHeaderRow(row, ROSTER_COLUMNS)) continue;
    const phone = normalizePhone(rawPhone);
    if (!name) {
      skipped.push(issue("roster.noName", { file, row: row.number, column: read.where("name") }));
      if (phone) untouched.phones.push(phone);
      continue;
    }
    if (!phone) {
      skipped.push(issue("roster.badPhone", { file, row: row.number, column: read.where("phone"), value: rawPhone }));
      untouched.names.push(name);
      continue;
    }
    const first = byPhone.get(phone);
    if (first !== undefined) {
      skipped.push(
        issue("roster.duplicatePhone", { file, row: row.number, column: read.where("phone"), value: rawPhone, first }),
      );
      continue;
    }
    byPhone.set(phone, row.number);
    people.push({ row: row.number, name, phone, department, title, role: roleFromTitle(title) });
  }
  if (people.length === 0) return { ok: false, errors: skipped.length ? skipped : [issue("import.noRows", { file })] };
  return { ok: true, value: { people, skipped, untouched } };
}

/** Does this table look like a staff list? For telling one from a plan. */
export function looksLikeRoster(sheets: readonly Sheet[]): boolean {
  return locateTable(sheets, ROSTER_COLUMNS, ROSTER_HEADER_EXAMPLES, "").ok;
}
