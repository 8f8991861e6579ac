/**
 * Every question the bot may be waiting on an answer to, one row each: the
 * definition (payload schema, roles, handlers) lives in its feature's file.
 * The router in bot.ts reads a chat's stored question through this table, so
 * a new multi-step feature adds its definition and a row here, nothing more.
 */
import type { Attachment } from "../messages/types.ts";
import type { Role } from "../domain/roles.ts";
import { CONVERSATION_KINDS, type ConversationDef, type ConversationKind, type MemberCtx } from "./context.ts";
import { COMPOSE, CONFIRM } from "./features/notices/broadcast.ts";
import { COORDINATION_FILE } from "./features/coordination/coordination.ts";
import { EVIDENCE } from "./features/evidence/evidence.ts";
import { EXTEND } from "./features/deadlines/deadlines.ts";
import { CODE_PICK } from "./features/work/code-pick.ts";
import { EXPLAIN, SCORE } from "./features/evaluation/self-score.ts";
import { EXTENSION_REASON } from "./features/deadlines/extensions.ts";
import { GIVE } from "./features/work/give.ts";
import { SEND_PLAN } from "./features/province/send-plan.ts";
import { SEND_UP } from "./features/province/send-up.ts";
import { INSPECTION_FILE } from "./features/evaluation/inspections.ts";
import { PICK, REASON } from "./features/work/status.ts";
import { FOCUS } from "./features/work/tasks.ts";

/** A stored question read back, its payload checked and bound to its handlers. */
export interface OpenQuestion {
  kind: ConversationKind;
  roles: readonly Role[];
  textFirst: boolean;
  focus: number | undefined;
  text?(ctx: MemberCtx, text: string): Promise<boolean | void>;
  file?(ctx: MemberCtx, attachment: Attachment, caption: string): Promise<boolean | void>;
}

type Reader = (payload: unknown) => OpenQuestion | null;

function row<P>(def: ConversationDef<P>): Reader {
  return (payload) => {
    const parsed = def.schema.safeParse(payload);
    if (!parsed.success) return null;
    const p = parsed.data;
    const { text, file } = def;
    return {
      kind: def.kind,
      roles: def.roles,
      textFirst: def.textFirst ?? false,
      focus: def.focus?.(p),
      ...(text ? { text: (ctx: MemberCtx, t: string) => text(ctx, p, t) } : {}),
      ...(file ? { file: (ctx: MemberCtx, a: Attachment, caption: string) => file(ctx, p, a, caption) } : {}),
    };
  };
}

/** One reader per kind: a kind without its definition here does not compile. */
const TABLE: Record<ConversationKind, Reader> = {
  focus: row(FOCUS),
  pick: row(PICK),
  reason: row(REASON),
  evidence: row(EVIDENCE),
  give: row(GIVE),
  bcCompose: row(COMPOSE),
  bcConfirm: row(CONFIRM),
  sendUp: row(SEND_UP),
  inspectionFile: row(INSPECTION_FILE),
  sendPlan: row(SEND_PLAN),
  coordinationFile: row(COORDINATION_FILE),
  extend: row(EXTEND),
  extensionReason: row(EXTENSION_REASON),
  codePick: row(CODE_PICK),
  score: row(SCORE),
  scoreExplain: row(EXPLAIN),
};

export { CONVERSATION_KINDS };

const isKind = (kind: string): kind is ConversationKind => Object.hasOwn(TABLE, kind);

/**
 * The question as its feature defined it; null for a kind no row names (one
 * renamed in an upgrade) or a payload its schema refuses (an old format).
 */
export function openQuestion(stored: { kind: string; payload: unknown } | null): OpenQuestion | null {
  if (!stored || !isKind(stored.kind)) return null;
  const question = TABLE[stored.kind](stored.payload);
  // A definition's kind is its row's: a row built from another definition would answer the wrong question.
  return question?.kind === stored.kind ? question : null;
}
