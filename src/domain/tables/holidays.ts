/** The government's official holiday list for a year: a date and a name per row. */
import { isoDate } from "../calendar.ts";
import { tidy } from "../text.ts";
import { issue, locateTable, type ColumnSpec, type ImportIssue, type Sheet, type TableResult } from "./sheet.ts";

type HolidayColumn = "date" | "name";

const HOLIDAY_COLUMNS: ColumnSpec<HolidayColumn>[] = [
  { key: "date", names: /^(ngay|ngay nghi|date)\b/, required: true },
  { key: "name", names: /^(ten|ten ngay le|ngay le|ly do|ghi chu|name)\b/ },
];

/** "16/02/2026", "16/2/2026", "2026-02-16". */
function parseDay(text: string): string | null {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = vn ? [+vn[3]!, +vn[2]!, +vn[1]!] : iso ? [+iso[1]!, +iso[2]!, +iso[3]!] : [0, 0, 0];
  if (!y || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return isoDate(y, m, d);
}

export function readHolidayTable(
  sheets: readonly Sheet[],
  options: { file: string; year: number },
): TableResult<{ date: string; name: string }[]> {
  const { file, year } = options;
  const table = locateTable(sheets, HOLIDAY_COLUMNS, ["Ngày", "Tên ngày lễ"], file);
  if (!table.ok) return table;
  const errors: ImportIssue[] = [];
  const out = new Map<string, string>();
  for (const row of table.rows) {
    const raw = tidy(table.read.get(row, "date"));
    if (!raw) continue;
    const date = parseDay(raw);
    if (!date) errors.push(issue("holidays.badRow", { file, row: row.number, value: raw }));
    else if (!date.startsWith(`${year}-`))
      errors.push(issue("holidays.wrongYear", { file, row: row.number, value: raw, year }));
    else out.set(date, tidy(table.read.get(row, "name")) || "Nghỉ lễ");
  }
  if (errors.length) return { ok: false, errors };
  if (out.size === 0) return { ok: false, errors: [issue("import.noRows", { file })] };
  return {
    ok: true,
    value: [...out].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}
