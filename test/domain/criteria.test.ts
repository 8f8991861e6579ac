/**
 * Criteria sets (bộ tiêu chí Chỉ số CCHC) as bodies publish them: the
 * example of the national shape (eight areas, 100 points), a Sở's shorter set
 * for its units in .xlsx, a unit's own set in .docx with lettered
 * sub-criteria and a rule cut by a page break; and the bad shapes, each named
 * by its line. Then the scores a rule allows.
 */
import path from "node:path";
import os from "node:os";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { checkScore, scoreSteps } from "../../src/domain/criteria.ts";
import { readCriteriaTable, type CriteriaDraft } from "../../src/domain/tables/criteria.ts";
import { fold } from "../../src/domain/text.ts";
import { translator } from "../../src/i18n.ts";
import { readTableFile } from "../../src/import/read-table.ts";
import { toCsv, writeDocx, writeText, writeXlsx } from "../helpers/files.ts";

const vi = translator("vi");
const EXAMPLE = path.resolve(import.meta.dirname, "../../examples/chi-so-cchc-2026-tieu-chi.csv");
const HEADER = ["STT", "Tiêu chí", "Điểm tối đa", "Cách chấm điểm", "Tài liệu kiểm chứng"];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "criteria-"));

async function read(file: string) {
  return readCriteriaTable(await readTableFile(file), { file: path.basename(file) });
}

async function readOk(file: string): Promise<CriteriaDraft> {
  const r = await read(file);
  if (!r.ok) throw new Error(r.errors.map((e) => vi(e.key, e.params)).join("\n"));
  return r.value;
}

const said = (issues: { key: string; params: Record<string, string | number> }[]) =>
  issues.map((e) => vi(e.key as Parameters<typeof vi>[0], e.params));

