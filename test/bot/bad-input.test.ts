/** The new commands' bad inputs: each gets one clear line in Vietnamese, and nothing is written. */
import { beforeEach, afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { PEOPLE, seedSmallPlan, startConsole, type ConsoleHarness } from "../helpers/bot.ts";
import { eachTestDb, snapshot } from "../helpers/db.ts";

const t = eachTestDb(seedSmallPlan);
let bot: ConsoleHarness;
beforeEach(async () => {
  await t.db.staff.updateMany({ where: { name: PEOPLE.an.name }, data: { role: "ADMIN" } });
  bot = await startConsole(t.db, { fileDir: t.dir });
});
afterEach(() => bot.stop());

describe("bad input to evidence and given-work commands", () => {
  it("usage lines, unknown codes, a wrong file type, a past deadline: answered, nothing written", async () => {
    await bot.say(`/as ${PEOPLE.an.phone}`);
    const before = await snapshot(t.db);
    const cases: [string, string][] = [
      ["/minhchung", "Dùng: /minhchung <mã nhiệm vụ>"],
      ["/minhchung Z.9", "Bạn không có nhiệm vụ đang mở nào mang mã “Z.9”"],
      ["/tralai I.1", "Dùng: /tralai <mã nhiệm vụ> <lý do>"],
      ["/tralai Z.9 thiếu", "Không có nhiệm vụ nào mang mã “Z.9” trong kế hoạch"],
      ["/tralai I.1 thiếu chữ ký", "chưa có ai báo xong, không có gì để trả lại"],
      ["/xuatminhchung quý 7", "Dùng: /xuatminhchung"],
      ["/viecdagiao xyz", "Dùng: /viecdagiao"],
      ["/viecdagiao PS-9 huỷ", "Không có việc PS-9 do bạn giao."],
      ["/giaoviec Không Ai Cả: việc, hạn mai", "Không tìm thấy ai là “Không Ai Cả”"],
      ["/giaoviec Bình: việc, hạn 31/02", "“31/02” không phải ngày có thật."],
      ["hoàn tác", "Hôm nay bạn chưa báo xong nhiệm vụ nào để hoàn tác."],
      ["xin gia hạn 10/12: bận", "ghi mã, ví dụ: xin gia hạn"],
    ];
    for (const [typed, expected] of cases) {
      // The bot's own words: an answer that only said the input back could not contain them.
      expect(typed, "an expectation the input itself would meet").not.toContain(expected);
      expect(await bot.say(typed), typed).toContain(expected);
    }
    const { Conversation: _a, ...after } = await snapshot(t.db);
    const { Conversation: _b, ...was } = before;
    expect(after).toEqual(was);
  });

  it("a file that is not evidence (an .exe) is refused and not kept", async () => {
    await bot.say(`/as ${PEOPLE.chi.phone}`);
    expect(await bot.say("/minhchung I.3")).toContain("📎 Gửi minh chứng cho I.3");
    const file = path.join(t.dir, "cai-dat.exe");
    fs.writeFileSync(file, Buffer.alloc(10, 1));
    expect(await bot.say(`/tep ${file}`)).toContain(
      "cai-dat.exe không phải ảnh, PDF, Word hay Excel nên chưa lưu làm minh chứng.",
    );
    expect(await t.db.evidence.count()).toBe(0);
    expect(await t.db.evidenceFile.count()).toBe(0);
  });
});
