/**
 * The period's report for the superior body, without retyping: an .xlsx that
 * prints (A4 landscape, one page wide, header repeated) and a .docx draft in
 * the administrative format of Decree 30/2020/NĐ-CP that a director finishes,
 * signs and sends. Both count with src/domain/report.ts, as the chat does.
 */
import { Paragraph, type Table } from "docx";
import { decreeDocx, para, rule, TEXT_WIDTH } from "./docx-parts.ts";
import { annexSection, methodText, provinceParagraphs, rolledMet } from "./province-docx.ts";
import type { ProvinceData } from "./province.ts";
import ExcelJS from "exceljs";
import { displayDate, periodName } from "../ui/format.ts";
import { describeTarget, describeValue, meetsTarget } from "../domain/indicator.ts";
import {
  daysLate,
  isOverdue,
  onTimeRate,
  outcome,
  totals,
  worstFirst,
  type Counts,
  type DepartmentLine,
} from "../domain/report.ts";
import type { ReportWindow } from "../domain/report-period.ts";
import { asClause, clip } from "../domain/text.ts";
import { taskAnnex, type TaskEntry } from "./task-annex.ts";
import { fitRowHeights, printable, ruleTable, tableHeader } from "./xlsx-parts.ts";
import { decreeDate } from "../domain/document.ts";
import { addressed, documentHeading, signatureBlock } from "./decree30.ts";
import type { Translate } from "../i18n.ts";
import type { IndicatorLine } from "../store/indicators/indicators.ts";
import type { ReportRow } from "../store/reports/report.ts";

export type { ReportDocumentSettings } from "./decree30.ts";
import type { ReportDocumentSettings } from "./decree30.ts";

export interface ReportData {
  unitName: string;
  window: ReportWindow;
  today: string;
  lines: DepartmentLine[];
  /** Due in the period, and open work carried over from before it. */
  rows: ReportRow[];
  /** Due in the next period: "nhiệm vụ trọng tâm kỳ tới". */
  next: ReportRow[];
  indicators: IndicatorLine[];
  doc: ReportDocumentSettings;
  /** Each assignment's evidence, as printed; absent when it has none. */
  evidence: ReadonlyMap<number, string>;
  /** A Sở's workbook: `lines` are its units, not its departments. */
  byUnit?: boolean;
  /** A Sở's report: its units, their indicators rolled up, their reports. */
  province?: ProvinceData;
  /** "Khi có yêu cầu" tasks no request has reached: listed apart, never counted. */
  onDemandWaiting?: { ref: string; content: string }[];
  /** The next period is in a year whose plan is not in the bot yet: Part III says so rather than "—". */
  nextPlanMissing?: number;
}

/** Finished work with and without evidence: the assessment scores only what is proven. */
function evidenceCounts(d: ReportData): { done: number; withEvidence: number; missing: number } {
  const done = d.rows.filter((r) => r.status === "DONE" && r.dueDate >= d.window.dueFrom);
  const withEvidence = done.filter((r) => d.evidence.has(r.assignmentId)).length;
  return { done: done.length, withEvidence, missing: done.length - withEvidence };
}

function evidenceCell(t: Translate, d: ReportData, r: ReportRow): string {
  return d.evidence.get(r.assignmentId) ?? (r.status === "DONE" ? t("evidence.none") : "");
}

/** The plan's own date of a row whose due date was moved in chat; null when it was not. */
function movedFrom(r: Pick<ReportRow, "dueDate" | "originalDueDate">): string | null {
  return r.originalDueDate && r.originalDueDate !== r.dueDate ? r.originalDueDate : null;
}

/** The workbook's due-date cell: "31/03/2026", or the new date with the plan's beside it. */
function dueCell(t: Translate, r: Pick<ReportRow, "dueDate" | "originalDueDate">): string {
  const from = movedFrom(r);
  return from
    ? t("export.dueCellMoved", { date: displayDate(r.dueDate), from: displayDate(from) })
    : displayDate(r.dueDate);
}

/** "hạn 31/03/2026", or "hạn 15/04/2026 (gia hạn từ 31/03/2026)" for a date moved in chat. */
function dueText(t: Translate, r: Pick<ReportRow, "dueDate" | "originalDueDate">): string {
  const from = movedFrom(r);
  return from
    ? t("export.dueMoved", { date: displayDate(r.dueDate), from: displayDate(from) })
    : t("export.due", { date: displayDate(r.dueDate) });
}

