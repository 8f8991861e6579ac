/**
 * How a report reads in chat, shared by /baocao, /tiendo, the province view
 * and the reports sent up: the period's words, the counts, a unit's whole
 * report and its chart. No command lives here.
 */
import { CB } from "../../../ui/callbacks.ts";
import {
  daysLate,
  departmentLines as linesOf,
  isOverdue,
  onTimeRate,
  totals,
  worstFirst,
  type Counts,
  type DepartmentLine,
} from "../../../domain/report.ts";
import {
  currentQuarterKind,
  parseReportKind,
  type ReportKind,
  type ReportWindow,
} from "../../../domain/report-period.ts";
import { periodWindow } from "../../../reports/build.ts";
import { unitDisplayName } from "../../../store/province/units.ts";
import {
  hasPlan,
  reportItems,
  reportRows,
  type CountedItem,
  type ReportQuery,
  type ReportRow,
} from "../../../store/reports/report.ts";
import { renderStatusChart } from "../../../reports/chart.ts";
import { unrequestedTasks } from "../../../store/deadlines/deadlines.ts";
import type { MemberCtx } from "../../context.ts";
import {
  displayDate,
  dueText,
  formatNumber,
  OVERDUE_ICON,
  short,
  STATUS_ICON,
  DONE_LATE_ICON,
} from "../../../ui/format.ts";

const MAX_DEPARTMENTS = 15;

/** A department head's reports are about their department, whatever they ask. */
export function scope(ctx: MemberCtx): { departmentId?: number } {
  return ctx.member.role === "DEPT_HEAD" ? { departmentId: ctx.member.departmentId ?? -1 } : {};
}

/** "q1 2026", "quy 2", "6t", "9t", "" (the current quarter) → the window; null when the words name no period. */
export async function windowFrom(ctx: MemberCtx, args: string): Promise<ReportWindow | null> {
  const words = args.split(/\s+/).filter(Boolean);
  const yearWord = words.find((w) => /^\d{4}$/.test(w));
  const rest = words.filter((w) => w !== yearWord).join(" ");
  const current = currentQuarterKind(ctx.today);
  const kind: ReportKind | null = rest ? parseReportKind(rest) : current.kind;
  if (!kind) return null;
  const year = yearWord ? Number(yearWord) : rest ? Number(ctx.today.slice(0, 4)) : current.year;
  return periodWindow(ctx.deps.db, { unitName: ctx.unit, tz: ctx.deps.settings.tz, kind, year });
}

/** "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026". */
export function periodWords(t: MemberCtx["t"], window: Pick<ReportWindow, "kind" | "year">): string {
  return t(`report.period.${window.kind}`, { year: window.year });
}

export function pct(ctx: MemberCtx, rate: number | null): string {
  return rate === null ? "—" : `${formatNumber(rate, ctx.locale)}%`;
}

export function line(ctx: MemberCtx, l: DepartmentLine): string {
  return ctx.t("report.departmentLine", {
    department: l.department,
    onTime: l.doneOnTime,
    assigned: l.assigned,
    rate: pct(ctx, onTimeRate(l)),
    overdue: l.overdue ? ` · ${OVERDUE_ICON} ${l.overdue}` : "",
  });
}

/** The status counts, saying where they overlap ("Chưa bắt đầu 48, trong đó quá hạn 48"). */
export function countLines(ctx: MemberCtx, c: Counts): string[] {
  const { t } = ctx;
  const open = (icon: string, status: string, all: number, late: number) =>
    `${icon} ${t(`status.name.${status}`)}: ${all}${late ? t("report.ofWhichOverdue", { count: late }) : ""}`;
  return [
    `${STATUS_ICON.DONE} ${t("report.doneOnTime")}: ${c.doneOnTime}   ${DONE_LATE_ICON} ${t("report.doneLate")}: ${c.doneLate}`,
    open(STATUS_ICON.IN_PROGRESS, "IN_PROGRESS", c.inProgress, c.overdueInProgress),
    open(STATUS_ICON.NOT_STARTED, "NOT_STARTED", c.notStarted, c.overdueNotStarted),
    open(STATUS_ICON.BLOCKED, "BLOCKED", c.blocked, c.overdueBlocked),
    `${OVERDUE_ICON} ${t("report.overdue")}: ${c.overdue}`,
  ];
}

export function itemLine(ctx: MemberCtx, r: ReportRow): string {
  const blocked = r.status === "BLOCKED" ? `${STATUS_ICON.BLOCKED} ` : "";
  const when = isOverdue(r, ctx.today)
    ? ctx.t("reminder.late", { count: daysLate(r, ctx.today) })
    : dueText(ctx.t, r.dueDate, ctx.today, false);
  return `• ${blocked}${r.ref} · ${short(r.content, 45)} — ${r.responsible}, ${when}`;
}

/**
 * The period's own overdue work, oldest first, and what was carried over from
 * before it: chosen from the counted items, then read in full for those few.
 */
