/**
 * Leaders' view: /baocao for a period, /quahan, /tiendo <phòng>, and the chart.
 * A department head sees their own department; leaders and the admin the unit.
 */
import { departmentKey, namesDepartment } from "../../domain/departments.ts";
import { currentQuarterKind, parseReportKind, reportWindow, type ReportKind, type ReportWindow } from "../../domain/report-period.ts";
import { daysBetween } from "../../domain/period.ts";
import { loadReminderContext } from "../../store/calendar.ts";
import { departmentLines, overdueAssignments, type DepartmentLine } from "../../store/report.ts";
import { renderStatusChart } from "../../reports/chart.ts";
import { onTimeRate, totals, worstFirst } from "../../reports/summary.ts";
import type { MemberCtx } from "../context.ts";
import { displayDate, formatNumber, OVERDUE_ICON, short, STATUS_ICON } from "../format.ts";

const DONE_LATE_ICON = "🟠";
const MAX_DEPARTMENTS = 15;

/** A department head's reports are about their department, whatever they ask. */
function scope(ctx: MemberCtx): number | undefined {
  return ctx.member.role === "DEPT_HEAD" ? (ctx.member.departmentId ?? -1) : undefined;
}

/** "q1 2026", "quy 2", "6t", "" (the current quarter) → the window; null when the words name no period. */
export async function windowFrom(ctx: MemberCtx, args: string): Promise<ReportWindow | null> {
  const { settings } = await loadReminderContext(ctx.deps.db, ctx.deps.settings.unitName, ctx.deps.settings.tz, Number(ctx.today.slice(0, 4)));
  const words = args.split(/\s+/).filter(Boolean);
  const yearWord = words.find((w) => /^\d{4}$/.test(w));
  const rest = words.filter((w) => w !== yearWord).join(" ");
  const current = currentQuarterKind(ctx.today, settings.reportCutoff);
  const kind: ReportKind | null = rest ? parseReportKind(rest) : current.kind;
  if (!kind) return null;
  return reportWindow(kind, yearWord ? Number(yearWord) : rest ? Number(ctx.today.slice(0, 4)) : current.year, settings.reportCutoff);
}

function pct(ctx: MemberCtx, rate: number | null): string {
  return rate === null ? "—" : `${formatNumber(rate, ctx.locale)}%`;
}

function line(ctx: MemberCtx, l: DepartmentLine): string {
  return ctx.t("report.departmentLine", {
    department: l.department,
    onTime: l.doneOnTime,
    assigned: l.assigned,
    rate: pct(ctx, onTimeRate(l)),
    overdue: l.overdue ? ` · ${OVERDUE_ICON} ${l.overdue}` : "",
  });
}

export async function reportCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps, today } = ctx;
  const window = await windowFrom(ctx, args);
  if (!window) {
    ctx.reply(t("report.usage"));
    return;
  }
  const departmentId = scope(ctx);
  const q = { unitName: deps.settings.unitName, window, today, tz: deps.settings.tz, ...(departmentId !== undefined ? { departmentId } : {}) };
  const lines = await departmentLines(deps.db, q);
  const sum = totals(lines);
  const head = t("report.title", { period: t(`report.kind.${window.kind}`), year: window.year, from: displayDate(window.from), to: displayDate(window.to) });
  if (sum.assigned === 0) {
    ctx.reply(`${head}\n\n${t("report.empty")}`);
    return;
  }
  const oldest = await overdueAssignments(deps.db, { unitName: deps.settings.unitName, today, from: window.from, limit: 3, ...(departmentId !== undefined ? { departmentId } : {}) });
  const worst = worstFirst(lines);
  const text = [
    head,
    "",
    `${t("report.assigned")}: ${sum.assigned} · ${t("report.rate")}: ${pct(ctx, onTimeRate(sum))}`,
    `${STATUS_ICON.DONE} ${t("report.doneOnTime")}: ${sum.doneOnTime}   ${DONE_LATE_ICON} ${t("report.doneLate")}: ${sum.doneLate}`,
    `${STATUS_ICON.IN_PROGRESS} ${t("status.name.IN_PROGRESS")}: ${sum.inProgress}   ${STATUS_ICON.NOT_STARTED} ${t("status.name.NOT_STARTED")}: ${sum.notStarted}   ${STATUS_ICON.BLOCKED} ${t("status.name.BLOCKED")}: ${sum.blocked}`,
    `${OVERDUE_ICON} ${t("report.overdue")}: ${sum.overdue}`,
    "",
    t("report.byDepartment"),
    ...worst.slice(0, MAX_DEPARTMENTS).map((l) => line(ctx, l)),
    ...(worst.length > MAX_DEPARTMENTS ? [t("report.moreDepartments", { count: worst.length - MAX_DEPARTMENTS })] : []),
    ...(oldest.length
      ? ["", t("report.oldest"), ...oldest.map((o) => `• ${o.ref} · ${short(o.content, 50)} — ${o.staffName}, ${t("reminder.late", { count: daysBetween(o.dueDate, today) })}`)]
      : []),
  ].join("\n");
  ctx.reply({
    kind: "text",
    text,
    buttons: [
      [
        { label: t("report.buttons.overdue"), data: "rp:od" },
        { label: t("report.buttons.chart"), data: `rp:ch:${window.kind}:${window.year}` },
      ],
      // Drill into the three worst departments.
      ...(departmentId === undefined
        ? [worst.filter((l) => l.departmentId !== null).slice(0, 3).map((l) => ({ label: short(l.department, 32), data: `rp:dp:${l.departmentId}` }))].filter((row) => row.length)
        : []),
    ],
  });
}

