/**
 * A criteria set in the database, on either provider: its departments matched
 * by name, a unit under a Sở scoring by the Sở's set, a re-import keeping the
 * scores of the criteria that stay.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCriteriaTable } from "../../src/domain/tables/criteria.ts";
import { readTableFile } from "../../src/import/read-table.ts";
import { recordSelfScore, saveCriteriaSet, unitCriteria } from "../../src/store/evaluation/criteria.ts";
import { addUnit } from "../../src/store/province/units.ts";
import { NOW, seedSmallPlan, UNIT } from "../helpers/bot.ts";
import { eachTestDb } from "../helpers/db.ts";
import { toCsv, writeText } from "../helpers/files.ts";

const t = eachTestDb(seedSmallPlan);
const now = new Date(NOW);
const EXAMPLE = path.resolve(import.meta.dirname, "../../examples/chi-so-cchc-2026-tieu-chi.csv");

async function draft(file: string) {
  const r = readCriteriaTable(await readTableFile(file), { file: path.basename(file) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe("criteria sets", () => {
  it("a unit scores by its Sở's set; departments are matched by name; a re-import keeps the scores that stay", async () => {
    const so = "Sở Y tế Thử nghiệm";
    await addUnit(t.db, { name: so });
    await addUnit(t.db, { name: UNIT, parent: so });
    const r = await saveCriteriaSet(t.db, {
      unitName: so,
      year: 2026,
      title: "Bộ tiêu chí 2026",
      sourceFile: "x.csv",
      draft: await draft(EXAMPLE),
      now,
    });
    expect(r).toEqual({ criteria: 41, scoresKept: 0 });
    const set = (await unitCriteria(t.db, UNIT, 2026))!;
    expect([set.owner, set.items.length]).toEqual([so, 41]);
    const by = (await t.db.staff.findFirstOrThrow()).id;
    const item = set.items.find((i) => i.ref === "I.1.1")!;
    await recordSelfScore(t.db, {
      criterionId: item.id,
      unitName: UNIT,
      score: 1,
      evidence: "KH 12",
      explanation: null,
      byId: by,
      now,
    });
    // Again, with a new score: one row, the latest.
    await recordSelfScore(t.db, {
      criterionId: item.id,
      unitName: UNIT,
      score: 0.5,
      evidence: "KH 12",
      explanation: null,
      byId: by,
      now,
    });
    expect((await unitCriteria(t.db, UNIT, 2026))!.items.find((i) => i.ref === "I.1.1")!.score?.value).toBe(0.5);

    // The Sở's set again with one criterion gone: the others' scores stay.
    const smaller = writeText(
      t.dir,
      "smaller.csv",
      toCsv([
        ["STT", "Tiêu chí", "Điểm tối đa"],
        ["I", "Chỉ đạo", "2"],
        ["1.1", "Kế hoạch", "1"],
        ["1.2", "Báo cáo", "1"],
      ]),
    );
    const again = await saveCriteriaSet(t.db, {
      unitName: so,
      year: 2026,
      title: "Bộ tiêu chí 2026",
      sourceFile: "y.csv",
      draft: await draft(smaller),
      now,
    });
    expect(again).toEqual({ criteria: 3, scoresKept: 1 });
    expect(await t.db.criteriaSet.count()).toBe(1);

    // A unit's own set, where the Sở has none for that year; its departments are the unit's own.
    const own = writeText(
      t.dir,
      "own.csv",
      toCsv([
        ["STT", "Tiêu chí", "Điểm tối đa", "Đơn vị phụ trách"],
        ["1", "Kiểm kê", "2", "Khoa Dược"],
      ]),
    );
    await saveCriteriaSet(t.db, {
      unitName: UNIT,
      year: 2027,
      title: "2027",
      sourceFile: "own.csv",
      draft: await draft(own),
      now,
    });
    const c = await t.db.criterion.findFirstOrThrow({ where: { set: { year: 2027 } }, include: { department: true } });
    expect(c.department?.name).toBe("Khoa Dược");
    expect((await unitCriteria(t.db, UNIT, 2027))!.owner).toBe(UNIT);
  });
});

describe("the evidence pack of the self-assessment", () => {
  it("a folder per criterion with the files sent for it, the table as its index naming each file; the same bytes kept once", async () => {
    const fs = await import("node:fs");
    const ExcelJS = (await import("exceljs")).default;
    const { addScoreFile, scoreFiles } = await import("../../src/store/evaluation/criteria.ts");
    const { writeScorePack } = await import("../../src/reports/score-pack.ts");
    const { translator } = await import("../../src/i18n.ts");
    const { zipEntries } = await import("../helpers/zip.ts");
    await saveCriteriaSet(t.db, {
      unitName: UNIT,
      year: 2026,
      title: "Bộ tiêu chí 2026",
      sourceFile: "x.csv",
      draft: await draft(EXAMPLE),
      now,
    });
    const set = (await unitCriteria(t.db, UNIT, 2026))!;
    const item = set.items.find((i) => i.ref === "I.3.2")!;
    const pdf = Buffer.from("%PDF-1.4 biên bản");
    for (const name of ["bien-ban.pdf", "bien-ban.pdf", "ảnh hiện trường.jpg"])
      await addScoreFile(t.db, {
        criterionId: item.id,
        unitName: UNIT,
        fileName: name,
        mime: "application/pdf",
        data: pdf,
        byId: 1,
        now,
      });
    expect(await t.db.evidenceFile.count()).toBe(1);
    const files = await scoreFiles(t.db, { setId: set.setId, unitName: UNIT });
    const out = path.join(t.dir, "pack.zip");
    const count = await writeScorePack(
      t.db,
      translator("vi"),
      { unit: UNIT, year: 2026, title: set.title, items: set.items, files },
      fs.createWriteStream(out),
    );
    expect(count).toBe(3);
    const entries = await zipEntries(out);
    const folder = "I.3.2 Tỷ lệ khoa phòng được kiểm tra trong năm";
    expect([...entries.keys()].sort()).toEqual(
      [
        `${folder}/bien-ban.pdf`,
        `${folder}/bien-ban (2).pdf`,
        `${folder}/ảnh hiện trường.jpg`,
        "Bang tu cham diem.xlsx",
      ].sort(),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get("Bang tu cham diem.xlsx")! as unknown as ArrayBuffer);
    const rows = [...wb.worksheets[0]!.getSheetValues()].map((r) => (Array.isArray(r) ? r.join("|") : ""));
    expect(rows.find((r) => r.includes("I.3.2"))).toContain(`${folder}/bien-ban (2).pdf`);
  });
});
