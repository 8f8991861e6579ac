/** A file sent in chat waits here between its summary and the admin's "Nhập" or "Huỷ". */
import type { Db } from "../db/db.ts";

export interface PendingImport {
  kind: string;
  fileName: string;
  data: Uint8Array;
  year: number;
}

export async function keepPendingImport(
  db: Db,
  input: PendingImport & { staffId: number; now: Date; expiresAt: Date },
): Promise<number> {
  const row = await db.pendingImport.create({
    data: {
      staffId: input.staffId,
      kind: input.kind,
      fileName: input.fileName,
      data: new Uint8Array(input.data),
      year: input.year,
      createdAt: input.now,
      expiresAt: input.expiresAt,
    },
    select: { id: true },
  });
  return row.id;
}

/** The file, taken out for good; null when it is not this person's, has lapsed or was answered already. */
export async function takePendingImport(db: Db, id: number, staffId: number, now: Date): Promise<PendingImport | null> {
  const row = await db.pendingImport.findUnique({ where: { id } });
  if (!row || row.staffId !== staffId || row.expiresAt < now) return null;
  // A second press of the same button finds nothing: deleteMany counts what it took.
  const taken = await db.pendingImport.deleteMany({ where: { id } });
  return taken.count ? { kind: row.kind, fileName: row.fileName, data: row.data, year: row.year } : null;
}
