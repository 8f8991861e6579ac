/**
 * What a member's words mean, step by step. Each step reads the text (and the
 * question the chat was asked) and says whether it is its message; the first
 * that says yes answers. The order is the table below and nowhere else:
 *
 * 1. a command always wins, and ends any pending question;
 * 2. a question whose text comes first (a notice being written may begin with
 *    "Hoàn thành…", and "bỏ qua" answers "gửi minh chứng");
 * 3. "xin gia hạn …", before a status reply (it names a date, not a status);
 * 4. "xong phần phối hợp …", before a status reply: it begins with "xong" but
 *    is not the lead's "xong";
 * 5. a status reply ("xong", "vướng: lý do"), meaning the task in focus;
 * 6. the pending question's answer in words;
 * 7. "hoàn tác" (undo the last "xong");
 * 8. "đã đọc" (a notice read);
 * 9. the fallback: a line saying what the bot understands.
 */
import { parseExtensionAsk, type ExtensionAsk } from "../domain/deadline.ts";
import { isUndo } from "../domain/evidence.ts";
import { parseCoordinationReply, parseStatusReply, type StatusReply } from "../domain/status.ts";
import { allowed, findCommand, parseCommand, type ParsedCommand } from "./commands.ts";
import type { MemberCtx } from "./context.ts";
import type { OpenQuestion } from "./conversations.ts";
import { coordinationText } from "./features/coordination/coordination.ts";
import { requestExtension } from "./features/deadlines/extensions.ts";
import { undoDone } from "./features/evidence/evidence.ts";
import { isReadReceipt, readReply } from "./features/notices/broadcast.ts";
import { statusText } from "./features/work/status.ts";

/** One member's words, with the question the chat was asked (already checked against their role). */
export interface TextTurn {
  ctx: MemberCtx;
  question: OpenQuestion | null;
  text: string;
}

/** A turn whose pending question takes an answer in words. */
export type AnsweringTurn = TextTurn & { question: OpenQuestion & { text: NonNullable<OpenQuestion["text"]> } };

/**
 * One step: `read` says what it found in the turn (null: not this step's
 * message); `run` answers, and returns false when the message turned out not
 * to be its own after all (a question's answer that was no answer), so the
 * next steps read it.
 */
export interface TextStep<Found> {
  name: string;
  read(turn: TextTurn): Found | null;
  run(turn: TextTurn, found: Found): Promise<boolean | void>;
}

function step<Found>(s: TextStep<Found>): TextStep<Found> {
  return s;
}

/** Whether the chat waits on a question that takes words. */
export function answersInWords(turn: TextTurn): turn is AnsweringTurn {
  return turn.question?.text !== undefined;
}

export const commandStep = step<ParsedCommand>({
  name: "command",
  read: (turn) => parseCommand(turn.text),
  async run({ ctx, question }, command) {
    if (question) await ctx.forget();
    const found = findCommand(command.name);
    if (!found) ctx.reply(ctx.t("common.unknownCommand", { command: `/${command.name}` }));
    else if (!allowed(ctx.member.role, found)) ctx.reply(ctx.t("common.notForYou", { command: `/${command.name}` }));
    else await found.run(ctx, command.args);
  },
});

export const questionFirstStep = step<AnsweringTurn>({
  name: "question, read first",
  read: (turn) => (answersInWords(turn) && turn.question.textFirst ? turn : null),
  run: async (_turn, { ctx, question, text }) => (await question.text(ctx, text)) !== false,
});

export const extensionStep = step<ExtensionAsk>({
  name: "extension request",
  read: (turn) => parseExtensionAsk(turn.text),
  run: ({ ctx }, ask) => requestExtension(ctx, ask),
});

export const coordinationStep = step<{ code?: string }>({
  name: "coordinating part",
  read: (turn) => parseCoordinationReply(turn.text),
  async run({ ctx, question }, part) {
    if (question) await ctx.forget();
    await coordinationText(ctx, part.code);
  },
});

export const statusStep = step<StatusReply>({
  name: "status",
  read: (turn) => parseStatusReply(turn.text),
  async run({ ctx, question }, status) {
    // The task the person just opened is what a bare "xong" means; any other question ends here.
    if (question && question.focus === undefined) await ctx.forget();
    await statusText(ctx, status, question?.focus);
  },
});

export const questionStep = step<AnsweringTurn>({
  name: "question",
  read: (turn) => (answersInWords(turn) && !turn.question.textFirst ? turn : null),
  run: async (_turn, { ctx, question, text }) => (await question.text(ctx, text)) !== false,
});

export const undoStep = step<true>({
  name: "undo",
  read: (turn) => (isUndo(turn.text) ? true : null),
  run: ({ ctx }) => undoDone(ctx),
});

export const readReceiptStep = step<true>({
  name: "read receipt",
  read: (turn) => (isReadReceipt(turn.text) ? true : null),
  run: ({ ctx }) => readReply(ctx),
});

export const fallbackStep = step<true>({
  name: "fallback",
  read: () => true,
  run: async ({ ctx }) => ctx.reply(ctx.t("common.fallback")),
});

/** The order in which the steps read a member's words: the first whose message it is answers. */
export const TEXT_STEPS: readonly TextStep<unknown>[] = [
  commandStep,
  questionFirstStep,
  extensionStep,
  coordinationStep,
  statusStep,
  questionStep,
  undoStep,
  readReceiptStep,
  fallbackStep,
] as TextStep<unknown>[];

/** The step that takes these words, without running it: what a test, or a reader, asks. */
export function stepFor(turn: TextTurn): TextStep<unknown> {
  return TEXT_STEPS.find((s) => s.read(turn) !== null)!;
}

/** Answers a member's words: each step in order, until one takes the message. */
export async function routeText(turn: TextTurn): Promise<void> {
  for (const s of TEXT_STEPS) {
    const found = s.read(turn);
    if (found !== null && (await s.run(turn, found)) !== false) return;
  }
}
