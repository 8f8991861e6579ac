/** /huongdan: everything in two short screens. */
import { CB } from "../ui/callbacks.ts";
import type { MemberCtx } from "./context.ts";
import { exampleCode } from "./features/work/tasks.ts";

export async function helpCommand(ctx: MemberCtx): Promise<void> {
  await helpPage(ctx, 1);
}

export async function helpPage(ctx: MemberCtx, page: number, editOf?: string): Promise<void> {
  const { t, member } = ctx;
  const text =
    page === 1
      ? t("help.page1", { code: await exampleCode(ctx) })
      : [t("help.page2"), member.role !== "STAFF" ? t(`help.role.${member.role}`) : null].filter(Boolean).join("\n\n");
  ctx.reply({
    kind: "text",
    text,
    buttons: [
      [
        page === 1
          ? { label: t("help.next"), data: CB.help.build(2) }
          : { label: t("help.prev"), data: CB.help.build(1) },
      ],
    ],
    ...(editOf ? { editOf } : {}),
  });
}