describe("a criteria set", () => {
  it("the example has the national index's eight areas, 100 points, each line a code of its own", async () => {
    const set = await readOk(EXAMPLE);
    const areas = set.items.filter((i) => i.depth === 1);
    expect(areas.map((a) => a.ref)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]);
    const names = areas.map((a) => fold(a.title));
    for (const words of ["chi dao", "the che", "thu tuc", "to chuc bo may", "cong vu", "tai chinh cong"])
      expect(names.some((n) => n.includes(words))).toBe(true);
    expect(names.some((n) => n.includes("chinh quyen dien tu") && n.includes("chinh quyen so"))).toBe(true);
    expect(names.some((n) => n.includes("tac dong"))).toBe(true);
    expect([set.total, set.warnings]).toEqual([100, []]);
    expect(new Set(set.items.map((i) => i.ref)).size).toBe(set.items.length);
    const sub = set.items.find((i) => i.ref === "III.2.1")!;
    expect([sub.depth, sub.max, sub.steps, sub.parentRef, sub.department]).toEqual([
      3,
      5,
      [5, 3, 1, 0],
      "III.2",
      "Phòng Kế hoạch - Nghiệp vụ",
    ]);
  });

  it("a Sở's shorter set for its units, in .xlsx with Arabic areas and lettered sub-criteria", async () => {
    const file = await writeXlsx(dir, "so.xlsx", [
      ["BỘ TIÊU CHÍ ĐÁNH GIÁ CCHC CÁC ĐƠN VỊ TRỰC THUỘC NĂM 2026"],
      [],
      HEADER,
      ["1", "Chỉ đạo điều hành", 12, "", ""],
      ["1.1", "Kế hoạch CCHC", 4, "Đúng hạn: 4; trễ: 2; không có: 0", "Kế hoạch"],
      ["1.2", "Báo cáo định kỳ", 8, "", ""],
      ["a)", "Đủ 4 báo cáo", 4, "Đủ: 4; thiếu: 0", "Báo cáo quý, năm"],
      ["b)", "Báo cáo đúng hạn", 4, "Đúng hạn cả 4: 4; trễ 1 báo cáo: 2; trễ từ 2: 0", "Văn bản gửi Sở"],
      ["2", "Thủ tục hành chính", 18, "", ""],
      ["2.1", "Hồ sơ đúng hạn", 10, "100%: 10; 98–<100%: 6; <98%: 0", "Thống kê một cửa"],
      ["2.2", "Công khai TTHC", 8, "Đầy đủ: 8; chưa đủ: 4", "Ảnh niêm yết"],
      ["", "Tổng cộng", 30, "", ""],
    ]);
    const set = await readOk(file);
    expect(set.items.map((i) => [i.ref, i.depth])).toEqual([
      ["1", 1],
      ["1.1", 2],
      ["1.2", 2],
      ["1.2.a", 3],
      ["1.2.b", 3],
      ["2", 1],
      ["2.1", 2],
      ["2.2", 2],
    ]);
    expect([set.total, set.warnings]).toEqual([30, []]);
    expect(set.items.find((i) => i.ref === "2.1")!.steps).toEqual([10, 6, 0]);
  });

  it("a unit's own set in .docx: an area with no maximum takes its lines' sum; a rule cut by a page break is joined", async () => {
    const file = await writeDocx(
      dir,
      "unit.docx",
      [
        HEADER,
        ["I", "CÔNG TÁC CHỈ ĐẠO", "", "", ""],
        ["1", "Kế hoạch của khoa, phòng", "2", "Có kế hoạch: 2;", "Kế hoạch"],
        ["", "", "", "không có: 0", ""],
        ["2", "Tham gia tập huấn", "1", "", "Danh sách"],
        ["II", "THỦ TỤC HÀNH CHÍNH", "3", "", ""],
        ["1", "Không để hồ sơ trễ hạn", "3", "Không trễ: 3; có trễ: 0", "Thống kê"],
      ],
      "TIÊU CHÍ CHẤM ĐIỂM CCHC CÁC KHOA, PHÒNG NĂM 2026",
    );
    const set = await readOk(file);
    expect(set.items.map((i) => [i.ref, i.max])).toEqual([
      ["I", 3],
      ["I.1", 2],
      ["I.2", 1],
      ["II", 3],
      ["II.1", 3],
    ]);
    const i1 = set.items.find((i) => i.ref === "I.1")!;
    expect([i1.rule, i1.steps]).toEqual(["Có kế hoạch: 2;\nkhông có: 0", [2, 0]]);
    expect(set.total).toBe(6);
  });

  it("bad shapes: a total that does not add up is a warning naming the line; a duplicate code and a missing maximum stop the import", async () => {
    let n = 0;
    const csv = (rows: string[][]) => writeText(dir, `bad-${++n}.csv`, toCsv([HEADER, ...rows]));
    const mismatch = await readOk(
      csv([
        ["I", "Chỉ đạo", "10", "", ""],
        ["1", "Kế hoạch", "4", "", ""],
        ["2", "Báo cáo", "4", "", ""],
        ["", "Tổng cộng", "12", "", ""],
      ]),
    );
    expect(said(mismatch.warnings)).toEqual([
      "bad-1.csv, dòng 2: I ghi tối đa 10 điểm nhưng các dòng thuộc nó cộng lại 8 điểm",
      "bad-1.csv, dòng 5: Tổng ghi tối đa 12 điểm nhưng các dòng thuộc nó cộng lại 10 điểm",
    ]);
    const duplicate = await read(
      csv([
        ["1", "Kế hoạch", "4", "", ""],
        ["2", "Báo cáo", "4", "", ""],
        ["2", "Báo cáo lần hai", "2", "", ""],
      ]),
    );
    expect(duplicate.ok ? [] : said(duplicate.errors)).toEqual([
      "bad-2.csv, dòng 4, cột A (STT): mã “2” trùng với dòng 3",
    ]);
    const noMax = await read(
      csv([
        ["1", "Kế hoạch", "4", "", ""],
        ["2", "Báo cáo", "", "", ""],
        ["x9", "Dòng lạ", "1", "", ""],
      ]),
    );
    expect(noMax.ok ? [] : said(noMax.errors)).toEqual([
      "bad-3.csv, dòng 4, cột A (STT): không đọc được số thứ tự “x9” (ví dụ: I, 1, 1.2, 1.2.1, a)",
      "bad-3.csv, dòng 3, cột C (Điểm tối đa): tiêu chí 2 chưa có điểm tối đa",
    ]);
  });
});

describe("a score against its rule", () => {
  const rule = { max: 1, steps: scoreSteps("100%: 1; 80–<100%: 0,5; <80%: 0", 1) };
  it("takes the rule's steps, with a decimal comma", () => {
    expect(rule.steps).toEqual([1, 0.5, 0]);
    expect(checkScore("0,5", rule)).toEqual({ ok: true, score: 0.5 });
    expect(checkScore("1", rule)).toEqual({ ok: true, score: 1 });
  });
  it("refuses a score above the maximum, below 0, off the steps, or not a number", () => {
    expect(checkScore("2", rule)).toMatchObject({ ok: false, reason: "aboveMax" });
    expect(checkScore("-1", rule)).toMatchObject({ ok: false, reason: "belowZero" });
    expect(checkScore("0,75", rule)).toMatchObject({ ok: false, reason: "notStep", steps: [1, 0.5, 0] });
    expect(checkScore("một", rule)).toMatchObject({ ok: false, reason: "notNumber" });
  });
  it("a rule with no steps takes any score from 0 to the maximum", () => {
    const free = { max: 3, steps: scoreSteps("Căn cứ mức độ hoàn thành", 3) };
    expect(free.steps).toEqual([]);
    expect(checkScore("2,25", free)).toEqual({ ok: true, score: 2.25 });
  });
});

