import { describe, expect, it } from "vitest";
import { departmentKey, matchDepartments, namesDepartment } from "../../src/domain/departments.ts";
import {
  meetsTarget,
  parseIndicatorPeriod,
  parseNumber,
  parseReportedValue,
  parseTarget,
} from "../../src/domain/indicator.ts";
import { displayPhone, normalizePhone } from "../../src/domain/phone.ts";
import { parseAudience } from "../../src/domain/audience.ts";
import { checkSetting } from "../../src/domain/settings.ts";
import { distinctLabels } from "../../src/domain/text.ts";
import { roleFromTitle } from "../../src/domain/roles.ts";
import { stripDiacritics } from "../../src/util/diacritics.ts";

describe("normalizePhone", () => {
  it.each([
    ["0912 345 678", "+84912345678"],
    ["0987.654.321", "+84987654321"],
    ["+84 912 345 678", "+84912345678"],
    ["84912345678", "+84912345678"],
    ["912345678", "+84912345678"],
    ["(0912) 345-678", "+84912345678"],
    ["0216 3852 123", "+842163852123"],
  ])("%s → %s", (raw, e164) => expect(normalizePhone(raw)).toBe(e164));
  it.each(["", "abc", "0123", "09123456789", "+1 415 555 0100", "0012345678", "0612345678", "0912-abc-678"])(
    "%s is not a phone",
    (raw) => expect(normalizePhone(raw)).toBeNull(),
  );
  it("accepts a number cell", () => expect(normalizePhone(912345678)).toBe("+84912345678"));
  it("displays the local way", () => expect(displayPhone("+84912345678")).toBe("0912 345 678"));
});

describe("stripDiacritics", () => {
  it("strips as Unicode's decomposition does, for every character, precomposed or followed by a mark", () => {
    const unicode = (text: string) =>
      text
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[đĐ]/g, (c) => (c === "đ" ? "d" : "D"));
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code < 0xe000) continue;
      for (const text of [`a${String.fromCharCode(code)}b`, `a${String.fromCharCode(code)}\u0301`])
        if (stripDiacritics(text) !== unicode(text)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
    expect(stripDiacritics("Đã đọc: Nhiệm vụ Quý I–IV")).toBe("Da doc: Nhiem vu Quy I–IV");
    expect(stripDiacritics("Nhiệm vụ".normalize("NFD"))).toBe("Nhiem vu");
  });
});

describe("roleFromTitle", () => {
  it.each([
    ["Giám đốc", "LEADER"],
    ["Phó Giám đốc", "LEADER"],
    ["pho giam doc", "LEADER"],
    ["Trưởng phòng", "DEPT_HEAD"],
    ["Phó trưởng phòng", "DEPT_HEAD"],
    ["Trưởng khoa", "DEPT_HEAD"],
    ["Phó khoa", "DEPT_HEAD"],
    ["Điều dưỡng trưởng", "DEPT_HEAD"],
    ["Viên chức", "STAFF"],
    ["Nhân viên", "STAFF"],
    ["Bác sĩ", "STAFF"],
    ["", "STAFF"],
    ["LEADER", "LEADER"],
    ["dept_head", "DEPT_HEAD"],
    ["ADMIN", "ADMIN"],
  ])("%s → %s", (title, role) => expect(roleFromTitle(title)).toBe(role));
});

