import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  at,
  defaultHolidays,
  isWorkingTime,
  nextWorkingTime,
  workCalendar,
} from "../../src/domain/workdays.ts";

const TZ = "Asia/Ho_Chi_Minh";
const cal = workCalendar({
  tz: TZ,
  holidays: [...defaultHolidays(2026), ...defaultHolidays(2027)].map((h) => h.date),
  workStart: "07:30",
  workEnd: "17:30",
});
const local = (d: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: TZ, dateStyle: "short", timeStyle: "short" }).format(d);

describe("Vietnamese holidays by the Labour Code", () => {
  it("2027: Tết is the eve and four days (5–9 February) with make-up days 10–11 February for the Saturday and Sunday in it, Giỗ Tổ on 10/3 lunar, compensation for 1/5 on a Saturday", () => {
    expect(defaultHolidays(2027).map((h) => h.date)).toEqual([
      "2027-01-01",
      "2027-02-05",
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
      "2027-02-09",
      "2027-02-10",
      "2027-02-11",
      "2027-04-16",
      "2027-04-30",
      "2027-05-01",
      "2027-05-03",
      "2027-09-02",
      "2027-09-03",
    ]);
  });
  it("2026: Tết 16–20 February, Giỗ Tổ Sunday 26/4 taken on Monday 27/4, 2/9 Wednesday with 1/9", () => {
    expect(defaultHolidays(2026).map((h) => h.date)).toEqual([
      "2026-01-01",
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
      "2026-04-26",
      "2026-04-27",
      "2026-04-30",
      "2026-05-01",
      "2026-09-01",
      "2026-09-02",
    ]);
  });
});

describe("working time", () => {
  it.each([
    ["2026-11-25T00:29:00Z", false, "2026-11-25 07:30"], // 07:29 Wednesday
    ["2026-11-25T00:30:00Z", true, "2026-11-25 07:30"],
    ["2026-11-25T10:29:00Z", true, "2026-11-25 17:29"],
    ["2026-11-25T10:30:00Z", false, "2026-11-26 07:30"], // 17:30
    ["2026-11-27T12:00:00Z", false, "2026-11-30 07:30"], // Friday 19:00 → Monday
    ["2026-11-28T02:00:00Z", false, "2026-11-30 07:30"], // Saturday
    ["2027-02-04T11:00:00Z", false, "2027-02-12 07:30"], // Thursday evening before Tết 2027 → after it and its make-up days
    ["2026-09-01T02:00:00Z", false, "2026-09-03 07:30"], // 1/9 and 2/9
  ])("%s", (instant, working, next) => {
    const d = new Date(instant);
    expect(isWorkingTime(d, cal)).toBe(working);
    expect(local(nextWorkingTime(d, cal))).toBe(next);
  });
  it("adds working days across weekends and Tết", () => {
    expect(addWorkingDays("2026-11-27", 1, cal)).toBe("2026-11-30");
    expect(addWorkingDays("2026-11-30", -1, cal)).toBe("2026-11-27");
    expect(addWorkingDays("2027-02-04", 1, cal)).toBe("2027-02-12");
    expect(addWorkingDays("2027-02-03", 2, cal)).toBe("2027-02-12");
  });
  it("local times are Hà Nội's", () => {
    expect(at("2026-12-31", "08:00", TZ).toISOString()).toBe("2026-12-31T01:00:00.000Z");
  });
});
