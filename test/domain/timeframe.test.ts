import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTimeframe } from "../../src/domain/timeframe.ts";
import { fold } from "../../src/domain/text.ts";

const Y = 2026;
const QUARTER_ENDS = ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"];
const MONTH_ENDS = [
  "2026-01-31",
  "2026-02-28",
  "2026-03-31",
  "2026-04-30",
  "2026-05-31",
  "2026-06-30",
  "2026-07-31",
  "2026-08-31",
  "2026-09-30",
  "2026-10-31",
  "2026-11-30",
  "2026-12-31",
];

/** Each phrase is also checked without diacritics, in upper case and with stray bullets and breaks. */
function variants(text: string): string[] {
  const bare = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d");
  return [text, bare, text.toUpperCase(), bare.toLowerCase(), `- ${text.replace(/ /, "\n")}`, `• ${text} `];
}

const dated: [string, string[], "none" | "monthly" | "quarterly"][] = [
  ["Quý I", ["2026-03-31"], "none"],
  ["Quý II, IV", ["2026-06-30", "2026-12-31"], "none"],
  ["Quý I, III/2026", ["2026-03-31", "2026-09-30"], "none"],
  ["Quý I–IV/2026", QUARTER_ENDS, "none"],
  ["Quý I –\nIV/2026", QUARTER_ENDS, "none"],
  ["Quý I - Quý IV", QUARTER_ENDS, "none"],
  ["Quý I, \nQuý II", ["2026-03-31", "2026-06-30"], "none"],
  ["quy 2", ["2026-06-30"], "none"],
  ["Quý 1, 3", ["2026-03-31", "2026-09-30"], "none"],
  ["Quý 1 đến quý 4", QUARTER_ENDS, "none"],
  ["Quý II,\nIV", ["2026-06-30", "2026-12-31"], "none"],
  ["Quý I hàng năm", ["2026-03-31"], "none"],
  ["Quý III\nhàng năm", ["2026-09-30"], "none"],
  ["Thường xuyên", QUARTER_ENDS, "quarterly"],
  ["Thường \nxuyên", QUARTER_ENDS, "quarterly"],
  ["Hàng quý", QUARTER_ENDS, "quarterly"],
  ["Quý I/2026 Hàng quý", QUARTER_ENDS, "quarterly"],
  ["Hàng tháng", MONTH_ENDS, "monthly"],
  ["Hàng năm", ["2026-12-31"], "none"],
  ["01 năm", ["2026-12-31"], "none"],
  ["1 năm", ["2026-12-31"], "none"],
  ["Năm 2026", ["2026-12-31"], "none"],
  ["Cả năm", ["2026-12-31"], "none"],
  ["6 tháng", ["2026-06-30"], "none"],
  ["6 tháng đầu năm", ["2026-06-30"], "none"],
  ["06 tháng cuối năm 2026", ["2026-12-31"], "none"],
  ["9 tháng", ["2026-09-30"], "none"],
  ["Báo cáo 6 tháng, 01 năm", ["2026-06-30", "2026-12-31"], "none"],
  ["6 tháng, 01 năm", ["2026-06-30", "2026-12-31"], "none"],
  ["Quý I/2026 Hàng quý, 6 tháng, 1 năm", QUARTER_ENDS, "quarterly"],
  ["Tháng 11 hàng năm", ["2026-11-30"], "none"],
  ["Tháng 11\nhàng năm", ["2026-11-30"], "none"],
  ["Tháng 12/2026", ["2026-12-31"], "none"],
  ["Tháng 2", ["2026-02-28"], "none"],
  ["Tháng 3, 6, 9, 12", ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"], "none"],
  ["Tháng 12 năm 2026", ["2026-12-31"], "none"],
  ["14/01/2026", ["2026-01-14"], "none"],
  ["trước ngày 15/12", ["2026-12-15"], "none"],
  ["Trước 30/6/2026", ["2026-06-30"], "none"],
  ["ngày 15 tháng 3 năm 2026", ["2026-03-15"], "none"],
  ["Quý I và 15/10", ["2026-03-31", "2026-10-15"], "none"],
  ["2026 - 2030", ["2026-12-31"], "none"],
];

describe("parseTimeframe: dated phrases", () => {
  for (const [text, dates, recurring] of dated) {
    for (const v of variants(text)) {
      it(JSON.stringify(v), () => {
        const t = parseTimeframe(v, Y);
        expect(t.dueDates).toEqual(dates);
        expect(t.recurring).toBe(recurring);
        expect(t.onDemand).toBe(false);
        expect(t.warnings).toEqual([]);
      });
    }
  }
});

describe("parseTimeframe: previous year", () => {
  for (const v of variants("Quý IV của năm trước")) {
    it(JSON.stringify(v), () => {
      const t = parseTimeframe(v, Y);
      expect(t.dueDates).toEqual(["2025-12-31"]);
      expect(t.warnings.map((w) => w.code)).toEqual(["previousYear"]);
    });
  }
  it("an explicit date of the previous year", () => {
    const t = parseTimeframe("Tháng 12/2025", Y);
    expect(t.dueDates).toEqual(["2025-12-31"]);
    expect(t.warnings[0]).toMatchObject({ code: "previousYear", year: 2025 });
  });
  it("trước ngày 15/12 của năm trước liền kề năm kế hoạch", () => {
    const t = parseTimeframe("trước ngày 15/12 của năm trước liền kề năm kế hoạch", Y);
    expect(t.dueDates).toEqual(["2025-12-15"]);
    expect(t.warnings.map((w) => w.code)).toEqual(["previousYear"]);
  });
  it("a year far from the plan is dropped with a warning", () => {
    const t = parseTimeframe("Quý I/2028", Y);
    expect(t.dueDates).toEqual([]);
    expect(t.warnings[0]).toMatchObject({ code: "outsideYear", year: 2028 });
  });
});

describe("parseTimeframe: on demand", () => {
  const phrases = [
    "Khi có yêu cầu",
    "- Khi có nhu cầu",
    "Theo hướng dẫn của cấp trên",
    "Khi có hướng dẫn của UBND tỉnh",
    "Theo lộ trình",
    "Theo tình hình thực tế",
    "Sau khi có hướng dẫn của Trung ương",
    "Khi có\nyêu cầu",
    "Đột xuất",
  ];
  for (const text of phrases) {
    for (const v of variants(text)) {
      it(JSON.stringify(v), () => {
        const t = parseTimeframe(v, Y);
        expect(t).toEqual({ dueDates: [], occurrences: [], recurring: "none", onDemand: true, warnings: [] });
      });
    }
  }
});

describe("parseTimeframe: text it cannot read", () => {
  for (const text of ["Sớm nhất có thể", "abc", "Quý V", "Tháng 13", "31/02/2026", "??"]) {
    it(JSON.stringify(text), () => {
      const t = parseTimeframe(text, Y);
      expect(t.dueDates).toEqual([]);
      expect(t.onDemand).toBe(false);
      expect(t.warnings.length).toBeGreaterThan(0);
      expect(t.warnings.some((w) => w.text.includes(text) || text.includes(w.text))).toBe(true);
    });
  }
  it("empty text is simply no date", () => {
    expect(parseTimeframe("", Y)).toEqual({
      dueDates: [],
      occurrences: [],
      recurring: "none",
      onDemand: false,
      warnings: [],
    });
  });
  it("labels each occurrence with its period", () => {
    expect(parseTimeframe("Quý II, 6 tháng, Tháng 11, 14/01/2026, Hàng năm", Y).occurrences).toEqual([
      { dueDate: "2026-01-14", period: "2026-01-14" },
      { dueDate: "2026-06-30", period: "2026-Q2" },
      { dueDate: "2026-11-30", period: "2026-M11" },
      { dueDate: "2026-12-31", period: "2026-Y" },
    ]);
  });
});

describe("parseTimeframe: properties", () => {
  const vocabulary = [
    "Quý",
    "quy",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "1",
    "2",
    "4",
    "12",
    "31",
    "/",
    "-",
    "–",
    ",",
    ";",
    "\n",
    " ",
    "Tháng",
    "thang",
    "năm",
    "Hàng",
    "quý",
    "tháng",
    "Thường xuyên",
    "2026",
    "2025",
    "2031",
    "6 tháng",
    "01 năm",
    "ngày",
    "trước",
    "của năm trước",
    "Khi có yêu cầu",
    "Theo lộ trình",
    "và",
    "đến",
    "•",
    "hàng năm",
    "15/12",
    "29/02",
    "0",
    "99/99/9999",
  ];
  const phrase = fc.array(fc.constantFrom(...vocabulary), { maxLength: 12 }).map((parts) => parts.join(" "));
  const text = fc.oneof(phrase, fc.string(), fc.string({ unit: "grapheme", maxLength: 40 }));

  it("never throws and keeps dates in the plan year, or the previous one with a warning", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2000, max: 2100 }), (raw, year) => {
        const t = parseTimeframe(raw, year);
        for (const d of t.dueDates) {
          expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const y = Number(d.slice(0, 4));
          expect([year, year - 1]).toContain(y);
          if (y === year - 1) expect(t.warnings.some((w) => w.code === "previousYear")).toBe(true);
          expect(Number.isNaN(new Date(`${d}T00:00:00Z`).getTime())).toBe(false);
        }
        expect([...t.dueDates].sort()).toEqual(t.dueDates);
        expect(new Set(t.dueDates).size).toBe(t.dueDates.length);
        if (t.onDemand) expect(t.dueDates).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads the same with and without diacritics", () => {
    fc.assert(
      fc.property(phrase, (raw) => {
        expect(parseTimeframe(fold(raw), 2026)).toEqual({ ...parseTimeframe(raw, 2026), warnings: expect.any(Array) });
      }),
      { numRuns: 1000 },
    );
  });
});
