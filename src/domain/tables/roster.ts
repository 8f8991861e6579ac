/** A staff list ("Danh sách cán bộ") to people with E.164 phones and roles. */
import { normalizePhone } from "../phone.ts";
import { roleFromTitle, type Role } from "../roles.ts";
import { tidy } from "../text.ts";
import { issue, locateTable, type ColumnSpec, type ImportIssue, type Sheet, type TableResult } from "./sheet.ts";

type RosterColumn = "name" | "phone" | "department" | "title";

const ROSTER_COLUMNS: ColumnSpec<RosterColumn>[] = [
  { key: "phone", names: /^(so dien thoai|dien thoai|sdt|so dt|dt|di dong|phone)\b/, required: true },
  { key: "title", names: /^(chuc vu|chuc danh|vai tro)\b/ },
  { key: "department", names: /^(khoa\/phong|khoa, phong|khoa phong|phong\/khoa|phong ban|don vi|bo phan|khoa|phong)\b/ },
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

export function readRosterTable(sheets: readonly Sheet[], options: { file: string }): TableResult<StaffDraft[]> {
  const { file } = options;
  const table = locateTable(sheets, ROSTER_COLUMNS, ROSTER_HEADER_EXAMPLES, file);
  if (!table.ok) return table;
  const { read } = table;
  const errors: ImportIssue[] = [];
  const people: StaffDraft[] = [];
  const byPhone = new Map<string, number>();
  for (const row of table.rows) {
    const name = tidy(read.get(row, "name"));
    const rawPhone = tidy(read.get(row, "phone"));
    const department = tidy(read.get(row, "department"));
    const title = tidy(read.get(row, "title"));
    if (!name && !rawPhone && !department && !title) continue;
    if (!name) {
      errors.push(issue("roster.noName", { file, row: row.number, column: read.where("name") }));
      continue;
    }
    const phone = normalizePhone(rawPhone);
    if (!phone) {
      errors.push(issue("roster.badPhone", { file, row: row.number, column: read.where("phone"), value: rawPhone }));
      continue;
    }
    const first = byPhone.get(phone);
    if (first !== undefined) {
      errors.push(issue("roster.duplicatePhone", { file, row: row.number, column: read.where("phone"), value: rawPhone, first }));
      continue;
    }
    byPhone.set(phone, row.number);
    people.push({ row: row.number, name, phone, department, title, role: roleFromTitle(title) });
  }
  if (errors.length) return { ok: false, errors };
  if (people.length === 0) return { ok: false, errors: [issue("import.noRows", { file })] };
  return { ok: true, value: people };
}
