import { describe, expect, it } from "vitest";
import { leadingDeadline, parseExtensionAsk, readDeadline, trailingDeadline } from "../../src/domain/deadline.ts";
import { defaultHolidays, workCalendar } from "../../src/domain/workdays.ts";

const cal = workCalendar({
  tz: "Asia/Ho_Chi_Minh",
  holidays: [2026, 2027].flatMap((y) => defaultHolidays(y)).map((h) => h.date),
  workStart: "07:30",
  workEnd: "17:30",
});
// Thursday 26/11/2026.
const TODAY = "2026-11-26";

describe("a deadline said in chat, on Thursday 26/11/2026", () => {
  it.each([
    ["thứ Sáu", "2026-11-27"],
    ["thu 6", "2026-11-27"],
    ["T6", "2026-11-27"],
    ["hạn thứ Sáu", "2026-11-27"],
    ["thứ Năm", "2026-12-03"],
    ["thứ Hai tuần sau", "2026-11-30"],
    ["thứ Sáu tuần sau", "2026-12-04"],
    ["15/12", "2026-12-15"],
    ["ngày 15/12", "2026-12-15"],
    ["15/12/2026", "2026-12-15"],
    ["15-12-26", "2026-12-15"],
    ["10/01", "2027-01-08"],
    ["cuối tháng", "2026-11-30"],
    ["cuối tháng sau", "2026-12-31"],
    ["cuối tuần", "2026-11-27"],
    ["tuần sau", "2026-12-04"],
    ["cuối năm", "2026-12-31"],
    ["hôm nay", "2026-11-26"],
    ["ngày mai", "2026-11-27"],
    ["trong 3 ngày làm việc", "2026-12-01"],
    ["3 ngày làm việc", "2026-12-01"],
    ["trong 5 ngày", "2026-12-01"],
    ["trong 2 tuần", "2026-12-10"],
    ["12/12", "2026-12-11"],
  ])("%s → %s", (text, date) => {
    expect(readDeadline(text, TODAY, cal)).toEqual({ ok: true, date });
  });

  it.each([
    ["sớm nhất có thể", "unreadable"],
    ["31/02", "invalidDate"],
    ["20/11/2026", "past"],
    ["", "unreadable"],
  ])("%s: %s", (text, reason) => {
    expect(readDeadline(text, TODAY, cal)).toEqual({ ok: false, reason });
  });

  it("a deadline on a holiday moves back to the working day before: 2/9/2027 (Quốc khánh)", () => {
    expect(readDeadline("02/09/2027", TODAY, cal)).toEqual({ ok: true, date: "2027-09-01" });
    expect(readDeadline("03/09/2027", TODAY, cal)).toEqual({ ok: true, date: "2027-09-01" });
  });
});

describe("asking for more time", () => {
  it.each([
    ["xin gia hạn PS-3 đến 10/12: chờ số liệu của Sở", { code: "PS-3", when: "10/12", reason: "chờ số liệu của Sở" }],
    ["xin gia han ps3 10/12 vi cho so lieu", { code: "PS-3", when: "10/12", reason: "cho so lieu" }],
    ["Xin gia hạn thứ Sáu tuần sau", { when: "thứ Sáu tuần sau", reason: "" }],
    ["xin gia hạn I.5 21/12: chờ hướng dẫn", { code: "I.5", when: "21/12", reason: "chờ hướng dẫn" }],
    [
      "xin gia han b.ii.3 den 15/01/2027 do thieu kinh phi",
      { code: "B.II.3", when: "15/01/2027", reason: "thieu kinh phi" },
    ],
    ["xin gia hạn BC-1 30/12", { code: "BC-1", when: "30/12", reason: "" }],
    // A numeric code is a code when more follows it; alone, "15.12" is a date.
    ["xin gia hạn 2.4 29/12/2026: chờ số liệu", { code: "2.4", when: "29/12/2026", reason: "chờ số liệu" }],
    ["xin gia hạn 3 cuối tháng", { code: "3", when: "cuối tháng", reason: "" }],
    ["xin gia hạn 15.12", { when: "15.12", reason: "" }],
  ])("%s", (text, expected) => {
    expect(parseExtensionAsk(text)).toEqual(expected);
  });
  it("anything else is not a request", () => {
    expect(parseExtensionAsk("gia hạn")).toBeNull();
    expect(parseExtensionAsk("xin gia hạn")).toBeNull();
  });
});

describe("a deadline inside a line of words", () => {
  it.each([
    ["cuối tháng chờ số liệu", "2026-11-30", "chờ số liệu"],
    ["thứ Sáu tuần sau: vướng lịch", "2026-12-04", "vướng lịch"],
    ["30/12 chờ hướng dẫn của Sở", "2026-12-30", "chờ hướng dẫn của Sở"],
    ["trong 3 ngày làm việc", "2026-12-01", ""],
  ])("opening with one: %s", (text, date, rest) => {
    expect(leadingDeadline(text, TODAY, cal)).toMatchObject({ reading: { ok: true, date }, rest });
  });
  it("a line opening with no date has none; one opening with a date gone says so", () => {
    expect(leadingDeadline("chờ số liệu", TODAY, cal)).toBeNull();
    expect(leadingDeadline("20/11/2026 chờ", TODAY, cal)).toMatchObject({ reading: { ok: false, reason: "past" } });
  });
  it.each([
    ["Báo cáo hồ sơ quá hạn hạn 10/12", "Báo cáo hồ sơ quá hạn", "2026-12-10"],
    ["Báo cáo tiêm chủng, hạn 10/12", "Báo cáo tiêm chủng", "2026-12-10"],
    ["Báo cáo tiêm chủng trước cuối tháng", "Báo cáo tiêm chủng", "2026-11-30"],
    ["Báo cáo tiêm chủng thứ Sáu tuần sau", "Báo cáo tiêm chủng", "2026-12-04"],
    ["Báo cáo tiêm chủng 10/12", "Báo cáo tiêm chủng", "2026-12-10"],
  ])("ending with one: %s", (text, what, date) => {
    expect(trailingDeadline(text, TODAY, cal)).toMatchObject({ what, reading: { ok: true, date } });
  });
  it("words with no date at the end have none", () => {
    expect(trailingDeadline("Báo cáo hồ sơ quá hạn", TODAY, cal)).toBeNull();
  });
});