describe("department names", () => {
  const depts = [
    { id: 1, key: departmentKey("Phòng Tổ chức - Hành chính") },
    { id: 2, key: departmentKey("Phòng Kế hoạch - Nghiệp vụ") },
    { id: 3, key: departmentKey("Phòng Điều dưỡng - Công tác xã hội") },
    { id: 4, key: departmentKey("Phòng Tài chính - Kế toán") },
    { id: 5, key: departmentKey("Khoa Dược") },
  ];
  it("folds prefixes and diacritics", () => {
    expect(departmentKey("Phòng Phòng Kế hoạch - Nghiệp vụ")).toBe("ke hoach nghiep vu");
    expect(departmentKey("Khoa Dược")).toBe("duoc");
    expect(departmentKey("Phòng Tổ chức- Hành chính")).toBe("to chuc hanh chinh");
  });
  it.each([
    ["Phòng TC-HC", [1]],
    ["Phòng TCHC", [1]],
    ["phong to chuc - hanh chinh", [1]],
    ["Phòng Phòng Kế hoạch - Nghiệp vụ", [2]],
    ["Phòng Điều dưỡng - CTXH", [3]],
    ["Phòng KH-NV; Phòng Tổ chức - Hành chính", [2, 1]],
    ["Phòng Tài chính - Kế toán, Khoa Dược", [4, 5]],
    ["Các khoa, phòng", [1, 2, 3, 4, 5]],
  ])("%s", (cell, ids) => expect(matchDepartments(cell, depts).ids).toEqual(ids));
  it("reports what it cannot match", () => {
    expect(matchDepartments("Phòng Công nghệ; Khoa Dược", depts)).toEqual({
      ids: [5],
      unmatched: ["Phòng Công nghệ"],
      all: false,
    });
  });
  it("initials must cover the whole name", () => {
    expect(namesDepartment("tc", "to chuc hanh chinh")).toBe(false);
    expect(namesDepartment("ke hoach", "ke hoach nghiep vu")).toBe(false);
  });
});

describe("indicators", () => {
  it.each([
    [">98%", { comparator: "GT", value: 98, unit: "%" }],
    ["≥ 95%", { comparator: "GTE", value: 95, unit: "%" }],
    ["80%", { comparator: "GTE", value: 80, unit: "%" }],
    ["100%", { comparator: "GTE", value: 100, unit: "%" }],
    ["Tối thiểu 90%", { comparator: "GTE", value: 90, unit: "%" }],
    ["trên 98%", { comparator: "GT", value: 98, unit: "%" }],
    ["Đạt trên 98,5%", { comparator: "GT", value: 98.5, unit: "%" }],
    ["< 5%", { comparator: "LT", value: 5, unit: "%" }],
    ["không quá 3 ngày", { comparator: "LTE", value: 3, unit: "ngày" }],
    ["60% trở lên", { comparator: "GTE", value: 60, unit: "%" }],
    ["= 0", { comparator: "EQ", value: 0, unit: "" }],
  ])("target %s", (raw, target) => expect(parseTarget(raw)).toEqual(target));
  it("no number, no target", () => expect(parseTarget("cao")).toBeNull());
  it.each([
    ["98,5", 98.5],
    ["98.5", 98.5],
    ["98,5%", 98.5],
    ["1.234", 1234],
    ["1.234,5", 1234.5],
    ["abc", null],
    ["9,8,7", null],
  ])("number %s", (raw, n) => expect(parseNumber(raw)).toBe(n));
  it("fractions become a percentage", () => {
    expect(parseReportedValue("47/48", "%")).toEqual({ value: 97.92, numerator: 47, denominator: 48 });
    expect(parseReportedValue("49/48", "%")).toBeNull();
    expect(parseReportedValue("1/0", "%")).toBeNull();
    expect(parseReportedValue("101", "%")).toBeNull();
    expect(parseReportedValue("120", "hồ sơ")).toEqual({ value: 120 });
  });
  it("meets targets", () => {
    expect(meetsTarget(98.5, { comparator: "GT", value: 98 })).toBe(true);
    expect(meetsTarget(98, { comparator: "GT", value: 98 })).toBe(false);
    expect(meetsTarget(98, { comparator: "GTE", value: 98 })).toBe(true);
    expect(meetsTarget(3, { comparator: "LTE", value: 3 })).toBe(true);
    expect(meetsTarget(4, { comparator: "LT", value: 4 })).toBe(false);
    expect(meetsTarget(0, { comparator: "EQ", value: 0 })).toBe(true);
  });
  it.each([
    ["Quý", "QUARTER"],
    ["Hàng quý", "QUARTER"],
    ["6 tháng", "HALF"],
    ["Năm", "YEAR"],
    ["Hàng tháng", "MONTH"],
    ["", "QUARTER"],
    ["YEAR", "YEAR"],
    ["lúc nào đó", null],
  ])("period %s", (raw, p) => expect(parseIndicatorPeriod(raw)).toBe(p));
});