export async function lateLists(
  ctx: MemberCtx,
  q: ReportQuery,
  items: readonly CountedItem[],
  limit: number,
): Promise<string[]> {
  const byAge = (a: CountedItem, b: CountedItem) => a.dueDate.localeCompare(b.dueDate);
  const own = items.filter((r) => r.dueDate >= q.window.dueFrom && isOverdue(r, ctx.today)).sort(byAge);
  const carried = items.filter((r) => r.dueDate < q.window.dueFrom && r.status !== "DONE").sort(byAge);
  const shown = [...own.slice(0, limit), ...carried.slice(0, limit)];
  const rows = new Map(
    (
      await reportRows(
        ctx.deps.db,
        q,
        shown.map((r) => r.assignmentId),
      )
    ).map((r) => [r.assignmentId, r]),
  );
  const lines = (list: CountedItem[]) => list.slice(0, limit).map((r) => itemLine(ctx, rows.get(r.assignmentId)!));
  return [
    ...(own.length ? ["", ctx.t("report.oldest"), ...lines(own)] : []),
    ...(carried.length
      ? [
          "",
          ctx.t("report.carriedOver", { count: carried.length }),
          ...lines(carried),
          ...(carried.length > limit ? [ctx.t("report.moreCarried", { count: carried.length - limit })] : []),
        ]
      : []),
  ];
}

/**
 * One unit's report: its counts, its departments worst first, its oldest late
 * work. Opened from a province view it has no buttons, whose data would name
 * the Sở's own departments and period settings, not the unit's.
 */
export async function unitReport(ctx: MemberCtx, window: ReportWindow, options: { buttons: boolean }): Promise<void> {
  const { t, deps, today } = ctx;
  if (!(await hasPlan(deps.db, ctx.unit, window.year))) {
    ctx.reply(t("report.noPlan", { year: window.year }));
    return;
  }
  const q = { unitName: ctx.unit, window, today, tz: deps.settings.tz, ...scope(ctx) };
  const items = await reportItems(deps.db, q);
  const lines = linesOf(items, window, today);
  const sum = totals(lines);
  const head = [
    options.buttons
      ? t("report.title", { period: periodWords(t, window) })
      : t("report.unitTitle", { unit: await unitDisplayName(deps.db, ctx.unit), period: periodWords(t, window) }),
    t("report.scope", {
      dueFrom: displayDate(window.dueFrom),
      dueTo: displayDate(window.dueTo),
      today: displayDate(today),
      from: displayDate(window.from),
      to: displayDate(window.to),
    }),
  ].join("\n");
  // "Khi có yêu cầu" tasks no request has reached: apart, never counted as on time.
  const waiting = await unrequestedTasks(deps.db, ctx.unit, window.year);
  const notYet = waiting.length
    ? [
        "",
        t("report.onDemandWaiting", {
          count: waiting.length,
          refs: waiting
            .slice(0, 12)
            .map((x) => x.ref)
            .join(", "),
        }),
      ]
    : [];
  if (sum.assigned === 0) {
    ctx.reply([head, "", t("report.empty"), ...(await lateLists(ctx, q, items, 3)), ...notYet].join("\n"));
    return;
  }
  const worst = worstFirst(lines.filter((l) => l.assigned > 0));
  const text = [
    head,
    "",
    `${t("report.assigned")}: ${sum.assigned} · ${t("report.rate")}: ${pct(ctx, onTimeRate(sum))}`,
    ...countLines(ctx, sum),
    ...(worst.length
      ? ["", t("report.byDepartment"), ...worst.slice(0, MAX_DEPARTMENTS).map((l) => line(ctx, l))]
      : []),
    ...(worst.length > MAX_DEPARTMENTS ? [t("report.moreDepartments", { count: worst.length - MAX_DEPARTMENTS })] : []),
    ...(await lateLists(ctx, q, items, 3)),
    ...notYet,
  ].join("\n");
  if (!options.buttons) {
    ctx.reply(text);
    return;
  }
  ctx.reply({
    kind: "text",
    text,
    buttons: [
      [
        { label: t("report.buttons.overdue"), data: CB.reportOverdue.build() },
        { label: t("report.buttons.chart"), data: CB.reportChart.build(window.kind, window.year) },
      ],
      // Drill into the three worst departments.
      ...(ctx.member.role !== "DEPT_HEAD"
        ? [
            worst
              .filter((l) => l.departmentId !== null)
              .slice(0, 3)
              .map((l) => ({ label: short(l.department, 32), data: CB.reportDepartment.build(l.departmentId!) })),
          ].filter((row) => row.length)
        : []),
    ],
  });
}

/** A chart of lines (departments, or a province's units) worst first, as an image with its legend. */
export async function chartReply(
  ctx: MemberCtx,
  titleKey: string,
  window: ReportWindow,
  lines: readonly DepartmentLine[],
): Promise<void> {
  const png = await renderStatusChart(ctx.t, {
    title: ctx.t(titleKey, { period: periodWords(ctx.t, window) }),
    unit: await unitDisplayName(ctx.deps.db, ctx.unit),
    lines: worstFirst(lines.filter((l) => l.assigned > 0)),
    formatRate: (r) => pct(ctx, r),
  });
  ctx.reply({ kind: "photo", data: png, caption: ctx.t("report.chartCaption") });
}
