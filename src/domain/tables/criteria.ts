/**
 * A criteria set (bộ tiêu chí Chỉ số CCHC) as bodies publish it: areas
 * (lĩnh vực, "I", "II" or "1"), criteria ("1", "1.1") and sub-criteria
 * ("1.1.1", "a)"), each with its maximum points, how it is scored and the
 * evidence it needs, and where the file says so the department that answers
 * for it. Every line gets a code unique in the set ("II.1", "1.2.a"); the
 * maxima are checked against what their lines add up to.
 */
import { parseNumber } from "../indicator.ts";
import { scoreSteps, scoreText } from "../criteria.ts";
import { fold, tidy } from "../text.ts";
import { issue, locateTable, type ColumnSpec, type ImportIssue, type Sheet, type TableResult } from "./sheet.ts";

type CriteriaColumn = "code" | "title" | "max" | "rule" | "evidence" | "department";

const CRITERIA_COLUMNS: ColumnSpec<CriteriaColumn>[] = [
  { key: "code", names: /^(stt|tt|so tt|ma|ma so)$/ },
  { key: "max", names: /^(diem toi da|diem chuan|thang diem|diem)\b/, required: true },
  { key: "rule", names: /cach (cham|tinh)|phuong phap|huong dan cham/ },
  { key: "evidence", names: /tai lieu kiem chung|minh chung/ },
  { key: "department", names: /phu trach|don vi|khoa\/phong|^phong/ },
  { key: "title", names: /linh vuc|tieu chi|noi dung/, required: true },
];

export const CRITERIA_HEADER_EXAMPLES = [
  "STT",
  "Lĩnh vực, tiêu chí",
  "Điểm tối đa",
  "Cách chấm",
  "Tài liệu kiểm chứng",
];

export interface CriterionDraft {
  row: number;
  /** Unique in the set: "I", "II.1", "1.2.a". */
  ref: string;
  /** As printed in the file. */
  code: string;
  parentRef: string | null;
  /** 1 an area, 2 a criterion, 3 a sub-criterion… */
  depth: number;
  title: string;
  max: number;
  rule: string;
  /** The scores the rule allows, highest first; empty: any from 0 to max. */
  steps: number[];
  evidence: string;
  department: string;
  position: number;
}

export interface CriteriaDraft {
  title: string | null;
  items: CriterionDraft[];
  /** The set's total: the "Tổng" line when it has one, else the areas added up. */
  total: number;
  warnings: ImportIssue[];
}

const ROMAN = /^(?=[IVXL])(X{0,3})(IX|IV|V?I{0,3})$/;
/** The set's total line: "TỔNG CỘNG", "Tổng điểm", "Cộng" alone, never "Công khai …". */
const TOTAL = /^(tong cong|tong diem|tong so diem|tong|cong)\s*:?$/;

/** The nesting a printed code says, given whether the set's areas are Roman ("I", "II"). */
function codeDepth(code: string, romanAreas: boolean, lastNumeric: number): number | null {
  const c = code.replace(/[.)]$/, "");
  if (ROMAN.test(c.toUpperCase())) return 1;
  if (/^\d+(\.\d+)*$/.test(c)) return c.split(".").length + (romanAreas ? 1 : 0);
  if (/^[a-zđ]$/i.test(c)) return lastNumeric + 1;
  if (/^[-+•]$/.test(c)) return lastNumeric + 1;
  return null;
}

