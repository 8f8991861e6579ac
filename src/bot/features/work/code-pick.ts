/**
 * "Mã “3” khớp nhiều nhiệm vụ": a command that takes a task code asks which
 * task a short code means when it fits several (1.3, 2.3, B.I.3), and goes on
 * with the full code chosen. The commands that ask are named here; the
 * button that answers runs the command again (bot/buttons.ts).
 */
import { z } from "zod";
import { EVERYONE } from "../../../domain/roles.ts";
import { CB } from "../../../ui/callbacks.ts";
import { short } from "../../../ui/format.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";

export const PICKING_COMMANDS = ["nhiemvu", "gianhan", "lichsu", "yeucau", "minhchung", "tralai", "giao"] as const;

const CodePick = z.object({
  command: z.enum(PICKING_COMMANDS),
  /** What the person typed after the code: the command is run again with it. */
  rest: z.string(),
  refs: z.array(z.string()),
});
export type CodePick = z.infer<typeof CodePick>;

/** The one meant, chosen from the list (a number on Zalo and the console). */
export const CODE_PICK: ConversationDef<CodePick> = { kind: "codePick", schema: CodePick, roles: EVERYONE };

const PICK_LIMIT = 8;

/**
 * The one task of `found` (best first, as tasksNamed orders them) a typed
 * code names. None: the person is told (`none`, else "no such code"). Several:
 * asked which, and null is returned; the command runs again with the choice.
 */
export async function oneTask<T extends { ref: string; content: string }>(
  ctx: MemberCtx,
  found: readonly T[],
  code: string,
  pending: Omit<CodePick, "refs">,
  none?: string,
): Promise<T | null> {
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    ctx.reply(none ?? ctx.t("status.noSuchCode", { code }));
    return null;
  }
  const shown = found.slice(0, PICK_LIMIT);
  await ctx.ask(CODE_PICK, { ...pending, refs: shown.map((x) => x.ref) });
  ctx.reply({
    kind: "text",
    text: ctx.t("extend.several", { code, count: found.length }),
    buttons: shown.map((x, i) => [{ label: `${x.ref} · ${short(x.content, 40)}`, data: CB.codePick.build(i) }]),
  });
  return null;
}
