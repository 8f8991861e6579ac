/** A list of units (tên đơn vị, đơn vị cấp trên) to the tree it describes. */
import { tidy } from "../text.ts";
import { issue, locateTable, type ColumnSpec, type ImportIssue, type Sheet, type TableResult } from "./sheet.ts";

type UnitColumn = "name" | "parent";

// "Đơn vị cấp trên" also says "đơn vị": the parent is recognised first.
const UNIT_COLUMNS: ColumnSpec<UnitColumn>[] = [
  { key: "parent", names: /cap tren|truc thuoc|chu quan/ },
  { key: "name", names: /^(ten don vi|don vi|ten)\b/, required: true },
];

export const UNIT_HEADER_EXAMPLES = ["Tên đơn vị", "Đơn vị cấp trên"];

export interface UnitDraft {
  row: number;
  name: string;
  /** Null for a unit at the top (the Sở). */
  parent: string | null;
}

/** One unit per row; a name twice, or a unit above itself, is refused with its row. */
export function readUnitTable(sheets: readonly Sheet[], options: { file: string }): TableResult<UnitDraft[]> {
  const { file } = options;
  const table = locateTable(sheets, UNIT_COLUMNS, UNIT_HEADER_EXAMPLES, file);
  if (!table.ok) return table;
  const { read } = table;
  const errors: ImportIssue[] = [];
  const out: UnitDraft[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const name = tidy(read.get(row, "name")).replace(/\s+/g, " ");
    const parent = tidy(read.get(row, "parent")).replace(/\s+/g, " ");
    if (!name && !parent) continue;
    if (!name) {
      errors.push(issue("unit.rowNoName", { file, row: row.number, column: read.where("name") }));
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      errors.push(issue("unit.duplicate", { file, row: row.number, name, first }));
      continue;
    }
    if (parent === name) {
      errors.push(issue("unit.ownParent", { file, row: row.number, name }));
      continue;
    }
    seen.set(name, row.number);
    out.push({ row: row.number, name, parent: parent || null });
  }
  if (errors.length) return { ok: false, errors };
  if (out.length === 0) return { ok: false, errors: [issue("import.noRows", { file })] };
  return { ok: true, value: out };
}
