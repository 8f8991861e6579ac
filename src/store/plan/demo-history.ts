/**
 * The example unit in the middle of its year: most work that fell due is
 * done (some of it late), a little is overdue, two tasks are blocked with
 * their reasons, the indicators are reported for each period gone, and the
 * year's first notice was read by most. All of it relative to today, so
 * /baocao, the chart, /quahan and the report files read as a real unit's.
 * The same history every time for the same day: nothing random.
 */
import { addCalendarDays, at } from "../../domain/workdays.ts";
import { displayDate, type IsoDate } from "../../domain/calendar.ts";
import { periodOf } from "../../domain/period.ts";
import type { Db } from "../db/db.ts";
import { addEvidenceReference } from "../evidence/evidence.ts";
import { recordIndicatorReport } from "../indicators/indicators.ts";
import { createBroadcast } from "../notices/broadcasts.ts";
import { changeStatus } from "../work/status.ts";

/** The words the history carries, in the deployment's language. */
export interface DemoTexts {
  blockedFunds: string;
  blockedGuidance: string;
  notice: string;
}

/** A number in [0, 1) fixed by the row and the question asked of it. */
function chance(id: number, salt: number): number {
  const x = Math.sin(id * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

export interface DemoHistory {
  done: number;
  late: number;
  blocked: number;
  overdue: number;
  indicatorReports: number;
}

export async function seedDemoHistory(
  db: Db,
  texts: DemoTexts,
  q: { unitName: string; year: number; today: IsoDate; tz: string; abbrev: string },
): Promise<DemoHistory> {
  const shares = await db.assignment.findMany({
    where: {
      occurrence: {
        removedAt: null,
        dueDate: { not: "" },
        task: { removedAt: null, plan: { year: q.year, unit: { name: q.unitName } } },
      },
    },
    select: { id: true, staffId: true, occurrence: { select: { dueDate: true, task: { select: { product: true } } } } },
    orderBy: { id: "asc" },
  });
  const when = (day: IsoDate, hour = "09:30") => at(day, hour, q.tz);
  const yesterday = addCalendarDays(q.today, -1);
  const out: DemoHistory = { done: 0, late: 0, blocked: 0, overdue: 0, indicatorReports: 0 };
  const open: { id: number; staffId: number; due: IsoDate }[] = [];
  let number = 10;
  for (const a of shares) {
    const due = a.occurrence.dueDate;
    const r = chance(a.id, 1);
    const past = due < q.today;
    // Past work: three quarters on time, the rest late, but for some of the last hundred days' still overdue.
    // Work still ahead: some started, a few done early.
    const stillOpen = past && r >= 0.88 && due > addCalendarDays(q.today, -100);
    let doneOn: IsoDate | null = null;
    if (past && r < 0.75) doneOn = addCalendarDays(due, -Math.floor(chance(a.id, 2) * 6));
    else if (past && !stillOpen) {
      const late = addCalendarDays(due, 1 + Math.floor(chance(a.id, 3) * 9));
      doneOn = late < q.today ? late : yesterday;
    } else if (!past && r < 0.1 && addCalendarDays(q.today, 40) > due) doneOn = yesterday;
    const base = { assignmentId: a.id, staffId: a.staffId, channel: "demo" } as const;
    if (doneOn) {
      await changeStatus(db, { ...base, from: "NOT_STARTED", to: "DONE", now: when(doneOn), text: "xong" });
      out[doneOn > due ? "late" : "done"]++;
      if (a.occurrence.task.product && chance(a.id, 4) < 0.8) {
        const docNumber = `${number++}/${a.occurrence.task.product.startsWith("Báo cáo") ? "BC" : "KH"}-${q.abbrev}`;
        await addEvidenceReference(db, {
          ...base,
          now: when(doneOn, "10:00"),
          reference: `${a.occurrence.task.product.split(/[;,\n]/)[0]!.trim()} số ${docNumber} ngày ${displayDate(doneOn)}`,
          docNumber,
          docDate: doneOn,
        });
      }
      continue;
    }
    open.push({ id: a.id, staffId: a.staffId, due });
    if (past) out.overdue++;
    else if (r < 0.45 && addCalendarDays(q.today, 60) > due)
      await changeStatus(db, {
        ...base,
        from: "NOT_STARTED",
        to: "IN_PROGRESS",
        now: when(addCalendarDays(q.today, -3)),
        text: "đang làm",
      });
  }
  // Two blocked with their reasons: the latest overdue share and the next one due.
  const stuck = [
    open.filter((o) => o.due < q.today).sort((a, b) => b.due.localeCompare(a.due))[0],
    open.filter((o) => o.due >= q.today).sort((a, b) => a.due.localeCompare(b.due))[0],
  ];
  for (const [i, o] of stuck.entries()) {
    if (!o) continue;
    const reason = i === 0 ? texts.blockedFunds : texts.blockedGuidance;
    const from = (await db.assignment.findUniqueOrThrow({ where: { id: o.id }, select: { status: true } })).status;
    await changeStatus(db, {
      assignmentId: o.id,
      staffId: o.staffId,
      channel: "demo",
      from,
      to: "BLOCKED",
      reason,
      text: `vướng: ${reason}`,
      now: when(addCalendarDays(q.today, -2)),
    });
    out.blocked++;
    if (o.due < q.today) out.overdue--;
  }
  out.indicatorReports = await indicatorHistory(db, q, when);
  await readNotice(db, texts.notice, q, when);
  return out;
}

/** Each indicator reported for every period gone, near its target; one period of one indicator short of it. */
async function indicatorHistory(
  db: Db,
  q: { unitName: string; year: number; today: IsoDate },
  when: (day: IsoDate) => Date,
): Promise<number> {
  const indicators = await db.indicator.findMany({
    where: { year: q.year, unit: { name: q.unitName } },
    select: { id: true, target: true, period: true, ownerDepartmentId: true },
    orderBy: { id: "asc" },
  });
  const anyone = await db.staff.findFirst({ where: { unit: { name: q.unitName } }, select: { id: true } });
  let count = 0;
  for (const [k, ind] of indicators.entries()) {
    const head = ind.ownerDepartmentId
      ? await db.staff.findFirst({ where: { departmentId: ind.ownerDepartmentId }, select: { id: true } })
      : null;
    const reporterId = head?.id ?? anyone?.id;
    if (reporterId === undefined) continue;
    const months = ind.period === "MONTH" ? 1 : ind.period === "QUARTER" ? 3 : ind.period === "HALF" ? 6 : 12;
    for (let end = months; end <= 12; end += months) {
      const last = `${q.year}-${String(end).padStart(2, "0")}-28`;
      const reportDay = addCalendarDays(`${q.year}-${String(end).padStart(2, "0")}-01`, 32 + 4);
      if (reportDay >= q.today) break;
      const short = k === 1 && end === months;
      const value = Math.min(100, Math.round((ind.target + (short ? -4.5 : chance(ind.id, end) * 1.8)) * 10) / 10);
      await recordIndicatorReport(db, {
        indicatorId: ind.id,
        value,
        periodLabel: periodOf(ind.period, last),
        reporterId,
        now: when(reportDay),
      });
      count++;
    }
  }
  return count;
}

/** The year's first notice, sent to everyone three weeks ago and read by most. */
async function readNotice(
  db: Db,
  text: string,
  q: { unitName: string; today: IsoDate },
  when: (day: IsoDate) => Date,
): Promise<void> {
  const sentOn = addCalendarDays(q.today, -21);
  const notice = await createBroadcast(db, {
    unitName: q.unitName,
    senderId: null,
    text,
    audience: { departments: [], role: null },
    now: when(sentOn),
  });
  const rows = await db.outbox.findMany({ where: { broadcastId: notice.id }, select: { id: true } });
  for (const row of rows)
    await db.outbox.update({
      where: { id: row.id },
      data: {
        status: "SENT",
        sentAt: when(sentOn),
        channel: "demo",
        readAt: chance(row.id, 5) < 0.82 ? when(addCalendarDays(sentOn, 1)) : null,
      },
    });
}
