/**
 * A deadline as a leader says it in chat: "thứ Sáu", "15/12", "cuối tháng",
 * "trong 3 ngày làm việc", "ngày mai", "tuần sau". Read against today and the
 * unit's working calendar (a deadline never falls on a day off: it moves back
 * to the working day before). Pure, like the timeframe parser.
 */
import { daysInMonth, isoDate, monthEnd, type IsoDate } from "./calendar.ts";
import { fold } from "./text.ts";
import { addCalendarDays, addWorkingDays, type WorkCalendar } from "./workdays.ts";

export type DeadlineReading =
  { ok: true; date: IsoDate } | { ok: false; reason: "unreadable" | "past" | "invalidDate" };

const WEEKDAYS: Record<string, number> = {
  // ISO weekday: Monday 1 … Sunday 7
  "thu hai": 1,
  "thu 2": 1,
  t2: 1,
  "thu ba": 2,
  "thu 3": 2,
  t3: 2,
  "thu tu": 3,
  "thu 4": 3,
  t4: 3,
  "thu nam": 4,
  "thu 5": 4,
  t5: 4,
  "thu sau": 5,
  "thu 6": 5,
  t6: 5,
  "thu bay": 6,
  "thu 7": 6,
  t7: 6,
  "chu nhat": 7,
  cn: 7,
};

function weekday(day: IsoDate): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The working day on or before `day`: a deadline on a Sunday or a holiday means the day before. */
function onWorkingDay(day: IsoDate, cal: WorkCalendar): IsoDate {
  let d = day;
  for (let i = 0; i < 30 && !cal.isWorkingDay(d); i++) d = addCalendarDays(d, -1);
  return d;
}

/** Reads a deadline; `today` is the local day it is said on. */
export function readDeadline(text: string, today: IsoDate, cal: WorkCalendar): DeadlineReading {
  const f = fold(text)
    .replace(/^(han|hạn|truoc|trước|den|den het|toi|vao)\s+/, "")
    .replace(/[.,;!]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const done = (date: IsoDate): DeadlineReading => {
    if (date < today) return { ok: false, reason: "past" };
    // Moved back to a working day, unless that would be before today (said on a Saturday for "today").
    const working = onWorkingDay(date, cal);
    return { ok: true, date: working < today ? date : working };
  };

  if (f === "hom nay" || f === "trong ngay") return done(today);
  if (f === "ngay mai" || f === "mai") return done(addCalendarDays(today, 1));
  if (f === "ngay kia") return done(addCalendarDays(today, 2));

  // "trong 3 ngày làm việc", "3 ngày làm việc": working days from tomorrow; "trong 5 ngày": calendar days.
  const within = /^(?:trong(?: vong)? )?(\d{1,3}) ngay( lam viec)?$/.exec(f);
  if (within) {
    const n = Number(within[1]);
    return done(within[2] ? addWorkingDays(today, n, cal) : addCalendarDays(today, n));
  }
  const weeks = /^(?:trong(?: vong)? )?(\d{1,2}) tuan$/.exec(f);
  if (weeks) return done(addCalendarDays(today, 7 * Number(weeks[1])));

  // "thứ Sáu" is the next one after today; "thứ Sáu tuần sau" the one of next week.
  const wd = /^(thu (?:hai|ba|tu|nam|sau|bay|\d)|t[2-7]|chu nhat|cn)( tuan (?:sau|toi))?$/.exec(f);
  if (wd) {
    const target = WEEKDAYS[wd[1]!]!;
    const now = weekday(today);
    let ahead = (target - now + 7) % 7 || 7;
    if (wd[2]) ahead = 7 - now + target;
    return done(addCalendarDays(today, ahead));
  }
  if (f === "cuoi tuan" || f === "cuoi tuan nay")
    return done(addCalendarDays(today, 5 - weekday(today) >= 0 ? 5 - weekday(today) : 12 - weekday(today)));
  if (f === "tuan sau" || f === "tuan toi" || f === "cuoi tuan sau")
    return done(addCalendarDays(today, 12 - weekday(today)));
  if (f === "cuoi thang" || f === "cuoi thang nay") return done(monthEnd(year, month));
  if (f === "cuoi thang sau" || f === "thang sau") {
    const [y, m] = month === 12 ? [year + 1, 1] : [year, month + 1];
    return done(monthEnd(y, m));
  }
  if (f === "cuoi nam" || f === "cuoi nam nay") return done(isoDate(year, 12, 31));

  // "15/12", "15/12/2026", "ngày 15/12", "15-12-2026".
  const dm = /^(?:ngay )?(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(f);
  if (dm) {
    const d = Number(dm[1]);
    const m = Number(dm[2]);
    let y = dm[3] ? Number(dm[3].length === 2 ? `20${dm[3]}` : dm[3]) : year;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false, reason: "invalidDate" };
    // A day and month already gone this year, said without a year, means next year's.
    if (!dm[3] && isoDate(y, m, d) < today) y += 1;
    if (d > daysInMonth(y, m)) return { ok: false, reason: "invalidDate" };
    return done(isoDate(y, m, d));
  }
  return { ok: false, reason: "unreadable" };
}

/**
 * A deadline at the start of a line and what follows it: "cuối tháng chờ số
 * liệu", "thứ Sáu tuần sau: vướng lịch", "30/12 chờ hướng dẫn". The longest
 * run of words that reads as a date wins ("thứ Sáu tuần sau", not "thứ Sáu");
 * null when the line opens with no date at all. A date that reads but cannot
 * be (past, 31/02) is returned with its reason, for the one-line refusal.
 */
/** A reading of `text` as a date, unless it is no date at all (a date gone or impossible still counts). */
function asDate(text: string, today: IsoDate, cal: WorkCalendar): DeadlineReading | null {
  const reading = readDeadline(text, today, cal);
  return reading.ok || reading.reason !== "unreadable" ? reading : null;
}

export function leadingDeadline(
  text: string,
  today: IsoDate,
  cal: WorkCalendar,
): { when: string; reading: DeadlineReading; rest: string } | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  for (let n = Math.min(6, words.length); n >= 1; n--) {
    const when = words
      .slice(0, n)
      .join(" ")
      .replace(/[:,;.\-–]+$/, "");
    const reading = asDate(when, today, cal);
    if (reading) {
      const rest = words
        .slice(n)
        .join(" ")
        .replace(/^[:\-–,;.\s]+/, "")
        .trim();
      return { when, reading, rest };
    }
  }
  return null;
}