/** Several due dates of one task: "hạn 15/04/2026 (gia hạn từ 31/03/2026), 30/06/2026"; one, as dueText says it. */
function duesText(t: Translate, rows: readonly Pick<ReportRow, "dueDate" | "originalDueDate">[]): string {
  const byDate = new Map(rows.map((r) => [r.dueDate, r]));
  if (byDate.size === 1) return dueText(t, rows[0]!);
  const dates = [...byDate.values()].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return t("export.dues", {
    dates: dates
      .map((r) => {
        const from = movedFrom(r);
        return from
          ? t("export.dateMoved", { date: displayDate(r.dueDate), from: displayDate(from) })
          : displayDate(r.dueDate);
      })
      .join(", "),
  });
}

/** "bao-cao-cchc-quy-1-2026.docx": words a person uses. */
export function reportFileName(t: Translate, w: Pick<ReportWindow, "kind" | "year">, format: string): string {
  return `bao-cao-cchc-${t(`report.fileSlug.${w.kind}`)}-${w.year}.${format}`;
}

const periodOf = (t: Translate, w: Pick<ReportWindow, "kind" | "year">) =>
  t(`report.period.${w.kind}`, { year: w.year });

/** "Xong đúng hạn", "Xong trễ 5 ngày", "Quá hạn 20 ngày", "Đang làm". */
export function rowStatus(t: Translate, r: ReportRow, today: string): string {
  const o = outcome(r);
  if (o === "doneOnTime") return t("export.status.doneOnTime");
  if (o === "doneLate") return t("export.status.doneLate", { count: daysLate(r, today) });
  if (isOverdue(r, today))
    return t("export.status.overdue", { status: t(`status.name.${r.status}`), count: daysLate(r, today) });
  return t(`status.name.${r.status}`);
}

const indicatorMet = (t: Translate, i: IndicatorLine) =>
  i.latest
    ? t(meetsTarget(i.latest.value, { comparator: i.comparator, value: i.target }) ? "export.met" : "export.notMet")
    : "—";

// ---------------------------------------------------------------- xlsx

