/**
 * A task every department leads ("Các khoa, phòng") has one plan date and a
 * part per department: a department's own date splits its part off, a
 * re-import and a roster import see one plan date held once by each
 * department, and a part moved back to the shared date joins it again.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importPlanFile, importRosterFile, readPlanFile } from "../../src/import/imports.ts";
import { moveDeadline } from "../../src/store/deadlines/deadlines.ts";
import { askExtension, decideExtension } from "../../src/store/deadlines/extensions.ts";
import { planChanges } from "../../src/store/plan/plans.ts";
import { writeText } from "../helpers/files.ts";
import { NOW, PEOPLE, seedSmallPlan, SMALL_PLAN, UNIT } from "../helpers/bot.ts";
import { eachTestDb } from "../helpers/db.ts";

const t = eachTestDb(seedSmallPlan);
const now = new Date(NOW);

async function importShared(): Promise<string> {
  const file = writeText(
    t.dir,
    "plan-shared.csv",
    [...SMALL_PLAN, '6,Tự kiểm tra công tác CCHC,"Các khoa, phòng",,15/12/2026'].join("\n"),
  );
  await importPlanFile(t.db, { file, unitName: UNIT, year: 2026, now });
  return file;
}

/** "name date" of every part of I.6, Phòng TC-HC's first. */
async function parts(): Promise<string[]> {
  const rows = await t.db.assignment.findMany({
    where: { occurrence: { task: { ref: "I.6" } } },
    select: { staff: { select: { name: true } }, occurrence: { select: { dueDate: true } } },
  });
  return rows.map((a) => `${a.staff.name} ${a.occurrence.dueDate}`).sort((a, b) => b.localeCompare(a));
}

const idOf = async (name: string) => (await t.db.staff.findFirstOrThrow({ where: { name } })).id;
const departmentOf = async (name: string) => (await t.db.staff.findFirstOrThrow({ where: { name } })).departmentId!;
const occurrenceOf = async (name: string) =>
  (
    await t.db.assignment.findFirstOrThrow({
      where: { occurrence: { task: { ref: "I.6" } }, staff: { name } },
    })
  ).occurrenceId;

describe("a task every department leads", () => {
  it("one department's own date, a leader's shared date, a re-import, an accepted request, a part moved back", async () => {
    const file = await importShared();
    const { an, chi, dung } = PEOPLE;
    expect(await parts()).toEqual([`${an.name} 2026-12-15`, `${chi.name} 2026-12-15`]);

    // Khoa Dược's head moves Khoa Dược's part only.
    const byChi = { reason: "chờ kiểm kê", byId: await idOf(chi.name), now };
    expect(
      await moveDeadline(t.db, {
        ...byChi,
        occurrenceId: await occurrenceOf(chi.name),
        toDate: "2026-12-20",
        departmentId: await departmentOf(chi.name),
      }),
    ).toBe("moved");
    expect(await parts()).toEqual([`${an.name} 2026-12-15`, `${chi.name} 2026-12-20`]);
    const split = await t.db.occurrence.findFirstOrThrow({ where: { dueDate: "2026-12-20" } });
    expect(split.originalDueDate).toBe("2026-12-15");
    expect(await t.db.deadlineChange.count({ where: { occurrenceId: split.id } })).toBe(1);

    // The leader moves the shared date: Khoa Dược keeps its own.
    expect(
      await moveDeadline(t.db, {
        occurrenceId: await occurrenceOf(an.name),
        toDate: "2026-12-22",
        reason: "chờ Sở",
        byId: await idOf(dung.name),
        now,
      }),
    ).toBe("moved");
    expect(await parts()).toEqual([`${an.name} 2026-12-22`, `${chi.name} 2026-12-20`]);

    // The same file again, and the roster again: nothing doubled, no date reported as changed.
    const changes = await planChanges(t.db, { unitName: UNIT, year: 2026, draft: await readPlanFile(file, 2026) });
    expect(changes.datesChanged).toEqual([]);
    await importPlanFile(t.db, { file, unitName: UNIT, year: 2026, now });
    await importRosterFile(t.db, { file: path.join(t.dir, "staff.csv"), unitName: UNIT, now });
    expect(await parts()).toEqual([`${an.name} 2026-12-22`, `${chi.name} 2026-12-20`]);

    // A request of Phòng TC-HC's, accepted: its part alone moves.
    const anShare = await t.db.assignment.findFirstOrThrow({
      where: { occurrence: { task: { ref: "I.6" } }, staff: { name: an.name } },
    });
    const id = await askExtension(t.db, {
      assignmentId: anShare.id,
      requestedById: await idOf(an.name),
      dueDate: "2026-12-28",
      reason: "chờ số liệu",
      now,
    });
    expect(await decideExtension(t.db, { id, accept: true, byId: await idOf(dung.name), now })).not.toBeNull();
    // Phòng TC-HC held the whole shared occurrence by then: it moves as it is, Khoa Dược's part untouched.
    expect(await parts()).toEqual([`${an.name} 2026-12-28`, `${chi.name} 2026-12-20`]);

    // Khoa Dược moves to the day Phòng TC-HC has: one occurrence again, and nobody is given the empty one.
    await moveDeadline(t.db, {
      ...byChi,
      occurrenceId: await occurrenceOf(chi.name),
      toDate: "2026-12-28",
      departmentId: await departmentOf(chi.name),
    });
    expect(await parts()).toEqual([`${an.name} 2026-12-28`, `${chi.name} 2026-12-28`]);
    await importPlanFile(t.db, { file, unitName: UNIT, year: 2026, now });
    expect(await parts()).toEqual([`${an.name} 2026-12-28`, `${chi.name} 2026-12-28`]);
  });

  it("a department's own date never lands on another plan date of the task", async () => {
    const file = writeText(
      t.dir,
      "plan-quarters.csv",
      [...SMALL_PLAN, '6,Tự kiểm tra công tác CCHC,"Các khoa, phòng",,"Quý III, Quý IV"'].join("\n"),
    );
    await importPlanFile(t.db, { file, unitName: UNIT, year: 2026, now });
    const q3 = await t.db.assignment.findFirstOrThrow({
      where: { occurrence: { task: { ref: "I.6" }, periodLabel: "2026-Q3" }, staff: { name: PEOPLE.chi.name } },
      include: { occurrence: true },
    });
    const q4 = await t.db.occurrence.findFirstOrThrow({ where: { task: { ref: "I.6" }, periodLabel: "2026-Q4" } });
    const before = await parts();
    expect(
      await moveDeadline(t.db, {
        occurrenceId: q3.occurrenceId,
        toDate: q4.dueDate,
        reason: "gộp",
        byId: await idOf(PEOPLE.chi.name),
        now,
        departmentId: await departmentOf(PEOPLE.chi.name),
      }),
    ).toBe("clash");
    expect(await parts()).toEqual(before);
    expect(await t.db.deadlineChange.count()).toBe(0);
  });
});
