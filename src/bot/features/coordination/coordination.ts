/**
 * Coordinating departments' parts ("phối hợp"): a head of a department named
 * under "Phối hợp" sees the part in /nhiemvu, reports it with "xong phần phối
 * hợp <mã>" or a button, may send a file as evidence, and the lead is told.
 * The lead's own status is untouched: reports count the task by it alone.
 */
import type { Attachment, Button } from "../../../messages/types.ts";
import { isSkip } from "../../../domain/evidence.ts";
import { EVERYONE } from "../../../domain/roles.ts";
import { codeMatches } from "../../../domain/status.ts";
import { dayOf } from "../../../domain/calendar.ts";
import {
  attachCoordinationFile,
  coordinationOf,
  coordinationPart,
  coordinationWork,
  leadPeople,
  reportCoordination,
  type CoordinationItem,
  type CoordinationState,
} from "../../../store/coordination/coordination.ts";
import { staffNames } from "../../../store/people/staff.ts";
import { CB } from "../../../ui/callbacks.ts";
import { displayDate, dueText, short } from "../../../ui/format.ts";
import { z } from "zod";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { evidenceUpload } from "../evidence/evidence.ts";

/** How many parts /nhiemvu shows under the person's own tasks. */
export const PARTS_SHOWN = 5;

/** A head's open parts; nobody else holds one, so nobody else pays the query. */
export function partsOf(ctx: MemberCtx): Promise<CoordinationItem[]> {
  return ctx.member.role === "DEPT_HEAD" && ctx.member.departmentId !== null
    ? coordinationWork(ctx.deps.db, ctx.member.staffId)
    : Promise.resolve([]);
}

/** The lines and buttons /nhiemvu adds under the person's own tasks. */
export function partsSection(ctx: MemberCtx, parts: CoordinationItem[]): { text: string; buttons: Button[] } {
  const { t, today } = ctx;
  const shown = parts.slice(0, PARTS_SHOWN);
  const lines = [
    t("coordination.listHeader", { count: parts.length }),
    ...shown.map((p) => `🤝 ${p.ref} · ${short(p.content, 60)}\n    ${dueText(t, p.dueDate, today, false)}`),
  ];
  if (parts.length > PARTS_SHOWN) lines.push(t("coordination.more", { count: parts.length - PARTS_SHOWN }));
  else lines.push(t("coordination.hint", { code: shown[0]!.ref }));
  return {
    text: lines.join("\n"),
    buttons: shown.map((p) => ({ label: `🤝 ${p.ref}`, data: CB.coordinationOpen.build(p.occurrenceId) })),
  };
}

/** A part opened from its button: the task, the lead, the due date, and "Xong phần phối hợp". */
export async function openPart(ctx: MemberCtx, occurrenceId: number): Promise<void> {
  const { t, today } = ctx;
  const part = await coordinationPart(ctx.deps.db, { staffId: ctx.member.staffId, occurrenceId });
  if (!part) {
    ctx.reply(t("coordination.gone"));
    return;
  }
  ctx.reply({
    kind: "text",
    text: [
      t("coordination.title", { ref: part.ref, department: part.departmentName }),
      part.content,
      "",
      part.lead ? t("coordination.lead", { lead: part.lead }) : null,
      `${t("task.due")}: ${dueText(t, part.dueDate, today, false)}`,
    ]
      .filter((l) => l !== null)
      .join("\n"),
    buttons: [[{ label: t("buttons.coordinationDone"), data: CB.coordinationDone.build(occurrenceId) }]],
  });
}

/** "xong phần phối hợp [mã]". */
export async function coordinationText(ctx: MemberCtx, code: string | undefined): Promise<void> {
  const { t } = ctx;
  const parts = await partsOf(ctx);
  const matching = code ? parts.filter((p) => codeMatches(p.ref, code)) : parts;
  if (matching.length === 0) {
    ctx.reply(code && parts.length ? t("coordination.noSuchCode", { code }) : t("coordination.none"));
    return;
  }
  if (matching.length === 1) return record(ctx, matching[0]!);
  const shown = matching.slice(0, 8);
  ctx.reply({
    kind: "text",
    text: [
      t("coordination.which", { code: shown[0]!.ref }),
      ...shown.map((p) => `• ${p.ref} · ${short(p.content, 60)}`),
    ].join("\n"),
    buttons: shown.map((p) => [{ label: `🤝 ${p.ref}`, data: CB.coordinationDone.build(p.occurrenceId) }]),
  });
}

