/**
 * A plan's task table ("Phụ lục phân công nhiệm vụ") to areas and tasks.
 * Section rows (A, B, I, II, 1… with no timeframe) open areas; every other
 * row with content is a task under the area open at that point.
 */
import { parseTimeframe, type Timeframe } from "../timeframe.ts";
import { fold, tidy } from "../text.ts";
import { issue, locateTable, type ColumnSpec, type ImportIssue, type Sheet, type TableResult } from "./sheet.ts";

type PlanColumn = "code" | "content" | "product" | "lead" | "coordinating" | "timeframe" | "notes";

// Folded header names, as units write them.
const PLAN_COLUMNS: ColumnSpec<PlanColumn>[] = [
  { key: "code", names: /^(stt|tt|so tt|so thu tu|ma|ma so)$/ },
  { key: "timeframe", names: /^(thoi gian|thoi han|tien do)\b/, required: true },
  { key: "product", names: /san pham|^ket qua/ },
  { key: "lead", names: /chu tri/ },
  { key: "coordinating", names: /phoi hop/ },
  { key: "notes", names: /^ghi chu/ },
  { key: "content", names: /noi dung|nhiem vu|hoat dong|cong viec|linh vuc/, required: true },
];

export const PLAN_HEADER_EXAMPLES = ["STT", "Nội dung nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian thực hiện", "Ghi chú"];

export interface AreaDraft {
  /** Codes from the root joined with dots: "B.II". */
  path: string;
  code: string;
  title: string;
  parentPath: string | null;
  position: number;
}

export interface TaskDraft {
  /** Area path and printed code: "B.II.3". Identifies the task across re-imports. */
  ref: string;
  code: string;
  areaPath: string | null;
  content: string;
  product: string;
  lead: string;
  coordinating: string;
  timeframe: string;
  parsed: Timeframe;
  notes: string;
  position: number;
  row: number;
}

export interface PlanDraft {
  file: string;
  /** "F (Thời gian thực hiện)", for messages about a task's timeframe. */
  timeframeColumn: string;
  title: string | null;
  areas: AreaDraft[];
  tasks: TaskDraft[];
  /** About the table itself; each task's timeframe warnings stay with the task (see taskWarnings). */
  warnings: ImportIssue[];
}

export function taskWarnings(draft: PlanDraft, task: TaskDraft): ImportIssue[] {
  return task.parsed.warnings.map((w) =>
    issue(`timeframe.${w.code}`, { file: draft.file, row: task.row, column: draft.timeframeColumn, text: w.text, year: w.year ?? "" }),
  );
}

/** Every warning of an import, in file order. */
export function planWarnings(draft: PlanDraft): ImportIssue[] {
  return [...draft.warnings, ...draft.tasks.flatMap((t) => taskWarnings(draft, t))];
}

const LETTER = /^[A-HJ-UWYZ]\.?$/;
const ROMAN = /^[IVX]+\.?$/;
const ARABIC = /^\d+(\.\d+)*\.?$/;

function areaLevel(code: string): number {
  if (LETTER.test(code)) return 1;
  if (ROMAN.test(code)) return 2;
  if (ARABIC.test(code)) return 3 + (code.replace(/\.$/, "").match(/\./g) ?? []).length;
  return 0;
}

function isHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 3 && letters === letters.toUpperCase();
}

export function readPlanTable(sheets: readonly Sheet[], options: { file: string; planYear: number }): TableResult<PlanDraft> {
  const { file, planYear } = options;
  const table = locateTable(sheets, PLAN_COLUMNS, PLAN_HEADER_EXAMPLES, file);
  if (!table.ok) return table;
  const { header, read } = table;
  const rows = header.sheet.rows;
  // Above the table: "PHỤ LỤC I", "DANH MỤC NHIỆM VỤ CCHC NĂM 2026", "(Kèm theo…)". The longest unbracketed line names it.
  const title =
    rows
      .slice(0, header.index)
      .map((r) => tidy(r.cells.join(" ")))
      .filter((t) => t !== "" && !t.startsWith("("))
      .sort((a, b) => b.length - a.length)[0] ?? null;

  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const areas: AreaDraft[] = [];
  const tasks: TaskDraft[] = [];
  const refs = new Set<string>();
  const stack: { area: AreaDraft; level: number }[] = [];
  const ordinals = new Map<string, number>();
  const headerText = fold(rows[header.index]!.cells.join(" "));

  for (const row of rows.slice(header.index + 1)) {
    const code = tidy(read.get(row, "code")).replace(/\.$/, "");
    const content = read.get(row, "content");
    const product = read.get(row, "product");
    const lead = read.get(row, "lead");
    const coordinating = read.get(row, "coordinating");
    const timeframe = read.get(row, "timeframe");
    const notes = read.get(row, "notes");
    const filled = [code, content, product, lead, coordinating, timeframe, notes].filter((c) => c !== "");
    if (filled.length === 0) continue;
    // The header repeated on a new page, or the "(1) (2) (3)" column numbering under it.
    if (fold(row.cells.join(" ")) === headerText) continue;
    if (filled.every((c) => /^\(?\d{1,2}\)?$/.test(c)) && filled.length >= 3) continue;

    const noDetails = !timeframe && !lead && !product && !coordinating;
    const level = areaLevel(code);
    if (content && noDetails && (level > 0 || (!code && isHeading(content)))) {
      const effectiveLevel = level > 0 ? level : (stack[stack.length - 1]?.level ?? 0) + 1;
      while (stack.length && stack[stack.length - 1]!.level >= effectiveLevel) stack.pop();
      const parent = stack[stack.length - 1]?.area ?? null;
      const areaCode = code || `S${areas.length + 1}`;
      const path = parent ? `${parent.path}.${areaCode}` : areaCode;
      if (areas.some((a) => a.path === path)) {
        errors.push(issue("plan.duplicateArea", { file, row: row.number, code: path }));
        continue;
      }
      const area: AreaDraft = { path, code: areaCode, title: tidy(content), parentPath: parent?.path ?? null, position: areas.length };
      areas.push(area);
      stack.push({ area, level: effectiveLevel });
      continue;
    }
    if (!content) {
      errors.push(issue("plan.noContent", { file, row: row.number, column: read.where("content") }));
      continue;
    }
    const areaPath = stack[stack.length - 1]?.area.path ?? null;
    const ordinal = (ordinals.get(areaPath ?? "") ?? 0) + 1;
    ordinals.set(areaPath ?? "", ordinal);
    const taskCode = code || String(ordinal);
    let ref = areaPath ? `${areaPath}.${taskCode}` : taskCode;
    if (refs.has(ref)) {
      let n = 2;
      while (refs.has(`${ref}-${n}`)) n++;
      warnings.push(issue("plan.duplicateCode", { file, row: row.number, code: ref, ref: `${ref}-${n}` }));
      ref = `${ref}-${n}`;
    }
    refs.add(ref);
    const parsed = parseTimeframe(timeframe, planYear);
    tasks.push({
      ref,
      code: taskCode,
      areaPath,
      content,
      product,
      lead,
      coordinating,
      timeframe,
      parsed,
      notes,
      position: tasks.length,
      row: row.number,
    });
  }
  if (errors.length) return { ok: false, errors };
  if (tasks.length === 0) return { ok: false, errors: [issue("import.noRows", { file })] };
  return { ok: true, value: { file, timeframeColumn: read.where("timeframe"), title, areas, tasks, warnings } };
}
