/**
 * The report's annex: one row per task of the period, A4 landscape, the
 * header row repeated on each page, grouped by area. What the body sums up
 * per area, the annex states task by task: code, task, lead, the period's due
 * dates, the result, the evidence.
 */
import { Paragraph, Table, TableLayoutType, TableRow, WidthType, type ISectionOptions } from "docx";
import type { Translate } from "../i18n.ts";
import { mm, pageNumberHeader, para, tableCell } from "./docx-parts.ts";

/** A task of the period as the report states it: its dates, its people's state on each, its evidence. */
export interface TaskEntry {
  area: string;
  ref: string;
  content: string;
  who: string;
  when: string;
  /** "xong đúng hạn", or each date's ("31/03 xong đúng hạn; 30/06 đang làm"), each department's where they differ. */
  state: string;
  /** The evidence named, or "chưa có minh chứng" for work done without; empty while work is open. */
  proof: string;
  done: boolean;
  /** Every share due by today is done (a quarterly task done for I–III while IV is not due yet). */
  doneSoFar: boolean;
  /** Nothing of it is due yet. */
  notYetDue: boolean;
  overdue: boolean;
  blocked: boolean;
}

/** Millimetres of the landscape page's 252 mm of text (297 less the 30 and 15 mm margins). */
const WIDTHS = [16, 92, 38, 30, 40, 36];
const COLUMNS = ["ref", "task", "lead", "due", "result", "evidence"] as const;
const SIZE = 20; // 10 pt, as annex tables are printed

export function taskAnnex(
  t: Translate,
  entries: readonly TaskEntry[],
  q: { period: string; abbrev: string; date: { day: string; month: string; year: string } },
): ISectionOptions {
  const areas = new Map<string, TaskEntry[]>();
  for (const e of entries) {
    const area = e.area || t("export.noArea");
    areas.set(area, [...(areas.get(area) ?? []), e]);
  }
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  const row = (e: TaskEntry) =>
    new TableRow({
      cantSplit: true,
      children: [e.ref, e.content, e.who, e.when, e.state, e.proof].map((x, i) =>
        tableCell(x, WIDTHS[i]!, { size: SIZE, left: i === 1 || i >= 4 }),
      ),
    });
  return {
    properties: {
      page: {
        size: { width: 11906, height: 16838, orientation: "landscape" },
        margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10) },
      },
    },
    headers: { default: pageNumberHeader() },
    children: [
      para(t("export.annex.title"), { align: "center", bold: true }),
      para(t("export.annex.subtitle", { period: q.period }), { align: "center", bold: true }),
      para(t("export.annex.attached", { abbrev: q.abbrev, ...q.date }), { align: "center", italic: true }),
      new Paragraph({ spacing: { after: 120 }, children: [] }),
      new Table({
        width: { size: mm(total), type: WidthType.DXA },
        columnWidths: WIDTHS.map(mm),
        layout: TableLayoutType.FIXED,
        rows: [
          new TableRow({
            tableHeader: true,
            children: COLUMNS.map((k, i) =>
              tableCell(t(`export.annex.columns.${k}`), WIDTHS[i]!, { bold: true, size: SIZE }),
            ),
          }),
          ...[...areas].flatMap(([area, list]) => [
            new TableRow({
              cantSplit: true,
              children: [
                tableCell(area, total, { bold: true, italic: true, left: true, size: SIZE, span: WIDTHS.length }),
              ],
            }),
            ...list.map(row),
          ]),
        ],
      }),
    ],
  };
}