export function readCriteriaTable(sheets: readonly Sheet[], options: { file: string }): TableResult<CriteriaDraft> {
  const { file } = options;
  const table = locateTable(sheets, CRITERIA_COLUMNS, CRITERIA_HEADER_EXAMPLES, file);
  if (!table.ok) return table;
  const { read } = table;
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const items: CriterionDraft[] = [];
  const refs = new Map<string, number>();
  const romanAreas = table.rows.some((r) => ROMAN.test(tidy(read.get(r, "code")).replace(/[.)]$/, "").toUpperCase()));
  // The open line at each depth: a code is made unique under its parent ("1" under "II" is "II.1").
  const open: CriterionDraft[] = [];
  let lastNumeric = 0;
  let stated: { row: number; total: number } | null = null;
  for (const row of table.rows) {
    const code = tidy(read.get(row, "code"));
    const title = tidy(read.get(row, "title"));
    const maxText = tidy(read.get(row, "max"));
    const rest = tidy(read.get(row, "rule")) + tidy(read.get(row, "evidence"));
    if (!code && !title && !maxText && !rest) continue;
    if (TOTAL.test(fold(title || code))) {
      const total = parseNumber(maxText);
      if (total !== null) stated = { row: row.number, total };
      continue;
    }
    // A line with no code of its own continues the one above (a rule or evidence cut by a page break).
    const depth = code ? codeDepth(code, romanAreas, lastNumeric) : null;
    const last = items[items.length - 1];
    if (depth === null) {
      if (last && !code) {
        last.rule = [last.rule, tidy(read.get(row, "rule"))].filter(Boolean).join("\n");
        last.evidence = [last.evidence, tidy(read.get(row, "evidence"))].filter(Boolean).join("\n");
        if (title) last.title = `${last.title} ${title}`;
        continue;
      }
      errors.push(issue("criteria.badCode", { file, row: row.number, column: read.where("code"), value: code }));
      continue;
    }
    if (/^\d/.test(code) || ROMAN.test(code.replace(/[.)]$/, "").toUpperCase())) lastNumeric = depth;
    if (!title) {
      errors.push(issue("criteria.noTitle", { file, row: row.number, column: read.where("title"), code }));
      continue;
    }
    const parent = open.slice(0, depth - 1).reverse()[0] ?? null;
    const printed = code.replace(/[.)]$/, "");
    // "1.2" under area "VII" is "VII.1.2"; "a)" under "1.2" is "1.2.a"; the code printed is kept for display.
    const numeric = /^\d/.test(printed);
    const ref =
      parent && !numeric && depth > 1
        ? `${parent.ref}.${printed}`
        : numeric && romanAreas && open[0]
          ? `${open[0].ref}.${printed}`
          : printed;
    const max = parseNumber(maxText);
    const item: CriterionDraft = {
      row: row.number,
      ref,
      code: printed,
      parentRef: parent?.ref ?? null,
      depth,
      title,
      max: max ?? Number.NaN,
      rule: tidy(read.get(row, "rule")),
      steps: [],
      evidence: tidy(read.get(row, "evidence")),
      department: tidy(read.get(row, "department")),
      position: items.length,
    };
    const first = refs.get(item.ref);
    if (first !== undefined) {
      errors.push(
        issue("criteria.duplicateCode", { file, row: row.number, column: read.where("code"), value: code, first }),
      );
      continue;
    }
    refs.set(item.ref, row.number);
    open.length = depth - 1;
    open[depth - 1] = item;
    items.push(item);
  }
  // A line's maximum: its own; a line with lines under it may leave it out and take their sum.
  const children = (ref: string) => items.filter((i) => i.parentRef === ref);
  for (const item of [...items].reverse()) {
    const under = children(item.ref);
    const sum = under.reduce((n, c) => n + c.max, 0);
    if (Number.isNaN(item.max)) {
      if (under.length && !Number.isNaN(sum)) item.max = sum;
      else errors.push(issue("criteria.noMax", { file, row: item.row, column: read.where("max"), code: item.code }));
    } else if (under.length && !Number.isNaN(sum) && Math.abs(sum - item.max) > 1e-9)
      warnings.push(
        issue("criteria.totalMismatch", {
          file,
          row: item.row,
          code: item.code,
          max: scoreText(item.max),
          sum: scoreText(sum),
        }),
      );
  }
  if (errors.length) return { ok: false, errors };
  if (items.length === 0) return { ok: false, errors: [issue("import.noRows", { file })] };
  for (const item of items) item.steps = scoreSteps(item.rule, item.max);
  const areasSum = items.filter((i) => i.parentRef === null).reduce((n, i) => n + i.max, 0);
  if (stated && Math.abs(stated.total - areasSum) > 1e-9)
    warnings.push(
      issue("criteria.totalMismatch", {
        file,
        row: stated.row,
        code: "Tổng",
        max: scoreText(stated.total),
        sum: scoreText(areasSum),
      }),
    );
  return {
    ok: true,
    value: {
      title: sheets[0]?.preamble?.find((l) => /bo tieu chi|chi so/.test(fold(l))) ?? null,
      items,
      total: stated?.total ?? areasSum,
      warnings,
    },
  };
}

/** Does this table look like a criteria set (a "điểm tối đa" column)? For telling one from a plan. */
export function looksLikeCriteria(sheets: readonly Sheet[]): boolean {
  return locateTable(sheets, CRITERIA_COLUMNS, CRITERIA_HEADER_EXAMPLES, "").ok;
}
