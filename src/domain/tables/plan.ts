/**
 * A plan's task table ("Phụ lục phân công nhiệm vụ") to areas and tasks, read
 * the way a person reads the printed appendix. Tables copied out of a signed
 * PDF or a Word file come torn: a task's extra products and deadlines on rows
 * of their own, content cut by a page break, the header repeated on every
 * page. Each row is classified in this order:
 *   1. blank, a repeated header or the "(1) (2) (3)" numbering: skipped;
 *   2. a heading (a section code, or content in capitals, with no lead,
 *      product or timeframe): opens an area;
 *   3. no number and no content, but a product, lead or timeframe: more of
 *      the task above (its products appended, its due dates added);
 *   4. no number, no lead and no timeframe, with content that starts in lower
 *      case or continues a sentence the task above left unfinished: the rest
 *      of the task above;
 *   5. anything else with content is a task; without a number it gets the
 *      next one in its area and a warning.
 * What cannot be read in a row is a warning naming the row and column; only a
 * file with no task table, or a table with no task, is refused.
 */
import { splitLeadCell } from "../departments.ts";
import { readTargets, type PlanTarget } from "../targets.ts";
import { findYearSpan, parseSpanTimeframe, parseTimeframe, type Timeframe, type YearSpan } from "../timeframe.ts";
import { fold, tidy } from "../text.ts";
import {
  cleanCell,
  isHeaderRow,
  issue,
  locateTable,
  type ColumnSpec,
  type ImportIssue,
  type Row,
  type Sheet,
  type TableResult,
} from "./sheet.ts";

type PlanColumn =
  "code" | "objective" | "content" | "activity" | "product" | "lead" | "coordinating" | "timeframe" | "notes";

// Folded header names, as units write them.
const PLAN_COLUMNS: ColumnSpec<PlanColumn>[] = [
  { key: "code", names: /^(stt|tt|so tt|so thu tu|ma|ma so)$/ },
  { key: "timeframe", names: /^(thoi gian|thoi han|tien do)\b/, required: true },
  { key: "product", names: /san pham|^ket qua/ },
  { key: "lead", names: /chu tri/ },
  { key: "coordinating", names: /phoi hop/ },
  { key: "notes", names: /^ghi chu/ },
  { key: "objective", names: /^muc tieu\b/ },
  { key: "content", names: /noi dung|nhiem vu|hoat dong|cong viec|linh vuc/, required: true },
  // A framework plan's third column: "Mục tiêu / Nhiệm vụ / Hoạt động". Alone, "Hoạt động" is the content.
  { key: "activity", names: /^(cac )?hoat dong\b/ },
];

export const PLAN_HEADER_EXAMPLES = [
  "STT",
  "Nội dung nhiệm vụ",
  "Sản phẩm",
  "Chủ trì",
  "Phối hợp",
  "Thời gian thực hiện",
  "Ghi chú",
];

/** Does this table look like a plan's task table? For telling a plan from a staff list. */
export function looksLikePlan(sheets: readonly Sheet[]): boolean {
  return locateTable(sheets, PLAN_COLUMNS, PLAN_HEADER_EXAMPLES, "").ok;
}

export interface AreaDraft {
  /** Codes from the root joined with dots: "B.II". */
  path: string;
  /** The path earlier versions gave it ("1.1.1" for "1.1" under "1"), to carry history over. */
  legacyPath: string;
  code: string;
  title: string;
  parentPath: string | null;
  position: number;
}

export interface TaskDraft {
  /** Area path and printed code: "B.II.3". Identifies the task across re-imports. */
  ref: string;
  /** The ref earlier versions gave it, to map old tasks onto new codes. */
  legacyRef: string;
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
  /** Rows that continued this task (extra products and deadlines, content after a page break). */
  continuationRows: number[];
}

