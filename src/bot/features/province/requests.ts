/**
 * /yeucaubaocao: a Sở asks its units for an ad-hoc report ("báo cáo đột
 * xuất") by a date. Each unit's admin holds it as a task of their unit, is
 * reminded of it like any task, and answers "xong BC-1" with the report file
 * as evidence; /yeucaubaocao BC-1 lists each unit's answer, its files one tap away.
 */
import { fold } from "../../../domain/text.ts";
import { localTime } from "../../../domain/workdays.ts";
import { evidenceOf } from "../../../store/evidence/evidence.ts";
import { reportRequests, requestReports, type ReportRequest } from "../../../store/province/requests.ts";
import { unitWithBelow } from "../../../store/province/units.ts";
import { CB } from "../../../ui/callbacks.ts";
import { displayDate, short } from "../../../ui/format.ts";
import type { MemberCtx } from "../../context.ts";
import { textThenDeadline } from "../deadlines/typed-date.ts";

const REF = /^bc-?\d+$/i;

export async function requestCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { t, deps } = ctx;
  const tree = await unitWithBelow(deps.db, ctx.unit);
  if (!tree || tree.below.length === 0) {
    ctx.reply(t("sendUp.noUnits"));
    return;
  }
  const text = args.trim();
  if (!text) return requestList(ctx);
  if (REF.test(text)) return requestAnswers(ctx, text.toUpperCase().replace(/^BC-?/, "BC-"));
  const parts = await textThenDeadline(ctx, text);
  if (parts && !parts.ok) {
    ctx.reply(parts.message);
    return;
  }
  if (!parts || fold(parts.what).length < 5) {
    ctx.reply(t("request.usage"));
    return;
  }
  const r = await requestReports(deps.db, {
    unitName: ctx.unit,
    requesterId: ctx.member.staffId,
    content: parts.what,
    dueDate: parts.date,
    defaultPlanTitle: t("plan.defaultTitle", { year: Number(parts.date.slice(0, 4)) }),
    areaTitle: t("request.areaTitle"),
    now: ctx.now,
  });
  const words = { ref: r.ref, what: parts.what, due: displayDate(parts.date), count: r.units + r.noAdmin.length };
  ctx.reply(
    [
      t(r.units ? "request.sent" : "request.noAdmins", words),
      ...(r.noAdmin.length && r.units ? [t("request.noAdminUnits", { units: r.noAdmin.join(", ") })] : []),
    ].join("\n"),
  );
}

async function requestList(ctx: MemberCtx): Promise<void> {
  const { t } = ctx;
  const list = await reportRequests(ctx.deps.db, ctx.unit);
  if (list.length === 0) {
    ctx.reply(t("request.usage"));
    return;
  }
  ctx.reply({
    kind: "text",
    text: [
      t("request.listTitle"),
      ...list.map((r) =>
        t("request.listLine", {
          ref: r.ref,
          what: short(r.content, 60),
          due: displayDate(r.dueDate),
          done: r.answers.filter((a) => a.status === "DONE").length,
          units: r.answers.length + r.unanswerable.length,
        }),
      ),
      "",
      t("request.listHint"),
    ].join("\n"),
  });
}

/** Each unit's answer to one request: done (when, with its files), open, or late. */
async function requestAnswers(ctx: MemberCtx, ref: string): Promise<void> {
  const { t, deps } = ctx;
  const [request] = await reportRequests(deps.db, ctx.unit, ref);
  if (!request) {
    ctx.reply(t("status.noSuchCode", { code: ref }));
    return;
  }
  const files = await evidenceOf(
    deps.db,
    request.answers.map((a) => a.assignmentId),
  );
  const lines = request.answers.map((a) => answerLine(ctx, request, a, files));
  const buttons = files
    .filter((f) => f.fileId !== null)
    .slice(0, 20)
    .map((f) => {
      const unit = request.answers.find((a) => a.assignmentId === f.assignmentId)?.unitName ?? "";
      return [{ label: `📎 ${short(unit, 20)} · ${short(f.fileName ?? "", 20)}`, data: CB.evidenceFile.build(f.id) }];
    });
  ctx.reply({
    kind: "text",
    text: [
      t("request.answersTitle", {
        ref,
        what: request.content,
        due: displayDate(request.dueDate),
        done: request.answers.filter((a) => a.status === "DONE").length,
        units: request.answers.length + request.unanswerable.length,
      }),
      "",
      ...lines,
      ...request.unanswerable.map((unit) => t("request.noAdmin", { unit })),
    ].join("\n"),
    ...(buttons.length ? { buttons } : {}),
  });
}

function answerLine(
  ctx: MemberCtx,
  r: ReportRequest,
  a: ReportRequest["answers"][number],
  files: Awaited<ReturnType<typeof evidenceOf>>,
): string {
  const { t } = ctx;
  const mine = files.filter((f) => f.assignmentId === a.assignmentId && f.fileName).map((f) => f.fileName!);
  if (a.status === "DONE" && a.doneAt) {
    const day = localTime(a.doneAt, ctx.deps.settings.tz).day;
    return t(day > r.dueDate ? "request.doneLate" : "request.done", {
      unit: a.unitName,
      date: displayDate(day),
      name: a.staffName,
      files: mine.length ? mine.join(", ") : t("request.noFile"),
    });
  }
  return t(ctx.today > r.dueDate ? "request.overdue" : "request.open", {
    unit: a.unitName,
    due: displayDate(r.dueDate),
  });
}