export async function reportXlsx(t: Translate, d: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cchc-bot";
  const c = (k: string) => t(`export.columns.${k}`);
  const title = (ws: ExcelJS.Worksheet, lines: string[]) => {
    for (const [i, text] of lines.entries()) {
      const row = ws.addRow([text]);
      row.font = { bold: i === 0, size: i === 0 ? 14 : 11, italic: i > 0 };
    }
    ws.addRow([]);
  };
  const header = tableHeader;
  const body = ruleTable;
  const heading = [
    `${d.unitName} — ${t("export.docSubtitle", { period: periodOf(t, d.window) })}`,
    t("export.scope", {
      dueFrom: displayDate(d.window.dueFrom),
      dueTo: displayDate(d.window.dueTo),
      today: displayDate(d.today),
      from: displayDate(d.window.from),
      to: displayDate(d.window.to),
    }),
  ];

  const summary = wb.addWorksheet(t("export.sheets.summary"));
  title(summary, heading);
  const sh = header(
    summary,
    [
      d.byUnit ? "unit" : "department",
      "assigned",
      "doneOnTime",
      "doneLate",
      "inProgress",
      "notStarted",
      "blocked",
      "overdue",
      "rate",
      "carriedOver",
    ].map(c),
  );
  const numbers = (l: DepartmentLine) => {
    const rate = onTimeRate(l);
    return [
      l.assigned,
      l.doneOnTime,
      l.doneLate,
      l.inProgress,
      l.notStarted,
      l.blocked,
      l.overdue,
      rate === null ? null : rate / 100,
      l.carriedOver,
    ];
  };
  for (const l of worstFirst(d.lines)) summary.addRow([l.department, ...numbers(l)]);
  const total = summary.addRow([
    t("export.total"),
    ...numbers({ ...totals(d.lines), departmentId: null, department: "" }),
  ]);
  total.font = { bold: true };
  summary.getColumn(9).numFmt = "0.0%";
  summary.columns.forEach((col, i) => (col.width = i === 0 ? 36 : 13));
  body(summary, sh);
  // The note under the table spans it, outside its grid.
  summary.addRow([]);
  const note = summary.addRow([t("export.evidenceCount", evidenceCounts(d))]);
  note.font = { italic: true };
  note.getCell(1).alignment = { wrapText: true, vertical: "top" };
  summary.mergeCells(note.number, 1, note.number, 10);
  fitRowHeights(summary, sh);
  printable(summary, sh);

  const tasks = wb.addWorksheet(t("export.sheets.tasks"));
  title(tasks, heading);
  const th = header(
    tasks,
    [
      "ref",
      "area",
      "content",
      "product",
      "lead",
      "due",
      "status",
      "doneAt",
      "responsible",
      "department",
      "evidence",
      "note",
    ].map(c),
  );
  const own = d.rows.filter((r) => r.dueDate >= d.window.dueFrom);
  const carried = d.rows.filter((r) => r.dueDate < d.window.dueFrom);
  const taskRow = (r: ReportRow) =>
    tasks.addRow([
      r.ref,
      r.area,
      r.content,
      r.product,
      r.lead,
      dueCell(t, r),
      rowStatus(t, r, d.today),
      r.doneDay ? displayDate(r.doneDay) : "",
      r.responsible,
      r.department,
      evidenceCell(t, d, r),
      r.note,
    ]);
  own.forEach(taskRow);
  if (carried.length) {
    const label = tasks.addRow([t("export.carriedOverHeading", { count: carried.length })]);
    label.font = { bold: true, italic: true };
    tasks.mergeCells(label.number, 1, label.number, 12);
    carried.forEach(taskRow);
  }
  [9, 16, 46, 24, 22, 11, 16, 11, 18, 20, 28, 24].forEach((width, i) => (tasks.getColumn(i + 1).width = width));
  body(tasks, th);
  fitRowHeights(tasks, th);
  printable(tasks, th);

  const ind = wb.addWorksheet(t("export.sheets.indicators"));
  title(ind, heading);
  const ih = header(ind, ["code", "name", "target", "latest", "period", "met", "owner"].map(c));
  for (const i of d.indicators) {
    const value = i.latest ? (i.unitLabel === "%" ? i.latest.value / 100 : i.latest.value) : null;
    const row = ind.addRow([
      i.code,
      i.name,
      describeTarget(i),
      value,
      i.latest ? periodName(t, i.latest.periodLabel) : "",
      indicatorMet(t, i),
      i.owner ?? "",
    ]);
    if (i.unitLabel === "%") row.getCell(4).numFmt = "0.0#%";
  }
  [12, 50, 12, 12, 12, 14, 30].forEach((width, i) => (ind.getColumn(i + 1).width = width));
  body(ind, ih);
  fitRowHeights(ind, ih);
  printable(ind, ih);
  if (d.province) provinceSheets(d.province);
  return Buffer.from(await wb.xlsx.writeBuffer());

  /** A Sở's: each indicator for the sector then for each unit; each unit's report, sent or not. */
  function provinceSheets(p: ProvinceData): void {
    const name = new Map(p.units.map((u) => [u.id, u.name]));
    const pc = (k: string) => t(`export.province.columns.${k}`);
    const asValue = (v: number | null, label: string) => (v === null ? null : label === "%" ? v / 100 : v);
    const sector = wb.addWorksheet(t("export.province.sheetSectorIndicators"));
    title(sector, heading);
    const sh2 = header(sector, [
      c("code"),
      c("name"),
      c("unit"),
      c("target"),
      c("latest"),
      c("met"),
      pc("method"),
      pc("missing"),
    ]);
    for (const i of p.indicators) {
      const row = sector.addRow([
        i.code,
        i.name,
        t("export.province.sectorRow"),
        describeTarget(i),
        asValue(i.value, i.unitLabel),
        rolledMet(t, i),
        methodText(t, i),
        i.missing.map((id) => name.get(id) ?? "?").join(", "),
      ]);
      row.font = { bold: true };
      if (i.unitLabel === "%") row.getCell(5).numFmt = "0.0#%";
      for (const u of i.byUnit) {
        const r = sector.addRow([
          i.code,
          i.name,
          name.get(u.unitId) ?? "?",
          describeTarget(i),
          asValue(u.value, i.unitLabel),
          t(meetsTarget(u.value, { comparator: i.comparator, value: i.target }) ? "export.met" : "export.notMet"),
          "",
          "",
        ]);
        if (i.unitLabel === "%") r.getCell(5).numFmt = "0.0#%";
      }
    }
    [10, 44, 28, 16, 12, 12, 26, 36].forEach((width, i) => (sector.getColumn(i + 1).width = width));
    body(sector, sh2);
    fitRowHeights(sector, sh2);
    printable(sector, sh2);

    const sent = wb.addWorksheet(t("export.province.sheetUnitReports"));
    title(sent, heading);
    const rh = header(sent, [c("unit"), pc("state"), pc("dueDay"), pc("sentAt"), pc("sentBy")]);
    for (const r of p.reports)
      sent.addRow([
        r.unit.name,
        t(`export.province.reportState.${r.state}`),
        displayDate(r.due),
        r.sentDay ? displayDate(r.sentDay) : "",
        r.sent?.sentBy ?? "",
      ]);
    [36, 16, 14, 14, 26].forEach((width, i) => (sent.getColumn(i + 1).width = width));
    body(sent, rh);
    printable(sent, rh);
  }
}

