/**
 * The signed copy of a plan, printed to PDF, imports like the .docx it was
 * printed from (examples/build-pdf.ts makes both): the same tasks, sections,
 * texts, departments and due dates, the same warnings. A scan, with no text
 * layer, is refused in one line that says to send the .docx or .xlsx.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PlanDraft } from "../../src/domain/tables/plan.ts";
import { planWarnings } from "../../src/domain/tables/plan.ts";
import { UserError } from "../../src/errors.ts";
import { translator } from "../../src/i18n.ts";
import { importPlanFile, readPlanFile } from "../../src/import/imports.ts";
import { readTableBuffer } from "../../src/import/read-table.ts";
import { example, freshDb, snapshot, type TestDb } from "../helpers/db.ts";

const vi = translator("vi");
const UNIT = "Trung tâm Y tế khu vực Yên Bái";
const NOW = new Date("2026-01-12T02:00:00Z");

/** What a plan says, with line breaks and runs of spaces as one space: a PDF cannot tell a wrapped line from a break. */
function gist(d: PlanDraft) {
  const flat = (s: string) => s.replace(/\s+/g, " ").trim();
  return {
    title: d.title,
    areas: d.areas.map((a) => [a.path, a.title]),
    tasks: d.tasks.map((x) => ({
      ref: x.ref,
      content: flat(x.content),
      product: flat(x.product),
      lead: flat(x.lead),
      coordinating: flat(x.coordinating),
      due: x.parsed.dueDates,
      onDemand: x.parsed.onDemand,
    })),
    warnings: planWarnings(d).map((w) => vi(w.key, { ...w.params, file: "" })),
  };
}

describe("a plan printed to PDF", () => {
  it("reads as its .docx does: every task, section, text, department and due date", async () => {
    const [pdf, docx] = await Promise.all([
      readPlanFile(example("yen-bai-2026-plan.pdf"), 2026),
      readPlanFile(example("yen-bai-2026-plan.docx"), 2026),
    ]);
    expect(pdf.tasks).toHaveLength(38);
    expect(gist(pdf)).toEqual(gist(docx));
    // Three tasks run over a page break, under the header printed again: each is one task, its text whole.
    expect(pdf.tasks.filter((x) => x.continuationRows.length).map((x) => x.ref)).toEqual(["B.I.2", "B.IV.3", "B.VI.5"]);
    expect(pdf.tasks.find((x) => x.ref === "B.IV.3")?.content.replace(/\s+/g, " ")).toMatch(
      /^Nâng cao chất lượng công tác đào tạo, .* đáp ứng yêu cầu CCHC, chuyển đổi số;$/,
    );
  });

  let t: TestDb;
  beforeEach(async () => (t = await freshDb()));
  afterEach(async () => t.close());

  it("imports into the database with its departments matched, like the .docx", async () => {
    const r = await importPlanFile(t.db, {
      file: example("yen-bai-2026-plan.pdf"),
      year: 2026,
      unitName: UNIT,
      now: NOW,
    });
    expect(r.tasks).toBe(38);
    expect(await t.db.task.count()).toBe(38);
  });

  it("a scan is refused in one line asking for the .docx or .xlsx, and nothing is written", async () => {
    const fs = await import("node:fs");
    const before = await snapshot(t.db);
    const e = await readTableBuffer("ke-hoach-scan.pdf", fs.readFileSync(example("scanned-plan.pdf"))).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).render(vi)).toEqual([
      "ke-hoach-scan.pdf: bản PDF này là ảnh chụp (bản scan), không có chữ để đọc — hãy gửi bản .docx hoặc .xlsx của kế hoạch",
    ]);
    const broken = await readTableBuffer("hong.pdf", Buffer.from("%PDF-1.4 not really")).catch((x: unknown) => x);
    expect((broken as UserError).render(vi)).toEqual([
      "hong.pdf: tệp bị hỏng hoặc không phải PDF — hãy mở tệp bằng Excel/Word, lưu lại rồi gửi lại",
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });
});
