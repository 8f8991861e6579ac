/** "💤 Nhắc lại mai": a person's next reminder about one assignment waits until a given time. */
import type { Db } from "../db/db.ts";

export async function snooze(db: Db, assignmentId: number, staffId: number, until: Date): Promise<boolean> {
  const { count } = await db.assignment.updateMany({
    where: { id: assignmentId, staffId },
    data: { snoozedUntil: until },
  });
  return count === 1;
}
