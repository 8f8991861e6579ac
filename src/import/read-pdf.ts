/**
 * A plan printed to PDF (the signed copy a unit receives from the Sở) to
 * sheets, through Mozilla's PDF.js: each page's pieces of text with their
 * positions and its ruled lines, which pdf-table.ts turns back into rows. A
 * scan has pictures and no text: it is refused, asking for the .docx or .xlsx.
 */
import { UserError } from "../errors.ts";
import type { Sheet } from "../domain/tables/sheet.ts";
import { pdfSheets, type Segment, type TextPiece } from "./pdf-table.ts";

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** Fewer characters than this in the whole file: a scan, whatever stray marks it has. */
const MIN_TEXT = 20;

export async function readPdf(name: string, data: Buffer): Promise<Sheet[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const { OPS } = pdfjs;
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0, isEvalSupported: false }).promise;
  } catch {
    throw UserError.of("import.corrupt", { file: name, format: "PDF" });
  }
  try {
    const pages: { pieces: TextPiece[]; segments: Segment[] }[] = [];
    let characters = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      const [, , pageWidth, pageHeight] = page.view as [number, number, number, number];
      const { pieces, segments } = walk(
        ops,
        OPS,
        (font) => {
          try {
            return (page.commonObjs.get(font) as { fontMatrix?: number[] } | null)?.fontMatrix?.[0] ?? 0.001;
          } catch {
            return 0.001;
          }
        },
        { width: pageWidth, height: pageHeight },
      );
      characters += pieces.length;
      pages.push({ pieces, segments });
      page.cleanup();
    }
    if (characters < MIN_TEXT) throw UserError.of("import.scannedPdf", { file: name });
    const sheets = pdfSheets(pages);
    if (sheets.length === 0) throw UserError.of("import.noTable", { file: name });
    return sheets;
  } finally {
    await doc.destroy();
  }
}

interface Glyph {
  unicode: string;
  width: number;
  isSpace?: boolean;
}

/**
 * Every glyph drawn on a page, where it lands, and every ruled line: the
 * operator list read with the text and graphics state a renderer keeps.
 * Glyph by glyph, because PDF writers draw a Vietnamese letter's marks apart
 * from its word, and only their own positions put them back in place.
 */
function walk(
  ops: { fnArray: number[]; argsArray: unknown[] },
  OPS: Record<string, number>,
  fontScale: (font: string) => number,
  page: { width: number; height: number },
): { pieces: TextPiece[]; segments: Segment[] } {
  const pieces: TextPiece[] = [];
  const segments: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  const text = { matrix: [1, 0, 0, 1, 0, 0] as Matrix, x: 0, y: 0, lineX: 0, lineY: 0 };
  let [size, scale, hScale, leading, charSpacing, wordSpacing, rise] = [0, 0.001, 1, 0, 0, 0, 0];
  const moveText = (x: number, y: number) => {
    text.x = text.lineX += x;
    text.y = text.lineY += y;
  };
  const show = (glyphs: readonly (Glyph | number | null)[]) => {
    const m = multiply(text.matrix, ctm);
    const unit = Math.hypot(m[0], m[1]);
    let x = 0;
    for (const g of glyphs) {
      if (g === null) continue;
      if (typeof g === "number") {
        x -= (g * size) / 1000;
        continue;
      }
      const advance = g.width * size * scale + (g.isSpace ? wordSpacing : 0) + charSpacing;
      const [px, py] = apply(m, text.x + x * hScale, text.y + rise);
      if (g.unicode.trim())
        pieces.push({ text: g.unicode, x: px, y: py, width: advance * hScale * unit, size: size * unit });
      x += advance;
    }
    text.x += x * hScale;
  };
  ops.fnArray.forEach((fn, i) => {
    const args = (ops.argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save:
        saved.push(ctm);
        break;
      case OPS.restore:
        ctm = saved.pop() ?? ctm;
        break;
      case OPS.transform:
        ctm = multiply(Array.from((typeof args[0] === "number" ? args : args[0]) as ArrayLike<number>) as Matrix, ctm);
        break;
      case OPS.beginText:
        text.matrix = [1, 0, 0, 1, 0, 0];
        text.x = text.y = text.lineX = text.lineY = 0;
        break;
      case OPS.setFont:
        size = Math.abs(args[1] as number);
        scale = fontScale(args[0] as string);
        break;
      case OPS.setCharSpacing:
        charSpacing = args[0] as number;
        break;
      case OPS.setWordSpacing:
        wordSpacing = args[0] as number;
        break;
      case OPS.setHScale:
        hScale = (args[0] as number) / 100;
        break;
      case OPS.setLeading:
        leading = -(args[0] as number);
        break;
      case OPS.setTextRise:
        rise = args[0] as number;
        break;
      case OPS.moveText:
        moveText(args[0] as number, args[1] as number);
        break;
      case OPS.setLeadingMoveText:
        leading = args[1] as number;
        moveText(args[0] as number, args[1] as number);
        break;
      case OPS.setTextMatrix:
        text.matrix = Array.from((typeof args[0] === "number" ? args : args[0]) as ArrayLike<number>) as Matrix;
        text.x = text.y = text.lineX = text.lineY = 0;
        break;
      case OPS.nextLine:
        moveText(0, leading);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        show(args[0] as Glyph[]);
        break;
      case OPS.nextLineShowText:
        moveText(0, leading);
        show(args[0] as Glyph[]);
        break;
      case OPS.nextLineSetSpacingShowText:
        wordSpacing = args[0] as number;
        charSpacing = args[1] as number;
        moveText(0, leading);
        show(args[2] as Glyph[]);
        break;
      case OPS.constructPath:
        rule(args);
        break;
    }
  });
  return { pieces, segments };

  /** A path's box, in page space: a thin one is a rule, a cell drawn as a box gives its four sides. */
  function rule(args: unknown[]): void {
    const box = args[2] as ArrayLike<number> | null;
    if (!box || box.length < 4 || args[0] === OPS.endPath) return;
    const [x1, y1] = apply(ctm, box[0]!, box[1]!);
    const [x2, y2] = apply(ctm, box[2]!, box[3]!);
    if (Math.abs(x2 - x1) < 2) segments.push({ x1: (x1 + x2) / 2, y1, x2: (x1 + x2) / 2, y2 });
    else if (Math.abs(y2 - y1) < 2) segments.push({ x1, y1: (y1 + y2) / 2, x2, y2: (y1 + y2) / 2 });
    else if (Math.abs(x2 - x1) < page.width * 0.9 || Math.abs(y2 - y1) < page.height * 0.9)
      segments.push({ x1, y1, x2, y2: y1 }, { x1, y1: y2, x2, y2 }, { x1, y1, x2: x1, y2 }, { x1: x2, y1, x2, y2 });
  }
}
