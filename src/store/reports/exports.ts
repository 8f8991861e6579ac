/**
 * Who took which report out of the bot: the files exported in chat
 * (ReportExport) and the reports sent up the tree (UnitReport), one log per
 * unit, newest first.
 */
import type { ReportKind } from "../../domain/report-period.ts";
import type { Db } from "../db/db.ts";
import { staffNames } from "../people/staff.ts";
import { findUnitId } from "../province/units.ts";

export type ExportFormat = "xlsx" | "docx" | "zip";

export async function recordExport(
  db: Db,
  input: {
    unitName: string;
    staffId: number;
    kind: ReportKind;
    year: number;
    format: ExportFormat;
    fileName: string;
    at: Date;
  },
): Promise<void> {
  const unitId = await findUnitId(db, input.unitName);
  if (unitId === null) return;
  await db.reportExport.create({
    data: {
      unitId,
      staffId: input.staffId,
      kind: input.kind,
      year: input.year,
      format: input.format,
      fileName: input.fileName,
      at: input.at,
    },
  });
}

export interface LogEntry {
  at: Date;
  /** "export" for a file taken in chat, "sentUp" for a report sent to the unit above. */
  what: "export" | "sentUp";
  by: string | null;
  fileName: string;
}

/** The unit's last `limit` exports and reports sent up, newest first. */
export async function reportLog(db: Db, unitName: string, limit = 15): Promise<LogEntry[]> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const [exports, sent] = await Promise.all([
    db.reportExport.findMany({
      where: { unitId },
      orderBy: { at: "desc" },
      take: limit,
      select: { at: true, fileName: true, staff: { select: { name: true } } },
    }),
    db.unitReport.findMany({
      where: { unitId },
      orderBy: { sentAt: "desc" },
      take: limit,
      select: { sentAt: true, fileName: true, sentById: true },
    }),
  ]);
  const senders = await staffNames(
    db,
    sent.map((s) => s.sentById),
  );
  return [
    ...exports.map((e): LogEntry => ({ at: e.at, what: "export", by: e.staff.name, fileName: e.fileName })),
    ...sent.map((s): LogEntry => ({
      at: s.sentAt,
      what: "sentUp",
      by: s.sentById ? (senders.get(s.sentById) ?? null) : null,
      fileName: s.fileName,
    })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit);
}
