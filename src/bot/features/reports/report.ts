/**
 * Leaders' view: /baocao for a period, /quahan, /tiendo <phòng>, and the chart.
 * A department head sees their own department; leaders and the admin the unit.
 */
import { departmentKey, namesDepartment } from "../../../domain/departments.ts";
import { departmentLines as linesOf, emptyCounts } from "../../../domain/report.ts";
import { reportWindow, type ReportKind } from "../../../domain/report-period.ts";
import { loadReminderContext } from "../../../store/settings/calendar.ts";
import { matchUnit } from "../../../domain/units.ts";
import { departmentLines, overdueRows, reportItems } from "../../../store/reports/report.ts";
import { departmentOf, departmentsOf } from "../../../store/province/units.ts";
import type { MemberCtx } from "../../context.ts";
import { provinceChart, provinceOf, provinceReport } from "../province/province.ts";
import {
  chartReply,
  countLines,
  itemLine,
  lateLists,
  line,
  periodWords,
  scope,
  unitReport,
  windowFrom,
} from "./report-view.ts";

export async function reportCommand(ctx: MemberCtx, args: string): Promise<void> {
  const window = await windowFrom(ctx, args);
  if (!window) {
    ctx.reply(ctx.t("report.usage"));
    return;
  }
  // A Sở's leaders see its units first; each unit's own report is a button or /tiendo away.
  const province = await provinceOf(ctx);
  if (province) return provinceReport(ctx, window, province);
  return unitReport(ctx, window, { buttons: true });
}

/** Everything open and past due today, whatever period it belongs to, by department. */
export async function overdueCommand(ctx: MemberCtx, _args = ""): Promise<void> {
  const { t, deps, today } = ctx;
  const list = await overdueRows(deps.db, { unitName: ctx.unit, today, tz: deps.settings.tz, ...scope(ctx) });
  if (list.length === 0) {
    ctx.reply(t("report.noOverdue"));
    return;
  }
  const groups = new Map<string, typeof list>();
  for (const o of list) groups.set(o.department, [...(groups.get(o.department) ?? []), o]);
  const parts = [t("report.overdueTitle", { count: list.length })];
  for (const [department, items] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    parts.push("", `${department} (${items.length})`);
    for (const o of items.slice(0, 10)) parts.push(itemLine(ctx, o));
    if (items.length > 10) parts.push(t("report.moreOverdue", { count: items.length - 10, department }));
  }
  ctx.reply(parts.join("\n"));
}

export async function progressCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps } = ctx;
  if (!args) {
    ctx.reply(t("report.progressUsage"));
    return;
  }
  const departments = await departmentsOf(deps.db, ctx.unit);
  const key = departmentKey(args);
  const exact = departments.find((d) => d.key === key);
  if (exact) return showDepartment(ctx, exact);
  // A Sở's leader names a unit as readily as one of the Sở's own departments.
  const province = await provinceOf(ctx);
  const unit = province ? matchUnit(province.all, args) : null;
  if (unit) return unitReport({ ...ctx, unit: unit.name }, (await windowFrom(ctx, ""))!, { buttons: false });
  const found = departments.find((d) => namesDepartment(key, d.key)) ?? departments.find((d) => d.key.includes(key));
  if (!found) {
    ctx.reply(t(province ? "report.noUnitOrDepartment" : "report.noDepartment", { name: args }));
    return;
  }
  return showDepartment(ctx, found);
}

async function showDepartment(ctx: MemberCtx, found: { id: number; name: string }): Promise<void> {
  const { t, deps } = ctx;
  if (ctx.member.role === "DEPT_HEAD" && found.id !== ctx.member.departmentId) {
    ctx.reply(t("report.otherDepartment"));
    return;
  }
  const window = (await windowFrom(ctx, ""))!;
  const q = { unitName: ctx.unit, window, today: ctx.today, tz: deps.settings.tz, departmentId: found.id };
  const items = await reportItems(deps.db, q);
  const l = linesOf(items, window, ctx.today)[0] ?? {
    departmentId: found.id,
    department: found.name,
    ...emptyCounts(),
  };
  ctx.reply(
    [
      t("report.progressTitle", { department: found.name, period: periodWords(t, window) }),
      line(ctx, l),
      ...countLines(ctx, l),
      ...(await lateLists(ctx, q, items, 10)),
    ].join("\n"),
  );
}

/** "Theo khoa/phòng" under a report: one department's tasks. */
export async function reportDepartmentButton(ctx: MemberCtx, departmentId: number): Promise<void> {
  const d = await departmentOf(ctx.deps.db, ctx.unit, departmentId);
  if (d) return showDepartment(ctx, d);
  ctx.reply(ctx.t("common.unknownButton"));
}

/** "Biểu đồ" under a report: the period's chart as an image. */
export async function reportChartButton(ctx: MemberCtx, kind: ReportKind, year: number): Promise<void> {
  const { settings } = await loadReminderContext(ctx.deps.db, ctx.unit, ctx.deps.settings.tz, year);
  const window = reportWindow(kind, year, settings.reportCutoff);
  const province = await provinceOf(ctx);
  if (province) return provinceChart(ctx, window, province);
  const lines = await departmentLines(ctx.deps.db, {
    unitName: ctx.unit,
    window,
    today: ctx.today,
    tz: ctx.deps.settings.tz,
    ...scope(ctx),
  });
  return chartReply(ctx, "report.chartTitle", window, lines);
}
