import { describe, expect, it } from "vitest";
import { treeOrder, wouldLoop } from "../../src/domain/units.ts";

const units = [
  { id: 1, name: "Sở Y tế", parentId: null },
  { id: 2, name: "TTYT Yên Bái", parentId: 1 },
  { id: 3, name: "Bệnh viện Đa khoa tỉnh", parentId: 1 },
  { id: 4, name: "Trạm Y tế Phường Nguyễn Thái Học", parentId: 2 },
  { id: 5, name: "Chi cục Dân số", parentId: 99 },
];

describe("the unit tree", () => {
  it("lists depth first, each level in Vietnamese alphabetical order; a unit whose parent is gone starts its own tree", () => {
    expect(treeOrder(units).map(({ depth, unit }) => `${depth} ${unit.name}`)).toEqual([
      "0 Chi cục Dân số",
      "0 Sở Y tế",
      "1 Bệnh viện Đa khoa tỉnh",
      "1 TTYT Yên Bái",
      "2 Trạm Y tế Phường Nguyễn Thái Học",
    ]);
  });

  it("a unit cannot go under itself or one of its own units; anywhere else it can", () => {
    expect(wouldLoop(units, 1, 1)).toBe(true);
    expect(wouldLoop(units, 1, 4)).toBe(true);
    expect(wouldLoop(units, 2, 4)).toBe(true);
    expect(wouldLoop(units, 4, 3)).toBe(false);
    expect(wouldLoop(units, 3, 2)).toBe(false);
  });
});
