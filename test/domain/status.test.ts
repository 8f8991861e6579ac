import { describe, expect, it } from "vitest";
import { daysBetween, periodOf, quarterRange } from "../../src/domain/period.ts";
import { codeMatches, parseCoordinationReply, parseStatusReply, tasksNamed } from "../../src/domain/status.ts";

describe("parseStatusReply", () => {
  it.each([
    ["xong", { status: "DONE" }],
    ["Xong", { status: "DONE" }],
    ["đã xong", { status: "DONE" }],
    ["Da xong!", { status: "DONE" }],
    ["hoàn thành", { status: "DONE" }],
    ["HOAN THANH", { status: "DONE" }],
    ["đã hoàn thành 3.2", { status: "DONE", code: "3.2" }],
    ["xong 3.2", { status: "DONE", code: "3.2" }],
    ["xong B.II.3", { status: "DONE", code: "B.II.3" }],
    ["xong #4", { status: "DONE", code: "4" }],
    ["xong rồi", { status: "DONE" }],
    ["đang làm", { status: "IN_PROGRESS" }],
    ["dang lam 2", { status: "IN_PROGRESS", code: "2" }],
    ["đang thực hiện", { status: "IN_PROGRESS" }],
    ["vướng: chưa có kinh phí", { status: "BLOCKED", reason: "chưa có kinh phí" }],
    ["vuong chua co kinh phi", { status: "BLOCKED", reason: "chua co kinh phi" }],
    ["Vướng 3.2: thiếu người", { status: "BLOCKED", code: "3.2", reason: "thiếu người" }],
    ["khó khăn vì thiếu máy tính", { status: "BLOCKED", reason: "vì thiếu máy tính" }],
    ["vướng", { status: "BLOCKED" }],
    ["vướng: 2 máy hỏng", { status: "BLOCKED", reason: "2 máy hỏng" }],
    ["vướng 5.1: chưa có kinh phí", { status: "BLOCKED", code: "5.1", reason: "chưa có kinh phí" }],
    // Several codes close several tasks.
    ["xong 1.1 và 1.2", { status: "DONE", code: "1.1", more: ["1.2"] }],
    ["xong 1.1, 1.2", { status: "DONE", code: "1.1", more: ["1.2"] }],
    ["đã xong I.1, I.2 và I.4 ạ", { status: "DONE", code: "I.1", more: ["I.2", "I.4"] }],
    // A share done is progress, not done; all of it is done.
    ["hoàn thành 50%", { status: "IN_PROGRESS", percent: 50 }],
    ["hoàn thành 2.4 50 %", { status: "IN_PROGRESS", code: "2.4", percent: 50 }],
    ["xong một nửa", { status: "IN_PROGRESS", percent: 50 }],
    ["đang làm 30%", { status: "IN_PROGRESS", percent: 30 }],
    ["xong 100%", { status: "DONE" }],
    // What the bot does not use is kept, to be said back.
    ["xong 1.1 còn chờ ký", { status: "DONE", code: "1.1", unused: "còn chờ ký" }],
    ["xong việc rồi nhé", { status: "DONE" }],
  ])("%s", (text, reply) => expect(parseStatusReply(text)).toEqual(reply));
  it.each(["xin chào", "xong chưa?", "ok", "", "khi nào xong", "98,5"])("%s is not a status reply", (text) =>
    expect(parseStatusReply(text)).toBeNull(),
  );
  it("codes", () => {
    expect(codeMatches("B.II.3", "3")).toBe(true);
    expect(codeMatches("B.II.3", "ii.3")).toBe(true);
    expect(codeMatches("B.II.3", "B.II.3")).toBe(true);
    expect(codeMatches("B.II.13", "3")).toBe(false);
    expect(codeMatches("A.3", "3.2")).toBe(false);
  });
  it("which tasks a code names: the exact code, else its suffixes, this year's first", () => {
    const tasks = [
      { ref: "1.3", year: 2026 },
      { ref: "2.3", year: 2026 },
      { ref: "B.I.3", year: 2025 },
      { ref: "3", year: 2025 },
    ];
    const refs = (code: string, year?: number) => tasksNamed(tasks, code, year).map((t) => t.ref);
    expect(refs("3", 2026)).toEqual(["3"]);
    expect(refs("I.3", 2026)).toEqual(["B.I.3"]);
    expect(refs("2.3", 2026)).toEqual(["2.3"]);
    const noExact = tasks.filter((t) => t.ref !== "3");
    expect(tasksNamed(noExact, "3", 2026).map((t) => t.ref)).toEqual(["1.3", "2.3"]);
    expect(tasksNamed(noExact, "3", 2025).map((t) => t.ref)).toEqual(["B.I.3"]);
  });
});

describe("parseCoordinationReply", () => {
  it.each([
    ["xong phần phối hợp", {}],
    ["xong phan phoi hop I.1", { code: "I.1" }],
    ["Đã xong phần phối hợp B.II.3.", { code: "B.II.3" }],
    ["hoàn thành phần phối hợp 4", { code: "4" }],
    ["phối hợp xong I.5", { code: "I.5" }],
    ["xong phối hợp", {}],
  ])("%s", (text, reply) => expect(parseCoordinationReply(text)).toEqual(reply));
  it.each(["xong", "xong I.1", "phối hợp với khoa Dược", "xong phần phối hợp chưa?"])(
    "%s is not a coordinating part's report",
    (text) => expect(parseCoordinationReply(text)).toBeNull(),
  );
});

describe("periods", () => {
  it.each([
    ["QUARTER", "2026-11-25", "2026-Q4"],
    ["MONTH", "2026-11-25", "2026-M11"],
    ["HALF", "2026-06-30", "2026-H1"],
    ["HALF", "2026-07-01", "2026-H2"],
    ["YEAR", "2026-01-01", "2026-Y"],
  ] as const)("%s %s → %s", (p, day, label) => expect(periodOf(p, day)).toBe(label));
  it("quarter range and day arithmetic", () => {
    expect(quarterRange("2026-02-14")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(quarterRange("2026-11-25")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(daysBetween("2026-11-25", "2026-12-31")).toBe(36);
    expect(daysBetween("2026-11-25", "2026-09-30")).toBe(-56);
  });
});
