import type { Tx } from "./db.ts";

/**
 * One deployment serves one unit. The unit is found by its configured name,
 * or, when the name changed in .env, by being the only one there is.
 */
export async function findUnitId(tx: Tx, name: string): Promise<number | null> {
  const byName = await tx.unit.findUnique({ where: { name }, select: { id: true } });
  if (byName) return byName.id;
  const all = await tx.unit.findMany({ select: { id: true }, take: 2 });
  return all.length === 1 ? all[0]!.id : null;
}

export async function ensureUnitId(tx: Tx, name: string): Promise<number> {
  return (await findUnitId(tx, name)) ?? (await tx.unit.create({ data: { name }, select: { id: true } })).id;
}

/**
 * The unit's name as people read it: the admin's setting, else what the
 * plan's own title says ("Kế hoạch CCHC Trung tâm Y tế khu vực Yên Bái năm
 * 2026"), else the configured key unless it is the bare default "Đơn vị".
 */
export async function unitDisplayName(tx: Tx, name: string): Promise<string> {
  const unitId = await findUnitId(tx, name);
  if (unitId === null) return name;
  const [setting, unit] = await Promise.all([
    tx.unitSetting.findUnique({ where: { unitId_key: { unitId, key: "unitDisplayName" } }, select: { value: true } }),
    tx.unit.findUnique({ where: { id: unitId }, select: { name: true, displayName: true } }),
  ]);
  return setting?.value.trim() || unit?.displayName || unit?.name || name;
}
