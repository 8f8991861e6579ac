/**
 * A year of the close, day by day at 09:00: the heads with criteria still to
 * score hear once before the deadline, a Sở short of its inspections' target
 * hears once at mid-year, and a finding of an inspection is reminded like a
 * plan task until it is done.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { at, localTime } from "../../src/domain/workdays.ts";
import { fixedClock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { importCriteriaFile, importRosterFile } from "../../src/import/imports.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { recordSelfScore, setCriteriaDeadline } from "../../src/store/evaluation/criteria.ts";
import { addFinding, planInspection } from "../../src/store/evaluation/inspections.ts";
import { setRole } from "../../src/store/people/staff.ts";
import { addUnit } from "../../src/store/province/units.ts";
import { PEOPLE, seedSmallPlan, UNIT } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";
import { writeText } from "../helpers/files.ts";

const TZ = "Asia/Ho_Chi_Minh";
const SO = "Sở Y tế Thử nghiệm";

describe("the year's close in the scheduler", () => {
  let t: TestDb;
  beforeEach(async () => (t = await freshDb()));
  afterEach(async () => t.close());

  // 365 ticks of the whole scheduler: 10 s alone on SQLite, 20 s on Postgres with the suite running; its own limit, as the other year test.
  it(
    "criteria reminded once before the deadline; the inspections' target once at mid-year; findings like tasks",
    { timeout: 180_000 },
    async () => {
      const start = at("2026-01-01", "09:00", TZ);
      await seedSmallPlan(t, start);
      await addUnit(t.db, { name: SO });
      await addUnit(t.db, { name: UNIT, parent: SO });
      await addUnit(t.db, { name: "TTYT Huyện Bắc", parent: SO });
      const roster = writeText(
        t.dir,
        "so.csv",
        "Họ và tên,Số điện thoại,Khoa/Phòng,Chức vụ\nVũ Thị Hà,0915000002,Văn phòng Sở,Chuyên viên\n",
      );
      await importRosterFile(t.db, { file: roster, unitName: SO, now: start });
      await setRole(t.db, { unitName: SO, phone: "+84915000002", role: "ADMIN", now: start });
      await t.db.staff.updateMany({ where: { name: PEOPLE.dung.name }, data: { role: "ADMIN" } });
      for (const s of await t.db.staff.findMany())
        await t.db.chatIdentity.create({
          data: { platform: "telegram", externalId: String(s.id), chatId: String(s.id), staffId: s.id },
        });
      const set = writeText(
        t.dir,
        "set.csv",
        [
          "STT,Tiêu chí,Điểm tối đa,Đơn vị phụ trách",
          "1,Chỉ đạo điều hành,3,",
          "1.1,Kế hoạch CCHC,2,Phòng Tổ chức - Hành chính",
          "1.2,Sử dụng thuốc hợp lý,1,Khoa Dược",
        ].join("\n"),
      );
      await importCriteriaFile(t.db, { file: set, unitName: SO, year: 2026, now: start, defaultTitle: "Bộ tiêu chí" });
      const criteriaSet = await t.db.criteriaSet.findFirstOrThrow();
      await setCriteriaDeadline(t.db, criteriaSet.id, "2026-12-15");
      const id = async (name: string) => (await t.db.staff.findFirstOrThrow({ where: { name } })).id;
      const ha = await id("Vũ Thị Hà");
      const an = await id(PEOPLE.an.name);
      const chi = await id(PEOPLE.chi.name);
      const dung = await id(PEOPLE.dung.name);

      const s = new Scheduler({
        db: t.db,
        clock: fixedClock(start.toISOString()),
        logger: createLogger("silent"),
        unitName: UNIT,
        tz: TZ,
        defaultLocale: "vi",
      });
      let finding: number | null = null;
      for (let day = 0; day < 365; day++) {
        const now = new Date(start.getTime() + day * 86_400_000);
        const today = localTime(now, TZ).day;
        if (today === "2026-08-03")
          await planInspection(t.db, { ownerName: SO, unitName: UNIT, plannedOn: "2026-09-09", byId: ha, now });
        if (today === "2026-09-10") {
          await addFinding(t.db, {
            ownerName: SO,
            unitName: UNIT,
            year: 2026,
            content: "Niêm yết lại TTHC còn thiếu",
            dueDate: "2026-10-15",
            today,
            byId: ha,
            defaultPlanTitle: "Kế hoạch",
            areaTitle: "KHẮC PHỤC SAU KIỂM TRA",
            now,
          });
          finding = (await t.db.assignment.findFirstOrThrow({ where: { occurrence: { task: { ref: "KT-1" } } } })).id;
        }
        // The finding is remedied five days late; the Phòng TC-HC scores its criterion before the reminders start.
        if (today === "2026-10-20") await t.db.assignment.update({ where: { id: finding! }, data: { status: "DONE" } });
        if (today === "2026-12-01") {
          const c = await t.db.criterion.findFirstOrThrow({ where: { ref: "1.1" } });
          await recordSelfScore(t.db, {
            criterionId: c.id,
            unitName: UNIT,
            score: 2,
            evidence: "Kế hoạch số 12/KH-TTYT",
            explanation: null,
            byId: an,
            now,
          });
        }
        await s.tick(now);
      }

      const logs = await t.db.reminderLog.findMany({ orderBy: { id: "asc" } });
      const day = (d: Date) => localTime(d, TZ).day;
      const criteria = logs.filter((l) => l.kind === "criteria");
      // Only the head of Khoa Dược still had one to score: once, seven days before the 15th.
      expect(criteria.map((l) => [l.recipientId, day(l.decidedAt)])).toEqual([[chi, "2026-12-08"]]);
      expect(logs.some((l) => l.kind === "criteria" && l.recipientId === an)).toBe(false);
      const told = await t.db.outbox.findFirstOrThrow({ where: { id: criteria[0]!.outboxId! } });
      expect(told.payload).toContain("còn 1 tiêu chí chưa chấm: 1.2");
      // The Sở: no inspection planned by 1 July (1 of 2 units needed for 20%): told once, that day.
      const short = logs.filter((l) => l.kind === "inspections");
      expect(short.map((l) => [l.recipientId, day(l.decidedAt)])).toEqual([[ha, "2026-07-01"]]);
      // The finding: held by the unit's admin, announced, reminded before, on and after its day, and nothing once done.
      const steps = logs.filter((l) => l.assignmentId === finding);
      expect(steps.every((l) => l.recipientId === dung)).toBe(true);
      const kinds = steps.map((l) => l.kind);
      expect(kinds).toContain("assigned");
      expect(kinds).toContain("before");
      expect(kinds).toContain("due");
      expect(kinds).toContain("overdue");
      expect(steps.every((l) => day(l.decidedAt) <= "2026-10-20")).toBe(true);
    },
  );
});
