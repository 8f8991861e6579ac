/** /ngonngu: Tiếng Việt or English, remembered per person. */
import { CB } from "../../../ui/callbacks.ts";
import { isLocale } from "../../../i18n.ts";
import { setLocale } from "../../../store/people/identities.ts";
import type { MemberCtx } from "../../context.ts";

export async function languageCommand(ctx: MemberCtx): Promise<void> {
  ctx.reply({
    kind: "text",
    text: ctx.t("language.choose"),
    buttons: [
      [
        { label: "Tiếng Việt", data: CB.language.build("vi") },
        { label: "English", data: CB.language.build("en") },
      ],
    ],
  });
}

export async function languageButton(ctx: MemberCtx, locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  await setLocale(ctx.deps.db, ctx.member.staffId, locale);
  ctx.deps.members.clear();
  ctx.reply(ctx.tFor(locale)("language.set"));
}
