/**
 * /kiemtra: a Sở plans the year's inspections of its units and sees its
 * coverage against its target ("tối thiểu 20%"); after a visit it keeps the
 * minutes and the conclusion notice, and each finding that needs work becomes
 * a task the unit's admin holds, reminded and reported like any task, until
 * it is done with evidence. The Sở sees the follow-up per unit.
 */
import { z } from "zod";
import { displayDate } from "../../../domain/calendar.ts";
import { SENDERS } from "../../../domain/roles.ts";
import { evaluationSettings } from "../../../domain/settings.ts";
import { fold } from "../../../domain/text.ts";
import { leadingUnit } from "../../../domain/units.ts";
import {
  addFinding,
  attachInspectionFile,
  inspectionsOf,
  planInspection,
  type InspectionView,
} from "../../../store/evaluation/inspections.ts";
import { loadSettingsRows } from "../../../store/settings/settings.ts";
import { icon, short } from "../../../ui/format.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { deadline, deadlineThenText } from "../deadlines/typed-date.ts";
import { signedFile } from "../province/send-up.ts";
import type { Status } from "../../../domain/status.ts";

const Awaited = z.object({ unit: z.string(), which: z.enum(["minutes", "conclusion"]), year: z.number().int() });

/** "Gửi biên bản kiểm tra": the next file sent is the inspection's minutes (or conclusion notice). */
export const INSPECTION_FILE: ConversationDef<z.infer<typeof Awaited>> = {
  kind: "inspectionFile",
  schema: Awaited,
  roles: SENDERS,
  file: async (ctx, p, attachment) => {
    const file = await signedFile(ctx, attachment, /\.(pdf|docx?|jpe?g|png)$/i, "inspection.wrongType");
    if (!file) return;
    await ctx.forget();
    const kept = await attachInspectionFile(ctx.deps.db, {
      ownerName: ctx.unit,
      unitName: p.unit,
      year: p.year,
      which: p.which,
      fileName: file.fileName,
      mime: file.mime,
      data: file.data,
      now: ctx.now,
    });
    ctx.reply(
      ctx.t(kept ? `inspection.kept.${p.which}` : "inspection.notPlanned", { unit: p.unit, file: file.fileName }),
    );
  },
};

/** The findings' state at a glance: done, open, overdue. */
function followUp(i: InspectionView, today: string) {
  const done = i.findings.filter((f) => f.status === "DONE").length;
  const overdue = i.findings.filter((f) => f.status !== "DONE" && f.dueDate < today).length;
  return { done, overdue, count: i.findings.length };
}

