/**
 * The documents as a reader gets them: each kind rendered by LibreOffice to
 * PDF and read back with poppler, as the office that prints and signs it
 * would see it. The example unit in the middle of its year (the demo) under
 * a Sở that has its own settings. Page 1 of each is kept as a PNG under the
 * folder the test prints, to be looked at.
 *
 * Needs soffice and pdftotext (.ci/run installs them); without them, outside
 * CI, the suite says so and skips.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/demo/seed.ts";
import { translator } from "../../src/i18n.ts";
import { buildReport } from "../../src/reports/build.ts";
import { reportWindow } from "../../src/domain/report-period.ts";
import { saveSetting } from "../../src/store/settings/settings.ts";
import { addUnit } from "../../src/store/province/units.ts";
import { freshDb } from "../helpers/db.ts";
import { zipEntries } from "../helpers/zip.ts";
import { writeEvidenceZip } from "../../src/reports/evidence-zip.ts";
import { importCriteriaFile } from "../../src/import/imports.ts";
import { recordSelfScore, unitCriteria } from "../../src/store/evaluation/criteria.ts";
import { scoredLines } from "../../src/domain/score-totals.ts";
import { loadDocument } from "../../src/reports/data.ts";
import { selfAssessmentDocx } from "../../src/reports/self-assessment.ts";
import { ratingDocx } from "../../src/reports/rating.ts";
import { rankingDocx } from "../../src/reports/ranking.ts";
import { bandOf, blend, DEFAULT_BANDS, parseBands, rate } from "../../src/domain/rating.ts";
import { submitAssessment, unitScoreCards } from "../../src/store/evaluation/criteria.ts";

const has = (cmd: string, flag: string) => spawnSync(cmd, [flag], { stdio: "ignore" }).status === 0;
const TOOLS = has("soffice", "--version") && has("pdftotext", "-v");
if (!TOOLS && process.env.CI) throw new Error("CI must render the documents: install libreoffice and poppler-utils");
if (!TOOLS) console.log("render: soffice or pdftotext missing, documents not rendered (CI installs them)");

const vi = translator("vi");
const UNIT = "Trung tâm Y tế khu vực Yên Bái";
const SO = "Sở Y tế tỉnh Lào Cai";
const TODAY = "2026-12-05";
/** Its own folder each run: two runs at once (CI beside a developer's) never read each other's PDFs. */
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-render-"));

/** Each document's text, page by page, and its page count. */
interface Rendered {
  pages: string[];
  /** The text in reading order, a table's cells one after another: for what runs across the page. */
  plain: string;
}