export interface PlanDraft {
  file: string;
  /** "F (Thời gian thực hiện)", for messages about a task's timeframe. */
  timeframeColumn: string;
  title: string | null;
  /** The text above the table, for the unit's name in the plan's own title. */
  preamble: string[];
  areas: AreaDraft[];
  tasks: TaskDraft[];
  /** About rows of the table; each task's timeframe warnings stay with the task (see taskWarnings). */
  warnings: ImportIssue[];
  /** A framework plan's years ("giai đoạn 2026-2030"): its timeframes are read over all of them. */
  span: YearSpan | null;
  /** Indicator targets its "MỤC TIÊU" part states, to be kept as indicators. */
  targets: PlanTarget[];
}

export function taskWarnings(draft: PlanDraft, task: TaskDraft): ImportIssue[] {
  return task.parsed.warnings.map((w) =>
    issue(`timeframe.${w.code}`, {
      file: draft.file,
      row: w.row ?? task.row,
      column: draft.timeframeColumn,
      text: w.text,
      year: w.year ?? "",
    }),
  );
}

/** Every warning of an import, in file order. */
export function planWarnings(draft: PlanDraft): ImportIssue[] {
  const all = [...draft.warnings, ...draft.tasks.flatMap((t) => taskWarnings(draft, t))];
  return all.sort((a, b) => Number(a.params.row ?? 0) - Number(b.params.row ?? 0));
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

function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 3 && letters === letters.toUpperCase();
}

/** Starts in lower case (or with a connecting mark): the rest of a cut sentence. */
function startsLower(text: string): boolean {
  const first = text.trimStart()[0] ?? "";
  return /[,;:)]/.test(first) || (first !== first.toUpperCase() && first === first.toLowerCase());
}

/** A cell's text that stops mid-sentence: no closing punctuation. */
function unfinished(text: string): boolean {
  return text.trim() !== "" && !/[.;:!?…)"”]$/.test(text.trim());
}

/** Does this piece carry on the text above it (a cut word or phrase), rather than start a new item? */
function carriesOn(before: string, piece: string): boolean {
  return startsLower(piece) || /[,\-–]$/.test(before.trim());
}

/** Joins a continuation piece: within a cut sentence by a space, as a new item by a line break. */
function joinPiece(before: string, piece: string): string {
  if (!before) return piece;
  if (!piece) return before;
  return carriesOn(before, piece) ? `${before} ${piece}` : `${before}\n${piece}`;
}

/** "1.1" under "1" is "1.1", not "1.1.1": a code that already names its parent replaces the parent's segment. */
function childPath(parent: { path: string; code: string; parentPath: string | null } | null, code: string): string {
  if (!parent) return code;
  if (code.startsWith(`${parent.code}.`)) return parent.parentPath ? `${parent.parentPath}.${code}` : code;
  return `${parent.path}.${code}`;
}

