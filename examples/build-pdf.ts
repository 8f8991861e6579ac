/**
 * Rebuilds yen-bai-2026-plan.docx from the CSV as a signed plan's appendix is
 * typed in Word (A4 landscape, a bordered table whose header repeats on each
 * page, section rows merged across), then prints it to yen-bai-2026-plan.pdf
 * with LibreOffice, as units receive it from the Sở; and a scanned copy of
 * its first page (an image, no text) to scanned-plan.pdf.
 * Run: npx tsx examples/build-pdf.ts   (needs soffice and pdftoppm)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { parse } from "csv-parse/sync";
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

const here = new URL(".", import.meta.url).pathname;
const rows = parse(fs.readFileSync(`${here}yen-bai-2026-plan.csv`, "utf8").replace(/^\uFEFF/, "")) as string[][];
const widths = [6, 38, 24, 16, 14, 10].map((p) => Math.round((14838 * p) / 100)); // twips of the landscape text width
const font = "Times New Roman";
const cellOf = (text: string, col: number, bold: boolean, span = 1) =>
  new TableCell({
    columnSpan: span,
    width: { size: widths.slice(col, col + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
    children: text.split("\n").map(
      (line) =>
        new Paragraph({
          alignment: col === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: line, font, size: 24, bold })],
        }),
    ),
  });
const table = new Table({
  width: { size: 14838, type: WidthType.DXA },
  columnWidths: widths,
  layout: TableLayoutType.FIXED,
  rows: rows.map((cells, i) => {
    const section = i > 0 && !cells[5];
    return new TableRow({
      tableHeader: i === 0,
      cantSplit: false,
      children: section
        ? [cellOf(cells[0]!, 0, true), cellOf(cells[1]!, 1, true, 5)]
        : cells.map((c, col) => cellOf(c, col, i === 0)),
    });
  }),
});
const title = (text: string, o: { bold?: boolean; italic?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text, font, size: 26, bold: o.bold, italics: o.italic })],
  });
const doc = new Document({
  sections: [
    {
      properties: {
        page: {
          size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 },
          margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 },
        },
      },
      children: [
        title("PHỤ LỤC I", { bold: true }),
        title("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", { bold: true }),
        title("(Kèm theo Kế hoạch số:        /KH-TTYT ngày      tháng 01 năm 2026)", { italic: true }),
        new Paragraph(""),
        table,
      ],
    },
  ],
});
const docx = `${here}yen-bai-2026-plan.docx`;
fs.writeFileSync(docx, await Packer.toBuffer(doc));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-pdf-"));
execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", tmp, docx], { stdio: "ignore" });
fs.copyFileSync(path.join(tmp, "yen-bai-2026-plan.pdf"), `${here}yen-bai-2026-plan.pdf`);
execFileSync("pdftoppm", ["-r", "50", "-f", "1", "-l", "1", `${here}yen-bai-2026-plan.pdf`, path.join(tmp, "scan")]);
fs.writeFileSync(`${here}scanned-plan.pdf`, imagePdf(fs.readFileSync(path.join(tmp, fs.readdirSync(tmp).find((f) => f.endsWith(".ppm"))!))));
fs.rmSync(tmp, { recursive: true, force: true });
console.log("wrote examples/yen-bai-2026-plan.docx, yen-bai-2026-plan.pdf, scanned-plan.pdf");

/** A one-page PDF holding a PPM picture and no text: what a scanner gives. */
function imagePdf(ppm: Buffer): Buffer {
  const [, w, h] = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"))!.map(Number) as number[];
  const header = /^P6\s+\d+\s+\d+\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"))![0].length;
  const pixels = zlib.deflateSync(ppm.subarray(header));
  const pw = 842;
  const ph = Math.round((842 * h!) / w!);
  const content = `q ${pw} 0 0 ${ph} 0 0 cm /Im0 Do Q`;
  const objects: (string | Buffer)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pw} ${ph}] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`, "latin1"),
      pixels,
      Buffer.from("\nendstream", "latin1"),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((o, i) => {
    offsets.push(length);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), Buffer.isBuffer(o) ? o : Buffer.from(o, "latin1"), Buffer.from("\nendobj\n", "latin1")]);
    parts.push(b);
    length += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}
