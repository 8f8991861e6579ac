/** /xuatminhchung [kỳ]: a leader or the admin gets the period's evidence as one .zip, with its index, recorded with who took it. */
import { PassThrough } from "node:stream";
import { evidenceZipName, writeEvidenceZip } from "../../../reports/evidence-zip.ts";
import { reportFileName } from "../../../reports/export.ts";
import { recordExport } from "../../../store/reports/exports.ts";
import type { MemberCtx } from "../../context.ts";
import { periodWords, windowFrom } from "../reports/report-view.ts";

/** Telegram takes documents up to 50 MB from a bot; a larger zip is made with `cchc evidence export`. */
const MAX_CHAT_ZIP_BYTES = 50 * 1024 * 1024;

export async function evidenceExportCommand(ctx: MemberCtx, args: string): Promise<void> {
  const { deps, t } = ctx;
  const window = await windowFrom(ctx, args);
  if (!window) {
    ctx.reply(t("evidence.exportUsage"));
    return;
  }
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  let size = 0;
  sink.on("data", (c: Buffer) => {
    size += c.length;
    if (size <= MAX_CHAT_ZIP_BYTES) chunks.push(c);
  });
  const r = await writeEvidenceZip(
    deps.db,
    t,
    { unitName: ctx.unit, window, today: ctx.today, tz: deps.settings.tz },
    sink,
  );
  const period = periodWords(t, window);
  if (size > MAX_CHAT_ZIP_BYTES) {
    ctx.reply(t("evidence.zipTooBig", { size: Math.round(size / 1_048_576), period }));
    return;
  }
  const fileName = evidenceZipName(reportFileName(t, window, "xlsx"));
  await recordExport(deps.db, {
    unitName: ctx.unit,
    staffId: ctx.member.staffId,
    kind: window.kind,
    year: window.year,
    format: "zip",
    fileName,
    at: ctx.now,
  });
  ctx.reply({
    kind: "document",
    fileName,
    data: Buffer.concat(chunks),
    caption: t("evidence.zipCaption", { period, files: r.files, references: r.references, missing: r.missing }),
  });
}