describe("a notice's audience as the sender writes it", () => {
  it.each([
    ["", { ok: true, audience: { departments: [], role: null } }],
    ["tất cả", { ok: true, audience: { departments: [], role: null } }],
    ["vai trò Trưởng khoa", { ok: true, audience: { departments: [], role: "DEPT_HEAD" } }],
    ["vai tro lanh dao", { ok: true, audience: { departments: [], role: "LEADER" } }],
    ["role ADMIN", { ok: true, audience: { departments: [], role: "ADMIN" } }],
    ["vai trò cán bộ", { ok: true, audience: { departments: [], role: "STAFF" } }],
    ["vai trò XYZ", { ok: false, unknownRole: "XYZ" }],
    ["Khoa Dược; Phòng TC-HC", { ok: true, audience: { departments: ["Khoa Dược", "Phòng TC-HC"], role: null } }],
    ["toàn tỉnh", { ok: true, audience: { departments: [], role: null, wide: true } }],
    ["Toan  tinh: vai trò quản trị", { ok: true, audience: { departments: [], role: "ADMIN", wide: true } }],
    [
      "các đơn vị trực thuộc, Phòng Tổ chức - Hành chính",
      { ok: true, audience: { departments: ["Phòng Tổ chức - Hành chính"], role: null, wide: true } },
    ],
    ["toàn tỉnh vai trò XYZ", { ok: false, unknownRole: "XYZ" }],
    ["Toàn thể cán bộ", { ok: true, audience: { departments: ["Toàn thể cán bộ"], role: null } }],
  ])("%j", (text, expected) => {
    expect(parseAudience(text)).toEqual(expected);
  });
});

describe("choice labels that tell tasks apart", () => {
  it("takes words until the labels differ, cut at a word", () => {
    expect(
      distinctLabels([
        "Nâng cao tỷ lệ thủ tục hành chính thực chất, hiệu quả;",
        "Nâng cao tỷ lệ hài lòng của người dân, doanh nghiệp đối với chất lượng phục vụ",
        "Rà soát quy chế",
      ]),
    ).toEqual(["Nâng cao tỷ lệ thủ tục hành…", "Nâng cao tỷ lệ hài lòng của…", "Rà soát quy chế"]);
  });
});

describe("settings as people write them", () => {
  it.each([
    ["remindAt", "7h30", {}, { ok: true, value: "07:30" }],
    ["REMINDAT", "07:45", {}, { ok: true, value: "07:45" }],
    ["reportQ1", "12/3", {}, { ok: true, value: "03-12" }],
    ["reportQ1", "03-12", {}, { ok: true, value: "03-12" }],
    ["onDueDay", "có", {}, { ok: true, value: "true" }],
    ["onDueDay", "khong", {}, { ok: true, value: "false" }],
    ["beforeDays", "7, 3", {}, { ok: true, value: "7,3" }],
    [
      "remindAt",
      "06:00",
      {},
      { ok: false, reason: "outsideHours", params: { key: "remindAt", value: "06:00", start: "07:30", end: "17:30" } },
    ],
    [
      "workStart",
      "09:00",
      {},
      { ok: false, reason: "outsideHours", params: { key: "remindAt", value: "08:00", start: "09:00", end: "17:30" } },
    ],
    ["workEnd", "07:00", {}, { ok: false, reason: "endBeforeStart", params: { start: "07:30", end: "07:00" } }],
    ["workStart", "07:00", { remindAt: "07:15" }, { ok: true, value: "07:00" }],
    ["nope", "1", {}, { ok: false, reason: "unknownKey", params: { key: "nope" } }],
  ])("%s = %s", (key, raw, current, expected) => {
    expect(checkSetting(key, raw, current)).toEqual(expected);
  });
});
