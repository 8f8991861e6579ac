/**
 * Evidence ("minh chứng") for work done. After a "xong" the bot asks for it;
 * the next message counts only if it is a file, a document reference or
 * "bỏ qua", anything else is handled as usual and the question lapses.
 * `/minhchung <mã>` adds more later. "hoàn tác" takes a "xong" back the same
 * day; `/tralai <mã> <lý do>` lets a head or an admin send the work back.
 */
import type { Attachment } from "../../../messages/types.ts";
import {
  expectedEvidence,
  isEvidenceFile,
  isSkip,
  MAX_EVIDENCE_BYTES,
  mimeOf,
  readReference,
} from "../../../domain/evidence.ts";
import { tasksNamed } from "../../../domain/status.ts";
import { tasksByCode } from "../../../store/deadlines/deadlines.ts";
import { oneTask } from "../work/code-pick.ts";
import { at } from "../../../domain/workdays.ts";
import {
  addEvidenceFile,
  addEvidenceReference,
  evidenceFile,
  latestDoneToday,
  skipEvidence,
} from "../../../store/evidence/evidence.ts";
import { taskHistory } from "../../../store/reports/report.ts";
import { assignmentView, heldTasks } from "../../../store/work/open-work.ts";
import { changeStatus } from "../../../store/work/status.ts";
import { z } from "zod";
import { EVERYONE } from "../../../domain/roles.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { displayDate, short } from "../../../ui/format.ts";

/** How long "gửi minh chứng" waits for its answer. */
const EVIDENCE_MINUTES = 10;

const Asked = z.object({ assignmentId: z.number().int(), ref: z.string() });
type Asked = z.infer<typeof Asked>;

/** "Gửi minh chứng" after a "xong": a file, a document reference or "bỏ qua" answers it. */
export const EVIDENCE: ConversationDef<Asked> = {
  kind: "evidence",
  schema: Asked,
  roles: EVERYONE,
  minutes: EVIDENCE_MINUTES,
  textFirst: true,
  text: (ctx, asked, text) => evidenceAnswer(ctx, asked, text, undefined),
  file: (ctx, asked, attachment) => evidenceAnswer(ctx, asked, undefined, attachment),
};

/** The question after a "xong": what to send, said with the plan's own product ("Kế hoạch"). */
export async function askEvidence(
  ctx: MemberCtx,
  assignmentId: number,
  ref: string,
  product: string | null,
): Promise<string> {
  await ctx.ask(EVIDENCE, { assignmentId, ref });
  const expected = expectedEvidence(product);
  return expected ? ctx.t("evidence.askFor", { ref, product: expected }) : ctx.t("evidence.ask", { ref });
}

/**
 * The answer to "gửi minh chứng": true when the message was evidence (or
 * "bỏ qua") and is dealt with; false when it is something else, which the
 * caller then handles as any message (the question has lapsed).
 */
async function evidenceAnswer(
  ctx: MemberCtx,
  asked: Asked,
  text: string | undefined,
  attachment: Attachment | undefined,
): Promise<boolean> {
  if (attachment) {
    await ctx.forget();
    await keepFile(ctx, asked, attachment);
    return true;
  }
  const typed = text?.trim() ?? "";
  if (isSkip(typed)) {
    await ctx.forget();
    await skipEvidence(ctx.deps.db, {
      assignmentId: asked.assignmentId,
      staffId: ctx.member.staffId,
      channel: ctx.msg.channel,
      now: ctx.now,
    });
    ctx.reply(ctx.t("evidence.skipped", { ref: asked.ref }));
    return true;
  }
  const ref = readReference(typed);
  if (ref) {
    await ctx.forget();
    await addEvidenceReference(ctx.deps.db, {
      assignmentId: asked.assignmentId,
      staffId: ctx.member.staffId,
      channel: ctx.msg.channel,
      now: ctx.now,
      reference: short(typed, 300),
      docNumber: ref.number,
      docDate: ref.date,
    });
    ctx.reply(ctx.t("evidence.referenceKept", { ref: asked.ref, number: ref.number, date: displayDate(ref.date) }));
    return true;
  }
  await ctx.forget();
  return false;
}