export async function overdueCommand(ctx: MemberCtx, _args = ""): Promise<void> {
  const { t, deps, today } = ctx;
  const departmentId = scope(ctx);
  const list = await overdueAssignments(deps.db, { unitName: deps.settings.unitName, today, ...(departmentId !== undefined ? { departmentId } : {}) });
  if (list.length === 0) {
    ctx.reply(t("report.noOverdue"));
    return;
  }
  const groups = new Map<string, typeof list>();
  for (const o of list) groups.set(o.department, [...(groups.get(o.department) ?? []), o]);
  const parts = [t("report.overdueTitle", { count: list.length })];
  for (const [department, items] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    parts.push("", `${department} (${items.length})`);
    for (const o of items.slice(0, 10)) parts.push(`• ${o.ref} · ${short(o.content, 45)} — ${o.staffName}, ${t("reminder.late", { count: daysBetween(o.dueDate, today) })}`);
    if (items.length > 10) parts.push(t("reminder.more", { count: items.length - 10 }));
  }
  ctx.reply(parts.join("\n"));
}

export async function progressCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps } = ctx;
  if (!args) {
    ctx.reply(t("report.progressUsage"));
    return;
  }
  const departments = await deps.db.department.findMany({ select: { id: true, name: true, key: true } });
  const key = departmentKey(args);
  const found = departments.find((d) => d.key === key) ?? departments.find((d) => namesDepartment(key, d.key)) ?? departments.find((d) => d.key.includes(key));
  if (!found) {
    ctx.reply(t("report.noDepartment", { name: args }));
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
  const lines = await departmentLines(deps.db, { unitName: deps.settings.unitName, window, today: ctx.today, tz: deps.settings.tz, departmentId: found.id });
  const l = lines[0] ?? { departmentId: found.id, department: found.name, assigned: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, notStarted: 0, blocked: 0, overdue: 0 };
  const overdue = await overdueAssignments(deps.db, { unitName: deps.settings.unitName, today: ctx.today, departmentId: found.id, limit: 10 });
  ctx.reply(
    [
      t("report.progressTitle", { department: found.name, period: t(`report.kind.${window.kind}`), year: window.year }),
      line(ctx, l),
      `${STATUS_ICON.DONE} ${l.doneOnTime}  ${DONE_LATE_ICON} ${l.doneLate}  ${STATUS_ICON.IN_PROGRESS} ${l.inProgress}  ${STATUS_ICON.NOT_STARTED} ${l.notStarted}  ${STATUS_ICON.BLOCKED} ${l.blocked}`,
      ...(overdue.length ? ["", t("report.oldest"), ...overdue.map((o) => `• ${o.ref} · ${short(o.content, 45)} — ${o.staffName}, ${t("reminder.late", { count: daysBetween(o.dueDate, ctx.today) })}`)] : []),
    ].join("\n"),
  );
}

export async function reportButton(ctx: MemberCtx, data: string): Promise<void> {
  const [, what, kind, year] = data.split(":");
  if (!["LEADER", "ADMIN", "DEPT_HEAD"].includes(ctx.member.role)) {
    ctx.reply(ctx.t("common.notForYou", { command: "/baocao" }));
    return;
  }
  if (what === "od") return overdueCommand(ctx);
  if (what === "dp" && kind) {
    const d = await ctx.deps.db.department.findUnique({ where: { id: Number(kind) }, select: { id: true, name: true } });
    if (d) return showDepartment(ctx, d);
  }
  if (what === "ch" && kind && year) {
    const { settings } = await loadReminderContext(ctx.deps.db, ctx.deps.settings.unitName, ctx.deps.settings.tz, Number(year));
    const window = reportWindow(kind as ReportKind, Number(year), settings.reportCutoff);
    const departmentId = scope(ctx);
    const lines = await departmentLines(ctx.deps.db, { unitName: ctx.deps.settings.unitName, window, today: ctx.today, tz: ctx.deps.settings.tz, ...(departmentId !== undefined ? { departmentId } : {}) });
    const png = await renderStatusChart(ctx.t, { title: ctx.t("report.chartTitle", { period: ctx.t(`report.kind.${window.kind}`), year: window.year }), lines: worstFirst(lines), formatRate: (r) => pct(ctx, r) });
    ctx.reply({ kind: "photo", data: png, caption: ctx.t("report.chartCaption") });
  }
}
