/**
 * Linking a chat to a roster entry, the only thing a stranger can do. A
 * stranger learns nothing: no name, no task, no number.
 */
import { normalizePhone } from "../../../domain/phone.ts";
import { linkByPhone, redeemInvite, type LinkResult } from "../../../store/people/identities.ts";
import type { Ctx } from "../../context.ts";
import { localeFromLanguage } from "../../locale.ts";

function welcome(ctx: Ctx, result: LinkResult & { ok: true }) {
  ctx.deps.members.forget(ctx.msg.channel, ctx.msg.senderId);
  const t = ctx.tFor(result.member.locale);
  ctx.reply(t("link.welcome", { name: result.member.name }));
}

export async function startCommand(ctx: Ctx, code: string): Promise<void> {
  const { msg, deps } = ctx;
  if (code) {
    const result = await redeemInvite(deps.db, {
      code: code.toUpperCase(),
      platform: msg.channel,
      externalId: msg.senderId,
      chatId: msg.chatId,
      locale: localeFromLanguage(msg.languageCode, deps.settings.defaultLocale),
      now: ctx.now,
    });
    if (result.ok) return welcome(ctx, result);
    ctx.reply(ctx.t(`link.${result.reason}`));
    return;
  }
  if (ctx.member) {
    ctx.reply(ctx.t("link.already", { name: ctx.member.name }));
    return;
  }
  askForContact(ctx, "link.askContact");
}

export function askForContact(ctx: Ctx, key: string): void {
  const canAsk = ctx.deps.capabilities(ctx.msg.channel).has("askContact");
  ctx.reply({
    kind: "text",
    text: ctx.t(canAsk ? key : `${key}NoButton`),
    ...(canAsk ? { askContact: { label: ctx.t("link.shareButton") } } : {}),
  });
}

export async function contactShared(ctx: Ctx): Promise<void> {
  const { msg, deps } = ctx;
  const contact = msg.contact!;
  // Anyone can forward somebody else's contact card; only one's own counts.
  if (!contact.own) {
    ctx.reply(ctx.t("link.notOwnContact"));
    return;
  }
  const phone = normalizePhone(contact.phone);
  const result: LinkResult = phone
    ? await linkByPhone(deps.db, {
        unitName: ctx.unit,
        phone,
        platform: msg.channel,
        externalId: msg.senderId,
        chatId: msg.chatId,
        locale: localeFromLanguage(msg.languageCode, deps.settings.defaultLocale),
      })
    : { ok: false, reason: "unknownPhone" };
  if (result.ok) return welcome(ctx, result);
  // Unknown and deactivated numbers get the same answer: the roster is not to be probed.
  ctx.reply(ctx.t(result.reason === "severalUnits" ? "link.severalUnits" : "link.unknownPhone"));
}

export function stranger(ctx: Ctx): void {
  askForContact(ctx, "link.stranger");
}
