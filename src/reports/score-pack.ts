/**
 * The self-assessment as a workbook (the score table with an evidence column
 * naming the files the pack carries), and the evidence pack: a .zip with a
 * folder per criterion holding the files the unit sent for it, the workbook
 * as its index. One criterion's pack when one is asked for.
 */
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { scoredLines } from "../domain/score-totals.ts";
import type { Translate } from "../i18n.ts";
import type { Db } from "../store/db/db.ts";
import type { CriterionLine, ScoreFileItem } from "../store/evaluation/criteria.ts";
import { lazyFile, safe, zipTo } from "./evidence-zip.ts";
import { fitRowHeights, printable, ruleTable, tableHeader } from "./xlsx-parts.ts";

export interface SelfAssessmentSheet {
  unit: string;
  year: number;
  title: string;
  items: readonly CriterionLine[];
  /** Each file's path in the pack, by criterion id. */
  files: Map<number, string[]>;
}

export async function selfAssessmentXlsx(t: Translate, d: SelfAssessmentSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cchc-bot";
  const ws = wb.addWorksheet(t("selfReport.sheet"));
  ws.addRow([t("selfReport.sheetTitle", { unit: d.unit, year: d.year, title: d.title })]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([]);
  const keys = ["code", "criterion", "max", "own", "appraised", "evidence", "files", "explanation"] as const;
  const header = tableHeader(
    ws,
    keys.map((k) => t(`selfReport.columns.${k}`)),
  );
  const leaves = new Set(scoredLines(d.items).map((i) => i.ref));
  for (const i of d.items) {
    const leaf = leaves.has(i.ref);
    const row = ws.addRow([
      i.ref,
      i.title,
      i.max,
      leaf ? (i.score?.value ?? null) : null,
      leaf ? (i.score?.appraised ?? null) : null,
      leaf ? (i.score?.evidence ?? "") : "",
      (d.files.get(i.id) ?? []).join("\n"),
      leaf ? (i.score?.explanation ?? "") : "",
    ]);
    if (!leaf) row.font = { bold: true };
  }
  [10, 48, 9, 9, 10, 36, 36, 36].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  for (const c of [3, 4, 5]) ws.getColumn(c).numFmt = "0.##";
  ruleTable(ws, header);
  fitRowHeights(ws, header);
  printable(ws, header);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes the pack to `out`; returns how many files it carries. */
export async function writeScorePack(
  db: Db,
  t: Translate,
  d: Omit<SelfAssessmentSheet, "files"> & { files: readonly ScoreFileItem[] },
  out: Writable,
): Promise<number> {
  const { zip, unique, finish } = zipTo(out);
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const paths = new Map<number, string[]>();
  for (const f of d.files) {
    const c = byId.get(f.criterionId);
    if (!c) continue;
    const path = unique(`${safe(`${c.ref} ${c.title}`, 60)}/${safe(f.fileName, 100)}`);
    // Photos and PDFs are compressed already: stored as they are.
    zip.addReadStream(lazyFile(db, f.fileId), path, { compress: false, mtime: f.createdAt });
    paths.set(f.criterionId, [...(paths.get(f.criterionId) ?? []), path]);
  }
  zip.addBuffer(await selfAssessmentXlsx(t, { ...d, files: paths }), safe(t("selfReport.indexName"), 60), {
    compress: true,
  });
  await finish();
  return d.files.length;
}