export async function inspectionCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps } = ctx;
  const year = deps.settings.planYear;
  const { units, inspections } = await inspectionsOf(deps.db, ctx.unit, year);
  if (units.length === 0) {
    ctx.reply(t("inspection.noUnits"));
    return;
  }
  const words = args.trim().split(/\s+/).filter(Boolean);
  const verb = fold(words[0] ?? "");
  if (words.length === 0) return overview(ctx, units, inspections, year);
  const rest = words.slice(1).join(" ");
  const known = ["them", "khacphuc", "phathien", "bienban", "ketluan"].includes(verb);
  const found = leadingUnit(units, known ? rest : args);
  if (!found.ok) {
    ctx.reply(t("inspection.noUnit", { units: (found.several.length ? found.several : units).join(", ") }));
    return;
  }
  const unit = found.name;
  const own = inspections.find((i) => i.unit === unit);
  if (verb === "them") {
    const d = await deadline(ctx, found.rest);
    if (!found.rest || !d.ok) {
      ctx.reply(found.rest && !d.ok ? d.message : t("inspection.usage"));
      return;
    }
    await planInspection(deps.db, {
      ownerName: ctx.unit,
      unitName: unit,
      plannedOn: d.date,
      byId: ctx.member.staffId,
      now: ctx.now,
    });
    const after = await inspectionsOf(deps.db, ctx.unit, year);
    ctx.reply(
      [
        t(own ? "inspection.moved" : "inspection.planned", { unit, date: displayDate(d.date) }),
        await coverageLine(ctx, after.units.length, after.inspections.length),
      ].join("\n"),
    );
    return;
  }
  if (verb === "khacphuc" || verb === "phathien") {
    const r = await deadlineThenText(ctx, found.rest);
    if (!r.ok || !r.rest.trim()) {
      ctx.reply(r.ok ? t("inspection.findingUsage") : `${r.message}\n${t("inspection.findingUsage")}`);
      return;
    }
    const content = r.rest.replace(/^\s*[:\-–]\s*/, "").trim();
    const added = await addFinding(deps.db, {
      ownerName: ctx.unit,
      unitName: unit,
      year,
      content,
      dueDate: r.date,
      today: ctx.today,
      byId: ctx.member.staffId,
      defaultPlanTitle: t("plan.defaultTitle", { year }),
      areaTitle: t("inspection.areaTitle"),
      now: ctx.now,
    });
    ctx.reply(
      t(added.held ? "inspection.findingAdded" : "inspection.findingNoAdmin", {
        unit,
        ref: added.ref,
        date: displayDate(r.date),
        content: short(content, 120),
      }),
    );
    return;
  }
  if (verb === "bienban" || verb === "ketluan") {
    if (!own) {
      ctx.reply(t("inspection.notPlanned", { unit }));
      return;
    }
    const which = verb === "bienban" ? "minutes" : "conclusion";
    await ctx.ask(INSPECTION_FILE, { unit, which, year });
    ctx.reply(t(`inspection.sendFile.${which}`, { unit }));
    return;
  }
  if (!own) {
    ctx.reply(t("inspection.notPlanned", { unit }));
    return;
  }
  details(ctx, own);
}

async function coverageLine(ctx: MemberCtx, units: number, planned: number): Promise<string> {
  const target = evaluationSettings(await loadSettingsRows(ctx.deps.db, ctx.unit)).inspectionTarget;
  const percent = units ? Math.round((planned / units) * 100) : 0;
  const needed = Math.ceil((target * units) / 100);
  return ctx.t(planned >= needed ? "inspection.coverageMet" : "inspection.coverageShort", {
    planned,
    units,
    percent,
    target,
    missing: needed - planned,
  });
}

async function overview(ctx: MemberCtx, units: string[], inspections: InspectionView[], year: number): Promise<void> {
  const { t } = ctx;
  ctx.reply(
    [
      t("inspection.title", { year }),
      await coverageLine(ctx, units.length, inspections.length),
      ...inspections.map((i) => {
        const f = followUp(i, ctx.today);
        return t(i.visitedOn ? "inspection.lineVisited" : "inspection.linePlanned", {
          unit: i.unit,
          date: displayDate(i.visitedOn ?? i.plannedOn),
          done: f.done,
          count: f.count,
          overdue: f.overdue ? t("inspection.overdue", { count: f.overdue }) : "",
        });
      }),
      "",
      t("inspection.usage"),
    ].join("\n"),
  );
}

function details(ctx: MemberCtx, i: InspectionView): void {
  const { t } = ctx;
  const f = followUp(i, ctx.today);
  ctx.reply(
    [
      t(i.visitedOn ? "inspection.detailVisited" : "inspection.detailPlanned", {
        unit: i.unit,
        date: displayDate(i.visitedOn ?? i.plannedOn),
      }),
      t("inspection.files", {
        minutes: i.minutesName ?? t("inspection.noFile"),
        conclusion: i.conclusionName ?? t("inspection.noFile"),
      }),
      t("inspection.findingsTitle", { done: f.done, count: f.count }),
      ...i.findings.map((x) =>
        t("inspection.findingLine", {
          icon: x.status ? icon(x.status as Status, x.dueDate, ctx.today) : "⚠️",
          ref: x.ref,
          content: short(x.content, 80),
          date: displayDate(x.dueDate),
        }),
      ),
    ].join("\n"),
  );
}
