/**
 * Evidence of work done: files kept once per content (by SHA-256) in the
 * database, so backups and restores carry them; references and "bỏ qua" as
 * rows of their own. Append-only, like the status history.
 */
import { createHash } from "node:crypto";
import type { Db, Tx } from "../db/db.ts";

export interface EvidenceItem {
  id: number;
  assignmentId: number;
  staffId: number;
  staffName: string;
  /** The kept file, when the evidence is one. */
  fileId: number | null;
  fileName: string | null;
  size: number | null;
  mime: string | null;
  reference: string | null;
  docNumber: string | null;
  docDate: string | null;
  skipped: boolean;
  createdAt: Date;
}

interface Given {
  assignmentId: number;
  staffId: number;
  channel: string;
  now: Date;
}

/** Keeps bytes once, by their SHA-256, in the database (so backups carry them); `stored` is false when they were already there. */
export async function keepBytes(
  tx: Tx,
  input: { mime: string; data: Buffer; now: Date },
): Promise<{ id: number; stored: boolean }> {
  const sha256 = createHash("sha256").update(input.data).digest("hex");
  const existing = await tx.evidenceFile.findUnique({ where: { sha256 }, select: { id: true } });
  if (existing) return { id: existing.id, stored: false };
  const file = await tx.evidenceFile.create({
    data: { sha256, size: input.data.length, mime: input.mime, data: new Uint8Array(input.data), createdAt: input.now },
    select: { id: true },
  });
  return { id: file.id, stored: true };
}

/** Keeps a file as evidence; `stored` is false when the same bytes were already kept (for any task). */
export async function addEvidenceFile(
  db: Db,
  input: Given & { fileName: string; mime: string; data: Buffer },
): Promise<{ id: number; stored: boolean }> {
  return db.$transaction(async (tx) => {
    const file = await keepBytes(tx, input);
    const row = await tx.evidence.create({
      data: {
        assignmentId: input.assignmentId,
        staffId: input.staffId,
        fileId: file.id,
        fileName: input.fileName,
        channel: input.channel,
        createdAt: input.now,
      },
      select: { id: true },
    });
    return { id: row.id, stored: file.stored };
  });
}

export async function addEvidenceReference(
  db: Db,
  input: Given & { reference: string; docNumber: string; docDate: string },
): Promise<number> {
  const row = await db.evidence.create({
    data: {
      assignmentId: input.assignmentId,
      staffId: input.staffId,
      reference: input.reference,
      docNumber: input.docNumber,
      docDate: input.docDate,
      channel: input.channel,
      createdAt: input.now,
    },
    select: { id: true },
  });
  return row.id;
}

/** "bỏ qua": recorded, so the report can say the task was done without evidence on purpose. */
export async function skipEvidence(db: Db, input: Given): Promise<void> {
  await db.evidence.create({
    data: {
      assignmentId: input.assignmentId,
      staffId: input.staffId,
      skipped: true,
      channel: input.channel,
      createdAt: input.now,
    },
  });
}

/** The evidence given for these assignments, oldest first. */
export async function evidenceOf(db: Db, assignmentIds: readonly number[]): Promise<EvidenceItem[]> {
  // A year's report names tens of thousands of assignments: asked in slices under the bound-parameter limit.
  const out: EvidenceItem[] = [];
  for (let i = 0; i < assignmentIds.length; i += 500)
    out.push(...(await evidenceSlice(db, assignmentIds.slice(i, i + 500))));
  return out.sort((a, b) => a.id - b.id);
}

/**
 * The evidence of the work as it stands: what came before the share last left
 * "done" (sent back with /tralai, or undone) belonged to work that was not
 * accepted, and the report does not show it beside the work done since.
 */
export async function currentEvidenceOf(db: Db, assignmentIds: readonly number[]): Promise<EvidenceItem[]> {
  const items = await evidenceOf(db, assignmentIds);
  if (items.length === 0) return items;
  const reopened = new Map<number, Date>();
  const ids = [...new Set(items.map((e) => e.assignmentId))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.statusUpdate.groupBy({
      by: ["assignmentId"],
      where: { assignmentId: { in: ids.slice(i, i + 500) }, fromStatus: "DONE" },
      _max: { at: true },
    });
    for (const r of rows) if (r._max.at) reopened.set(r.assignmentId, r._max.at);
  }
  return items.filter((e) => !(e.createdAt <= (reopened.get(e.assignmentId) ?? new Date(0))));
}

async function evidenceSlice(db: Db, assignmentIds: readonly number[]): Promise<EvidenceItem[]> {
  const rows = await db.evidence.findMany({
    where: { assignmentId: { in: [...assignmentIds] } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      assignmentId: true,
      staffId: true,
      fileId: true,
      fileName: true,
      reference: true,
      docNumber: true,
      docDate: true,
      skipped: true,
      createdAt: true,
      file: { select: { size: true, mime: true } },
      assignment: { select: { staff: { select: { name: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    assignmentId: r.assignmentId,
    staffId: r.staffId,
    staffName: r.assignment.staff.name,
    fileId: r.fileId,
    fileName: r.fileName,
    size: r.file?.size ?? null,
    mime: r.file?.mime ?? null,
    reference: r.reference,
    docNumber: r.docNumber,
    docDate: r.docDate,
    skipped: r.skipped,
    createdAt: r.createdAt,
  }));
}

/** One evidence file's bytes, with the task it proves (for the department check). */
export async function evidenceFile(
  db: Db,
  evidenceId: number,
): Promise<{ fileName: string; mime: string; data: Buffer; assignmentId: number } | null> {
  const r = await db.evidence.findUnique({
    where: { id: evidenceId },
    select: { fileName: true, assignmentId: true, file: { select: { mime: true, data: true } } },
  });
  if (!r?.file) return null;
  return {
    fileName: r.fileName ?? `minh-chung-${evidenceId}`,
    mime: r.file.mime,
    data: Buffer.from(r.file.data),
    assignmentId: r.assignmentId,
  };
}

/** The latest "xong" this person gave today that still stands: what "hoàn tác" takes back. */
export async function latestDoneToday(
  db: Db,
  input: { staffId: number; since: Date },
): Promise<{ assignmentId: number; from: "NOT_STARTED" | "IN_PROGRESS" | "BLOCKED" } | null> {
  const u = await db.statusUpdate.findFirst({
    where: { staffId: input.staffId, toStatus: "DONE", at: { gte: input.since }, assignment: { status: "DONE" } },
    orderBy: { id: "desc" },
    select: { assignmentId: true, fromStatus: true },
  });
  return u && u.fromStatus !== "DONE" ? { assignmentId: u.assignmentId, from: u.fromStatus } : null;
}

/** A kept file's bytes, read when they are needed (a zip streams them one by one). */
export async function evidenceBytes(db: Db, fileId: number): Promise<Buffer> {
  const f = await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId }, select: { data: true } });
  return Buffer.from(f.data);
}
