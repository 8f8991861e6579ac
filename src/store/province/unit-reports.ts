/**
 * Reports and plans going up the tree: a unit's admin sends the period's
 * report (the generated draft or the signed file), or next year's plan, to
 * the unit above through the bot;
 * each sending is kept with its file, so the Sở sees who sent, when, and
 * opens what came.
 */
import type { UpKind } from "../../domain/report-period.ts";
import type { Db } from "../db/db.ts";
import { keepBytes } from "../evidence/evidence.ts";
import { queueMessages } from "../delivery/outbox.ts";
import { staffNames } from "../people/staff.ts";

export type ReportSource = "draft" | "signed";

export interface UnitAbove {
  id: number;
  name: string;
  /** The unit above's admins, with their language: the report goes to them. */
  admins: { staffId: number; locale: string | null }[];
}

/** The unit above this one, with its admins; null for a unit at the top (or alone). */
export async function unitAbove(db: Db, unitName: string): Promise<UnitAbove | null> {
  const unit = await db.unit.findUnique({
    where: { name: unitName },
    select: {
      parent: {
        select: {
          id: true,
          name: true,
          staff: { where: { role: "ADMIN", active: true }, select: { id: true, locale: true } },
        },
      },
    },
  });
  const p = unit?.parent;
  return p ? { id: p.id, name: p.name, admins: p.staff.map((s) => ({ staffId: s.id, locale: s.locale })) } : null;
}

/**
 * Records a report sent up and queues it to each admin above in the same
 * transaction: a report recorded as sent is one that is on its way. Null,
 * with nothing written, for a unit with nothing above it.
 */
export async function sendReportUp(
  db: Db,
  input: {
    unitName: string;
    kind: UpKind;
    year: number;
    fileName: string;
    mime: string;
    data: Buffer;
    source: ReportSource;
    sentById: number;
    now: Date;
    caption: (locale: string | null) => string;
  },
): Promise<{ id: number; queued: number; parent: string } | null> {
  const above = await unitAbove(db, input.unitName);
  if (!above) return null;
  const unit = await db.unit.findUniqueOrThrow({ where: { name: input.unitName }, select: { id: true } });
  return db.$transaction(async (tx) => {
    const file = await keepBytes(tx, { mime: input.mime, data: input.data, now: input.now });
    const report = await tx.unitReport.create({
      data: {
        unitId: unit.id,
        year: input.year,
        kind: input.kind,
        fileName: input.fileName,
        fileId: file.id,
        source: input.source,
        sentById: input.sentById,
        sentAt: input.now,
      },
      select: { id: true },
    });
    const queued = await queueMessages(tx, {
      kind: "unitReport",
      messages: above.admins.map((a) => ({
        staffId: a.staffId,
        payload: { unitReportId: report.id, caption: input.caption(a.locale) },
      })),
      now: input.now,
    });
    return { id: report.id, queued, parent: above.name };
  });
}

export interface SentReport {
  id: number;
  unitId: number;
  fileName: string;
  source: ReportSource;
  sentAt: Date;
  sentBy: string | null;
}

/** Each unit's latest report for the period, by unit id. */
export async function sentReports(
  db: Db,
  q: { unitIds: readonly number[]; kind: UpKind; year: number },
): Promise<Map<number, SentReport>> {
  const rows = await db.unitReport.findMany({
    where: { unitId: { in: [...q.unitIds] }, kind: q.kind, year: q.year },
    orderBy: { id: "asc" },
    select: { id: true, unitId: true, fileName: true, source: true, sentAt: true, sentById: true },
  });
  const names = await staffNames(
    db,
    rows.map((r) => r.sentById),
  );
  return new Map(
    rows.map((r) => [
      r.unitId,
      { ...r, source: r.source as ReportSource, sentBy: r.sentById ? (names.get(r.sentById) ?? null) : null },
    ]),
  );
}

/** A sent report's file, with the unit it came from. */
export async function sentReportFile(
  db: Db,
  id: number,
): Promise<{ unitId: number; fileName: string; data: Buffer } | null> {
  const r = await db.unitReport.findUnique({
    where: { id },
    select: { unitId: true, fileName: true, file: { select: { data: true } } },
  });
  return r ? { unitId: r.unitId, fileName: r.fileName, data: Buffer.from(r.file.data) } : null;
}

/** Whether the unit has sent this report or plan up already. */
export async function hasSentUp(db: Db, q: { unitName: string; kind: UpKind; year: number }): Promise<boolean> {
  return (await db.unitReport.count({ where: { unit: { name: q.unitName }, kind: q.kind, year: q.year } })) > 0;
}
