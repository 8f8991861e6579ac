/**
 * Plan shapes an earlier import got wrong (test/fixtures/plans/shapes.ts),
 * each read from every format it comes in: .csv, .xlsx with merged ranges,
 * .docx with vMerge, and the .docx printed to PDF by LibreOffice. Scored on
 * what a reader of the signed report sees: sections, codes, leads,
 * coordinating departments, due dates, and a warning for every task left
 * with no lead or no timeframe.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPlanTable, type PlanDraft } from "../../src/domain/tables/plan.ts";
import { translator } from "../../src/i18n.ts";
import { readTableFile } from "../../src/import/read-table.ts";
import {
  coordinatingInLead,
  mergedDown,
  pageBreakInRow,
  pageBreakInSection,
  restartedNumbering,
  type PlanShape,
} from "../fixtures/plans/shapes.ts";
import { toCsv, writeDocxGrid, writeText, writeXlsx } from "../helpers/files.ts";

const vi = translator("vi");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-shapes-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const FORMATS = ["csv", "xlsx", "docx", "pdf"] as const;
type Format = (typeof FORMATS)[number];

async function fileOf(shape: PlanShape, format: Format): Promise<string> {
  const above = shape.above.map((line) => [line]);
  switch (format) {
    case "csv":
      return writeText(dir, `${shape.name}.csv`, toCsv([...above, [], ...shape.rows]));
    case "xlsx": {
      // The table starts below the lines above it and a blank row: its merges move down as far.
      const offset = above.length + 1;
      const moved = shape.merges.map((m) => m.replace(/\d+/g, (n) => String(Number(n) + offset)));
      return writeXlsx(dir, `${shape.name}.xlsx`, [...above, [], ...shape.rows], moved);
    }
    case "docx":
      return writeDocxGrid(dir, `${shape.name}.docx`, shape.rows, shape.merges, shape.above);
    case "pdf":
      return path.resolve(import.meta.dirname, `../fixtures/plans/${shape.name}.pdf`);
  }
}

async function draftOf(shape: PlanShape, format: Format): Promise<PlanDraft> {
  const r = readPlanTable(await readTableFile(await fileOf(shape, format)), { file: "kh", planYear: 2026 });
  if (!r.ok) throw new Error(r.errors.map((e) => vi(e.key, e.params)).join("\n"));
  return r.value;
}

const TCHC = "Phòng Tổ chức - Hành chính";
const KHNV = "Phòng Kế hoạch - Nghiệp vụ";

describe.each(FORMATS)("plan shapes in %s", (format) => {
  it("sections numbered 1, 2, 3 whose tasks are numbered from 1 again: each task under its section, codes unique", async () => {
    const d = await draftOf(restartedNumbering, format);
    expect(d.areas.map((a) => `${a.path} ${a.title}`)).toEqual([
      "1 CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
      "2 CẢI CÁCH THỂ CHẾ",
      "3 CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)",
    ]);
    expect(d.tasks.map((t) => [t.ref, t.code, t.areaPath, t.parsed.dueDates.length])).toEqual([
      ["1.1", "1", "1", 1],
      ["1.2", "2", "1", 4],
      ["2.1", "1", "2", 1],
      ["2.2", "2", "2", 4],
      ["3.1", "1", "3", 1],
      ["3.2", "2", "3", 2],
      ["3.3", "3", "3", 1],
      ["3.4", "4", "3", 1],
    ]);
    expect(d.tasks.find((t) => t.ref === "3.4")!.parsed.dueDates).toEqual(["2026-11-30"]);
    expect(d.warnings).toEqual([]);
    // Its heading, not the first sentence of the preamble ("Căn cứ Kế hoạch số…").
    expect(d.title).toBe("KẾ HOẠCH Cải cách hành chính năm 2026");
  });

  it("a lead, coordinating or timeframe cell merged down over several activities belongs to each", async () => {
    const d = await draftOf(mergedDown, format);
    const read = d.tasks.map((t) => [t.ref, t.lead, t.coordinating, t.parsed.dueDates.join(" ")]);
    if (format === "csv") {
      // A .csv keeps no merges: what the rows below lost is said, row by row, never left silent.
      expect(read).toEqual([
        ["I.1", TCHC, "Các khoa, phòng", "2026-06-30"],
        ["I.2", "", "", ""],
        ["I.3", "", "", "2026-12-31"],
        ["II.1", KHNV, TCHC, "2026-03-31"],
        ["II.2", "", "", ""],
      ]);
      expect(d.warnings.map((w) => vi(w.key, w.params))).toEqual([
        "kh, dòng 11, cột D (Chủ trì): nhiệm vụ I.2 không có đơn vị chủ trì — chưa giao cho ai; ghi tên khoa/phòng vào ô này rồi nhập lại",
        'kh, dòng 11, cột F (Thời gian thực hiện): nhiệm vụ I.2 không có thời gian thực hiện — sẽ không có hạn nào; ghi thời gian ("Quý II", "Thường xuyên", "Khi có yêu cầu"…) rồi nhập lại',
        "kh, dòng 12, cột D (Chủ trì): nhiệm vụ I.3 không có đơn vị chủ trì — chưa giao cho ai; ghi tên khoa/phòng vào ô này rồi nhập lại",
        "kh, dòng 15, cột D (Chủ trì): nhiệm vụ II.2 không có đơn vị chủ trì — chưa giao cho ai; ghi tên khoa/phòng vào ô này rồi nhập lại",
        'kh, dòng 15, cột F (Thời gian thực hiện): nhiệm vụ II.2 không có thời gian thực hiện — sẽ không có hạn nào; ghi thời gian ("Quý II", "Thường xuyên", "Khi có yêu cầu"…) rồi nhập lại',
      ]);
      return;
    }
    expect(read).toEqual([
      ["I.1", TCHC, "Các khoa, phòng", "2026-06-30"],
      ["I.2", TCHC, "Các khoa, phòng", "2026-06-30"],
      ["I.3", TCHC, "", "2026-12-31"],
      ["II.1", KHNV, TCHC, "2026-03-31"],
      ["II.2", KHNV, TCHC, "2026-03-31"],
    ]);
    expect(d.warnings).toEqual([]);
  });

  it("coordinating departments written in the lead cell coordinate; they are not a second lead", async () => {
    const d = await draftOf(coordinatingInLead, format);
    expect(d.tasks.map((t) => [t.ref, t.lead, t.coordinating])).toEqual([
      ["I.1", TCHC, "các phòng chuyên môn"],
      ["I.2", "Phòng Điều dưỡng", KHNV],
      ["I.3", KHNV, TCHC],
      ["I.4", TCHC, KHNV],
    ]);
    expect(d.title).toBe("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026");
    expect(d.warnings).toEqual([]);
  });

  it.each([pageBreakInSection, pageBreakInRow])(
    "a page break inside a row ($name): the section title and the task's cells are joined, nothing else is made",
    async (shape) => {
      const d = await draftOf(shape, format);
      expect(d.areas.map((a) => `${a.path} ${a.title}`)).toEqual([
        "I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH; NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC VÀ XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ TRONG TOÀN ĐƠN VỊ",
      ]);
      expect(d.tasks).toHaveLength(10);
      expect(d.tasks.map((t) => t.lead)).toEqual(Array(10).fill(TCHC));
      expect(d.tasks.at(-1)).toMatchObject({
        ref: "II.1",
        content: "Rà soát vị trí việc làm",
        product: "Đề án",
        lead: TCHC,
        timeframe: "Quý III",
      });
      expect(d.tasks.at(-2)).toMatchObject({
        ref: "I.9",
        content: "Nhiệm vụ 9: rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết",
      });
      expect(d.warnings).toEqual([]);
    },
  );
});
