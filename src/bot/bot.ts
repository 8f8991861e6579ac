/**
 * The bot: one IncomingMessage in, the replies out. Channel-neutral; the
 * runner feeds it and delivers what it returns.
 */
import type { CommandMenu, IncomingMessage, Reply } from "../messages/types.ts";
import { dayOf } from "../domain/calendar.ts";
import { parseCoordinationReply, parseStatusReply } from "../domain/status.ts";
import { LOCALES, translator, type Locale, type Translate } from "../i18n.ts";
import { queueMessages } from "../store/delivery/outbox.ts";
import { localesOf } from "../store/people/staff.ts";
import { warmUp } from "../store/work/open-work.ts";
import { allowed, COMMANDS, findCommand, parseCommand } from "./commands.ts";
import type { BotDeps, Ctx, MemberCtx, Outgoing } from "./context.ts";
import { onButton } from "./buttons.ts";
import { contactShared, startCommand, stranger } from "./features/people/link.ts";
import { statusText } from "./features/work/status.ts";
import { coordinationText } from "./features/coordination/coordination.ts";
import { isReadReceipt, readReply } from "./features/notices/broadcast.ts";
import { fileReceived } from "./features/plan/import.ts";
import { undoDone } from "./features/evidence/evidence.ts";
import { extensionText } from "./features/deadlines/extensions.ts";
import { linkHere, privateChatOf } from "./features/people/groups.ts";
import { openQuestion, type OpenQuestion } from "./conversations.ts";
import type { Conversation } from "../store/chat/conversations.ts";
import { isUndo } from "../domain/evidence.ts";
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

export function createBot(deps: BotDeps): Bot {
  const strangersTold = new Map<string, number>();
  const translators = new Map<Locale, Translate>(LOCALES.map((l) => [l, translator(l)]));
  const tFor = (locale: string | null): Translate =>
    translators.get((locale as Locale) ?? deps.settings.defaultLocale) ?? translators.get(deps.settings.defaultLocale)!;

  /** The message's context, and the question its chat was asked (read once, here). */
  async function context(msg: IncomingMessage): Promise<{ ctx: Ctx; stored: Conversation | null }> {
    const member = await deps.members.get(msg.channel, msg.senderId);
    const locale =
      (member?.locale as Locale | null) ?? localeFromLanguage(msg.languageCode, deps.settings.defaultLocale);
    const now = deps.clock.now();
    const out: Outgoing[] = [];
    const { conversations } = deps;
    const stored = member ? await conversations.get(msg.channel, msg.chatId, now) : null;
    const ctx: Ctx = {
      deps,
      msg,
      member,
      locale,
      t: tFor(locale),
      tFor,
      now,
      today: dayOf(now, deps.settings.tz),
      unit: member?.unitName ?? deps.settings.unitName,
      answering(def) {
        if (stored?.kind !== def.kind) return null;
        const parsed = def.schema.safeParse(stored.payload);
        return parsed.success ? parsed.data : null;
      },
      out,
      reply(reply: Reply | string) {
        out.push({
          channel: msg.channel,
          chatId: msg.chatId,
          reply: typeof reply === "string" ? { kind: "text", text: reply } : reply,
        });
      },
      async notify(staffIds, build) {
        // Not an answer to this message: it waits in the outbox (paced, retried, kept over a restart).
        const people = await localesOf(deps.db, staffIds);
        const queued = await queueMessages(deps.db, {
          kind: "notify",
          messages: people.map((p) => ({ staffId: p.id, payload: build(tFor(p.locale)) })),
          now,
        });
        if (queued) deps.onQueued?.();
      },
      async ask(def, payload, minutes = def.minutes ?? deps.settings.conversationTtlMinutes) {
        const expiresAt = new Date(now.getTime() + minutes * 60_000);
        await conversations.set(msg.channel, msg.chatId, def.kind, payload, expiresAt);
      },
      async forget() {
        await conversations.clear(msg.channel, msg.chatId);
      },
    };
    return { ctx, stored };
  }

  /** A member's message: a button, a file or words, read against the question the chat was asked. */
  async function fromMember(ctx: MemberCtx, stored: Conversation | null): Promise<void> {
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
    if (msg.text) return onText(ctx, question, msg.text);
    ctx.reply(ctx.t("common.fallback"));
  }

  async function onText(ctx: MemberCtx, question: OpenQuestion | null, text: string): Promise<void> {
    const command = parseCommand(text);
    if (command) {
      // A command always wins over a pending question, and ends it.
      if (question) await ctx.forget();
      const found = findCommand(command.name);
      if (!found) {
        ctx.reply(ctx.t("common.unknownCommand", { command: `/${command.name}` }));
        return;
      }
      if (!allowed(ctx.member.role, found)) {
        ctx.reply(ctx.t("common.notForYou", { command: `/${command.name}` }));
        return;
      }
      return found.run(ctx, command.args);
    }
    // A notice being written may well begin with "Hoàn thành…": it is the notice, not a status.
    if (question?.textFirst && question.text && (await question.text(ctx, text)) !== false) return;
    if (await extensionText(ctx, text)) return;
    // Before a status reply: "xong phần phối hợp" begins with "xong" but is not the lead's "xong".
    const part = parseCoordinationReply(text);
    if (part) {
      if (question) await ctx.forget();
      return coordinationText(ctx, part.code);
    }
    const status = parseStatusReply(text);
    if (status) {
      // The task the person just opened is what a bare "xong" means; any other question ends here.
      if (question && question.focus === undefined) await ctx.forget();
      return statusText(ctx, status, question?.focus);
    }
    if (question && !question.textFirst && question.text && (await question.text(ctx, text)) !== false) return;
    if (isUndo(text)) return undoDone(ctx);
    if (isReadReceipt(text)) return readReply(ctx);
    ctx.reply(ctx.t("common.fallback"));
  }

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
    const { ctx, stored } = await context(msg);
    const start = msg.text ? /^\/start(?:@\S+)?(?:\s+(\S+))?\s*$/i.exec(msg.text.trim()) : null;
    // A stranger may type the invitation code by hand, without /start.
    const typedCode = !ctx.member && msg.text && INVITE_CODE.test(msg.text.trim()) ? msg.text.trim() : null;
    if (start) await startCommand(ctx, start[1] ?? "");
    else if (typedCode) await startCommand(ctx, typedCode);
    else if (msg.contact) await contactShared(ctx);
    else if (!ctx.member) {
      // The console, for trying the bot, answers every time.
      if (!quietWith(msg, ctx.now, `${msg.channel}:${msg.chatId}`)) stranger(ctx);
    } else await fromMember(ctx as MemberCtx, stored);
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
    const { ctx } = await context(msg);
    if (findCommand(command.name)?.names[0] === "nhomnay") {
      await linkHere(ctx, command.args);
      return ctx.out;
    }
    if (!ctx.member) {
      if (!quietWith(msg, ctx.now, `${msg.channel}:${msg.chatId}:${msg.senderId}`)) ctx.reply(ctx.t("group.stranger"));
      return ctx.out;
    }
    const own = await privateChatOf(ctx as MemberCtx);
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
      const ctx = await context(msg).then(
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
