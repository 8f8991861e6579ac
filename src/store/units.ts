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
