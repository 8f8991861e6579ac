/** What a Decree 30 document says of its issuer when the settings leave it unsaid. */
import { describe, expect, it } from "vitest";
import {
  agencyLines,
  decreeDate,
  defaultAbbrev,
  defaultPlace,
  defaultSuperior,
  signatureTitle,
} from "../../src/domain/document.ts";
import { documentSettings } from "../../src/domain/settings.ts";

describe("Decree 30 defaults", () => {
  it("the number symbol comes from the unit's own kind of body", () => {
    expect(defaultAbbrev("Trung tâm Y tế khu vực Yên Bái")).toBe("TTYT");
    expect(defaultAbbrev("Trung tâm Bảo trợ xã hội tỉnh Lai Châu")).toBe("TTBTXH");
    expect(defaultAbbrev("Sở Y tế tỉnh Lai Châu")).toBe("SYT");
    expect(defaultAbbrev("Bệnh viện Đa khoa tỉnh Lào Cai")).toBe("BVĐK");
    expect(defaultAbbrev("Ban Quản lý dự án huyện Mường Tè")).toBe("BQLDA");
  });

  it("the place is the name's own; a Sở at the top answers to the province's People's Committee", () => {
    expect(defaultPlace("Trung tâm Y tế khu vực Yên Bái")).toBe("Yên Bái");
    expect(defaultPlace("Sở Y tế tỉnh Lai Châu")).toBe("Lai Châu");
    expect(defaultPlace("TTYT Thử nghiệm")).toBe("");
    expect(defaultSuperior("Sở Y tế tỉnh Lai Châu", null)).toBe("UBND tỉnh Lai Châu");
    expect(defaultSuperior("Trung tâm Y tế huyện Mường Tè", "Sở Y tế tỉnh Lai Châu")).toBe("Sở Y tế tỉnh Lai Châu");
    const so = documentSettings({}, { name: "Sở Y tế tỉnh Lai Châu", parentName: null });
    expect([so.superiorBody, so.unitAbbrev, so.place, so.addressees]).toEqual([
      "UBND tỉnh Lai Châu",
      "SYT",
      "Lai Châu",
      ["UBND tỉnh Lai Châu"],
    ]);
    const set = documentSettings(
      { addressees: "UBND tỉnh Lai Châu; Sở Nội vụ tỉnh Lai Châu", unitAbbrev: "SYT-VP" },
      { name: "Sở Y tế tỉnh Lai Châu", parentName: null },
    );
    expect([set.addressees, set.unitAbbrev]).toEqual([["UBND tỉnh Lai Châu", "Sở Nội vụ tỉnh Lai Châu"], "SYT-VP"]);
  });

  it("a long name breaks after its kind of body or before its place, never inside a phrase", () => {
    expect(agencyLines("Trung tâm Y tế khu vực Yên Bái")).toEqual(["TRUNG TÂM Y TẾ", "KHU VỰC YÊN BÁI"]);
    expect(agencyLines("Trung tâm Bảo trợ xã hội tỉnh Lai Châu")).toEqual([
      "TRUNG TÂM BẢO TRỢ XÃ HỘI",
      "TỈNH LAI CHÂU",
    ]);
    expect(agencyLines("Sở Y tế tỉnh Lai Châu")).toEqual(["SỞ Y TẾ TỈNH LAI CHÂU"]);
  });

  it("dates carry a leading zero for days below 10 and months 1 and 2; a deputy signs “KT.”", () => {
    expect(decreeDate("2026-12-05")).toEqual({ day: "05", month: "12", year: "2026" });
    expect(decreeDate("2026-02-14")).toEqual({ day: "14", month: "02", year: "2026" });
    expect(decreeDate("2026-03-01")).toEqual({ day: "01", month: "3", year: "2026" });
    expect(signatureTitle("Giám đốc", "")).toEqual(["GIÁM ĐỐC"]);
    expect(signatureTitle("Giám đốc", "Phó Giám đốc")).toEqual(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
  });
});

describe("the issuer under its governing body", () => {
  it("says a shared place once", async () => {
    const { issuerName } = await import("../../src/domain/document.ts");
    expect(issuerName("Sở Y tế tỉnh Lào Cai", "UBND tỉnh Lào Cai")).toBe("Sở Y tế");
    expect(issuerName("Trung tâm Y tế khu vực Yên Bái", "Sở Y tế tỉnh Lào Cai")).toBe("Trung tâm Y tế khu vực Yên Bái");
    expect(issuerName("TTYT Thử nghiệm", "Sở Y tế")).toBe("TTYT Thử nghiệm");
  });
});