/** "Xong phần phối hợp" pressed. */
export async function coordinationButton(ctx: MemberCtx, occurrenceId: number): Promise<void> {
  const part = await coordinationPart(ctx.deps.db, { staffId: ctx.member.staffId, occurrenceId });
  if (!part) {
    ctx.reply(ctx.t("coordination.gone"));
    return;
  }
  await record(ctx, part);
}

const Asked = z.object({ reportId: z.number().int(), ref: z.string() });
type Asked = z.infer<typeof Asked>;

/** After "xong phần phối hợp": a file is its evidence, "bỏ qua" says there is none. */
export const COORDINATION_FILE: ConversationDef<Asked> = {
  kind: "coordinationFile",
  schema: Asked,
  roles: EVERYONE,
  minutes: 10,
  textFirst: true,
  text: async (ctx, asked, text) => {
    await ctx.forget();
    if (!isSkip(text.trim())) return false;
    ctx.reply(ctx.t("coordination.fileSkipped", { ref: asked.ref }));
    return true;
  },
  file: (ctx, asked, attachment) => keepFile(ctx, asked, attachment),
};

async function record(ctx: MemberCtx, part: CoordinationItem): Promise<void> {
  const { t, deps, member } = ctx;
  const r = await reportCoordination(deps.db, {
    occurrenceId: part.occurrenceId,
    departmentId: part.departmentId,
    staffId: member.staffId,
    channel: ctx.msg.channel,
    now: ctx.now,
  });
  if (!r.created) {
    ctx.reply(t("coordination.already", { ref: part.ref, date: displayDate(dayOf(r.at, deps.settings.tz)) }));
    return;
  }
  const lead = (await leadPeople(deps.db, part.occurrenceId)).filter((id) => id !== member.staffId);
  await ctx.notify(lead, (tt) => ({
    kind: "text",
    text: tt("coordination.told", {
      department: part.departmentName,
      ref: part.ref,
      content: short(part.content, 80),
      name: member.name,
    }),
  }));
  const names = [...(await staffNames(deps.db, lead)).values()];
  await ctx.ask(COORDINATION_FILE, { reportId: r.id, ref: part.ref });
  ctx.reply(
    [
      t("coordination.done", { department: part.departmentName, ref: part.ref }),
      names.length ? t("coordination.toldLead", { names: names.join(", ") }) : t("coordination.toldNobody"),
      t("coordination.askFile"),
    ].join("\n"),
  );
}

/** A file that cannot be kept leaves the question open: the person sends another, or "bỏ qua". */
async function keepFile(ctx: MemberCtx, asked: Asked, attachment: Attachment): Promise<boolean> {
  const { t, deps } = ctx;
  const file = await evidenceUpload(ctx, attachment, `phoi-hop-${asked.ref}`, `anh-${asked.ref}.jpg`, {
    wrongType: "coordination.wrongType",
    tooBig: "coordination.tooBig",
    failed: "coordination.downloadFailed",
  });
  if (!file) return true;
  await ctx.forget();
  await attachCoordinationFile(deps.db, {
    reportId: asked.reportId,
    fileName: file.name,
    mime: file.mime,
    data: file.data,
    now: ctx.now,
  });
  ctx.reply(t("coordination.fileKept", { ref: asked.ref, file: file.name }));
  return true;
}

/** The lead's view of its coordinators: who has reported, when, with what. */
export async function coordinationLines(ctx: MemberCtx, occurrenceId: number): Promise<string[]> {
  const states = await coordinationOf(ctx.deps.db, occurrenceId);
  if (states.length === 0) return [];
  return [ctx.t("coordination.stateTitle"), ...states.map((s) => stateLine(ctx, s))];
}

function stateLine(ctx: MemberCtx, s: CoordinationState): string {
  if (!s.reportedAt) return ctx.t("coordination.stateOpen", { department: s.departmentName });
  return ctx.t("coordination.stateDone", {
    department: s.departmentName,
    date: displayDate(dayOf(s.reportedAt, ctx.deps.settings.tz)),
    name: s.by ?? "",
    file: s.fileName ? ` 📎 ${s.fileName}` : "",
  });
}
