/**
 * The admin imports in chat: sends the plan or the staff list as a file, reads
 * what it would do (tasks per area, due dates per quarter, what changes,
 * every warning with its row), and taps "Nhập" or "Huỷ". Nothing is written
 * before "Nhập". The file is parsed on a worker thread, so everyone else is
 * still answered meanwhile.
 */
import { planImportedLine } from "../../../ui/format.ts";
import { CB } from "../../../ui/callbacks.ts";
import type { Attachment } from "../../../messages/types.ts";
import { quarterOf } from "../../../domain/period.ts";
import { planWarnings } from "../../../domain/tables/plan.ts";
import type { ImportIssue } from "../../../domain/tables/sheet.ts";
import { MAX_TABLE_FILE_BYTES } from "../../../import/read-table.ts";
import { parseOffThread } from "../../../import/off-thread.ts";
import type { ParsedFile } from "../../../import/parse-file.ts";
import { planChanges, savePlan } from "../../../store/plan/plans.ts";
import { replaceHolidays } from "../../../store/settings/holidays.ts";
import { saveRoster } from "../../../store/people/staff.ts";
import { keepPendingImport, takePendingImport } from "../../../store/plan/pending-imports.ts";
import { ensureUnitId } from "../../../store/province/units.ts";
import { describeTarget } from "../../../domain/indicator.ts";
import { sameMeasure, type PlanTarget } from "../../../domain/targets.ts";
import { listIndicators } from "../../../store/indicators/indicators.ts";
import { short } from "../../../ui/format.ts";
import type { MemberCtx } from "../../context.ts";
import { scoreText } from "../../../domain/criteria.ts";
import { scoredLines } from "../../../domain/score-totals.ts";
import { saveCriteriaSet } from "../../../store/evaluation/criteria.ts";

const PENDING_MINUTES = 60;
const SHOWN_WARNINGS = 15;

function listIssues(ctx: MemberCtx, issues: readonly ImportIssue[]): string[] {
  const lines = issues.slice(0, SHOWN_WARNINGS).map((w) => `⚠ ${ctx.t(w.key, w.params)}`);
  if (issues.length > SHOWN_WARNINGS)
    lines.push(ctx.t("chatImport.moreWarnings", { count: issues.length - SHOWN_WARNINGS }));
  return lines;
}

function refuse(ctx: MemberCtx, issues: readonly ImportIssue[]): void {
  ctx.reply([...issues.map((i) => ctx.t(i.key, i.params)), ctx.t("chatImport.nothingWritten")].join("\n"));
}

async function read(ctx: MemberCtx, name: string, data: Uint8Array): Promise<ParsedFile> {
  return parseOffThread({ name, data, year: ctx.deps.settings.planYear });
}

/** A file sent by an admin outside any other conversation. */
export async function fileReceived(ctx: MemberCtx, attachment: Attachment): Promise<void> {
  const { t, deps } = ctx;
  if (ctx.member.role !== "ADMIN") {
    ctx.reply(t("chatImport.onlyAdmin"));
    return;
  }
  const name = attachment.fileName ?? "tep";
  if (!/\.(xlsx|csv|docx|pdf)$/i.test(name) || !deps.download) {
    ctx.reply(t("chatImport.wrongType", { file: name }));
    return;
  }
  let data: Buffer;
  try {
    data = await deps.download(ctx.msg.channel, attachment.fileId);
  } catch (e) {
    // The platform lost the file or the link expired: nothing to read, nothing written.
    deps.logger.warn({ err: e, file: name }, "file download failed");
    ctx.reply(t("chatImport.downloadFailed", { file: name }));
    return;
  }
  if (data.length > MAX_TABLE_FILE_BYTES) {
    ctx.reply(t("import.tooLarge", { file: name, mb: 20 }));
    return;
  }
  const parsed = await read(ctx, name, data);
  if (!parsed.ok) return refuse(ctx, parsed.issues);
  const year = deps.settings.planYear;
  const pendingId = await keepPendingImport(deps.db, {
    staffId: ctx.member.staffId,
    kind: parsed.kind,
    fileName: name,
    data,
    year,
    now: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + PENDING_MINUTES * 60_000),
  });
  ctx.reply({
    kind: "text",
    text: [...(await summary(ctx, parsed, name, year)), "", t("chatImport.confirm")].join("\n"),
    buttons: [
      [
        { label: t("chatImport.buttons.import"), data: CB.importChoice.build("ok", pendingId) },
        { label: t("chatImport.buttons.cancel"), data: CB.importChoice.build("no", pendingId) },
      ],
    ],
  });
}

