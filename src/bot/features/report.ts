/** /baocao: this quarter at a glance. Issue #6 grows it into the full leaders' report. */
import { quarterOf, quarterRange } from "../../domain/period.ts";
import { countDue } from "../../store/work.ts";
import type { MemberCtx } from "../context.ts";
import { OVERDUE_ICON, STATUS_ICON } from "../format.ts";

export async function reportCommand(ctx: MemberCtx): Promise<void> {
  const { t, today, member } = ctx;
  const { from, to } = quarterRange(today);
  // A department head sees their department; leaders and the admin the whole unit.
  const departmentId = member.role === "DEPT_HEAD" ? (member.departmentId ?? -1) : undefined;
  const c = await countDue(ctx.deps.db, { from, to, today, ...(departmentId !== undefined ? { departmentId } : {}) });
  const rate = c.total ? Math.round((c.byStatus.DONE / c.total) * 100) : 0;
  ctx.reply(
    [
      t("report.header", { quarter: quarterOf(today), year: today.slice(0, 4) }),
      `${t("report.total")}: ${c.total}`,
      `${STATUS_ICON.DONE} ${t("status.name.DONE")}: ${c.byStatus.DONE} (${rate}%)`,
      `${STATUS_ICON.IN_PROGRESS} ${t("status.name.IN_PROGRESS")}: ${c.byStatus.IN_PROGRESS}`,
      `${STATUS_ICON.NOT_STARTED} ${t("status.name.NOT_STARTED")}: ${c.byStatus.NOT_STARTED}`,
      `${STATUS_ICON.BLOCKED} ${t("status.name.BLOCKED")}: ${c.byStatus.BLOCKED}`,
      `${OVERDUE_ICON} ${t("report.overdue")}: ${c.overdue}`,
    ].join("\n"),
  );
}
