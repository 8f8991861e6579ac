/**
 * /chiso: the indicators I report on; `/chiso MÃ 98,5` or `47/48` records a
 * value for the current period and answers with it against the target.
 */
import { describeTarget, describeValue, meetsTarget, parseReportedValue } from "../../../domain/indicator.ts";
import { periodOf } from "../../../domain/period.ts";
import {
  indicatorTrends,
  listIndicators,
  recordIndicatorReport,
  type IndicatorLine,
} from "../../../store/indicators/indicators.ts";
import type { MemberCtx } from "../../context.ts";
import { formatNumber, periodName, short } from "../../../ui/format.ts";

function visible(ctx: MemberCtx): Promise<IndicatorLine[]> {
  const { member, deps } = ctx;
  // Staff and heads see their department's; leaders and the admin see all.
  const scope = member.role === "LEADER" || member.role === "ADMIN" ? {} : { departmentId: member.departmentId };
  return listIndicators(deps.db, { unitName: ctx.unit, year: deps.settings.planYear, ...scope });
}

function value(ctx: MemberCtx, v: number, unit: string): string {
  return describeValue(v, unit, (n) => formatNumber(n, ctx.locale));
}

function target(ctx: MemberCtx, i: IndicatorLine): string {
  return describeTarget(i, (n) => formatNumber(n, ctx.locale));
}

function verdict(ctx: MemberCtx, i: IndicatorLine, v: number): string {
  return meetsTarget(v, { comparator: i.comparator, value: i.target })
    ? ctx.t("indicator.met")
    : ctx.t("indicator.notMet");
}

export async function indicatorCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t } = ctx;
  const list = await visible(ctx);
  const [code, ...rest] = args.split(/\s+/).filter(Boolean);
  if (!code) {
    if (list.length === 0) {
      ctx.reply(t("indicator.none"));
      return;
    }
    // Leaders and the admin see every indicator with how it moved, period by period.
    const leader = ctx.member.role === "LEADER" || ctx.member.role === "ADMIN";
    const trends = leader
      ? await indicatorTrends(
          ctx.deps.db,
          list.map((i) => i.id),
        )
      : new Map<number, { periodLabel: string; value: number }[]>();
    const lines = list.map((i) => {
      const latest = i.latest
        ? `${value(ctx, i.latest.value, i.unitLabel)} (${periodName(t, i.latest.periodLabel)}) ${verdict(ctx, i, i.latest.value)}`
        : t("indicator.noReport");
      const trend = trends.get(i.id) ?? [];
      const moves = trend.map(
        (p, k) =>
          `${periodName(t, p.periodLabel)} ${value(ctx, p.value, i.unitLabel)}${k === 0 ? "" : p.value > trend[k - 1]!.value ? " ↑" : p.value < trend[k - 1]!.value ? " ↓" : " →"}`,
      );
      return `• ${i.code} · ${short(i.name, 60)}\n   ${t("indicator.target")}: ${target(ctx, i)} · ${latest}${trend.length > 1 ? `\n   ${t("indicator.trend")}: ${moves.join(", ")}` : ""}`;
    });
    ctx.reply(
      `${t(leader ? "indicator.allHeader" : "indicator.header", { count: list.length })}\n\n${lines.join("\n")}\n\n${t("indicator.hint")}`,
    );
    return;
  }
  const indicator = list.find((i) => i.code === code.toUpperCase());
  if (!indicator) {
    ctx.reply(t("indicator.unknown", { code, codes: list.map((i) => i.code).join(", ") || "—" }));
    return;
  }
  const raw = rest.join("");
  if (!raw) {
    ctx.reply(
      `${indicator.code} · ${indicator.name}\n${t("indicator.target")}: ${target(ctx, indicator)}\n${t("indicator.howTo", { code: indicator.code })}`,
    );
    return;
  }
  const reported = parseReportedValue(raw, indicator.unitLabel);
  if (!reported) {
    ctx.reply(t("indicator.badValue", { value: raw, code: indicator.code }));
    return;
  }
  const periodLabel = periodOf(indicator.period, ctx.today);
  await recordIndicatorReport(ctx.deps.db, {
    indicatorId: indicator.id,
    ...reported,
    periodLabel,
    reporterId: ctx.member.staffId,
    now: ctx.now,
  });
  const fraction = reported.denominator ? ` (${reported.numerator}/${reported.denominator})` : "";
  ctx.reply(
    t("indicator.recorded", {
      code: indicator.code,
      value: value(ctx, reported.value, indicator.unitLabel) + fraction,
      period: periodName(t, periodLabel),
      target: target(ctx, indicator),
      verdict: verdict(ctx, indicator, reported.value),
    }),
  );
}