async function summary(
  ctx: MemberCtx,
  parsed: Exclude<ParsedFile, { ok: false }>,
  name: string,
  year: number,
): Promise<string[]> {
  const { t, deps } = ctx;
  if (parsed.kind === "staff") {
    const departments = new Set(parsed.roster.people.map((p) => p.department).filter(Boolean));
    return [
      t("chatImport.staffSummary", {
        file: name,
        count: parsed.roster.people.length,
        departments: departments.size,
        skipped: parsed.roster.skipped.length,
      }),
      ...listIssues(ctx, parsed.roster.skipped),
    ];
  }
  if (parsed.kind === "criteria") {
    const { items, total, warnings } = parsed.criteria;
    return [
      t("chatImport.criteriaSummary", {
        file: name,
        year,
        areas: items.filter((i) => i.depth === 1).length,
        count: scoredLines(items).length,
        total: scoreText(total),
      }),
      ...listIssues(ctx, warnings),
    ];
  }
  if (parsed.kind === "holidays") {
    return [
      t("chatImport.holidaySummary", { file: name, count: parsed.holidays.length, year }),
      ...parsed.holidays.map((h) => `• ${h.date.split("-").reverse().join("/")} ${h.name}`),
    ];
  }
  const { draft } = parsed;
  const perArea = new Map<string, number>();
  for (const task of draft.tasks) {
    const area = draft.areas.find((a) => a.path === task.areaPath)?.title ?? t("export.noArea");
    perArea.set(area, (perArea.get(area) ?? 0) + 1);
  }
  const quarters = [0, 0, 0, 0];
  let undated = 0;
  for (const task of draft.tasks) {
    if (!task.parsed.dueDates.length) undated++;
    for (const d of task.parsed.dueDates) if (d.startsWith(String(year))) quarters[quarterOf(d) - 1]!++;
  }
  const [changes, indicators] = await Promise.all([
    planChanges(deps.db, { unitName: ctx.unit, year, draft }),
    draft.targets.length ? listIndicators(deps.db, { unitName: ctx.unit, year }) : [],
  ]);
  // A target the unit's indicators already measure (under another code) is that indicator: said, not added twice.
  const sameAs = (x: PlanTarget) => indicators.find((i) => i.code !== x.code && sameMeasure(i.name, x.name));
  return [
    t("chatImport.planSummary", { file: name, year, tasks: draft.tasks.length, areas: draft.areas.length }),
    ...[...perArea].map(([area, n]) => `• ${area}: ${n}`),
    t("chatImport.perQuarter", { q1: quarters[0], q2: quarters[1], q3: quarters[2], q4: quarters[3], undated }),
    ...(draft.targets.length
      ? [
          t("chatImport.targets", { count: draft.targets.length }),
          ...draft.targets.map((x) => {
            const words = {
              code: x.code,
              name: short(x.name, 70),
              target: describeTarget({
                comparator: x.target.comparator,
                target: x.target.value,
                unitLabel: x.target.unit,
              }),
            };
            const same = sameAs(x);
            return same
              ? t("chatImport.targetSame", { ...words, existing: same.code })
              : t("chatImport.targetLine", words);
          }),
        ]
      : []),
    ...(changes.existing
      ? [
          t("chatImport.changes", {
            added: changes.added.length,
            removed: changes.removed.length,
            dates: changes.datesChanged.length,
          }),
          ...(changes.removed.length
            ? [t("chatImport.removedList", { refs: changes.removed.slice(0, 20).join(", ") })]
            : []),
          ...(changes.touched.length
            ? [
                t("chatImport.touched", {
                  count: changes.touched.length,
                  refs: changes.touched.slice(0, 20).join(", "),
                }),
              ]
            : []),
        ]
      : []),
    ...listIssues(ctx, planWarnings(draft)),
  ];
}

/** "Nhập" writes what the summary showed; "Huỷ" forgets the file. */
export async function importButton(ctx: MemberCtx, action: "ok" | "no", id: number): Promise<void> {
  const { t, deps } = ctx;
  const pending = await takePendingImport(deps.db, id, ctx.member.staffId, ctx.now);
  if (!pending) {
    ctx.reply(t("chatImport.expired"));
    return;
  }
  if (action !== "ok") {
    ctx.reply(t("chatImport.cancelled", { file: pending.fileName }));
    return;
  }
  const parsed = await read(ctx, pending.fileName, pending.data);
  if (!parsed.ok) return refuse(ctx, parsed.issues);
  const unitName = ctx.unit;
  if (parsed.kind === "plan") {
    const title = parsed.draft.title ?? t("plan.defaultTitle", { year: pending.year });
    const r = await savePlan(deps.db, {
      unitName,
      year: pending.year,
      title,
      sourceFile: pending.fileName,
      draft: parsed.draft,
      now: ctx.now,
    });
    ctx.reply(
      [
        planImportedLine(t, { title, year: pending.year }, r),
        ...(r.targets ? [t("plan.targetsAdded", { count: r.targets })] : []),
        ...listIssues(ctx, r.warnings),
      ].join("\n"),
    );
  } else if (parsed.kind === "staff") {
    const r = await saveRoster(deps.db, { unitName, roster: parsed.roster, now: ctx.now });
    ctx.reply(
      t("roster.imported", {
        count: r.count,
        created: r.created,
        updated: r.updated,
        deactivated: r.deactivated,
        departments: r.departments,
      }),
    );
  } else if (parsed.kind === "criteria") {
    const r = await saveCriteriaSet(deps.db, {
      unitName,
      year: pending.year,
      title: parsed.criteria.title ?? t("criteria.defaultTitle", { year: pending.year }),
      sourceFile: pending.fileName,
      draft: parsed.criteria,
      now: ctx.now,
    });
    ctx.reply(t("criteria.imported", { count: r.criteria, year: pending.year, kept: r.scoresKept }));
  } else {
    await ensureUnitId(deps.db, unitName);
    const n = await replaceHolidays(deps.db, unitName, pending.year, parsed.holidays);
    ctx.reply(t("holidays.imported", { count: n, year: pending.year }));
  }
  deps.onSettingsChanged?.();
}