/** The timeframe of a task read from several rows: each row's text parsed alone, the due dates joined. */
export function mergeTimeframes(
  parts: readonly { text: string; row: number }[],
  parse: (text: string) => Timeframe,
): Timeframe {
  if (parts.length === 1) return parse(parts[0]!.text);
  const parsed = parts.map((p) => ({ tf: parse(p.text), row: p.row }));
  const byDate = new Map<string, string>();
  for (const { tf } of parsed)
    for (const o of tf.occurrences) if (!byDate.has(o.dueDate)) byDate.set(o.dueDate, o.period);
  const occurrences = [...byDate]
    .map(([dueDate, period]) => ({ dueDate, period }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    dueDates: occurrences.map((o) => o.dueDate),
    occurrences,
    recurring: parsed.find((p) => p.tf.recurring !== "none")?.tf.recurring ?? "none",
    onDemand: occurrences.length === 0 && parsed.some((p) => p.tf.onDemand),
    warnings: parsed.flatMap((p) => p.tf.warnings.map((w) => ({ ...w, row: p.row }))),
  };
}

/**
 * Word tables split across pages arrive as several tables; those after the
 * task table with the same columns, or with no header of their own, are more
 * of it. Their rows are numbered on from the first table's; `pageStarts`
 * holds the first row of each table after the first (a page break before it).
 */
function continuedRows(sheets: readonly Sheet[], first: Sheet, columns: number): { rows: Row[]; pageStarts: Set<Row> } {
  const rows = [...first.rows];
  const pageStarts = new Set<Row>();
  const start = sheets.indexOf(first);
  for (const next of sheets.slice(start + 1)) {
    if (!next.continues) break;
    const width = next.rows[0]?.cells.length ?? 0;
    if (width !== columns && (width < 3 || looksLikePlan([next]))) break;
    let n = rows.length ? rows[rows.length - 1]!.number : 0;
    next.rows.forEach((r, i) => {
      const row = { ...r, number: ++n };
      if (i === 0) pageStarts.add(row);
      rows.push(row);
    });
  }
  return { rows, pageStarts };
}

type Cells = Record<PlanColumn, string>;

interface TaskBuild extends TaskDraft {
  timeframeParts: { text: string; row: number }[];
}

export function readPlanTable(
  sheets: readonly Sheet[],
  options: { file: string; planYear: number },
): TableResult<PlanDraft> {
  const { file, planYear } = options;
  const table = locateTable(sheets, PLAN_COLUMNS, PLAN_HEADER_EXAMPLES, file);
  if (!table.ok) return table;
  const { header, read } = table;
  const headerRow = header.sheet.rows[header.index]!;
  const { rows, pageStarts } = continuedRows(sheets, header.sheet, headerRow.cells.length);
  const above = [
    ...(header.sheet.preamble ?? []),
    ...rows.slice(0, header.index).map((r) => tidy(r.cells.join(" "))),
  ].filter((t) => t !== "");
  const title = planTitle(above);

  const framework = header.columns.activity !== undefined;
  // A framework plan is read over all its years; an annual plan only when its own title spans years.
  const span =
    findYearSpan(title ?? "") ??
    (framework ? (findYearSpan(above.join(" ")) ?? spanOfCells(rows.map((r) => read.get(r, "timeframe")))) : null);
  // A plan repeats a few dozen timeframe texts over all its tasks: each is read once (the results are only read).
  const parsedTexts = new Map<string, Timeframe>();
  const parse = (text: string): Timeframe => {
    let tf = parsedTexts.get(text);
    if (!tf) parsedTexts.set(text, (tf = span ? parseSpanTimeframe(text, span) : parseTimeframe(text, planYear)));
    return tf;
  };
  const warnings: ImportIssue[] = [];
  const areas: AreaDraft[] = [];
  const tasks: TaskBuild[] = [];
  const refs = new Set<string>();
  const stack: { area: AreaDraft; level: number }[] = [];
  const ordinals = new Map<string, number>();
  const headerText = fold(headerRow.cells.join(" "));
  const firstCell = (r: Row) => r.cells.find((c) => c.trim() !== "") ?? "";
  const headerFirst = fold(firstCell(headerRow));
  // The whole row is folded only when its first cell already reads like the header's (a plan has thousands of rows).
  const sameAsHeader = (r: Row) => fold(firstCell(r)) === headerFirst && fold(r.cells.join(" ")) === headerText;
  const body = rows.slice(header.index + 1);
  /** The task rows below may continue: cleared by a heading. */
  let current: TaskBuild | null = null;

  const cellsOf = (row: Row) => ({
    code: tidy(read.get(row, "code")).replace(/\.$/, ""),
    objective: read.get(row, "objective"),
    content: read.get(row, "content"),
    activity: read.get(row, "activity"),
    product: read.get(row, "product"),
    lead: read.get(row, "lead"),
    coordinating: read.get(row, "coordinating"),
    timeframe: read.get(row, "timeframe"),
    notes: read.get(row, "notes"),
  });
  /**
   * A row that starts a task of its own takes the lead, coordinating and
   * timeframe cells merged down over it from the row above: one lead for
   * three activities is each activity's. (A row that continues a task does
   * not: the merged cell is that task's already.)
   */
  const ownCells = (c: Cells, row: Row): Cells => {
    const down = row.mergedDown;
    if (!down) return c;
    const from = (key: "lead" | "coordinating" | "timeframe") => {
      const col = header.columns[key];
      return c[key] || (col === undefined ? "" : cleanCell(down[col]));
    };
    return { ...c, lead: from("lead"), coordinating: from("coordinating"), timeframe: from("timeframe") };
  };
  /** Opens an area at `level` (0: one below the current) under the nearest area above it. */
  const openArea = (code: string, text: string, level: number, rowNumber: number) => {
    const effectiveLevel = level > 0 ? level : (stack[stack.length - 1]?.level ?? 0) + 1;
    while (stack.length && stack[stack.length - 1]!.level >= effectiveLevel) stack.pop();
    const parent = stack[stack.length - 1]?.area ?? null;
    const areaCode = code || `S${areas.length + 1}`;
    let path = childPath(parent, areaCode);
    if (areas.some((a) => a.path === path)) {
      let n = 2;
      while (areas.some((a) => a.path === `${path}-${n}`)) n++;
      warnings.push(issue("plan.duplicateArea", { file, row: rowNumber, code: path, ref: `${path}-${n}` }));
      path = `${path}-${n}`;
    }
    const area: AreaDraft = {
      path,
      legacyPath: parent ? `${parent.legacyPath}.${areaCode}` : areaCode,
      code: areaCode,
      title: tidy(text),
      parentPath: parent?.path ?? null,
      position: areas.length,
    };
    areas.push(area);
    stack.push({ area, level: effectiveLevel });
  };
  /** A task in the current area, numbered on in it when its row has no number (a warning unless `quiet`). */
  const addTask = (code: string, content: string, c: Cells, rowNumber: number, quiet = false) => {
    const area = stack[stack.length - 1]?.area ?? null;
    const areaKey = area?.path ?? "";
    const ordinal = (ordinals.get(areaKey) ?? 0) + 1;
    ordinals.set(areaKey, ordinal);
    const taskCode = code || String(ordinal);
    if (!code && !quiet)
      warnings.push(issue("plan.noCode", { file, row: rowNumber, column: read.where("code"), code: taskCode }));
    let ref = childPath(area, taskCode);
    if (refs.has(ref)) {
      let n = 2;
      while (refs.has(`${ref}-${n}`)) n++;
      warnings.push(issue("plan.duplicateCode", { file, row: rowNumber, code: ref, ref: `${ref}-${n}` }));
      ref = `${ref}-${n}`;
    }
    refs.add(ref);
    const legacy = area ? `${area.legacyPath}.${taskCode}` : taskCode;
    const task: TaskBuild = {
      ref,
      legacyRef: ref === childPath(area, taskCode) ? legacy : ref,
      code: taskCode,
      areaPath: area?.path ?? null,
      content,
      product: c.product,
      lead: c.lead,
      coordinating: c.coordinating,
      timeframe: c.timeframe,
      parsed: parse(""),
      notes: c.notes,
      position: tasks.length,
      row: rowNumber,
      continuationRows: [],
      timeframeParts: c.timeframe ? [{ text: c.timeframe, row: rowNumber }] : [],
    };
    tasks.push(task);
    current = task;
  };
  /**
   * A framework plan's row: an objective opens an area, a task (nhiệm vụ) an
   * area under it, and each activity (hoạt động) is a task of its own, its
   * text whole. Merged cells leave the objective and task only on their first row.
   */
  let objective = "";
  let objectives = 0;
  let taskAreas = 0;
  const frameworkRow = (c: Cells, row: Row) => {
    const rowNumber = row.number;
    const details = c.timeframe || c.lead || c.product || c.coordinating;
    // "I | CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (5 Mục tiêu; 7 Nhiệm vụ; 11 Hoạt động)" across the row: a section.
    const texts = [c.objective, c.content, c.activity].filter(Boolean);
    const heading = details ? null : texts.length === 1 ? texts[0]! : texts.length === 0 ? c.code : null;
    if (heading && isCapitals(heading.replace(/\(.*\)/g, ""))) {
      const code = texts.length && areaLevel(c.code) > 0 ? c.code : (/^([IVX]+|[A-Z])[.\s]/.exec(heading)?.[1] ?? "");
      const title = texts.length ? heading : heading.slice(code.length).replace(/^[.\s]+/, "");
      openArea(code, title, 1, rowNumber);
      objective = "";
      current = null;
      return;
    }
    if (c.objective && c.objective !== objective) {
      objective = c.objective;
      taskAreas = 0;
      openArea(leadingCode(c.objective) || String(++objectives), c.objective, 2, rowNumber);
      current = null;
    }
    if (c.content && (c.activity || !details)) {
      openArea(leadingCode(c.content) || String(++taskAreas), c.content, 3, rowNumber);
      current = null;
    } else if (c.content) {
      addTask(leadingCode(c.content), c.content, ownCells(c, row), rowNumber, true);
      return;
    }
    if (c.activity && current && !details && startsLower(c.activity)) {
      current.content = `${current.content} ${c.activity}`;
      current.continuationRows.push(rowNumber);
    } else if (c.activity) {
      addTask(leadingCode(c.activity), c.activity, ownCells(c, row), rowNumber, true);
    } else if (details && current) {
      appendDetails(current, c, rowNumber);
    }
  };
  /** The code of the next numbered row, to tell a numbered section ("1. Công tác chỉ đạo") from a numbered task. */
  const nextCode = (from: number): string => {
    for (let k = from + 1; k < body.length; k++) {
      const code = cellsOf(body[k]!).code;
      if (code) return code;
    }
    return "";
  };

  /** Sections whose tasks are numbered from 1 again under them. */
  const restarted = new Set<string>();
  const restartsNumbering = (code: string, level: number): boolean => {
    const top = stack[stack.length - 1];
    if (!top || top.level !== level || !/^\d+$/.test(code)) return false;
    const path = top.area.path;
    if (!restarted.has(path) && (code !== "1" || ordinals.has(path))) return false;
    restarted.add(path);
    return true;
  };

  /** Set from a page break to the first row with content after it (past the repeated header). */
  let afterPageBreak = false;
  /** The area the row before opened, while no task has followed it. */
  let justOpened: AreaDraft | null = null;
  body.forEach((row, i) => {
    if (pageStarts.has(row)) afterPageBreak = true;
    const c = cellsOf(row);
    const filled = Object.values(c).filter((v) => v !== "");
    if (filled.length === 0) return;
    // The header repeated on a new page, or the "(1) (2) (3)" column numbering under it.
    if (sameAsHeader(row) || isHeaderRow(row, PLAN_COLUMNS)) return;
    if (filled.length >= 3 && filled.every((v) => /^\(?\d{1,2}\)?$/.test(v))) return;
    const pageOpener = afterPageBreak;
    afterPageBreak = false;
    if (framework) {
      frameworkRow(c, row);
      return;
    }

    const noDetails = !c.timeframe && !c.lead && !c.product && !c.coordinating;
    const level = areaLevel(c.code);
    const sectionCode = level > 0 && level < 3;
    // A numbered row with nothing but its title is a section when it is in capitals, or the rows after it
    // are numbered under it ("3.1") or from 1 again.
    const numberedSection = () =>
      level >= 3 && (isCapitals(c.content) || [`${c.code}.`, "1"].some((p) => nextCode(i).startsWith(p)));
    // A section's title cut by a page break: its rest opens the next page, with no code of its own.
    if (pageOpener && justOpened && !c.code && c.content && noDetails) {
      justOpened.title = tidy(`${justOpened.title} ${c.content}`);
      return;
    }
    justOpened = null;
    if (c.content && noDetails && (sectionCode || (!c.code && isCapitals(c.content)) || numberedSection())) {
      openArea(c.code, c.content, level, row.number);
      justOpened = areas[areas.length - 1]!;
      current = null;
      return;
    }

    if (!c.code && !c.content) {
      // More products, deadlines or departments of the task above.
      if (!current) {
        warnings.push(issue("plan.noContent", { file, row: row.number, column: read.where("content") }));
        return;
      }
      appendDetails(current, c, row.number);
      return;
    }
    // A page break cuts every cell of the row: what has a lead or timeframe of its own must continue them too.
    const cellContinues = (before: string, piece: string) => !piece || carriesOn(before, piece);
    if (
      !c.code &&
      current &&
      (startsLower(c.content) || unfinished(current.content)) &&
      cellContinues(current.lead, c.lead) &&
      cellContinues(current.timeframeParts[current.timeframeParts.length - 1]?.text ?? "", c.timeframe)
    ) {
      current.content = joinPiece(current.content, c.content).replace(/\n/g, " ");
      appendDetails(current, c, row.number);
      return;
    }
    if (!c.content) {
      warnings.push(issue("plan.noContent", { file, row: row.number, column: read.where("content") }));
      return;
    }

    // Task "2" after section "1" and its tasks "1.1", "1.2" is back at the section's level; but section "3"
    // followed by tasks "1", "2", "3" numbers its tasks afresh, and they are its own ("3.1"…, printed "1"…).
    if (level >= 3 && !restartsNumbering(c.code, level))
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    addTask(c.code, c.content, ownCells(c, row), row.number);
  });

  if (tasks.length === 0) return { ok: false, errors: [issue("import.noRows", { file })] };

  const goals = objectiveLines(areas, tasks, header.sheet.preamble ?? []);
  const { targets, unreadable } = readTargets(goals);
  for (const u of unreadable)
    warnings.push(
      u.row
        ? issue("plan.unreadableTarget", { file, row: u.row, column: read.where("content"), text: u.text })
        : issue("plan.unreadableTargetAbove", { file, text: u.text }),
    );
  const drafts: TaskDraft[] = tasks.map(({ timeframeParts, ...t }) => {
    // "Phòng A; các phòng chuyên môn phối hợp" in the lead cell: the part marked phối hợp coordinates.
    const named = splitLeadCell(t.lead);
    return {
      ...t,
      lead: named.lead,
      coordinating: [t.coordinating, named.coordinating].filter(Boolean).join("\n"),
      parsed: timeframeParts.length ? mergeTimeframes(timeframeParts, parse) : parse(""),
    };
  });
  // A task nobody leads is given to nobody; one with no timeframe is never due. Neither goes unsaid.
  for (const t of drafts) {
    if (!t.lead) warnings.push(issue("plan.noLead", { file, row: t.row, column: read.where("lead"), code: t.ref }));
    if (!t.timeframe)
      warnings.push(issue("plan.noTimeframe", { file, row: t.row, column: read.where("timeframe"), code: t.ref }));
  }
  return {
    ok: true,
    value: {
      file,
      timeframeColumn: read.where("timeframe"),
      title,
      preamble: above,
      areas,
      tasks: drafts,
      warnings,
      span,
      targets,
    },
  };
}

/**
 * What a plan calls itself, from the lines above its table: its heading
 * ("KẾ HOẠCH" and the line under it, "Cải cách hành chính năm 2026"), else the
 * longest line that is neither a bracket ("(Kèm theo…)") nor the preamble's
 * prose ("Căn cứ…", "Số: …", "Thực hiện…") — an appendix's "DANH MỤC NHIỆM VỤ
 * CCHC NĂM 2026" over its "PHỤ LỤC I".
 */
function planTitle(above: readonly string[]): string | null {
  const heading = above.findIndex((line) => /^ke hoach\b/.test(fold(line)) && fold(line).split(" ").length <= 12);
  if (heading >= 0) {
    const line = above[heading]!;
    const next = above[heading + 1];
    // "KẾ HOẠCH" alone is a heading whose subject is the next line.
    if (fold(line) === "ke hoach" && next && !next.startsWith("(") && !isProse(next)) return `${line} ${next}`;
    if (fold(line) !== "ke hoach") return line;
  }
  return above.filter((t) => !t.startsWith("(") && !isProse(t)).sort((a, b) => b.length - a.length)[0] ?? null;
}

/** A sentence of the preamble, not a title: "Căn cứ…", "Số: 12/KH-TTYT", "Thực hiện Công văn…", "Kính gửi…". */
function isProse(line: string): boolean {
  return /^(can cu|so\s*:|thuc hien|kinh gui|nham|de\b)/.test(fold(line)) || /[;:]$/.test(line.trim());
}

/**
 * The sentences of a plan's objectives: the tasks of a section called "MỤC
 * TIÊU…" (and of the sections under it), and the lines under a "Mục tiêu"
 * heading in the text above the table (row 0: not a table row).
 */
function objectiveLines(
  areas: readonly AreaDraft[],
  tasks: readonly TaskBuild[],
  preamble: readonly string[],
): { text: string; row: number; owner?: string }[] {
  const goal = new Set<string>();
  for (const a of areas)
    if (/^muc tieu\b/.test(fold(a.title)) || (a.parentPath && goal.has(a.parentPath))) goal.add(a.path);
  const fromTable = tasks
    .filter((t) => t.areaPath && goal.has(t.areaPath))
    .map((t) => ({ text: t.content, row: t.row, owner: t.lead }));
  const fromText: { text: string; row: number }[] = [];
  let inside = false;
  for (const line of preamble) {
    const f = fold(line);
    // "2. Mục tiêu cụ thể:" opens; the next numbered or capitalised heading ("II. NHIỆM VỤ…") closes.
    if (/^(?:[ivx\d]+[.)]\s*|[a-d][.)]\s*)?muc tieu\b/.test(f)) {
      inside = true;
      continue;
    }
    if (inside && /^(?:[ivx]+|\d+)[.)]\s/.test(f) && !/^\d+[.)]\s*\d/.test(f)) inside = false;
    if (inside) fromText.push({ text: line, row: 0 });
  }
  return [...fromTable, ...fromText];
}