/**
 * Words, then a deadline at the end of the line: "Báo cáo hồ sơ quá hạn hạn
 * 10/12" is "Báo cáo hồ sơ quá hạn" due 10/12 — the split is at the last
 * "hạn"/"trước" that a date follows, so the words keep their own "hạn"; "…
 * trước cuối tháng", "… thứ Sáu tuần sau" read as /giaoviec reads them.
 */
export function trailingDeadline(
  text: string,
  today: IsoDate,
  cal: WorkCalendar,
): { what: string; when: string; reading: DeadlineReading } | null {
  const line = text.trim();
  const reads = (when: string) => asDate(when, today, cal);
  // The space after the word is looked at, not taken: "quá hạn hạn 10/12" has two marks side by side.
  const marks = [...line.matchAll(/(^|[\s,;])(?:hạn|han|trước|truoc)(?=\s)/giu)].reverse();
  for (const m of marks) {
    const when = line.slice(m.index + m[0].length).trim();
    const reading = reads(when);
    if (reading) return { what: line.slice(0, m.index).replace(/[,;:\s]+$/, ""), when, reading };
  }
  // No "hạn": the line's last words, when they are a date ("… 10/12", "… cuối tháng").
  const words = line.split(/\s+/);
  for (let n = Math.min(4, words.length - 1); n >= 1; n--) {
    const when = words.slice(-n).join(" ");
    const reading = reads(when);
    if (reading)
      return {
        what: words
          .slice(0, -n)
          .join(" ")
          .replace(/[,;:\s]+$/, ""),
        when,
        reading,
      };
  }
  return null;
}

export interface ExtensionAsk {
  /** "PS-3", when named. */
  code?: string;
  /** The new deadline as typed ("10/12", "thứ Sáu tuần sau"). */
  when: string;
  reason: string;
}

/** "xin gia hạn PS-3 đến 10/12: chờ số liệu của Sở" → its code, deadline and reason; null for anything else. */
export function parseExtensionAsk(text: string): ExtensionAsk | null {
  const m =
    /^\s*xin\s+gia\s+h[aạ]n\b\s*(.*)$/i.exec(text.normalize("NFC")) ?? /^\s*xin gia han\b\s*(.*)$/i.exec(fold(text));
  if (!m) return null;
  let rest = m[1]!.trim();
  // "PS-3", "BC-1", or a plan task's "I.5" / "B.II.3" (a code has a dot or a dash; a date has a slash);
  // a numeric "2.4" or "3" is a code when more follows it ("2.4 29/12"), a date when alone ("xin gia hạn 15.12").
  const code =
    /^([a-z]{2}-?\d+|(?:[a-z]{1,4}\.)+(?:\d+|[ivx]+)(?:\.\d+)*)(?=\s|:|$)\s*/i.exec(rest) ??
    /^(\d+(?:\.\d+)*)\s+(?=\S)/.exec(rest);
  if (code) rest = rest.slice(code[0].length);
  rest = rest.replace(/^(đến|den|tới|toi|thành|thanh|sang)\s+/i, "");
  const [when, ...why] = rest.split(/[:;]|\s+(?:vì|vi|do|lý do|ly do)\s+/i);
  const reason = why.join(" ").trim();
  if (!when?.trim()) return null;
  const named = code?.[1]!.toUpperCase().replace(/^([A-Z]{2})-?(\d+)$/, "$1-$2");
  return { ...(named ? { code: named } : {}), when: when.trim(), reason };
}