// ---------------------------------------------------------------- docx

/**
 * The period's tasks, once per task: all its people's work together, each due
 * date with its state, and where its departments differ, each department's
 * own ("Phòng A vướng mắc, Khoa B đang làm").
 */
export function taskEntries(
  t: Translate,
  rows: readonly ReportRow[],
  today: string,
  evidence: ReadonlyMap<number, string>,
): TaskEntry[] {
  const byTask = new Map<string, ReportRow[]>();
  for (const r of rows) byTask.set(r.ref, [...(byTask.get(r.ref) ?? []), r]);
  return [...byTask.values()].map((group) => {
    const first = group[0]!;
    const dates = [...new Set(group.map((r) => r.dueDate))].sort();
    const states = dates.map((date) => {
      const state = stateOf(
        t,
        group.filter((r) => r.dueDate === date),
        today,
      );
      return dates.length > 1 ? `${displayDate(date).slice(0, 5)} ${state}` : state;
    });
    const done = group.every((r) => r.status === "DONE");
    const dueSoFar = group.filter((r) => r.dueDate <= today);
    const proofs = [...new Set(group.map((r) => evidence.get(r.assignmentId)).filter(Boolean))].join("; ");
    return {
      area: first.area,
      ref: first.ref,
      content: asClause(first.content),
      who: [...new Set(group.map((r) => r.department))].join(", "),
      when: duesText(t, group),
      state: states.join("; "),
      proof: proofs || (done ? t("evidence.none") : ""),
      done,
      doneSoFar: dueSoFar.length > 0 && dueSoFar.every((r) => r.status === "DONE"),
      notYetDue: dueSoFar.length === 0,
      overdue: group.some((r) => isOverdue(r, today)),
      blocked: group.some((r) => r.status === "BLOCKED"),
    };
  });
}

/** Next period's tasks, only named: "- B.I.1. Rà soát … (Phòng TC-HC; hạn 31/03/2027)." */
function namedLines(t: Translate, rows: readonly ReportRow[]): string[] {
  const byTask = new Map<string, ReportRow[]>();
  for (const r of rows) byTask.set(r.ref, [...(byTask.get(r.ref) ?? []), r]);
  return [...byTask.values()].map((group) => {
    const who = [...new Set(group.map((r) => r.department))].join(", ");
    return `- ${group[0]!.ref}. ${asClause(group[0]!.content)} (${who}; ${duesText(t, group)}).`;
  });
}

/** A part of work stands as its least finished share: done only when everyone is, then as the last to finish. */
function leastFinished(rows: readonly ReportRow[]): ReportRow {
  return (
    rows.find((r) => r.status !== "DONE") ?? rows.reduce((a, b) => ((a.doneDay ?? "") > (b.doneDay ?? "") ? a : b))
  );
}

/** One due date's state: said once when its departments agree, else each department's. */
function stateOf(t: Translate, rows: readonly ReportRow[], today: string): string {
  const byDepartment = new Map<string, ReportRow[]>();
  for (const r of rows) byDepartment.set(r.department, [...(byDepartment.get(r.department) ?? []), r]);
  const states = [...byDepartment].map(([department, own]) => ({
    department,
    state: rowStatus(t, leastFinished(own), today).toLowerCase(),
  }));
  return new Set(states.map((s) => s.state)).size === 1
    ? states[0]!.state
    : states.map((s) => `${s.department} ${s.state}`).join(", ");
}