/** "1.2. Rà soát…" → "1.2"; "Mục tiêu 2. Kiểm tra…", "Hoạt động 3: Xây dựng…" → "2", "3"; "" when not numbered. */
function leadingCode(text: string): string {
  const folded = fold(text);
  return (
    /^\s*(?:(?:muc tieu|nhiem vu|hoat dong)\s+)?([ivx]+|\d+(?:\.\d+)*)\s*[.):]\s*/.exec(folded)?.[1]?.toUpperCase() ??
    ""
  );
}

/** The widest "2026-2030" among a table's timeframe cells. */
function spanOfCells(cells: readonly string[]): YearSpan | null {
  const spans = cells.map(findYearSpan).filter((x): x is YearSpan => x !== null);
  return spans.length ? { from: Math.min(...spans.map((x) => x.from)), to: Math.max(...spans.map((x) => x.to)) } : null;
}

function appendDetails(
  task: TaskBuild,
  c: Record<"product" | "lead" | "coordinating" | "timeframe" | "notes", string>,
  row: number,
): void {
  task.product = joinPiece(task.product, c.product);
  task.lead = joinPiece(task.lead, c.lead);
  task.coordinating = joinPiece(task.coordinating, c.coordinating);
  task.notes = joinPiece(task.notes, c.notes);
  if (c.timeframe) {
    const last = task.timeframeParts[task.timeframeParts.length - 1];
    // "Thường" / "xuyên" is one phrase cut in two; "Quý I" / "6 tháng, 01 năm" are two deadlines.
    if (last && carriesOn(last.text, c.timeframe)) last.text = `${last.text} ${c.timeframe}`;
    else task.timeframeParts.push({ text: c.timeframe, row });
    task.timeframe = joinPiece(task.timeframe, c.timeframe);
  }
  task.continuationRows.push(row);
}

/**
 * The unit a plan's own title names: "Kế hoạch cải cách hành chính Trung tâm
 * Y tế khu vực Yên Bái năm 2026" → "Trung tâm Y tế khu vực Yên Bái". The title
 * may run over two lines ("KẾ HOẠCH" / "Cải cách hành chính … năm 2026").
 */
export function unitNameInTitle(lines: readonly string[]): string | null {
  const text = tidy(lines.slice(0, 12).join(" "));
  const m = /cai cach hanh chinh(?: nha nuoc)?(?: cua)? (.+?) (?:nam \d{4}|giai doan|0?6 thang|9 thang)/.exec(
    fold(text),
  );
  if (!m || !/^(trung tam|benh vien|so |phong |chi cuc|uy ban|ubnd|tram|khoa|cong ty|ban |vien )/.test(m[1]!))
    return null;
  // fold() keeps one character per character of tidy text, so the match's place is the original's.
  const start = fold(text).indexOf(m[1]!);
  const name = text.slice(start, start + m[1]!.length).trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}
