/**
 * The example unit `npm start` loads into an empty database is marked as
 * demo data: it is never loaded beside a real plan, a real import clears the
 * mark (the data is the unit's own from then on), and `cchc demo remove`
 * takes it all out and keeps it out.
 */
import type { Db, Tx } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";
import { DEMO_DOCUMENT } from "./demo-document.ts";

/** A unit setting no person edits: "seeded" while the example is there, "removed" once taken out. */
const MARK = "demo";

export type DemoState = "none" | "seeded" | "removed";

export async function demoState(db: Db): Promise<DemoState> {
  const row = await db.unitSetting.findFirst({ where: { key: MARK }, select: { value: true } });
  return row?.value === "seeded" ? "seeded" : row?.value === "removed" ? "removed" : "none";
}

export async function markDemo(db: Db, unitName: string): Promise<void> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return;
  await db.unitSetting.upsert({
    where: { unitId_key: { unitId, key: MARK } },
    create: { unitId, key: MARK, value: "seeded" },
    update: { value: "seeded" },
  });
}

/** A real import: what is in the database is the unit's own now, never removed as demo data. */
export async function keepAsReal(tx: Tx): Promise<void> {
  await tx.unitSetting.deleteMany({ where: { key: MARK, value: "seeded" } });
}

/**
 * Every row the demo wrote, children before parents, in one transaction;
 * the units themselves stay (the configured one is the bot's), with the
 * mark "removed" so the next start does not load the example again.
 */
export async function removeDemo(db: Db): Promise<"removed" | "notDemo"> {
  if ((await demoState(db)) !== "seeded") return "notDemo";
  await db.$transaction(async (tx) => {
    await tx.outbox.deleteMany();
    await tx.numberedChoice.deleteMany();
    await tx.conversation.deleteMany();
    await tx.inviteCode.deleteMany();
    await tx.groupChat.deleteMany();
    await tx.coordinationReport.deleteMany();
    await tx.deadlineChange.deleteMany();
    await tx.extensionRequest.deleteMany();
    await tx.evidence.deleteMany();
    await tx.statusUpdate.deleteMany();
    await tx.assignment.deleteMany();
    await tx.occurrence.deleteMany();
    await tx.taskDepartment.deleteMany();
    await tx.task.deleteMany();
    await tx.area.deleteMany({ where: { parentId: { not: null } } });
    await tx.area.deleteMany();
    await tx.indicatorReport.deleteMany();
    await tx.indicator.deleteMany();
    await tx.unitReport.deleteMany();
    await tx.reportExport.deleteMany();
    await tx.pendingImport.deleteMany();
    await tx.plan.deleteMany();
    await tx.reminderLog.deleteMany();
    await tx.broadcast.deleteMany();
    await tx.scoreFile.deleteMany();
    await tx.inspection.deleteMany();
    await tx.evidenceFile.deleteMany();
    await tx.selfScore.deleteMany();
    await tx.criteriaSet.deleteMany();
    await tx.chatIdentity.deleteMany();
    await tx.staff.deleteMany();
    await tx.department.deleteMany();
    await tx.unitSetting.deleteMany({ where: { key: { in: Object.keys(DEMO_DOCUMENT) } } });
    await tx.unitSetting.updateMany({ where: { key: MARK }, data: { value: "removed" } });
  });
  return "removed";
}
