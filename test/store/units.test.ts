/** `cchc unit add` and `cchc unit list` at the store: a tree of units, refused moves leaving it as it was. */
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { translator } from "../../src/i18n.ts";
import { addUnit, listUnits } from "../../src/store/units.ts";
import { seedSmallPlan, UNIT } from "../helpers/bot.ts";
import { eachTestDb, snapshot } from "../helpers/db.ts";

const t = eachTestDb(seedSmallPlan);
const vi = translator("vi");
const refusal = async (work: Promise<unknown>) => {
  const e = await work.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  return (e as UserError).render(vi).join("\n");
};

describe("units", () => {
  it("a Sở above the unit already there, and a second unit under it", async () => {
    expect(await addUnit(t.db, { name: "Sở Y tế" })).toEqual({ created: true, name: "Sở Y tế", parent: null });
    expect(await addUnit(t.db, { name: UNIT, parent: "Sở Y tế" })).toEqual({ created: false, name: UNIT, parent: "Sở Y tế" });
    expect(await addUnit(t.db, { name: "  Bệnh viện   Đa khoa tỉnh ", parent: "Sở Y tế" })).toEqual({ created: true, name: "Bệnh viện Đa khoa tỉnh", parent: "Sở Y tế" });
    // Named again without a parent: it stays where it is.
    expect(await addUnit(t.db, { name: UNIT })).toEqual({ created: false, name: UNIT, parent: "Sở Y tế" });
    const list = await listUnits(t.db);
    const so = list.find((u) => u.name === "Sở Y tế")!;
    expect(list.map((u) => [u.name, u.parentId === so.id, u.staff, u.plans]).sort()).toEqual([
      ["Bệnh viện Đa khoa tỉnh", true, 0, 0],
      ["Sở Y tế", false, 0, 0],
      [UNIT, true, 5, 1],
    ]);
  });

  it("an unknown parent, a unit under its own unit, no name: refused in Vietnamese, nothing changed", async () => {
    await addUnit(t.db, { name: "Sở Y tế" });
    await addUnit(t.db, { name: UNIT, parent: "Sở Y tế" });
    const before = await snapshot(t.db);
    expect(await refusal(addUnit(t.db, { name: "Trạm Y tế", parent: "Sở Y tê" }))).toBe("Không có đơn vị “Sở Y tê”. Xem các đơn vị bằng: npx cchc unit list");
    expect(await refusal(addUnit(t.db, { name: "Sở Y tế", parent: UNIT }))).toBe(`Không thể đặt “Sở Y tế” dưới “${UNIT}”: “${UNIT}” là chính nó hoặc thuộc “Sở Y tế”.`);
    expect(await refusal(addUnit(t.db, { name: "   " }))).toBe("Cần tên đơn vị.");
    expect(await snapshot(t.db)).toEqual(before);
  });
});