async function keepFile(ctx: MemberCtx, asked: Asked, attachment: Attachment): Promise<void> {
  const { t, deps } = ctx;
  const file = await evidenceUpload(ctx, attachment, `minh-chung-${asked.ref}`, `anh-${asked.ref}.jpg`, {
    wrongType: "evidence.wrongType",
    tooBig: "evidence.tooBig",
    failed: "evidence.downloadFailed",
  });
  if (!file) return;
  const kept = await addEvidenceFile(deps.db, {
    assignmentId: asked.assignmentId,
    staffId: ctx.member.staffId,
    channel: ctx.msg.channel,
    now: ctx.now,
    fileName: file.name,
    mime: file.mime,
    data: file.data,
  });
  ctx.reply(t(kept.stored ? "evidence.fileKept" : "evidence.fileKnown", { ref: asked.ref, file: file.name }));
}

/**
 * A file sent as evidence, named (`document` or `photo` when it came without
 * a name), of a type evidence takes and fetched within 20 MB; null, with the
 * reason said in the given keys' words, otherwise.
 */
export async function evidenceUpload(
  ctx: MemberCtx,
  attachment: Attachment,
  document: string,
  photo: string,
  keys: { wrongType: string; tooBig: string; failed: string },
): Promise<{ name: string; data: Buffer; mime: string } | null> {
  const name = attachment.fileName ?? (attachment.kind === "photo" ? photo : document);
  if (!isEvidenceFile(name, attachment.kind)) {
    ctx.reply(ctx.t(keys.wrongType, { file: name }));
    return null;
  }
  const data = await fetchAttachment(ctx, attachment, name, keys);
  return data ? { name, data, mime: mimeOf(name) } : null;
}

/**
 * A file someone sent, fetched from their platform within 20 MB (before the
 * download when the platform says its size); null, with the reason said in
 * the given keys' words, when it is too big or cannot be fetched.
 */
