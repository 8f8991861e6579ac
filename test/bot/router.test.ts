/**
 * The router's steps, each alone: what it reads in a member's words, and the
 * order in which they read. What each step then does is tested end to end in
 * the feature suites (telegram, contract, conversations).
 */
import { describe, expect, it } from "vitest";
import type { MemberCtx, Outgoing } from "../../src/bot/context.ts";
import type { OpenQuestion } from "../../src/bot/conversations.ts";
import {
  answersInWords,
  commandStep,
  coordinationStep,
  extensionStep,
  fallbackStep,
  questionFirstStep,
  questionStep,
  readReceiptStep,
  statusStep,
  stepFor,
  TEXT_STEPS,
  undoStep,
  type TextTurn,
} from "../../src/bot/router.ts";
import { translator } from "../../src/i18n.ts";
import type { Member } from "../../src/store/people/identities.ts";

const t = translator("vi");

/** A member's turn: only what the steps read (the text, the question) and what a reply needs. */
function turn(text: string, question: OpenQuestion | null = null, role: Member["role"] = "STAFF"): TextTurn {
  const out: Outgoing[] = [];
  const ctx = {
    t,
    out,
    member: { role } as Member,
    reply(r: string) {
      out.push({ channel: "console", chatId: "1", reply: { kind: "text", text: r } });
    },
    async forget() {},
  } as unknown as MemberCtx;
  return { ctx, question, text };
}

const question = (textFirst: boolean): OpenQuestion => ({
  kind: textFirst ? "bcCompose" : "reason",
  roles: ["STAFF"],
  textFirst,
  focus: undefined,
  text: async () => true,
});

describe("each step reads its own words", () => {
  it("command", () => {
    expect(commandStep.read(turn("/baocao q1"))).toEqual({ name: "baocao", args: "q1" });
    expect(commandStep.read(turn("baocao"))).toBeNull();
  });

  it("a question read first, and one read after the replies", () => {
    expect(questionFirstStep.read(turn("Hoàn thành tập huấn", question(true)))).not.toBeNull();
    expect(questionFirstStep.read(turn("Hoàn thành tập huấn", question(false)))).toBeNull();
    expect(questionStep.read(turn("chưa có số liệu", question(false)))).not.toBeNull();
    expect(questionStep.read(turn("chưa có số liệu", null))).toBeNull();
    expect(answersInWords(turn("x", { ...question(false), text: undefined }))).toBe(false);
  });

  it("extension request, coordinating part, status", () => {
    expect(extensionStep.read(turn("xin gia hạn I.2 20/12: chờ số liệu"))).toMatchObject({ code: "I.2" });
    expect(extensionStep.read(turn("xong"))).toBeNull();
    expect(coordinationStep.read(turn("xong phần phối hợp I.1"))).toEqual({ code: "I.1" });
    expect(coordinationStep.read(turn("xong I.1"))).toBeNull();
    expect(statusStep.read(turn("vuong: chua co kinh phi"))).toMatchObject({ status: "BLOCKED" });
    expect(statusStep.read(turn("cảm ơn"))).toBeNull();
  });

  it("undo, read receipt, and the fallback that takes anything", () => {
    expect(undoStep.read(turn("hoàn tác"))).toBe(true);
    expect(undoStep.read(turn("xong"))).toBeNull();
    expect(readReceiptStep.read(turn("Đã đọc."))).toBe(true);
    expect(readReceiptStep.read(turn("đọc giúp"))).toBeNull();
    expect(fallbackStep.read(turn("???"))).toBe(true);
  });
});

describe("the order", () => {
  it("is the table's, listed once", () => {
    expect(TEXT_STEPS.map((s) => s.name)).toEqual([
      "command",
      "question, read first",
      "extension request",
      "coordinating part",
      "status",
      "question",
      "undo",
      "read receipt",
      "fallback",
    ]);
  });

  it("decides the words two steps could read", () => {
    // "xong phần phối hợp" begins with "xong": the part, not the lead's status.
    expect(stepFor(turn("xong phần phối hợp I.1")).name).toBe("coordinating part");
    // A notice being written that begins "Hoàn thành…" is the notice.
    expect(stepFor(turn("Hoàn thành kế hoạch", question(true))).name).toBe("question, read first");
    // Any other question gives way to a status reply.
    expect(stepFor(turn("xong", question(false))).name).toBe("status");
    expect(stepFor(turn("/baocao", question(true))).name).toBe("command");
    expect(stepFor(turn("xin gia hạn 20/12: chờ số liệu")).name).toBe("extension request");
    expect(stepFor(turn("thời tiết đẹp")).name).toBe("fallback");
  });
});

describe("steps that answer alone", () => {
  it("command: an unknown one and a leader's one from staff are each one line", async () => {
    const unknown = turn("/khongco");
    await commandStep.run(unknown, commandStep.read(unknown)!);
    const staff = turn("/baocao");
    await commandStep.run(staff, commandStep.read(staff)!);
    expect([...unknown.ctx.out, ...staff.ctx.out].map((o) => (o.reply.kind === "text" ? o.reply.text : ""))).toEqual([
      t("common.unknownCommand", { command: "/khongco" }),
      t("common.notForYou", { command: "/baocao" }),
    ]);
  });

  it("fallback says what the bot understands", async () => {
    const x = turn("???");
    await fallbackStep.run(x, true);
    expect(x.ctx.out).toHaveLength(1);
    expect(x.ctx.out[0]!.reply).toEqual({ kind: "text", text: t("common.fallback") });
  });
});
