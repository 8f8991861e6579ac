/**
 * Who a task belongs to, as the imports write it: the lead and coordinating
 * departments of each task (TaskDepartment), and the roster's people, on
 * either provider. The bulk paths (rows made by the database, updates in a
 * few statements) must give what the plain one did.
 */
import { describe, expect, it } from "vitest";
import { importPlanFile, importRosterFile } from "../../src/import/imports.ts";
import { writeText } from "../helpers/files.ts";
import { NOW, seedSmallPlan, UNIT } from "../helpers/bot.ts";
import { eachTestDb } from "../helpers/db.ts";

const t = eachTestDb(seedSmallPlan);

async function links(ref: string): Promise<string[]> {
  const task = await t.db.task.findFirstOrThrow({
    where: { ref },
    select: { departments: { select: { role: true, department: { select: { name: true } } } } },
  });
  return task.departments.map((d) => `${d.role} ${d.department.name}`).sort();
}

describe("task departments", () => {
  it('"Các khoa, phòng" links every department but the lead and the leadership; a leadership one named too is kept', async () => {
    // Task 4 of the small plan: lead TC-HC, coordinating "Các khoa, phòng".
    expect(await links("I.4")).toEqual(["COORDINATING Khoa Dược", "LEAD Phòng Tổ chức - Hành chính"]);
    const plan = writeText(
      t.dir,
      "plan2.csv",
      [
        "STT,Nội dung nhiệm vụ,Chủ trì,Phối hợp,Thời gian thực hiện",
        "I,CẢI CÁCH THỦ TỤC HÀNH CHÍNH,,,",
        '1,Rà soát thủ tục hành chính,Khoa Dược,"Các khoa, phòng; Ban Giám đốc",Quý IV',
        "2,Báo cáo CCHC năm,Phòng TC-HC,Khoa Dược,Tháng 12/2026",
        // Coordinating departments written in the lead cell.
        '3,Kiểm tra công vụ,"Khoa Dược; các phòng chuyên môn phối hợp",,Quý IV',
      ].join("\n"),
    );
    await importPlanFile(t.db, { file: plan, unitName: UNIT, year: 2026, now: new Date(NOW) });
    expect(await links("I.1")).toEqual([
      "COORDINATING Ban Giám đốc",
      "COORDINATING Phòng Tổ chức - Hành chính",
      "LEAD Khoa Dược",
    ]);
    expect(await links("I.2")).toEqual(["COORDINATING Khoa Dược", "LEAD Phòng Tổ chức - Hành chính"]);
    expect(await links("I.3")).toEqual(["COORDINATING Phòng Tổ chức - Hành chính", "LEAD Khoa Dược"]);

    // A department that arrives with a later roster is one of "các khoa, phòng" too; nothing is linked twice.
    const roster = writeText(
      t.dir,
      "staff2.csv",
      [
        "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ",
        "Nguyễn Văn An,0912000001,Phòng Tổ chức - Hành chính,Trưởng phòng",
        "Lê Thị Chi,0912000003,Khoa Dược,Trưởng khoa",
        "Phạm Văn Dũng,0912000004,Ban Giám đốc,Giám đốc",
        "Vũ Thị Giang,0912000006,Khoa Xét nghiệm,Trưởng khoa",
      ].join("\n"),
    );
    await importRosterFile(t.db, { file: roster, unitName: UNIT, now: new Date(NOW) });
    expect(await links("I.1")).toEqual([
      "COORDINATING Ban Giám đốc",
      "COORDINATING Khoa Xét nghiệm",
      "COORDINATING Phòng Tổ chức - Hành chính",
      "LEAD Khoa Dược",
    ]);
  });

  it("a roster imported again: changed people updated in place, new ones added, the missing deactivated, the admin kept", async () => {
    const an = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000001" } });
    await t.db.staff.update({ where: { id: an.id }, data: { role: "ADMIN" } });
    const roster = writeText(
      t.dir,
      "staff3.csv",
      [
        "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ",
        "Nguyễn Văn An,0912000001,Phòng Tổ chức - Hành chính,Trưởng phòng",
        "Trần Thị Bình,0912000002,Khoa Dược,Dược sĩ",
        "Lê Thị Chi,0912000003,Khoa Dược,Trưởng khoa",
        "Phạm Văn Dũng,0912000004,Ban Giám đốc,Giám đốc",
        "Vũ Thị Giang,0912000006,Khoa Xét nghiệm,Kỹ thuật viên",
      ].join("\n"),
    );
    const result = await importRosterFile(t.db, { file: roster, unitName: UNIT, now: new Date(NOW) });
    expect(result).toMatchObject({ count: 5, created: 1, updated: 1, deactivated: 1, departments: 4 });
    const people = await t.db.staff.findMany({
      select: { name: true, role: true, active: true, title: true, department: { select: { name: true } } },
      orderBy: { phone: "asc" },
    });
    expect(people.map((p) => [p.name, p.department?.name, p.role, p.active, p.title])).toEqual([
      ["Nguyễn Văn An", "Phòng Tổ chức - Hành chính", "ADMIN", true, "Trưởng phòng"],
      ["Trần Thị Bình", "Khoa Dược", "STAFF", true, "Dược sĩ"],
      ["Lê Thị Chi", "Khoa Dược", "DEPT_HEAD", true, "Trưởng khoa"],
      ["Phạm Văn Dũng", "Ban Giám đốc", "LEADER", true, "Giám đốc"],
      ["Hoàng Văn Em", "Khoa Dược", "STAFF", false, "Dược sĩ"],
      ["Vũ Thị Giang", "Khoa Xét nghiệm", "STAFF", true, "Kỹ thuật viên"],
    ]);
    // Read back through Prisma: the raw-written timestamps are dates.
    const giang = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000006" } });
    expect(giang.createdAt.toISOString()).toBe(new Date(NOW).toISOString());
  });
});
