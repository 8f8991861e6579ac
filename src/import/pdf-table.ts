/**
 * A PDF page's table back into rows and cells. A printed plan keeps no
 * table, only ruled lines and pieces of text at positions: the ruled lines
 * give the grid (a cell whose dividing line is missing spans columns, as a
 * merged section row does), each piece of text goes to the cell it sits in,
 * and a cell's lines are joined as a reader would: a line that ends short of
 * the cell's edge, where the next word would have fit, ended a paragraph.
 */
import type { Row, Sheet } from "../domain/tables/sheet.ts";

/** A piece of text: its left end and baseline in page points (y up), its width and font size. */
export interface TextPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** A ruled segment, horizontal or vertical, in page points. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const SNAP = 2; // points: lines drawn twice, or a hair apart, are one

/** Sorted positions with those within SNAP of each other taken as one. */
function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1]! > SNAP) out.push(v);
  return out;
}

/** A line of text: its pieces left to right, joined with a space where a gap between them says there is one. */
interface Line {
  y: number;
  left: number;
  right: number;
  text: string;
  size: number;
}

/**
 * A piece's characters, each at its share of the piece's width. PDF writers
 * draw a Vietnamese letter with its marks apart from its word (LibreOffice
 * leaves a blank in "gi i" and draws "ả" over it), and PDF.js joins such
 * marks into pieces of their own; placing every character by position puts
 * them back. Blanks are dropped: the gaps say where the spaces are.
 */
function charactersOf(p: TextPiece): TextPiece[] {
  const chars = [...p.text];
  const each = p.width / Math.max(1, chars.length);
  return chars.flatMap((text, i) =>
    text.trim() ? [{ text, x: p.x + i * each, y: p.y, width: each, size: p.size }] : [],
  );
}

function linesOf(pieces: readonly TextPiece[]): Line[] {
  const byBaseline: TextPiece[][] = [];
  for (const p of [...pieces].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = byBaseline.find((l) => Math.abs(l[0]!.y - p.y) <= Math.max(1.5, p.size * 0.3));
    if (line) line.push(p);
    else byBaseline.push([p]);
  }
  return byBaseline.map((ps) => {
    const chars = ps.flatMap(charactersOf).sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    for (const c of chars) {
      // A space is a gap wider than a sixth of the font.
      if (text && c.x - end > c.size * 0.16) text += " ";
      text += c.text;
      end = Math.max(end, c.x + c.width);
    }
    return {
      y: ps[0]!.y,
      left: chars[0]?.x ?? 0,
      right: end,
      text: text.normalize("NFC"),
      size: Math.max(...ps.map((p) => p.size)),
    };
  });
}

/**
 * A cell's lines as its text: wrapped lines joined by a space, paragraphs by
 * a line break. A line ended a paragraph when the next line's first word
 * would have fit after it, within the cell's padding.
 */
function cellText(lines: readonly Line[], cell: { left: number; right: number }): string {
  const padding = Math.max(0, Math.min(...lines.map((l) => l.left)) - cell.left);
  let out = "";
  lines.forEach((line, i) => {
    if (i === 0) {
      out = line.text;
      return;
    }
    const before = lines[i - 1]!;
    const firstWord = line.text.split(" ")[0] ?? "";
    const charWidth = (line.right - line.left) / Math.max(1, line.text.length);
    const room = cell.right - padding - before.right;
    out += room > (firstWord.length + 1.5) * charWidth ? `\n${line.text}` : ` ${line.text}`;
  });
  return out;
}

export interface PageTable {
  /** The text above the table, line by line. */
  above: string[];
  rows: Row[];
}

/**
 * The table ruled on a page, or null when the page has no ruled table. Rows
 * are the bands between horizontal rules; a column divider missing over a
 * band joins those cells, the text going to the first.
 */
