/** The period's evidence: in both report files, in the zip for the assessment council, and in a backup. */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { reportWindow } from "../../src/domain/report-period.ts";
import { translator } from "../../src/i18n.ts";
import { loadReportData } from "../../src/reports/data.ts";
import { writeEvidenceZip } from "../../src/reports/evidence-zip.ts";
import { reportDocx, reportXlsx } from "../../src/reports/export.ts";
import { backupDatabase } from "../../src/store/db/backup.ts";
import { addEvidenceFile, addEvidenceReference } from "../../src/store/evidence/evidence.ts";
import { changeStatus } from "../../src/store/work/status.ts";
import { NOW, PEOPLE, seedSmallPlan, startConsole, UNIT } from "../helpers/bot.ts";
import { eachTestDb, onPostgres } from "../helpers/db.ts";
import { annexRow } from "../helpers/annex.ts";
import { zipEntries } from "../helpers/zip.ts";

const t = eachTestDb(seedSmallPlan);

const vi = translator("vi");
const now = new Date(NOW);
const q = () => ({ unitName: UNIT, window: reportWindow("year", 2026), today: "2026-11-25", tz: "Asia/Ho_Chi_Minh" });
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(100 * 1024, 3)]);

/** Chi's I.3 done with a file and a reference; An's I.1 done with none. */
async function evidence(): Promise<void> {
  for (const [who, ref] of [
    ["chi", "I.3"],
    ["an", "I.1"],
  ] as const) {
    const a = await t.db.assignment.findFirstOrThrow({
      where: { staff: { name: PEOPLE[who].name }, occurrence: { task: { ref } } },
    });
    expect(
      await changeStatus(t.db, {
        assignmentId: a.id,
        staffId: a.staffId,
        from: a.status,
        to: "DONE",
        channel: "test",
        now,
      }),
    ).toBe(true);
    if (who === "chi") {
      await addEvidenceFile(t.db, {
        assignmentId: a.id,
        staffId: a.staffId,
        channel: "test",
        now,
        fileName: "Biên bản kiểm kê.pdf",
        mime: "application/pdf",
        data: PDF,
      });
      await addEvidenceReference(t.db, {
        assignmentId: a.id,
        staffId: a.staffId,
        channel: "test",
        now,
        reference: "Biên bản số 12/BB-KD ngày 20/11/2026",
        docNumber: "12/BB-KD",
        docDate: "2026-11-20",
      });
    }
  }
}