describe("evidence offered for a criterion", () => {
  it("the tasks sharing the most of its words, at least two, best first", async () => {
    const { proposeEvidence } = await import("../../src/domain/criteria.ts");
    const tasks = [
      { ref: "I.5", content: "Lập kế hoạch kiểm tra công vụ", product: "Kế hoạch" },
      { ref: "I.2", content: "Báo cáo CCHC năm", product: "Báo cáo" },
      { ref: "II.1", content: "Kiểm tra việc công khai thủ tục hành chính", product: "Biên bản kiểm tra" },
    ];
    const offered = proposeEvidence({ title: "Ban hành kế hoạch kiểm tra CCHC", evidence: "Kế hoạch kiểm tra" }, tasks);
    expect(offered.map((x) => x.ref)).toEqual(["I.5", "II.1"]);
    expect(proposeEvidence({ title: "An toàn thông tin", evidence: "Phương án" }, tasks)).toEqual([]);
  });
});

describe("a ranking", () => {
  it("highest first, equal scores sharing a rank; the spread a unit is shown", async () => {
    const { rankBy, spread } = await import("../../src/domain/ranking.ts");
    const ranked = rankBy(
      [
        { u: "A", s: 80 },
        { u: "B", s: 92.5 },
        { u: "C", s: 80 },
        { u: "D", s: 70 },
      ],
      (x) => x.s,
    );
    expect(ranked.map((r) => `${r.rank} ${r.item.u}`)).toEqual(["1 B", "2 A", "2 C", "4 D"]);
    expect(spread([80, 92.5, 80, 70])).toEqual({ highest: 92.5, lowest: 70, median: 80 });
    expect(spread([])).toBeNull();
  });
});

describe("a rating from bands", () => {
  it("the highest band a score's share of the maximum reaches; bands that cannot be read are refused", async () => {
    const { DEFAULT_BANDS, parseBands, rate } = await import("../../src/domain/rating.ts");
    const bands = parseBands(DEFAULT_BANDS)!;
    expect(bands.map((b) => `${b.name} ${b.min}`)).toEqual([
      "Xuất sắc 90",
      "Tốt 80",
      "Khá 65",
      "Trung bình 50",
      "Yếu 0",
    ]);
    expect(rate(92, 100, bands)).toEqual({ band: "Xuất sắc", percent: 92 });
    expect(rate(2, 3, bands)).toEqual({ band: "Khá", percent: 66.7 });
    expect(rate(10, 100, bands).band).toBe("Yếu");
    expect(parseBands("Tốt >= 80,5; Đạt từ 50; Chưa đạt")!.map((b) => b.min)).toEqual([80.5, 50, 0]);
    expect(parseBands("Tốt ≥ 180")).toBeNull();
  });
});

describe("the on-time rate weighed into a rating", () => {
  it("each part by its weight; a missing part leaves the other alone; no weight, the score alone", async () => {
    const { blend } = await import("../../src/domain/rating.ts");
    expect(blend(80, 60, 25)).toBe(75);
    expect(blend(80, 60, 0)).toBe(80);
    expect(blend(null, 60, 25)).toBe(60);
    expect(blend(80, null, 25)).toBe(80);
    expect(blend(null, null, 25)).toBeNull();
  });
});

describe("a unit named by the opening words of a command", () => {
  it("the longest opening that names one unit, part of a name and no diacritics enough; several are said", async () => {
    const { leadingUnit } = await import("../../src/domain/units.ts");
    const names = ["TTYT Huyện Bắc", "TTYT Huyện Bắc Hà", "TTYT Huyện Nam"];
    expect(leadingUnit(names, "huyen nam I.1 0,5: lý do")).toEqual({
      ok: true,
      name: "TTYT Huyện Nam",
      rest: "I.1 0,5: lý do",
    });
    expect(leadingUnit(names, "TTYT Huyện Bắc gui")).toEqual({ ok: true, name: "TTYT Huyện Bắc", rest: "gui" });
    expect(leadingUnit(names, "bac ha chot")).toEqual({ ok: true, name: "TTYT Huyện Bắc Hà", rest: "chot" });
    expect(leadingUnit(names, "huyen gui")).toEqual({ ok: false, several: names });
    expect(leadingUnit(names, "Tây 1.1 2")).toEqual({ ok: false, several: [] });
  });
});
