/** An indicator list (mã, tên chỉ số, chỉ tiêu, phòng phụ trách, kỳ) to targets. */
import { parseIndicatorPeriod, parseTarget, type IndicatorPeriod, type Target } from "../indicator.ts";
import { tidy } from "../text.ts";
import { issue, locateTable, type ColumnSpec, type ImportIssue, type Sheet, type TableResult } from "./sheet.ts";

type IndicatorColumn = "code" | "name" | "target" | "owner" | "period";

const INDICATOR_COLUMNS: ColumnSpec<IndicatorColumn>[] = [
  { key: "code", names: /^(ma|ma chi so|ma so|ky hieu|stt|tt)$/ },
  { key: "target", names: /^(chi tieu|muc tieu|gia tri muc tieu)\b/, required: true },
  { key: "owner", names: /phu trach|chu tri|don vi|khoa\/phong|phong/ },
  { key: "period", names: /^(ky|ky bao cao|tan suat|thoi gian)\b/ },
  { key: "name", names: /chi so|^ten\b|noi dung/, required: true },
];

export const INDICATOR_HEADER_EXAMPLES = ["Mã", "Tên chỉ số", "Chỉ tiêu", "Phòng phụ trách", "Kỳ"];

export interface IndicatorDraft {
  row: number;
  code: string;
  name: string;
  targetText: string;
  target: Target;
  owner: string;
  period: IndicatorPeriod;
}

export function readIndicatorTable(sheets: readonly Sheet[], options: { file: string }): TableResult<IndicatorDraft[]> {
  const { file } = options;
  const table = locateTable(sheets, INDICATOR_COLUMNS, INDICATOR_HEADER_EXAMPLES, file);
  if (!table.ok) return table;
  const { read } = table;
  const errors: ImportIssue[] = [];
  const out: IndicatorDraft[] = [];
  const codes = new Map<string, number>();
  for (const row of table.rows) {
    const cells = (["code", "name", "target", "owner", "period"] as const).map((k) => tidy(read.get(row, k)));
    const [rawCode, name, targetText, owner, periodText] = cells as [string, string, string, string, string];
    if (cells.every((c) => c === "")) continue;
    if (!name) {
      errors.push(issue("indicator.noName", { file, row: row.number, column: read.where("name") }));
      continue;
    }
    const target = parseTarget(targetText);
    if (!target) {
      errors.push(
        issue("indicator.badTarget", { file, row: row.number, column: read.where("target"), value: targetText }),
      );
      continue;
    }
    const period = parseIndicatorPeriod(periodText);
    if (!period) {
      errors.push(
        issue("indicator.badPeriod", { file, row: row.number, column: read.where("period"), value: periodText }),
      );
      continue;
    }
    const code = (rawCode || String(out.length + 1)).toUpperCase();
    const first = codes.get(code);
    if (first !== undefined) {
      errors.push(
        issue("indicator.duplicateCode", { file, row: row.number, column: read.where("code"), value: code, first }),
      );
      continue;
    }
    codes.set(code, row.number);
    out.push({ row: row.number, code, name, targetText, target, owner, period });
  }
  if (errors.length) return { ok: false, errors };
  if (out.length === 0) return { ok: false, errors: [issue("import.noRows", { file })] };
  return { ok: true, value: out };
}