describe("evidence in the period's files", () => {
  it("the zip holds each file under its area and task, and an index naming every task done, with or without evidence", async () => {
    await evidence();
    const file = path.join(t.dir, "minh-chung.zip");
    const r = await writeEvidenceZip(t.db, vi, q(), fs.createWriteStream(file));
    expect(r).toEqual({ files: 1, references: 1, missing: 1 });
    const entries = await zipEntries(file);
    const pdf = [...entries.keys()].find((k) => k.endsWith("/I.3/Biên bản kiểm kê.pdf"));
    expect(pdf).toBeDefined();
    expect(entries.get(pdf!)!.equals(PDF)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get("Danh mục minh chứng.xlsx")! as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues()
      .slice(1)
      .map((v) => (v as unknown[]).slice(1));
    expect(rows[0]).toEqual([
      "Mã",
      "Nhiệm vụ",
      "Sản phẩm",
      "Văn bản (số, ngày)",
      "Tệp trong thư mục",
      "Người gửi",
      "Ngày gửi",
    ]);
    expect(rows).toContainEqual(expect.arrayContaining(["I.3", "", pdf, PEOPLE.chi.name, "25/11/2026"]));
    expect(rows).toContainEqual(expect.arrayContaining(["I.3", "12/BB-KD 20/11/2026", PEOPLE.chi.name]));
    expect(rows).toContainEqual(expect.arrayContaining(["I.1", "chưa có minh chứng", PEOPLE.an.name]));
  });

  it("the .xlsx lists each task's evidence and counts the work done without it; the .docx says the same", async () => {
    await evidence();
    const data = await loadReportData(t.db, q());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(vi, data)) as unknown as ArrayBuffer);
    const tasks = wb.getWorksheet("Nhiệm vụ")!;
    const rows = [...Array(tasks.rowCount).keys()].map((i) => (tasks.getRow(i + 1).values as unknown[]).slice(1));
    expect(rows.find((r) => r[0] === "I.3")![10]).toBe("Biên bản kiểm kê.pdf; 12/BB-KD (20/11/2026)");
    expect(rows.find((r) => r[0] === "I.1")![10]).toBe("chưa có minh chứng");
    const summary = wb.getWorksheet("Tổng hợp")!;
    expect(summary.getRow(summary.rowCount).values).toContain(
      "Minh chứng: 1/2 lượt nhiệm vụ đã hoàn thành có tài liệu kiểm chứng; 1 lượt chưa có minh chứng.",
    );
    const { value } = await mammoth.extractRawText({ buffer: await reportDocx(vi, data) });
    expect(value).toContain(
      "Minh chứng: 1/2 lượt nhiệm vụ đã hoàn thành có tài liệu kiểm chứng; 1 lượt chưa có minh chứng.",
    );
    // The annex: code, task, department, due, result, evidence.
    expect(annexRow(value, "I.3")).toEqual([
      "Kiểm kê thuốc và vật tư",
      "Khoa Dược",
      "hạn 31/12/2026",
      "xong đúng hạn",
      "Biên bản kiểm kê.pdf; 12/BB-KD (20/11/2026)",
    ]);
    expect(annexRow(value, "I.1")[4]).toBe("chưa có minh chứng");
  });

  it("work sent back and done again without evidence shows none: the old file was of work not accepted", async () => {
    await evidence();
    const a = await t.db.assignment.findFirstOrThrow({
      where: { staff: { name: PEOPLE.chi.name }, occurrence: { task: { ref: "I.3" } } },
    });
    const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const step = (from: "DONE" | "IN_PROGRESS", to: "DONE" | "IN_PROGRESS", at: Date) =>
      changeStatus(t.db, { assignmentId: a.id, staffId: a.staffId, from, to, channel: "test", now: at });
    expect(await step("DONE", "IN_PROGRESS", later(60))).toBe(true);
    expect(await step("IN_PROGRESS", "DONE", later(120))).toBe(true);
    const data = await loadReportData(t.db, q());
    const { value } = await mammoth.extractRawText({ buffer: await reportDocx(vi, data) });
    expect(value).not.toContain("Biên bản kiểm kê.pdf");
    expect(annexRow(value, "I.3")[4]).toBe("chưa có minh chứng");
    // Evidence sent after the work was done again is the task's evidence.
    await addEvidenceReference(t.db, {
      assignmentId: a.id,
      staffId: a.staffId,
      channel: "test",
      now: later(180),
      reference: "Biên bản kiểm kê lần 2",
      docNumber: "15/BB-KD",
      docDate: "2026-11-24",
    });
    const again = await mammoth.extractRawText({ buffer: await reportDocx(vi, await loadReportData(t.db, q())) });
    expect(annexRow(again.value, "I.3")[4]).toBe("15/BB-KD (24/11/2026)");
  });

  it.skipIf(onPostgres)("a backup carries the files, and a restore brings them back", async () => {
    await evidence();
    const r = await backupDatabase(t.path, path.join(t.dir, "backups", "copy.db"));
    const copy = new Database(r.file, { readonly: true });
    const row = copy.prepare('SELECT "data" FROM "EvidenceFile"').get() as { data: Buffer };
    copy.close();
    expect(Buffer.from(row.data).equals(PDF)).toBe(true);
  });

  it("/xuatminhchung gives the admin the zip in the chat; staff are refused", async () => {
    await evidence();
    await t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
    const bot = await startConsole(t.db, { fileDir: t.dir });
    try {
      await bot.say(`/as ${PEOPLE.an.phone}`);
      const out = await bot.say("/xuatminhchung năm 2026");
      expect(out).toContain(
        "📦 Minh chứng năm 2026: 1 tệp, 1 văn bản dẫn số; 1 nhiệm vụ đã xong chưa có minh chứng (xem danh mục).",
      );
      expect(fs.existsSync(path.join(t.dir, "minh-chung-cchc-nam-2026.zip"))).toBe(true);
      await bot.say(`/as ${PEOPLE.binh.phone}`);
      expect(await bot.say("/xuatminhchung năm 2026")).toContain("Lệnh /xuatminhchung không dành cho vai trò của bạn.");
    } finally {
      await bot.stop();
    }
  });
});
