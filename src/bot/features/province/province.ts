/**
 * A Sở's view of its units. A leader or the admin of a unit with units under
 * it asks /baocao and sees every unit ranked worst first, by the rules a
 * unit's report ranks its departments; /tiendo <đơn vị> or a button opens one
 * unit's own report.
 */
import { CB } from "../../../ui/callbacks.ts";
import { departmentLines as linesOf, onTimeRate, totals, worstFirst } from "../../../domain/report.ts";
import { reportWindow, type ReportKind, type ReportWindow } from "../../../domain/report-period.ts";
import { loadReminderContext } from "../../../store/settings/calendar.ts";
import { unitItems, unitsWithPlan } from "../../../store/reports/report.ts";
import { unitDisplayName, unitWithBelow, type UnitSummary } from "../../../store/province/units.ts";
import type { MemberCtx } from "../../context.ts";
import { displayDate, OVERDUE_ICON, short } from "../../../ui/format.ts";
import { chartReply, countLines, line, pct, periodWords, unitReport } from "../reports/report-view.ts";
import { missingReports } from "./send-up.ts";

/** Enough for a province of 60 units, within one chat message. */
const MAX_UNITS = 60;

export interface Province {
  /** The Sở (or whichever unit asks) first, then every unit under it. */
  all: UnitSummary[];
}

/** The units a leader or admin oversees, when their unit has any under it; null otherwise. */
export async function provinceOf(ctx: MemberCtx): Promise<Province | null> {
  if (ctx.member.role !== "LEADER" && ctx.member.role !== "ADMIN") return null;
  const tree = await unitWithBelow(ctx.deps.db, ctx.unit);
  return tree && tree.below.length > 0 ? { all: [tree.me, ...tree.below] } : null;
}

/** Each unit's counts for the period, as a unit's report has its departments'. */
export async function unitLines(ctx: MemberCtx, window: ReportWindow, province: Province) {
  const items = await unitItems(ctx.deps.db, {
    units: province.all,
    window,
    today: ctx.today,
    tz: ctx.deps.settings.tz,
  });
  return linesOf(items, window, ctx.today);
}

export async function provinceReport(ctx: MemberCtx, window: ReportWindow, province: Province): Promise<void> {
  const { t, deps, today } = ctx;
  const [lines, planned] = await Promise.all([
    unitLines(ctx, window, province),
    unitsWithPlan(
      deps.db,
      province.all.map((u) => u.id),
      window.year,
    ),
  ]);
  const sum = totals(lines);
  const worst = worstFirst(lines.filter((l) => l.assigned > 0));
  const quiet = province.all.filter((u) => planned.has(u.id) && !worst.some((l) => l.departmentId === u.id));
  const noPlan = province.all.filter((u) => !planned.has(u.id));
  const reports = await missingReports(ctx, window, province.all.slice(1));
  const text = [
    t("report.provinceTitle", {
      unit: await unitDisplayName(deps.db, ctx.unit),
      period: periodWords(t, window),
      count: province.all.length,
    }),
    t("report.scope", {
      dueFrom: displayDate(window.dueFrom),
      dueTo: displayDate(window.dueTo),
      today: displayDate(today),
      from: displayDate(window.from),
      to: displayDate(window.to),
    }),
    "",
    `${t("report.assigned")}: ${sum.assigned} · ${t("report.rate")}: ${pct(ctx, onTimeRate(sum))} · ${OVERDUE_ICON} ${t("report.overdue")}: ${sum.overdue}`,
    ...(sum.assigned ? countLines(ctx, sum).slice(0, 4) : []),
    ...(worst.length
      ? ["", t("report.byUnit"), ...worst.slice(0, MAX_UNITS).map((l) => line(ctx, l))]
      : ["", t("report.empty")]),
    ...(worst.length > MAX_UNITS ? [t("report.moreUnits", { count: worst.length - MAX_UNITS })] : []),
    ...(quiet.length ? ["", t("report.unitsWithNothingDue", { units: quiet.map((u) => u.name).join(", ") })] : []),
    ...(noPlan.length
      ? ["", t("report.unitsWithoutPlan", { year: window.year, units: noPlan.map((u) => u.name).join(", ") })]
      : []),
    "",
    t("report.reportsSent", { sent: reports.sent, units: reports.units }),
    ...(reports.missing.length ? [t("report.reportsMissing", { units: reports.missing.join(", ") })] : []),
    "",
    t("report.provinceHint"),
  ].join("\n");
  ctx.reply({
    kind: "text",
    text,
    buttons: [
      [{ label: t("report.buttons.chart"), data: CB.reportChart.build(window.kind, window.year) }],
      ...[
        worst.slice(0, 3).map((l) => ({
          label: short(l.department, 32),
          data: CB.reportUnit.build(l.departmentId!, window.kind, window.year),
        })),
      ].filter((row) => row.length),
    ],
  });
}

/** "Biểu đồ" under a province report: one bar per unit. */
export async function provinceChart(ctx: MemberCtx, window: ReportWindow, province: Province): Promise<void> {
  return chartReply(ctx, "report.provinceChartTitle", window, await unitLines(ctx, window, province));
}

/** A unit's button under a province report; a unit outside the asker's province (a forged button) is refused. */
export async function reportUnitButton(ctx: MemberCtx, unitId: number, kind: ReportKind, year: number): Promise<void> {
  const province = await provinceOf(ctx);
  const unit = province?.all.find((u) => u.id === unitId);
  if (!unit) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  const { settings } = await loadReminderContext(ctx.deps.db, ctx.unit, ctx.deps.settings.tz, year);
  return unitReport({ ...ctx, unit: unit.name }, reportWindow(kind, year, settings.reportCutoff), { buttons: false });
}
