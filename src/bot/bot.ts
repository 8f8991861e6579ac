/**
 * The bot: one IncomingMessage in, the replies out. Channel-neutral; the
 * runner feeds it and delivers what it returns.
 */
import type { CommandMenu, IncomingMessage } from "../messages/types.ts";
import { LOCALES, translator, type Locale, type Translate } from "../i18n.ts";
import { warmUp } from "../store/work/open-work.ts";
import { COMMANDS, findCommand, parseCommand } from "./commands.ts";
import { isMember, openContext, type BotDeps, type MemberCtx, type Outgoing } from "./context.ts";
import { onButton } from "./buttons.ts";
import { contactShared, startCommand, stranger } from "./features/people/link.ts";
import { fileReceived } from "./features/plan/import.ts";
import { linkHere, privateChatOf } from "./features/people/groups.ts";
import { openQuestion } from "./conversations.ts";
import { routeText } from "./router.ts";
import type { Conversation } from "../store/chat/conversations.ts";
import { localeFromLanguage } from "./locale.ts";

export interface Bot {
  /** Prepares what the first messages would otherwise wait for. */
  warmUp(): Promise<void>;
  handle(message: IncomingMessage): Promise<Outgoing[]>;
  /** Replies the runner sends itself: too many messages, something broke. */
  apology(message: IncomingMessage, reference: string): Promise<Outgoing>;
  slowDown(message: IncomingMessage): Promise<Outgoing>;
}

/** The "/" menu in each language, the default language first. */
export function commandMenus(defaultLocale: Locale): CommandMenu[] {
  const order = [defaultLocale, ...LOCALES.filter((l) => l !== defaultLocale)];
  return order.map((locale) => {
    const t = translator(locale);
    return {
      locale,
      commands: COMMANDS.filter((c) => c.menu).map((c) => ({ command: c.names[0]!, description: t(c.menu!) })),
    };
  });
}

const INVITE_CODE = /^[A-HJ-NP-Za-hj-np-z2-9]{10}$/;

/** A member's message: a button, a file or words, read against the question the chat was asked. */
export async function fromMember(ctx: MemberCtx, stored: Conversation | null): Promise<void> {
  const { msg } = ctx;
  if (msg.button) return onButton(ctx, msg.button.data);
  const found = openQuestion(stored);
  // A question no row reads any more (an upgrade), or that the person's role no longer answers, is dropped.
  const question = found && found.roles.includes(ctx.member.role) ? found : null;
  if (stored && !question) await ctx.forget();
  if (msg.attachment) {
    if (question?.file && (await question.file(ctx, msg.attachment, msg.text ?? "")) !== false) return;
    return fileReceived(ctx, msg.attachment);
  }
  if (msg.text) return routeText({ ctx, question, text: msg.text });
  ctx.reply(ctx.t("common.fallback"));
}

export function createBot(deps: BotDeps): Bot {
  const strangersTold = new Map<string, number>();
  const translators = new Map<Locale, Translate>(LOCALES.map((l) => [l, translator(l)]));
  const tFor = (locale: string | null): Translate =>
    translators.get((locale as Locale) ?? deps.settings.defaultLocale) ?? translators.get(deps.settings.defaultLocale)!;

  /** A stranger on a personal account (Zalo) hears it once a day: an account that chats with strangers gets flagged. */
  function quietWith(msg: IncomingMessage, now: Date, key: string): boolean {
    const quiet =
      deps.capabilities(msg.channel).has("quietWithStrangers") &&
      (strangersTold.get(key) ?? 0) > now.getTime() - 86_400_000;
    if (!quiet) strangersTold.set(key, now.getTime());
    return quiet;
  }

  async function handle(msg: IncomingMessage): Promise<Outgoing[]> {
    if (!msg.private) return inGroup(msg);
    const { ctx, stored } = await openContext(deps, tFor, msg);
    const start = msg.text ? /^\/start(?:@\S+)?(?:\s+(\S+))?\s*$/i.exec(msg.text.trim()) : null;
    // A stranger may type the invitation code by hand, without /start.
    const typedCode = !ctx.member && msg.text && INVITE_CODE.test(msg.text.trim()) ? msg.text.trim() : null;
    if (start) await startCommand(ctx, start[1] ?? "");
    else if (typedCode) await startCommand(ctx, typedCode);
    else if (msg.contact) await contactShared(ctx);
    else if (isMember(ctx)) await fromMember(ctx, stored);
    // The console, for trying the bot, answers every time.
    else if (!quietWith(msg, ctx.now, `${msg.channel}:${msg.chatId}`)) stranger(ctx);
    return ctx.out;
  }

  /**
   * A group chats among its people: only a command is the bot's business.
   * /nhomnay links the group; any other command is answered in the sender's
   * own chat, so nothing personal is ever posted in the group.
   */
  async function inGroup(msg: IncomingMessage): Promise<Outgoing[]> {
    const command = msg.text ? parseCommand(msg.text) : null;
    if (!command) return [];
    const { ctx } = await openContext(deps, tFor, msg);
    if (findCommand(command.name)?.names[0] === "nhomnay") {
      await linkHere(ctx, command.args);
      return ctx.out;
    }
    if (!isMember(ctx)) {
      if (!quietWith(msg, ctx.now, `${msg.channel}:${msg.chatId}:${msg.senderId}`)) ctx.reply(ctx.t("group.stranger"));
      return ctx.out;
    }
    const own = await privateChatOf(ctx);
    if (!own) {
      ctx.reply(ctx.t("group.writePrivately"));
      return ctx.out;
    }
    const answers = await handle({ ...msg, chatId: own, private: true });
    ctx.reply(ctx.t("group.answeredPrivately", { name: ctx.member.name }));
    return [...ctx.out, ...answers];
  }

  return {
    async warmUp() {
      await warmUp(deps.db);
      // i18next builds plural rules and formatters on first use.
      for (const t of translators.values()) {
        t("status.changed.DONE", { ref: "", content: "" });
        t("task.dueIn", { date: "", count: 2 });
      }
    },
    handle,
    async apology(msg, reference) {
      const ctx = await openContext(deps, tFor, msg).then(
        (c) => c.ctx,
        () => null,
      );
      const t = ctx?.t ?? tFor(localeFromLanguage(msg.languageCode, deps.settings.defaultLocale));
      return {
        channel: msg.channel,
        chatId: msg.chatId,
        reply: { kind: "text", text: t("common.error", { reference }) },
      };
    },
    async slowDown(msg) {
      const t = tFor(localeFromLanguage(msg.languageCode, deps.settings.defaultLocale));
      return { channel: msg.channel, chatId: msg.chatId, reply: { kind: "text", text: t("common.slowDown") } };
    },
  };
}