async function renderAll(): Promise<Record<string, Rendered>> {
  const t = await freshDb();
  try {
    await addUnit(t.db, { name: SO });
    await addUnit(t.db, { name: UNIT, parent: SO });
    await seedDemo(t.db, vi, {
      unitName: UNIT,
      year: 2026,
      now: new Date(`${TODAY}T02:00:00Z`),
      tz: "Asia/Ho_Chi_Minh",
    });
    const so = {
      addressees: "UBND tỉnh Lào Cai; Sở Nội vụ tỉnh Lào Cai",
      deputyTitle: "Phó Giám đốc",
      leaderName: "Nguyễn Văn Sơn",
    };
    for (const [key, value] of Object.entries(so)) await saveSetting(t.db, SO, key, value);
    const docs: Record<string, { unitName: string; kind: "q4" | "year" }> = {
      "unit-q4": { unitName: UNIT, kind: "q4" },
      "unit-year": { unitName: UNIT, kind: "year" },
      "so-q4": { unitName: SO, kind: "q4" },
    };
    for (const [name, q] of Object.entries(docs)) {
      const built = await buildReport(t.db, vi, {
        unitName: q.unitName,
        window: reportWindow(q.kind, 2026),
        format: "docx",
        today: TODAY,
        tz: "Asia/Ho_Chi_Minh",
      });
      fs.writeFileSync(path.join(OUT, `${name}.docx`), built.data);
    }
    // The unit's self-assessment against the Sở's criteria set: some scored with evidence, one explained, the rest open.
    await importCriteriaFile(t.db, {
      file: path.resolve(import.meta.dirname, "../../examples/chi-so-cchc-2026-tieu-chi.csv"),
      unitName: SO,
      year: 2026,
      now: new Date(`${TODAY}T02:00:00Z`),
      defaultTitle: "Bộ tiêu chí Chỉ số CCHC năm 2026",
    });
    const set = (await unitCriteria(t.db, UNIT, 2026))!;
    const byId = (await t.db.staff.findFirstOrThrow({ where: { unit: { name: UNIT } } })).id;
    for (const [i, item] of scoredLines(set.items).entries()) {
      if (i >= 20) break;
      await recordSelfScore(t.db, {
        criterionId: item.id,
        unitName: UNIT,
        score: item.steps[0] ?? item.max,
        evidence: i === 3 ? null : `Văn bản số ${i + 10}/KH-TTYT`,
        explanation: i === 3 ? "Kế hoạch đang trình ký, bổ sung trước 20/12/2026" : null,
        byId,
        now: new Date(`${TODAY}T02:00:00Z`),
      });
    }
    const mine = (await unitCriteria(t.db, UNIT, 2026))!;
    const { unitName, doc } = await loadDocument(t.db, UNIT);
    fs.writeFileSync(
      path.join(OUT, "self-assessment.docx"),
      await selfAssessmentDocx(vi, {
        unitName,
        doc,
        today: TODAY,
        year: 2026,
        title: mine.title,
        owner: mine.owner,
        items: mine.items,
      }),
    );
    // The Sở's rating of its units, from the default bands, once the unit sent its self-assessment.
    await submitAssessment(t.db, {
      setId: mine.setId,
      unitName: UNIT,
      total: 0,
      byId,
      now: new Date(`${TODAY}T02:00:00Z`),
    });
    const cards = (await unitScoreCards(t.db, SO, 2026))!;
    const max = cards.areas.reduce((n, a) => n + a.max, 0);
    const bands = parseBands(DEFAULT_BANDS)!;
    const body = await loadDocument(t.db, SO);
    fs.writeFileSync(
      path.join(OUT, "rating.docx"),
      await ratingDocx(vi, {
        ...body,
        today: TODAY,
        year: 2026,
        max,
        // With the on-time rate weighed in: the wider table of six columns.
        lines: cards.units.map((u, i) => {
          const onTime = 90 - i * 7.5;
          const percent = blend(rateOf(u.total, max, bands).percent, onTime, 30)!;
          return { unit: u.unit, score: u.total, onTime, percent, band: bandOf(percent, bands) };
        }),
        of: "units",
        onTimeWeight: 30,
      }),
    );
    // The ranking to sign: eight areas in narrow columns on the portrait page.
    fs.writeFileSync(
      path.join(OUT, "ranking.docx"),
      await rankingDocx(vi, {
        ...body,
        today: TODAY,
        year: 2026,
        areas: cards.areas,
        ranked: cards.units.map((item, i) => ({ rank: i + 1, item })),
      }),
    );
    // The evidence pack's index, as the admin opens it from the zip.
    const zip = path.join(OUT, "minh-chung.zip");
    await writeEvidenceZip(
      t.db,
      vi,
      { unitName: UNIT, window: reportWindow("year", 2026), today: TODAY, tz: "Asia/Ho_Chi_Minh" },
      fs.createWriteStream(zip),
    );
    fs.writeFileSync(path.join(OUT, "evidence-index.xlsx"), (await zipEntries(zip)).get("Danh mục minh chứng.xlsx")!);
  } finally {
    await t.close();
  }
  const names = ["unit-q4", "unit-year", "so-q4", "evidence-index", "self-assessment", "rating", "ranking"];
  // One LibreOffice for all: its start is most of the cost. Its own profile, so a desktop one is not touched.
  const lo = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(OUT, "profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      OUT,
      ...names.map((n) => path.join(OUT, n === "evidence-index" ? `${n}.xlsx` : `${n}.docx`)),
    ],
    { encoding: "utf8", timeout: 240_000 },
  );
  if (lo.status !== 0) throw new Error(`soffice: ${lo.stderr}`);
  const out: Record<string, Rendered> = {};
  for (const n of names) {
    const pdf = path.join(OUT, `${n}.pdf`);
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).stdout;
    spawnSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, path.join(OUT, `${n}-page1`)]);
    const plain = spawnSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" }).stdout;
    out[n] = { pages: text.split("\f").filter((p, i, all) => p.trim() || i < all.length - 1), plain };
  }
  console.log(`render: PDFs and page-1 PNGs in ${OUT}`);
  return out;
}

