/** A unit's settings, as stored (text by key); src/domain/settings.ts reads them. */
import { announce } from "./changes.ts";
import type { Db } from "./db.ts";
import { findUnitId } from "./units.ts";

export async function loadSettingsRows(db: Db, unitName: string): Promise<Record<string, string>> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return {};
  const rows = await db.unitSetting.findMany({ where: { unitId } });
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function saveSetting(db: Db, unitName: string, key: string, value: string): Promise<boolean> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return false;
  await db.unitSetting.upsert({ where: { unitId_key: { unitId, key } }, create: { unitId, key, value }, update: { value } });
  await announce(db, "settings");
  return true;
}
