/**
 * A spreadsheet as every importer sees it, whatever the file was
 * (xlsx, csv, a table in docx): rows of text cells with their printed row
 * numbers, so a message can say "row 14, column C".
 */
import type { MessageKey } from "../../util/message-key.ts";
import { fold, tidy } from "../text.ts";

export interface Row {
  /** 1-based, as the user sees it in the file. */
  number: number;
  cells: string[];
  /**
   * A cell covered by a cell merged down from a row above (Word's vMerge, an
   * Excel merged range) is empty in `cells`; its text is here, at the same
   * column. Whether it belongs to this row is the importer's call: a lead
   * merged over three activities is each one's, a lead merged over one
   * task's extra product rows is that task's once.
   */
  mergedDown?: string[];
}

export interface Sheet {
  name: string;
  rows: Row[];
  /** A Word table that may be the rest of the one before it (a table split across pages). */
  continues?: boolean;
  /** Text above the table in the document (a Word file's title lines). */
  preamble?: string[];
}

/** Something wrong with an import: a locale key and what to fill in. */
export interface ImportIssue {
  key: MessageKey;
  params: Record<string, string | number>;
}

export type TableResult<T> = { ok: true; value: T } | { ok: false; errors: ImportIssue[] };

export function issue(key: MessageKey, params: Record<string, string | number> = {}): ImportIssue {
  return { key, params };
}

export interface ColumnSpec<K extends string> {
  key: K;
  /** Folded header texts that name this column. */
  names: RegExp;
  required?: boolean;
}

export interface Header<K extends string> {
  sheet: Sheet;
  /** Index into sheet.rows of the header row. */
  index: number;
  columns: Partial<Record<K, number>>;
  /** The header's own text for each column, for messages. */
  labels: Partial<Record<K, string>>;
}

const HEADER_SEARCH_ROWS = 40;

/**
 * Finds the header row by its names, in any order and with or without
 * diacritics: the row, among the first few of any sheet, that names every
 * required column and the most columns overall.
 */
export function findHeader<K extends string>(
  sheets: readonly Sheet[],
  specs: readonly ColumnSpec<K>[],
): Header<K> | null {
  let best: (Header<K> & { score: number }) | null = null;
  for (const sheet of sheets) {
    sheet.rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, index) => {
      const columns: Partial<Record<K, number>> = {};
      const labels: Partial<Record<K, string>> = {};
      row.cells.forEach((cell, col) => {
        const text = headerText(cell);
        if (!text || text.length > 60) return;
        const spec = specs.find((s) => columns[s.key] === undefined && s.names.test(text));
        if (spec) {
          columns[spec.key] = col;
          labels[spec.key] = cell.replace(/\s+/g, " ").trim();
        }
      });
      const score = Object.keys(columns).length;
      const complete = specs.every((s) => !s.required || columns[s.key] !== undefined);
      if (complete && score >= 2 && (!best || score > best.score)) best = { sheet, index, columns, labels, score };
    });
  }
  if (!best) return null;
  const { score: _score, ...header } = best as Header<K> & { score: number };
  return header;
}

/** A row that names at least three of the columns: the header printed again on a new page. */
export function isHeaderRow<K extends string>(row: Row, specs: readonly ColumnSpec<K>[]): boolean {
  const named = new Set<K>();
  for (const cell of row.cells) {
    // Folding never lengthens a text: a long cell (a task's content) is no column name, and is not folded.
    if (cell.length > 60 && tidy(cell).length > 60) continue;
    const text = headerText(cell);
    if (!text || text.length > 60) continue;
    const spec = specs.find((s) => !named.has(s.key) && s.names.test(text));
    if (spec) named.add(spec.key);
  }
  return named.size >= 3;
}

function headerText(cell: string): string {
  return fold(cell)
    .replace(/\s*\/\s*/g, "/")
    .replace(/[:*]+$/, "")
    .trim();
}

/** Every column a header names, with its text, for a "we expected…" message. */
export function expectedColumns(examples: readonly string[]): string {
  return examples.map((e) => `“${e}”`).join(", ");
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Trimmed lines, runs of spaces collapsed, blank lines dropped. Line breaks stay: they separate names. */
export function cleanCell(raw: string | undefined): string {
  return (raw ?? "")
    .split(/\r?\n/)
    .map((l) => l.replace(/[\s\u00a0]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

export interface RowReader<K extends string> {
  get(row: Row, key: K): string;
  /** "C (Nội dung)" for messages. */
  where(key: K): string;
}

export function rowReader<K extends string>(header: Header<K>): RowReader<K> {
  return {
    get: (row, key) => {
      const col = header.columns[key];
      return col === undefined ? "" : cleanCell(row.cells[col]);
    },
    where: (key) => {
      const col = header.columns[key];
      return col === undefined ? "" : `${columnLetter(col)} (${header.labels[key] ?? key})`;
    },
  };
}

/** The header of a table and a reader for its rows, or the "no header" error naming what was expected. */
export function locateTable<K extends string>(
  sheets: readonly Sheet[],
  specs: readonly ColumnSpec<K>[],
  examples: readonly string[],
  file: string,
): { ok: true; header: Header<K>; read: RowReader<K>; rows: Row[] } | { ok: false; errors: ImportIssue[] } {
  const header = findHeader(sheets, specs);
  if (!header) return { ok: false, errors: [issue("import.noHeader", { file, expected: expectedColumns(examples) })] };
  return { ok: true, header, read: rowReader(header), rows: header.sheet.rows.slice(header.index + 1) };
}