/**
 * Work still open from earlier periods, once per task however many of its
 * periods are open ("hạn 31/03, 30/06/2026"), oldest first, with how late the
 * oldest is: a carried-over list a reader takes in, not one line per period.
 */
function openTaskLines(t: Translate, rows: readonly ReportRow[], today: string): string[] {
  const byTask = new Map<string, ReportRow[]>();
  for (const r of rows) byTask.set(r.ref, [...(byTask.get(r.ref) ?? []), r]);
  return [...byTask.values()]
    .map((group) => [...group].sort((a, b) => a.dueDate.localeCompare(b.dueDate)))
    .sort((a, b) => a[0]!.dueDate.localeCompare(b[0]!.dueDate))
    .map((group) => {
      const oldest = group[0]!;
      const who = [...new Set(group.map((r) => r.department))].join(", ");
      const when = duesText(t, group);
      return `- ${oldest.ref}. ${asClause(oldest.content)} (${who}; ${when}): ${rowStatus(t, oldest, today).toLowerCase()}.`;
    });
}

/**
 * An area of the body as a report is written: how its tasks stand, in one
 * sentence, and the work finished, by name; each task's detail is the annex's.
 */
function areaParagraphs(t: Translate, list: readonly TaskEntry[]): Paragraph[] {
  // Blocked work is not done, whatever was done of it before: it counts among what is not done.
  const done = list.filter((e) => e.doneSoFar && !e.blocked);
  const ahead = list.filter((e) => e.notYetDue && !e.blocked).length;
  return [
    para(
      t("export.areaLine", {
        tasks: list.length,
        done: done.length,
        open: list.length - done.length - ahead,
        overdue: list.filter((e) => e.overdue).length,
        blocked: list.filter((e) => e.blocked).length,
        ahead,
      }),
      { indent: true },
    ),
    ...(done.length
      ? [
          para(t("export.areaDone", { list: done.map((e) => `${e.ref} (${clip(e.content, 70)})`).join("; ") }), {
            indent: true,
          }),
        ]
      : []),
  ];
}

/** How many overdue lines Part II names before it says how many more. */
const OVERDUE_NAMED = 8;

/** Blocked work, as Part II names it with its reason (or that none was given): never "no difficulties" then. */
const blockedRows = (d: ReportData) => d.rows.filter((r) => r.status === "BLOCKED");