export function pageTable(pieces: readonly TextPiece[], segments: readonly Segment[]): PageTable | null {
  const vertical = segments.filter((s) => Math.abs(s.x1 - s.x2) < SNAP && Math.abs(s.y1 - s.y2) > 4);
  const horizontal = segments.filter((s) => Math.abs(s.y1 - s.y2) < SNAP && Math.abs(s.x1 - s.x2) > 20);
  const xs = distinct(vertical.map((s) => s.x1));
  if (xs.length < 3 || horizontal.length < 2) return null;
  const left = xs[0]!;
  const right = xs[xs.length - 1]!;
  const ys = distinct(
    horizontal
      .filter((s) => Math.min(s.x1, s.x2) < left + SNAP * 4 || Math.max(s.x1, s.x2) > right - SNAP * 4)
      .map((s) => s.y1),
  ).reverse();
  if (ys.length < 2) return null;
  const top = ys[0]!;
  const bottom = ys[ys.length - 1]!;
  const divides = (x: number, yTop: number, yBottom: number) => {
    const mid = (yTop + yBottom) / 2;
    return vertical.some(
      (s) => Math.abs(s.x1 - x) <= SNAP && Math.min(s.y1, s.y2) - SNAP <= mid && Math.max(s.y1, s.y2) + SNAP >= mid,
    );
  };
  const inside = (p: TextPiece) => {
    const cx = p.x + p.width / 2;
    return cx > left && cx < right && p.y < top && p.y > bottom;
  };
  const ruledAbove = (x0: number, x1: number, y: number) => {
    const mid = (x0 + x1) / 2;
    return horizontal.some(
      (s) => Math.abs(s.y1 - y) <= SNAP && Math.min(s.x1, s.x2) - SNAP <= mid && Math.max(s.x1, s.x2) + SNAP >= mid,
    );
  };
  const piecesIn = (x0: number, x1: number, yTop: number, yBottom: number) =>
    pieces.filter((p) => {
      const cx = p.x + Math.min(p.width, p.size) / 2;
      return cx >= x0 && cx < x1 && p.y < yTop && p.y > yBottom;
    });
  // Each band's cells as column ranges; a cell with no rule above it is the rest of the cell above (merged down).
  const grid: { start: number; end: number; top: number }[][] = [];
  for (let r = 0; r + 1 < ys.length; r++) {
    const [yTop, yBottom] = [ys[r]!, ys[r + 1]!];
    const band: { start: number; end: number; top: number }[] = [];
    let start = 0;
    for (let c = 1; c < xs.length; c++) {
      if (c < xs.length - 1 && !divides(xs[c]!, yTop, yBottom)) continue;
      const above = grid[r - 1]?.find((x) => x.start === start && x.end === c);
      const merged = above !== undefined && !ruledAbove(xs[start]!, xs[c]!, yTop);
      band.push({ start, end: c, top: merged ? above.top : r });
      start = c;
    }
    grid.push(band);
  }
  const rows: Row[] = grid.map((band, r) => {
    const cells: string[] = [];
    const mergedDown: string[] = [];
    for (const cell of band) {
      const [x0, x1] = [xs[cell.start]!, xs[cell.end]!];
      // A merged cell's text runs over all its bands; it is read once, whole.
      let last = cell.top;
      while (grid[last + 1]?.some((x) => x.start === cell.start && x.top === cell.top)) last++;
      const text = cellText(linesOf(piecesIn(x0, x1, ys[cell.top]!, ys[last + 1]!)), { left: x0, right: x1 });
      cells[cell.start] = cell.top === r ? text : "";
      if (cell.top !== r) mergedDown[cell.start] = text;
      for (let k = cell.start + 1; k < cell.end; k++) cells[k] = "";
    }
    const row: Row = { number: r + 1, cells: Array.from(cells, (x) => x ?? "") };
    if (mergedDown.some(Boolean)) row.mergedDown = Array.from(mergedDown, (x) => x ?? "");
    return row;
  });
  const above = linesOf(pieces.filter((p) => !inside(p) && p.y > top))
    .map((l) => l.text)
    .filter(Boolean);
  return { above, rows };
}

/** Each page's table as a sheet; a page's table after the first continues it, as a Word table split across pages does. */
export function pdfSheets(pages: readonly { pieces: TextPiece[]; segments: Segment[] }[]): Sheet[] {
  const sheets: Sheet[] = [];
  for (const [i, page] of pages.entries()) {
    const table = pageTable(page.pieces, page.segments);
    if (!table) continue;
    sheets.push({
      name: `page ${i + 1}`,
      rows: table.rows,
      continues: sheets.length > 0,
      preamble: sheets.length ? [] : table.above,
    });
  }
  return sheets;
}
