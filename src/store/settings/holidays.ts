/** The official holiday list a unit imported, by year. */
import { announce } from "../instances/changes.ts";
import type { Db } from "../db/db.ts";
import { findUnitId } from "../province/units.ts";

export async function officialHolidays(
  db: Db,
  unitName: string,
  years: number[],
): Promise<{ date: string; name: string }[]> {
  const unitId = await findUnitId(db, unitName);
  if (unitId === null) return [];
  return db.holiday.findMany({
    where: { unitId, OR: years.map((y) => ({ date: { startsWith: `${y}-` } })) },
    select: { date: true, name: true },
    orderBy: { date: "asc" },
  });
}

/** Replaces a year's official list in one transaction. */
export async function replaceHolidays(
  db: Db,
  unitName: string,
  year: number,
  list: { date: string; name: string }[],
): Promise<number> {
  return db.$transaction(async (tx) => {
    const unitId = await findUnitId(tx, unitName);
    if (unitId === null) return 0;
    await tx.holiday.deleteMany({ where: { unitId, date: { startsWith: `${year}-` } } });
    await tx.holiday.createMany({ data: list.map((h) => ({ unitId, ...h })) });
    await announce(tx, "settings");
    return list.length;
  });
}
