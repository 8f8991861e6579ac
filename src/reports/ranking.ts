/** The units' ranking on the PAR index as a workbook: rank, unit, total, each area, sent or not; A4 landscape. */
import ExcelJS from "exceljs";
import type { Ranked } from "../domain/ranking.ts";
import type { Translate } from "../i18n.ts";
import type { UnitScoreCard } from "../store/evaluation/criteria.ts";
import { fitRowHeights, printable, ruleTable, tableHeader } from "./xlsx-parts.ts";

export async function rankingXlsx(
  t: Translate,
  d: { year: number; owner: string; areas: { ref: string; max: number }[]; ranked: Ranked<UnitScoreCard>[] },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cchc-bot";
  const ws = wb.addWorksheet(t("ranking.sheet"));
  ws.addRow([t("ranking.title", { year: d.year, owner: d.owner })]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = tableHeader(ws, [
    t("ranking.columns.rank"),
    t("ranking.columns.unit"),
    t("ranking.columns.total"),
    ...d.areas.map((a) => `${a.ref} (${a.max})`),
    t("ranking.columns.state"),
  ]);
  for (const r of d.ranked)
    ws.addRow([
      r.item.submitted ? r.rank : null,
      r.item.unit,
      r.item.total,
      ...d.areas.map((a) => r.item.areas.get(a.ref) ?? 0),
      t(r.item.final ? "ranking.final" : r.item.submitted ? "ranking.sent" : "ranking.notSent"),
    ]);
  [8, 40, 10, ...d.areas.map(() => 9), 14].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  for (let c = 3; c <= 3 + d.areas.length; c++) ws.getColumn(c).numFmt = "0.##";
  ruleTable(ws, header);
  fitRowHeights(ws, header);
  printable(ws, header);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
