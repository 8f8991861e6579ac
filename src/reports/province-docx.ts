/**
 * The parts a Sở's Decree 30 report adds for its sector: a section per unit,
 * the sector's indicators rolled up, whose reports came in, and an annex
 * table with every unit on one page.
 */
import { Table, TableLayoutType, TableRow, WidthType, type ISectionOptions, type Paragraph } from "docx";
import { describeTarget, describeValue, meetsTarget } from "../domain/indicator.ts";
import { daysLate, onTimeRate, totals } from "../domain/report.ts";
import type { RolledIndicator } from "../domain/rollup.ts";
import type { Translate } from "../i18n.ts";
import { displayDate } from "../ui/format.ts";
import { mm, para, tableCell, TEXT_WIDTH } from "./docx-parts.ts";
import type { ProvinceData, UnitSection } from "./province.ts";
import { asClause } from "../domain/text.ts";

const decimal = (s: string) => s.replace(/(\d)\.(\d)/g, "$1,$2");
const percent = (v: number | null) => (v === null ? "—" : `${decimal(String(v))}%`);

function unitParagraphs(t: Translate, u: UnitSection, n: number, year: number, today: string): Paragraph[] {
  const heading = para(t("export.province.unitHeading", { n, unit: u.name }), { bold: true, italic: true, before: 80 });
  if (!u.hasPlan && u.line.assigned === 0)
    return [heading, para(t("export.province.unitNoPlan", { year }), { indent: true })];
  if (u.line.assigned === 0 && u.line.carriedOver === 0)
    return [heading, para(t("export.province.unitNothingDue"), { indent: true })];
  const l = u.line;
  return [
    heading,
    para(
      t("export.province.unitLine", {
        assigned: l.assigned,
        onTime: l.doneOnTime,
        late: l.doneLate,
        open: l.inProgress + l.notStarted + l.blocked,
        overdue: l.overdue,
        carried: l.carriedOver,
        rate: percent(onTimeRate(l)),
      }),
      { indent: true },
    ),
    ...u.late.map((x) =>
      para(
        t("export.province.lateTask", {
          ref: x.ref,
          content: asClause(x.content),
          due: displayDate(x.dueDate),
          days: daysLate({ status: "IN_PROGRESS", dueDate: x.dueDate, doneDay: null }, today),
        }),
        { indent: true },
      ),
    ),
    ...(u.lateCount > u.late.length
      ? [para(t("export.province.lateMore", { count: u.lateCount - u.late.length }), { indent: true })]
      : []),
  ];
}

function indicatorParagraphs(t: Translate, p: ProvinceData, year: number): Paragraph[] {
  if (p.indicators.length === 0) return [para(t("export.province.noUnitIndicators", { year }), { indent: true })];
  const name = new Map(p.units.map((u) => [u.id, u.name]));
  return p.indicators.flatMap((i) => [
    para(
      t("export.province.rolledLine", {
        code: i.code,
        name: i.name,
        target: describeTarget(i),
        value: i.value === null ? t("export.noValue") : decimal(describeValue(i.value, i.unitLabel)),
        met: rolledMet(t, i),
        method: methodText(t, i),
      }),
      { indent: true },
    ),
    ...(i.missing.length
      ? [
          para(t("export.province.rolledMissing", { units: i.missing.map((id) => name.get(id) ?? "?").join(", ") }), {
            indent: true,
            italic: true,
          }),
        ]
      : []),
  ]);
}

export const methodText = (t: Translate, i: RolledIndicator): string =>
  t(`export.province.method.${i.byUnit.length ? i.method : "none"}`, { count: i.byUnit.length });

export const rolledMet = (t: Translate, i: RolledIndicator): string =>
  i.value === null
    ? "—"
    : t(meetsTarget(i.value, { comparator: i.comparator, value: i.target }) ? "export.met" : "export.notMet");

