import { describe, expect, it } from "vitest";
import { expectedEvidence, isEvidenceFile, isSkip, isUndo, readReference } from "../../src/domain/evidence.ts";

describe("a document reference typed as evidence", () => {
  it.each([
    ["Kế hoạch số 12/KH-TTYT ngày 15/01/2026", { number: "12/KH-TTYT", date: "2026-01-15" }],
    ["KH 12/KH-TTYT ngay 15/1/2026", { number: "12/KH-TTYT", date: "2026-01-15" }],
    ["Quyết định 1234/QĐ-UBND ngày 3 tháng 6 năm 2026", { number: "1234/QĐ-UBND", date: "2026-06-03" }],
    ["quyet dinh so 1234/QD-UBND ngay 3 thang 6 nam 2026", { number: "1234/QD-UBND", date: "2026-06-03" }],
    ["Báo cáo số 45/BC-TTYT, 30/06/2026", { number: "45/BC-TTYT", date: "2026-06-30" }],
    ["Nghị định 15/2026/NĐ-CP ngày 10.02.2026", { number: "15/2026/NĐ-CP", date: "2026-02-10" }],
  ])("%s", (text, expected) => {
    expect(readReference(text)).toEqual(expected);
  });

  it.each([
    ["đã gửi rồi nhé"],
    ["15/01/2026"],
    ["Kế hoạch số 12/KH-TTYT"],
    ["số 12/2026 ngày 15/01/2026"],
    ["Kế hoạch số 12/KH-TTYT ngày 31/02/2026"],
    ["xong"],
  ])("not a reference: %s", (text) => {
    expect(readReference(text)).toBeNull();
  });
});

describe("words and files", () => {
  it("bỏ qua and hoàn tác, with or without accents", () => {
    for (const s of ["bỏ qua", "Bo qua", "BỎ QUA.", "skip"]) expect(isSkip(s)).toBe(true);
    for (const s of ["bỏ", "qua", "bỏ qua đi mà"]) expect(isSkip(s)).toBe(false);
    for (const s of ["hoàn tác", "Hoan tac", "undo"]) expect(isUndo(s)).toBe(true);
    expect(isUndo("hoàn thành")).toBe(false);
  });
  it("photos, PDF, Word and Excel count; other files do not", () => {
    expect(isEvidenceFile("ke-hoach.pdf", "document")).toBe(true);
    expect(isEvidenceFile("BC.DOCX", "document")).toBe(true);
    expect(isEvidenceFile("anh", "photo")).toBe(true);
    expect(isEvidenceFile("virus.exe", "document")).toBe(false);
    expect(isEvidenceFile("ghi-chu.txt", "document")).toBe(false);
  });
  it("the expected evidence is the product column's first line", () => {
    expect(expectedEvidence("- Kế hoạch\n- Báo cáo")).toBe("Kế hoạch");
    expect(expectedEvidence(null)).toBeNull();
    expect(expectedEvidence("  ")).toBeNull();
  });
});
