import { describe, expect, it } from "vitest";
import { readTargets, sameMeasure } from "../../src/domain/targets.ts";

const read = (...texts: string[]) => readTargets(texts.map((text, i) => ({ text, row: i + 1 })));

describe("targets in a plan's objectives", () => {
  it("reads the sentence shapes plans use, each as a named target", () => {
    const r = read(
      // 1. name, "đạt", a number
      "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn đạt 98%;",
      // 2. "đạt trên", with more said after a comma
      "Tỷ lệ hồ sơ được giải quyết trước hạn đạt trên 50%, hạn chế tối đa hồ sơ trễ hạn;",
      // 3. "tối thiểu", without diacritics
      "Ti le nguoi dan co So suc khoe dien tu dat toi thieu 95%",
      // 4. the number first
      "100% văn bản đi được ký số, trừ văn bản mật",
      // 5. "trên" first
      "Trên 80% người dân đánh giá hài lòng với thủ tục hành chính.",
      // 6. an upper bound
      "Tỷ lệ hồ sơ trễ hạn không quá 2%",
      // 7. two targets in one cell
      "Tỉ lệ thanh toán trực tuyến đạt 80%; Tỉ lệ giao dịch không dùng tiền mặt đạt 80%;",
      // 8. "không dưới", "Mức độ …"
      "Mức độ hài lòng của người bệnh nội trú không dưới 90%",
    );
    expect(r.targets.map((t) => [t.code, t.name, t.target.comparator, t.target.value, t.row])).toEqual([
      ["MT1", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn", "GTE", 98, 1],
      ["MT2", "Tỷ lệ hồ sơ được giải quyết trước hạn", "GT", 50, 2],
      ["MT3", "Ti le nguoi dan co So suc khoe dien tu", "GTE", 95, 3],
      ["MT4", "Tỷ lệ văn bản đi được ký số, trừ văn bản mật", "GTE", 100, 4],
      ["MT5", "Tỷ lệ người dân đánh giá hài lòng với thủ tục hành chính", "GT", 80, 5],
      ["MT6", "Tỷ lệ hồ sơ trễ hạn", "LTE", 2, 6],
      ["MT7", "Tỉ lệ thanh toán trực tuyến", "GTE", 80, 7],
      ["MT8", "Tỉ lệ giao dịch không dùng tiền mặt", "GTE", 80, 7],
      ["MT9", "Mức độ hài lòng của người bệnh nội trú", "GTE", 90, 8],
    ]);
    expect(r.targets.every((t) => t.target.unit === "%")).toBe(true);
    expect(r.unreadable).toEqual([]);
  });

  it("a sentence with a number it cannot read is a warning; years, dates and aims without numbers are not", () => {
    const r = read(
      "Giảm tỷ lệ hồ sơ trễ hạn từ 10% xuống 5%",
      "Tổ chức 02 hội nghị tập huấn cho cán bộ đầu mối",
      "Phấn đấu đến năm 2030 hoàn thành chuyển đổi số; hoàn thành trước 15/12",
      "Nâng cao mức độ hài lòng của người dân, doanh nghiệp",
    );
    expect(r.targets).toEqual([]);
    expect(r.unreadable).toEqual([
      { text: "Giảm tỷ lệ hồ sơ trễ hạn từ 10% xuống 5%", row: 1 },
      { text: "Tổ chức 02 hội nghị tập huấn cho cán bộ đầu mối", row: 2 },
    ]);
  });
});

describe("one measure, two names", () => {
  it.each([
    ["Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn", "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn"],
    ["TTHC giải quyết đúng hạn", "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn"],
    ["Tỉ lệ giao dịch không dùng tiền mặt", "thanh toán, giao dịch không dùng tiền mặt"],
    [
      "Mức độ hài lòng của người dân về cung cấp dịch vụ y tế công lập",
      "Mức độ hài lòng của người dân về dịch vụ y tế công lập",
    ],
  ])("%s = %s", (a, b) => expect(sameMeasure(a, b)).toBe(true));
  it.each([
    ["Tỷ lệ hồ sơ giải quyết đúng hạn", "Tỷ lệ hồ sơ giải quyết trễ hạn"],
    ["Tỉ lệ giao dịch không dùng tiền mặt", "Tỉ lệ giao dịch dùng tiền mặt tại quầy"],
    ["Tỷ lệ hồ sơ", "Tỷ lệ văn bản"],
  ])("%s ≠ %s", (a, b) => expect(sameMeasure(a, b)).toBe(false));
});
