/** `cchc unit add`, `cchc unit import` and `cchc unit list` at the store: a tree of units, refused moves leaving it as it was. */
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { translator } from "../../src/i18n.ts";
import { importUnitFile } from "../../src/import/imports.ts";
import { addUnit, listUnits } from "../../src/store/province/units.ts";
import { writeText } from "../helpers/files.ts";
import { seedSmallPlan, UNIT } from "../helpers/bot.ts";
import { eachTestDb, snapshot } from "../helpers/db.ts";

const t = eachTestDb(seedSmallPlan);
const vi = translator("vi");
const refusal = async (work: Promise<unknown>) => {
  const e = await work.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UserError);
  return (e as UserError).render(vi).join("\n");
};

describe("units", () => {
  it("a Sở above the unit already there, and a second unit under it", async () => {
    expect(await addUnit(t.db, { name: "Sở Y tế" })).toEqual({ created: true, name: "Sở Y tế", parent: null });
    expect(await addUnit(t.db, { name: UNIT, parent: "Sở Y tế" })).toEqual({
      created: false,
      name: UNIT,
      parent: "Sở Y tế",
    });
    expect(await addUnit(t.db, { name: "  Bệnh viện   Đa khoa tỉnh ", parent: "Sở Y tế" })).toEqual({
      created: true,
      name: "Bệnh viện Đa khoa tỉnh",
      parent: "Sở Y tế",
    });
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
    expect(await refusal(addUnit(t.db, { name: "Trạm Y tế", parent: "Sở Y tê" }))).toBe(
      "Không có đơn vị “Sở Y tê”. Xem các đơn vị bằng: npx cchc unit list",
    );
    expect(await refusal(addUnit(t.db, { name: "Sở Y tế", parent: UNIT }))).toBe(
      `Không thể đặt “Sở Y tế” dưới “${UNIT}”: “${UNIT}” là chính nó hoặc thuộc “Sở Y tế”.`,
    );
    expect(await refusal(addUnit(t.db, { name: "   " }))).toBe("Cần tên đơn vị.");
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("a units file", () => {
  const file = (rows: string[]) =>
    writeText(t.dir, "don-vi.csv", ["STT,Tên đơn vị,Đơn vị cấp trên", ...rows].join("\n"));
  const tree = async () => {
    const units = await listUnits(t.db);
    const name = new Map(units.map((u) => [u.id, u.name]));
    return units.map((u) => `${u.name} < ${u.parentId ? name.get(u.parentId) : "—"}`).sort();
  };

  it("builds the tree whatever the order of its rows, names the parent loosely, and is the same imported twice", async () => {
    const rows = [
      "1,TTYT Lục Yên,Sở Y tế Yên Bái",
      "2,Sở Y tế Yên Bái,",
      `3,${UNIT},so y te yen bai`,
      "",
      "4,Trạm Y tế xã Mai Sơn,TTYT Lục Yên",
    ];
    expect(await importUnitFile(t.db, { file: file(rows) })).toEqual({ created: 3, moved: 3 });
    expect(await tree()).toEqual([
      "Sở Y tế Yên Bái < —",
      "TTYT Lục Yên < Sở Y tế Yên Bái",
      `${UNIT} < Sở Y tế Yên Bái`,
      "Trạm Y tế xã Mai Sơn < TTYT Lục Yên",
    ]);
    expect(await importUnitFile(t.db, { file: file(rows) })).toEqual({ created: 0, moved: 0 });
  });

  it("an unknown parent, a loop, a name twice or missing: every row said at once, nothing written", async () => {
    await addUnit(t.db, { name: "Sở Y tế" });
    await addUnit(t.db, { name: UNIT, parent: "Sở Y tế" });
    const before = await snapshot(t.db);
    expect(await refusal(importUnitFile(t.db, { file: file(["1,TTYT Mới,Sở Nội vụ", `2,Sở Y tế,${UNIT}`]) }))).toBe(
      [
        "don-vi.csv, dòng 2: không có đơn vị cấp trên “Sở Nội vụ” (trong tệp hay trong bot)",
        `don-vi.csv, dòng 3: không thể đặt “Sở Y tế” dưới “${UNIT}”: “${UNIT}” thuộc “Sở Y tế”`,
      ].join("\n"),
    );
    expect(
      await refusal(
        importUnitFile(t.db, { file: file(["1,TTYT A,Sở Y tế", "2,TTYT A,Sở Y tế", "3,,Sở Y tế", "4,TTYT B,TTYT B"]) }),
      ),
    ).toBe(
      [
        "don-vi.csv, dòng 3: đơn vị “TTYT A” đã có ở dòng 2",
        "don-vi.csv, dòng 4: thiếu tên đơn vị (cột B (Tên đơn vị))",
        "don-vi.csv, dòng 5: “TTYT B” không thể trực thuộc chính nó",
      ].join("\n"),
    );
    expect(await snapshot(t.db)).toEqual(before);
  });
});