const rateOf = (score: number, max: number, bands: ReturnType<typeof parseBands> & object) => {
  const r = rate(score, max, bands);
  return { percent: r.percent, band: r.band };
};
const all = (doc: Rendered) => doc.pages.join("\n");
/** Justified lines come out of pdftotext with spaces inside words ("bi ểu m ẫu"): compared without any. */
const squash = (text: string) => text.replace(/\s+/g, "");

/** The lines of a page, each trimmed, blank ones dropped; a layout column's words joined by single spaces. */
const lines = (page: string) =>
  page
    .split("\n")
    .map((l) => l.trim().replace(/\s{2,}/g, " | "))
    .filter(Boolean);

describe.skipIf(!TOOLS)("the documents as rendered", () => {
  let r: Record<string, Rendered>;
  it("render", { timeout: 300_000 }, async () => {
    r = await renderAll();
    expect(Object.keys(r)).toHaveLength(7);
  });

  it("a unit's report: its heading, number, place and date, addressee, page numbers, signature", () => {
    for (const name of ["unit-q4", "unit-year"]) {
      const doc = r[name]!;
      const first = lines(doc.pages[0]!);
      // The body above, then the unit's name broken after its kind of body, never mid-phrase.
      expect(first[0]).toMatch(/^SỞ Y TẾ TỈNH LÀO CAI \| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
      expect(first[1]).toMatch(/^TRUNG TÂM Y TẾ \| Độc lập - Tự do - Hạnh phúc$/);
      expect(first[2]).toMatch(/^KHU VỰC YÊN BÁI( \||$)/);
      expect(doc.pages[0]).toMatch(/Số: +\/BC-TTYT/);
      expect(doc.pages[0]).toContain("Yên Bái, ngày 05 tháng 12 năm 2026");
      expect(doc.pages[0]).toContain("Kính gửi: Sở Y tế tỉnh Lào Cai.");
      // No page number on page 1; page 2 opens with its number, alone on its line.
      expect(first.some((l) => l === "1")).toBe(false);
      expect(lines(doc.pages[1]!)[0]).toBe("2");
      expect(all(doc)).toContain("GIÁM ĐỐC");
      expect(all(doc)).toContain("Trần Quang Mạnh");
      expect(all(doc)).not.toContain("Ký, ghi rõ");
      // No stray punctuation carried from the plan's cells: "; (", ".:", "))", ";;", "1.1. - ".
      expect(doc.plain).not.toMatch(/; \(|\.: |\)\)|;;|\d\. - /);
      // Part III of a year-end report: next year's plan is not in the bot yet, and it says so.
      expect(squash(all(doc))).toContain(squash("Kế hoạch CCHC năm 2027 chưa được nhập vào bot"));
      // The quarter's report at year end fits in 10 pages; the year's, in 20.
      expect(doc.pages.length).toBeLessThanOrEqual(name === "unit-q4" ? 10 : 20);
    }
  });

  it("a Sở's own report: the People's Committee above it, its own number, its addressees, signed by a deputy", () => {
    const doc = r["so-q4"]!;
    const first = lines(doc.pages[0]!);
    expect(first[0]).toMatch(/^UBND TỈNH LÀO CAI \| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    expect(first[1]).toMatch(/^SỞ Y TẾ \| Độc lập - Tự do - Hạnh phúc$/);
    expect(doc.pages[0]).toMatch(/Số: +\/BC-SYT/);
    expect(doc.pages[0]).toContain("Lào Cai, ngày 05 tháng 12 năm 2026");
    expect(doc.pages[0]).toMatch(/Kính gửi:\s+- UBND tỉnh Lào Cai;\s+- Sở Nội vụ tỉnh Lào Cai\./);
    // Nothing of its own fell due: no "0 lượt … 0%" but what it means.
    expect(doc.pages[0]).toContain("chưa có nhiệm vụ nào đến hạn");
    expect(doc.plain).not.toMatch(/; \(|\.: |\)\)|;;|\d\. - /);
    expect(all(doc)).not.toMatch(/Kính gửi: Sở Y tế/);
    expect(all(doc)).toMatch(/KT\. GIÁM ĐỐC[\s\S]*PHÓ GIÁM ĐỐC[\s\S]*Nguyễn Văn Sơn/);
    expect(all(doc)).toContain("Lãnh đạo Sở");
    expect(lines(doc.pages[1]!)[0]).toBe("2");
  });

  it("the evidence pack's index: its columns, the documents named, the work done without evidence said", () => {
    const doc = r["evidence-index"]!;
    const text = squash(all(doc));
    for (const column of ["task", "content", "product", "reference", "file", "who", "when"].map((k) =>
      vi(`evidence.zip.columns.${k}`),
    ))
      expect(text).toContain(squash(column));
    expect(text).toMatch(/\d+\/(KH|BC)-TTYT/);
    expect(text).toContain(squash("chưa có minh chứng"));
    // A list to print: every page as wide as the table, the header on each.
    expect(doc.pages.length).toBeLessThanOrEqual(12);
  });

  it("the self-assessment report: Decree 30 heading, the score table to 100 points, the explanation, the open criteria", () => {
    const doc = r["self-assessment"]!;
    const first = lines(doc.pages[0]!);
    expect(first[0]).toMatch(/^SỞ Y TẾ TỈNH LÀO CAI \| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    const text = squash(all(doc));
    expect(text).toContain(squash("Kết quả tự đánh giá, chấm điểm xác định Chỉ số cải cách hành chính năm 2026"));
    expect(text).toContain(squash("Kính gửi: Sở Y tế tỉnh Lào Cai."));
    expect(text).toMatch(/Tổngcộng100\d/);
    expect(text).toContain(squash("Kế hoạch đang trình ký, bổ sung trước 20/12/2026"));
    expect(text).toContain(squash("chưa chấm điểm"));
    expect(text).not.toContain(squash("Ký, ghi rõ"));
    expect(lines(doc.pages[1]!)[0]).toBe("2");
    expect(doc.pages.length).toBeLessThanOrEqual(8);
  });

  it("the rating document: Decree 30 heading of the Sở, each unit with its score, on-time rate, share and rating, signed", () => {
    const doc = r["rating"]!;
    const first = lines(doc.pages[0]!);
    expect(first[0]).toMatch(/^UBND TỈNH LÀO CAI \| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    expect(first[1]).toMatch(/^SỞ Y TẾ \| Độc lập - Tự do - Hạnh phúc$/);
    const text = squash(all(doc));
    expect(text).toContain(squash("Kết quả xếp loại Chỉ số cải cách hành chính năm 2026 các đơn vị trực thuộc"));
    expect(text).toContain(squash("Trung tâm Y tế khu vực Yên Bái"));
    // Score, on-time rate, the blended share, the rating.
    expect(text).toMatch(/Trungtâm.*Yên.*Bái\d+(,\d+)?\d+(,\d+)?%\d+(,\d+)?%(Xuấtsắc|Tốt|Khá|Trungbình|Yếu)/u);
    expect(text).toContain(squash("tính 30% theo tỷ lệ nhiệm vụ CCHC hoàn thành đúng hạn"));
    expect(text).toMatch(/KT\.GIÁMĐỐC.*PHÓGIÁMĐỐC.*NguyễnVănSơn/su);
  });

  it("the ranking document: the Sở's heading, each unit with its rank, total and every area's points, on one portrait page", () => {
    const doc = r["ranking"]!;
    expect(doc.pages.length).toBe(1);
    const text = squash(all(doc));
    expect(text).toContain(squash("Kết quả xếp hạng Chỉ số cải cách hành chính năm 2026 các đơn vị trực thuộc"));
    // Every area's column, headed by its code and maximum; the unit's row ends with its state.
    expect(text).toMatch(/IIIIIIVVVIVIIVIII/u);
    expect(text).toMatch(/Trungtâm[^Đ]*\d+Đãnộp/u);
  });
});
