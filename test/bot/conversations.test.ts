/**
 * The conversation table (src/bot/conversations.ts): a stored question is
 * read back through its row's schema and roles, and one that no longer fits
 * is dropped, the message then read as any other, nothing written for it.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { CONVERSATION_KINDS } from "../../src/bot/conversations.ts";
import { NOW, PEOPLE, seedSmallPlan, startConsole, type ConsoleHarness } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";

let t: TestDb;
let bot: ConsoleHarness | undefined;
beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await t.close();
});

/** A question stored for the person's console chat as an old version or another role left it; then a new process. */
async function leaveQuestion(who: keyof typeof PEOPLE, kind: string, payload: unknown): Promise<void> {
  const chatId = PEOPLE[who].phone;
  const row = { kind, payload: JSON.stringify(payload), expiresAt: new Date(Date.parse(NOW) + 3600_000) };
  await t.db.conversation.create({ data: { channel: "console", chatId, ...row } });
  // A new process: nothing cached, the question read from the database.
  bot = await startConsole(t.db);
  await bot!.say(`/as ${chatId}`);
}

it("names each kind once", () => {
  expect(new Set(CONVERSATION_KINDS).size).toBe(CONVERSATION_KINDS.length);
  expect(CONVERSATION_KINDS).toEqual(
    expect.arrayContaining(["focus", "pick", "reason", "evidence", "give", "bcCompose", "bcConfirm", "sendUp"]),
  );
});

it("a question in an old payload format is dropped: “bỏ qua” is no evidence answer then", async () => {
  await leaveQuestion("an", "evidence", { assignment: 1 });
  const out = await bot!.say("bỏ qua");
  expect(out).not.toContain("minh chứng");
  expect(await t.db.conversation.count()).toBe(0);
  expect(await t.db.evidence.count()).toBe(0);
});

it("a kind no row names is dropped, and the words read as usual", async () => {
  await leaveQuestion("an", "renamedLongAgo", { assignmentId: 1 });
  expect(await bot!.say("xong I.2")).toContain("Đã ghi nhận hoàn thành: I.2");
  // The only question left is the one this "xong" asked.
  expect((await t.db.conversation.findMany()).map((c) => c.kind)).toEqual(["evidence"]);
});

it("a notice being written by someone no longer a sender is dropped: “Hoàn thành I.2” is a status reply, no notice", async () => {
  // Bình is staff: a notice's text stored for her chat (her role changed since) is not hers to finish.
  await leaveQuestion("binh", "bcCompose", { audience: { departments: [], role: null } });
  const out = await bot!.say("Hoàn thành I.2");
  expect(out).not.toContain("Xem trước");
  expect(await t.db.broadcast.count()).toBe(0);
  expect(await t.db.conversation.count()).toBe(0);
});

it("a question whose payload fits is answered as its feature defines", async () => {
  await leaveQuestion("an", "reason", { assignmentId: await assignmentOf("an", "I.2") });
  expect(await bot!.say("chưa có mẫu")).toContain("Đã ghi nhận vướng mắc: I.2");
  expect((await t.db.assignment.findUniqueOrThrow({ where: { id: await assignmentOf("an", "I.2") } })).status).toBe(
    "BLOCKED",
  );
});

async function assignmentOf(who: keyof typeof PEOPLE, ref: string): Promise<number> {
  const a = await t.db.assignment.findFirstOrThrow({
    where: { occurrence: { task: { ref } }, staff: { name: PEOPLE[who].name } },
    select: { id: true },
  });
  return a.id;
}
