/** A unit's settings, as stored (text by key); src/domain/settings.ts reads them. */
import { announce } from "../instances/changes.ts";
import type { Db } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";
import { planDeadline } from "../../domain/report-period.ts";
import { readSettings } from "../../domain/settings.ts";

/** When the units below `unitName` owe it their plans for `year`: its planDue setting, in `year - 1`. */
export async function planDeadlineAt(db: Db, unitName: string, year: number): Promise<string> {
  return planDeadline(year, readSettings(await loadSettingsRows(db, unitName)).planDue);
}

export async function loadSettingsRows(db: Db, unitName: string): Promise<Record<string, string>> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return {};
  const rows = await db.unitSetting.findMany({ where: { unitId } });
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Several units' stored settings in one query, by unit id (a province's view reads each unit's deadlines). */
export async function settingsOfUnits(
  db: Db,
  unitIds: readonly number[],
): Promise<Map<number, Record<string, string>>> {
  const rows = await db.unitSetting.findMany({ where: { unitId: { in: [...unitIds] } } });
  const out = new Map<number, Record<string, string>>(unitIds.map((id) => [id, {}]));
  for (const r of rows) out.get(r.unitId)![r.key] = r.value;
  return out;
}

export async function saveSetting(db: Db, unitName: string, key: string, value: string): Promise<boolean> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return false;
  await db.unitSetting.upsert({
    where: { unitId_key: { unitId, key } },
    create: { unitId, key, value },
    update: { value },
  });
  await announce(db, "settings");
  return true;
}