function reportParagraphs(t: Translate, p: ProvinceData): Paragraph[] {
  const of = (state: string) => p.reports.filter((r) => r.state === state);
  const named = (list: ProvinceData["reports"], withDate: boolean) =>
    list.map((r) => (withDate ? `${r.unit.name} (${displayDate(r.due)})` : r.unit.name)).join(", ");
  const late = of("late");
  const missing = of("missing");
  const waiting = of("waiting");
  return [
    para(
      t("export.province.reportsReceived", { sent: p.reports.filter((r) => r.sent).length, units: p.reports.length }),
      {
        indent: true,
      },
    ),
    ...(late.length ? [para(t("export.province.reportsLate", { units: named(late, false) }), { indent: true })] : []),
    ...(missing.length
      ? [para(t("export.province.reportsMissing", { units: named(missing, true) }), { indent: true })]
      : []),
    ...(waiting.length
      ? [para(t("export.province.reportsWaiting", { units: named(waiting, true) }), { indent: true })]
      : []),
  ];
}

/** Part I's sections 2–4: the units, the sector's indicators, the reports received. */
export function provinceParagraphs(
  t: Translate,
  p: ProvinceData,
  q: { year: number; today: string; overall: (c: ReturnType<typeof totals>) => Paragraph },
): Paragraph[] {
  return [
    para(t("export.province.unitsPart", { count: p.units.length }), { bold: true, before: 200 }),
    q.overall(totals(p.units.map((u) => u.line))),
    ...p.units.flatMap((u, i) => unitParagraphs(t, u, i + 1, q.year, q.today)),
    para(t("export.province.indicatorsPart"), { bold: true, before: 200 }),
    ...indicatorParagraphs(t, p, q.year),
    para(t("export.province.reportsPart"), { bold: true, before: 200 }),
    ...reportParagraphs(t, p),
  ];
}

const ANNEX_COLUMNS = [
  "n",
  "unit",
  "assigned",
  "onTime",
  "late",
  "open",
  "overdue",
  "carried",
  "rate",
  "report",
] as const;
/** Millimetres; the unit's name takes what the figures leave of the page's 165 mm, the report's state one line. */
const ANNEX_WIDTHS = [8, 53, 11, 11, 11, 13, 11, 11, 13, 23];
const SMALL_TABLE = 17; // 8.5 pt, one line a unit: 50 units and the heading fit on one A4 page
const cell = (text: string, width: number, o: { bold?: boolean; left?: boolean } = {}) =>
  tableCell(text, width, { ...o, size: SMALL_TABLE });

/** The annex: every unit on one line of one table, totals last. */
export function annexSection(t: Translate, p: ProvinceData, period: string): ISectionOptions {
  const state = new Map(p.reports.map((r) => [r.unit.id, t(`export.province.reportState.${r.state}`)]));
  const figures = (l: UnitSection["line"]) => [
    String(l.assigned),
    String(l.doneOnTime),
    String(l.doneLate),
    String(l.inProgress + l.notStarted + l.blocked),
    String(l.overdue),
    String(l.carriedOver),
    percent(onTimeRate(l)),
  ];
  const row = (texts: string[], bold = false) =>
    new TableRow({
      cantSplit: true,
      children: texts.map((x, i) => cell(x, ANNEX_WIDTHS[i]!, { bold, left: i === 1 })),
    });
  const total = totals(p.units.map((u) => u.line));
  return {
    properties: {
      page: {
        size: { width: 11906, height: 16838 },
        margin: { top: mm(15), bottom: mm(15), left: mm(30), right: mm(15) },
      },
    },
    children: [
      para(t("export.province.annexTitle"), { align: "center", bold: true }),
      para(t("export.province.annexSubtitle", { period }), { align: "center", italic: true }),
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: ANNEX_WIDTHS.map(mm),
        layout: TableLayoutType.FIXED,
        rows: [
          new TableRow({
            tableHeader: true,
            children: ANNEX_COLUMNS.map((k, i) =>
              cell(t(`export.province.annexColumns.${k}`), ANNEX_WIDTHS[i]!, { bold: true }),
            ),
          }),
          ...p.units.map((u, i) =>
            row([
              String(i + 1),
              u.name,
              ...(u.hasPlan || u.line.assigned
                ? figures(u.line)
                : ["", "", "", "", "", "", t("export.province.annexNoPlan")]),
              state.get(u.id) ?? "—",
            ]),
          ),
          row(["", t("export.total"), ...figures({ ...total, departmentId: null, department: "" }), ""], true),
        ],
      }),
    ],
  };
}