export async function reportDocx(t: Translate, d: ReportData): Promise<Buffer> {
  const sum = totals(d.lines);
  const own = d.rows.filter((r) => r.dueDate >= d.window.dueFrom);
  const carried = d.rows.filter((r) => r.dueDate < d.window.dueFrom);
  const date = decreeDate(d.today);
  const percent = (v: number | null) => (v === null ? "—" : `${String(v).replace(".", ",")}%`);
  const heading = documentHeading(t, { unitName: d.unitName, doc: d.doc, date });

  const entries = taskEntries(t, own, d.today, d.evidence);
  const areas = new Map<string, TaskEntry[]>();
  for (const e of entries) {
    const area = e.area || t("export.noArea");
    areas.set(area, [...(areas.get(area) ?? []), e]);
  }
  const overdueRows = d.rows.filter((r) => isOverdue(r, d.today) && r.status !== "BLOCKED");
  const overdue = openTaskLines(t, overdueRows, d.today);
  // One reason said once, however many periods of the task it holds up.
  const reasons = [...new Map(blockedRows(d).map((r) => [`${r.ref}|${r.department}|${r.note}`, r])).values()];
  const placeholder = (key: string) => para(t(key), { italic: true, indent: true });
  const overall = (c: Counts) =>
    para(
      t("export.overall", {
        assigned: c.assigned,
        onTime: c.doneOnTime,
        late: c.doneLate,
        inProgress: c.inProgress,
        notStarted: c.notStarted,
        blocked: c.blocked,
        overdue: c.overdue,
        rate: percent(onTimeRate(c)),
      }),
      { indent: true },
    );

  const body: (Paragraph | Table)[] = [
    heading,
    para(t("export.docTitle"), { align: "center", bold: true, before: 360 }),
    para(t("export.docSubtitle", { period: periodOf(t, d.window) }), { align: "center", bold: true }),
    rule(TEXT_WIDTH, 0.25),
    para(t("export.window", { from: displayDate(d.window.from), to: displayDate(d.window.to) }), {
      align: "center",
      italic: true,
    }),
    ...addressed(t, d.doc.addressees),
    para(t("export.partResults"), { bold: true, before: 240 }),
    ...(d.province ? [para(t("export.province.ownPart", { unit: d.unitName }), { bold: true, before: 120 })] : []),
    ...(sum.assigned === 0 && sum.carriedOver === 0
      ? [para(t("export.nothingDue"), { indent: true })]
      : [overall(sum), para(t("export.evidenceCount", evidenceCounts(d)), { indent: true })]),
    ...[...areas].flatMap(([area, list]) => [
      para(area, { bold: true, italic: true, before: 120 }),
      ...areaParagraphs(t, list),
    ]),
    ...(entries.length ? [para(t("export.seeAnnex"), { italic: true, indent: true })] : []),
    ...(carried.length
      ? [
          para(t("export.carriedOverHeading", { count: carried.length }), { bold: true, italic: true, before: 120 }),
          ...openTaskLines(t, carried, d.today).map((l) => para(l, { indent: true })),
        ]
      : []),
    ...(d.onDemandWaiting?.length
      ? [
          para(t("export.onDemandWaiting", { count: d.onDemandWaiting.length }), {
            bold: true,
            italic: true,
            before: 120,
          }),
          ...d.onDemandWaiting.map((x) => para(`- ${x.ref}. ${x.content}`, { indent: true })),
        ]
      : []),
    para(t("export.partIndicators"), { bold: true, before: 240 }),
    ...(d.indicators.length
      ? d.indicators.map((i) =>
          para(
            `- ${t("export.indicatorLine", {
              code: i.code,
              name: i.name,
              target: describeTarget(i),
              value: i.latest
                ? describeValue(i.latest.value, i.unitLabel).replace(/(\d)\.(\d)/g, "$1,$2")
                : t("export.noValue"),
              met: indicatorMet(t, i),
            })}`,
            { indent: true },
          ),
        )
      : [para("—", { indent: true })]),
    ...(d.province ? provinceParagraphs(t, d.province, { year: d.window.year, today: d.today, overall }) : []),
    para(t("export.assessment"), { bold: true, italic: true, before: 120 }),
    placeholder("export.leaderWrites"),
    para(t("export.partDifficulties"), { bold: true, before: 240 }),
    ...(reasons.length || overdue.length
      ? [
          ...reasons.map((r) =>
            para(`- ${r.ref} (${r.department}): ${asClause(r.note) || t("export.noReason")}.`, { indent: true }),
          ),
          ...(overdue.length
            ? [
                para(
                  t("export.overdueSummary", {
                    count: overdueRows.length,
                    tasks: overdue.length,
                    departments: [...new Set(overdueRows.map((r) => r.department))].join(", "),
                  }),
                  { indent: true },
                ),
                ...overdue.slice(0, OVERDUE_NAMED).map((l) => para(l, { indent: true })),
                ...(overdue.length > OVERDUE_NAMED
                  ? [para(t("export.overdueMore", { count: overdue.length - OVERDUE_NAMED }), { indent: true })]
                  : []),
              ]
            : []),
        ]
      : [para(t("export.noDifficulties"), { indent: true })]),
    para(t("export.partNext"), { bold: true, before: 240 }),
    ...(d.next.length
      ? namedLines(t, d.next).map((l) => para(l, { indent: true }))
      : [
          para(d.nextPlanMissing ? t("export.nextPlanMissing", { year: d.nextPlanMissing }) : "—", {
            indent: true,
          }),
        ]),
    para(t("export.partProposals"), { bold: true, before: 240 }),
    placeholder("export.leaderWrites"),
    new Paragraph({ spacing: { after: 240 }, children: [] }),
    signatureBlock(t, { doc: d.doc, province: Boolean(d.province) }),
  ];
  return decreeDocx(body, [
    ...(entries.length
      ? [taskAnnex(t, entries, { period: periodOf(t, d.window), abbrev: d.doc.unitAbbrev, date })]
      : []),
    ...(d.province ? [annexSection(t, d.province, periodOf(t, d.window))] : []),
  ]);
}