export async function fetchAttachment(
  ctx: MemberCtx,
  attachment: Attachment,
  name: string,
  keys: { tooBig: string; failed: string; channel?: string | undefined },
): Promise<Buffer | null> {
  const { t, deps } = ctx;
  const tooBig = (bytes: number) => bytes > MAX_EVIDENCE_BYTES;
  if (attachment.size !== undefined && tooBig(attachment.size)) {
    ctx.reply(t(keys.tooBig, { file: name, size: megabytes(attachment.size), max: megabytes(MAX_EVIDENCE_BYTES) }));
    return null;
  }
  let data: Buffer;
  try {
    if (!deps.download) throw new Error("this channel cannot download files");
    // A file sent earlier (a notice's, on confirming) is fetched from the platform it came through.
    data = await deps.download(
      (keys.channel as typeof ctx.msg.channel | undefined) ?? ctx.msg.channel,
      attachment.fileId,
    );
  } catch (e) {
    deps.logger.warn({ err: e, file: name }, "file download failed");
    ctx.reply(t(keys.failed, { file: name }));
    return null;
  }
  if (tooBig(data.length)) {
    ctx.reply(t(keys.tooBig, { file: name, size: megabytes(data.length), max: megabytes(MAX_EVIDENCE_BYTES) }));
    return null;
  }
  return data;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1).replace(".", ",")} MB`;

/** Of a task's shares, the one finished last: what "more evidence" and "send back" are about. */
function lastDone<T extends { status: string; doneAt: Date | null }>(shares: readonly T[]): T | undefined {
  return shares
    .filter((a) => a.status === "DONE")
    .sort((a, b) => (b.doneAt?.getTime() ?? 0) - (a.doneAt?.getTime() ?? 0))[0];
}

/** `/minhchung <mã>`: more evidence for one of my tasks, done or not. */
export async function evidenceCommand(ctx: MemberCtx, args: string): Promise<void> {
  const code = args.trim();
  if (!code) {
    ctx.reply(ctx.t("evidence.usage"));
    return;
  }
  const task = await oneTask(
    ctx,
    tasksNamed(await heldTasks(ctx.deps.db, ctx.member.staffId), code, Number(ctx.today.slice(0, 4))),
    code,
    { command: "minhchung", rest: "" },
  );
  if (!task) return;
  const h = await taskHistory(ctx.deps.db, { taskId: task.taskId });
  const mine = "ref" in h ? h.assignments.filter((a) => a.staffId === ctx.member.staffId) : [];
  // The occurrence finished last, else the earliest still open.
  const pick = lastDone(mine) ?? mine[0];
  if (!pick || !("ref" in h)) {
    ctx.reply(ctx.t("status.noSuchCode", { code }));
    return;
  }
  const v = await assignmentView(ctx.deps.db, pick.assignmentId);
  ctx.reply(await askEvidence(ctx, pick.assignmentId, h.ref, v?.product ?? null));
}

/** "hoàn tác": the person's own latest "xong" of today goes back to what it was. */
export async function undoDone(ctx: MemberCtx): Promise<void> {
  const since = at(ctx.today, "00:00", ctx.deps.settings.tz);
  const last = await latestDoneToday(ctx.deps.db, { staffId: ctx.member.staffId, since });
  const v = last && (await assignmentView(ctx.deps.db, last.assignmentId));
  if (!last || !v) {
    ctx.reply(ctx.t("evidence.nothingToUndo"));
    return;
  }
  const ok = await changeStatus(ctx.deps.db, {
    assignmentId: last.assignmentId,
    staffId: ctx.member.staffId,
    from: "DONE",
    to: last.from,
    channel: ctx.msg.channel,
    text: ctx.msg.text ?? "hoàn tác",
    now: ctx.now,
  });
  ctx.reply(
    ok ? ctx.t("evidence.undone", { ref: v.ref, status: ctx.t(`status.name.${last.from}`) }) : ctx.t("status.conflict"),
  );
}

/** `/tralai <mã> <lý do>`: a head (own department) or an admin reopens work marked done, with the reason. */
export async function sendBackCommand(ctx: MemberCtx, args: string): Promise<void> {
  const m = /^(\S+)\s+([\s\S]+)$/.exec(args.trim());
  if (!m) {
    ctx.reply(ctx.t("evidence.sendBackUsage"));
    return;
  }
  const [, code, reason] = m as unknown as [string, string, string];
  const task = await oneTask(
    ctx,
    await tasksByCode(ctx.deps.db, ctx.unit, code, Number(ctx.today.slice(0, 4))),
    code,
    { command: "tralai", rest: reason },
    ctx.t("history.noSuchTask", { code }),
  );
  if (!task) return;
  const h = await taskHistory(ctx.deps.db, { taskId: task.taskId });
  if (!("ref" in h)) return;
  const inScope = h.assignments.filter(
    (a) => ctx.member.role !== "DEPT_HEAD" || a.departmentId === ctx.member.departmentId,
  );
  const done = lastDone(inScope);
  if (!done) {
    ctx.reply(ctx.t(inScope.length ? "evidence.notDone" : "history.otherDepartment", { code: h.ref }));
    return;
  }
  const ok = await changeStatus(ctx.deps.db, {
    assignmentId: done.assignmentId,
    staffId: ctx.member.staffId,
    from: "DONE",
    to: "IN_PROGRESS",
    channel: ctx.msg.channel,
    text: `${ctx.t("evidence.sentBackBy")}: ${short(reason, 500)}`,
    now: ctx.now,
  });
  if (!ok) {
    ctx.reply(ctx.t("status.conflict"));
    return;
  }
  ctx.reply(ctx.t("evidence.sentBack", { ref: h.ref, name: done.staffName }));
  await ctx.notify([done.staffId], (tt) => ({
    kind: "text",
    text: tt("evidence.sentBackNotice", {
      by: ctx.member.name,
      ref: h.ref,
      content: short(h.content, 80),
      reason: short(reason, 500),
    }),
  }));
}

/** A manager asks for an evidence file: it comes back as a document (a head: their department's only). */
export async function evidenceFileButton(ctx: MemberCtx, evidenceId: number): Promise<void> {
  const f = await evidenceFile(ctx.deps.db, evidenceId);
  const v = f && (await assignmentView(ctx.deps.db, f.assignmentId));
  // Another unit's evidence (a forged button) is not found here, nor another department's for a head.
  if (
    !f ||
    !v ||
    !v.unitNames.includes(ctx.unit) ||
    (ctx.member.role === "DEPT_HEAD" && v.staffDepartmentId !== ctx.member.departmentId)
  ) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  ctx.reply({
    kind: "document",
    fileName: f.fileName,
    data: f.data,
    caption: ctx.t("evidence.fileCaption", { ref: v.ref, name: v.staffName }),
  });
}
