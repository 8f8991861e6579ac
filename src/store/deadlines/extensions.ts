/**
 * Requests for more time ("xin gia hạn"): one pending request per ask, decided
 * once by one of its deciders; an accepted one moves the date as /gianhan does.
 */
import { sharedByAll } from "../../domain/departments.ts";
import type { Db } from "../db/db.ts";
import { moveOccurrence } from "./deadlines.ts";

export async function askExtension(
  db: Db,
  input: { assignmentId: number; requestedById: number; dueDate: string; reason: string; now: Date },
): Promise<number> {
  const { now, ...fields } = input;
  const r = await db.extensionRequest.create({ data: { ...fields, createdAt: now }, select: { id: true } });
  return r.id;
}

/**
 * Decides a pending request (once): accepted, the occurrence moves as
 * /gianhan moves it (the plan's own date kept, the move recorded with the
 * request's reason). Null when it was already decided or is unknown; "clash",
 * with nothing written, when the task already falls due that day.
 */
export async function decideExtension(
  db: Db,
  input: { id: number; accept: boolean; byId: number; now: Date },
): Promise<{ assignmentId: number; requestedById: number; dueDate: string } | "clash" | null> {
  const decided = db.$transaction(async (tx) => {
    const r = await tx.extensionRequest.findUnique({
      where: { id: input.id },
      select: { assignmentId: true, requestedById: true, dueDate: true, reason: true, status: true },
    });
    if (!r || r.status !== "PENDING") return null;
    const share = await tx.assignment.findUniqueOrThrow({
      where: { id: r.assignmentId },
      select: {
        occurrenceId: true,
        staff: { select: { departmentId: true } },
        occurrence: { select: { task: { select: { leadText: true } } } },
      },
    });
    // On a task every department leads, the asker's department gets its own date; the others keep theirs.
    const own = sharedByAll(share.occurrence.task.leadText) ? share.staff.departmentId : null;
    // A day's occurrence (given work, "14/01/2026") is named by its day; a quarter's keeps its name.
    if (
      input.accept &&
      (await moveOccurrence(tx, {
        occurrenceId: share.occurrenceId,
        toDate: r.dueDate,
        reason: r.reason,
        byId: input.byId,
        now: input.now,
        relabel: true,
        ...(own === null ? {} : { departmentId: own }),
      })) === "clash"
    )
      return "clash";
    const { count } = await tx.extensionRequest.updateMany({
      where: { id: input.id, status: "PENDING" },
      data: { status: input.accept ? "ACCEPTED" : "REFUSED", decidedAt: input.now },
    });
    // Decided by someone else meanwhile: nothing of this decision stays (the move is rolled back with it).
    if (count === 0) throw new AlreadyDecided();
    return { assignmentId: r.assignmentId, requestedById: r.requestedById, dueDate: r.dueDate };
  });
  return decided.catch((e: unknown) => {
    if (e instanceof AlreadyDecided) return null;
    throw e;
  });
}

class AlreadyDecided extends Error {}

export async function extensionRequest(db: Db, id: number) {
  return db.extensionRequest.findUnique({ where: { id } });
}
