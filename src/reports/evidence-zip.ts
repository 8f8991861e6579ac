/**
 * The evidence of a period as one .zip for the assessment council: a folder
 * per area and task code holding the files, and an index .xlsx (task,
 * product, reference, file, who, when). It streams: each file is read from
 * the database when the zip reaches it, so 2,000 files of 100 KB never sit in
 * memory together.
 */
import { Readable, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import yazl from "yazl";
import type { Translate } from "../i18n.ts";
import type { Db } from "../store/db/db.ts";
import { evidenceBytes, evidenceOf, type EvidenceItem } from "../store/evidence/evidence.ts";
import { reportRows, type ReportQuery, type ReportRow } from "../store/reports/report.ts";
import { dayOf, displayDate } from "../domain/calendar.ts";
import { fitRowHeights, printable, ruleTable, tableHeader } from "./xlsx-parts.ts";

export interface EvidenceZipResult {
  files: number;
  references: number;
  /** Tasks done in the period with no evidence at all. */
  missing: number;
}

/** A name safe in every zip tool and file system, accents kept (zip names are UTF-8). */
export function safe(name: string, max = 80): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return (cleaned || "_").slice(0, max).trim();
}

/** A file read from the database only when the zip asks for it. */
export function lazyFile(db: Db, fileId: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) return;
      sent = true;
      evidenceBytes(db, fileId).then(
        (data) => {
          this.push(data);
          this.push(null);
        },
        (e: unknown) => this.destroy(e as Error),
      );
    },
  });
}

/**
 * A zip written to `out` as entries are added: `unique` gives each path once
 * ("a.pdf", then "a (2).pdf"), `finish` ends it and waits for the last byte.
 */
export function zipTo(out: Writable): {
  zip: yazl.ZipFile;
  unique: (path: string) => string;
  finish: () => Promise<void>;
} {
  const zip = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) => {
    out.on("error", reject);
    out.on("finish", () => resolve());
    out.on("close", () => resolve());
  });
  zip.outputStream.pipe(out);
  const used = new Set<string>();
  const unique = (path: string) => {
    let p = path;
    for (let k = 2; used.has(p.toLowerCase()); k++) p = path.replace(/(\.[^./]+)?$/, (ext) => ` (${k})${ext}`);
    used.add(p.toLowerCase());
    return p;
  };
  return {
    zip,
    unique,
    finish: async () => {
      zip.end();
      await done;
    },
  };
}

export async function writeEvidenceZip(
  db: Db,
  t: Translate,
  q: ReportQuery,
  out: Writable,
): Promise<EvidenceZipResult> {
  const rows = await reportRows(db, q);
  const byAssignment = new Map<number, ReportRow>(rows.map((r) => [r.assignmentId, r]));
  const evidence = await evidenceOf(
    db,
    rows.map((r) => r.assignmentId),
  );
  const { zip, unique, finish } = zipTo(out);
  const index: (string | number)[][] = [];
  let files = 0;
  let references = 0;
  for (const e of evidence) {
    const r = byAssignment.get(e.assignmentId)!;
    const folder = `${safe(r.area || t("evidence.zip.noArea"), 60)}/${safe(r.ref, 30)}`;
    const when = displayDate(dayOf(e.createdAt, q.tz));
    const fileId = e.fileId;
    if (e.fileName && fileId) {
      const path = unique(`${folder}/${safe(e.fileName, 100)}`);
      // Photos and PDFs are compressed already: stored as they are, the zip costs no CPU.
      zip.addReadStream(lazyFile(db, fileId), path, { compress: false, mtime: e.createdAt });
      index.push(row(r, "", path, e, when));
      files++;
    } else if (e.reference) {
      index.push(
        row(r, `${e.docNumber ?? ""} ${e.docDate ? displayDate(e.docDate) : ""}`.trim() || e.reference, "", e, when),
      );
      references++;
    }
  }
  const withEvidence = new Set(evidence.filter((e) => !e.skipped).map((e) => e.assignmentId));
  const missingRows = rows.filter((r) => r.status === "DONE" && !withEvidence.has(r.assignmentId));
  for (const r of missingRows) index.push([r.ref, r.content, r.product, t("evidence.none"), "", r.responsible, ""]);
  zip.addBuffer(await indexXlsx(t, index), safe(t("evidence.zip.indexName"), 60), { compress: true });
  await finish();
  return { files, references, missing: missingRows.length };
}

function row(r: ReportRow, reference: string, file: string, e: EvidenceItem, when: string): (string | number)[] {
  return [r.ref, r.content, r.product, reference, file, e.staffName, when];
}

async function indexXlsx(t: Translate, rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t("evidence.zip.sheet"));
  const keys = ["task", "content", "product", "reference", "file", "who", "when"] as const;
  const headerRow = tableHeader(
    ws,
    keys.map((k) => t(`evidence.zip.columns.${k}`)),
  );
  [10, 50, 24, 28, 40, 22, 12].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  for (const r of rows) ws.addRow(r);
  ruleTable(ws, headerRow);
  fitRowHeights(ws, headerRow);
  printable(ws, headerRow);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The zip's file name: "minh-chung-cchc-quy-4-2026.zip". */
export function evidenceZipName(reportFile: string): string {
  return reportFile.replace(/^bao-cao-cchc/, "minh-chung-cchc").replace(/\.(xlsx|docx)$/, ".zip");
}
