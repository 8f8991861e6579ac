import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { translator } from "../../src/i18n.ts";
import { readTableFile } from "../../src/import/read-table.ts";
import { writeDocx, writeText, writeXlsx } from "../helpers/files.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-read-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const vi = translator("vi");

async function failure(file: string): Promise<string> {
  try {
    await readTableFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).render(vi).join("\n");
  }
  throw new Error("expected a failure");
}

describe("readTableFile", () => {
  it("reads csv with ';' as Vietnamese Excel writes it, and a BOM", async () => {
    const file = writeText(dir, "a.csv", '\uFEFFSTT;Nội dung;Thời gian\n1;"Rà soát; hệ thống hóa";Quý I\n');
    const [sheet] = await readTableFile(file);
    expect(sheet!.rows.map((r) => r.cells)).toEqual([
      ["STT", "Nội dung", "Thời gian"],
      ["1", "Rà soát; hệ thống hóa", "Quý I"],
    ]);
  });
  it("reads csv with commas and line breaks inside quotes", async () => {
    const file = writeText(dir, "b.csv", 'STT,Nội dung,Thời gian\n1,"Rà soát, hệ thống hóa","Quý I,\nQuý II"\n');
    const [sheet] = await readTableFile(file);
    expect(sheet!.rows[1]!.cells).toEqual(["1", "Rà soát, hệ thống hóa", "Quý I,\nQuý II"]);
  });
  it("reads xlsx numbers, dates and merged cells", async () => {
    const file = await writeXlsx(dir, "c.xlsx", [
      ["STT", "Nội dung", "Thời gian"],
      [1, "Việc", "Quý I"],
      ["A", "MỤC", null],
    ]);
    const [sheet] = await readTableFile(file);
    expect(sheet!.rows.map((r) => r.cells)).toEqual([
      ["STT", "Nội dung", "Thời gian"],
      ["1", "Việc", "Quý I"],
      ["A", "MỤC"],
    ]);
  });
  it("reads every table of a docx with its line breaks", async () => {
    const file = await writeDocx(dir, "d.docx", [
      ["STT", "Nội dung", "Thời gian"],
      ["1", "Việc một", "Quý I,\nQuý II"],
    ]);
    const sheets = await readTableFile(file);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]!.rows[1]!.cells).toEqual(["1", "Việc một", "Quý I,\nQuý II"]);
  });

  it("a wrong extension names the file and the types it reads", async () => {
    expect(await failure(writeText(dir, "plan.odt", "x"))).toBe(
      "plan.odt: không đọc được loại tệp “.odt” — hãy dùng .xlsx, .csv, .docx hoặc .pdf",
    );
  });
  it("an old .xls asks to save as .xlsx", async () => {
    expect(await failure(writeText(dir, "plan.xls", "x"))).toContain("lưu lại dạng .xlsx");
  });
  it("an empty file", async () => {
    expect(await failure(writeText(dir, "empty.csv", ""))).toBe("empty.csv: tệp rỗng");
    expect(await failure(writeText(dir, "blank.csv", "\uFEFF \n\n"))).toBe("blank.csv: tệp rỗng");
    expect(await failure(writeText(dir, "empty.xlsx", ""))).toBe("empty.xlsx: tệp rỗng");
  });
  it("a corrupt xlsx", async () => {
    expect(await failure(writeText(dir, "broken.xlsx", "this is not a zip file"))).toMatch(
      /^broken\.xlsx: tệp bị hỏng hoặc không phải Excel \.xlsx/,
    );
  });
  it("a corrupt docx", async () => {
    expect(await failure(writeText(dir, "broken.docx", "PK nope"))).toMatch(
      /^broken\.docx: tệp bị hỏng hoặc không phải Word \.docx/,
    );
  });
  it("a docx with no table", async () => {
    const file = path.join(dir, "notable.docx");
    const { Document, Packer, Paragraph } = await import("docx");
    fs.writeFileSync(
      file,
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Chỉ có chữ")] }] })),
    );
    expect(await failure(file)).toBe("notable.docx: không có bảng nào trong tài liệu");
  });
  it("a missing file", async () => {
    expect(await failure(path.join(dir, "nope.csv"))).toContain("không tìm thấy tệp");
  });
});
