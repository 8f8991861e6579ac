import type { z } from "zod";
import type { Attachment, Channel, ChannelName, IncomingMessage, Reply } from "../messages/types.ts";
import type { Role } from "../domain/roles.ts";
import type { Clock, IsoDate } from "../domain/calendar.ts";
import type { Translate, Locale } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import type { Conversation, ConversationStore } from "../store/chat/conversations.ts";
import { dayOf } from "../domain/calendar.ts";
import { queueMessages } from "../store/delivery/outbox.ts";
import { localesOf } from "../store/people/staff.ts";
import { localeFromLanguage } from "./locale.ts";
import type { Db } from "../store/db/db.ts";
import type { Member } from "../store/people/identities.ts";
import type { MemberCache } from "./members.ts";

export interface BotSettings {
  unitName: string;
  planYear: number;
  tz: string;
  defaultLocale: Locale;
  inviteTtlDays: number;
  /** How long a question ("which task?") waits for its answer. */
  conversationTtlMinutes: number;
}

export interface BotDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: BotSettings;
  conversations: ConversationStore;
  members: MemberCache;
  /** Told when the admin changes a setting, so the scheduler rereads them. */
  onSettingsChanged?: () => void;
  /** What each connected channel can do, to shape replies (a number instead of a button). */
  capabilities: (channel: ChannelName) => Channel["capabilities"];
  /** Told when messages were put in the outbox, so the sender takes them now, not at its next round. */
  onQueued?: () => void;
  /** A file a person sent, by the id its channel gave it. */
  download?: (channel: ChannelName, fileId: string) => Promise<Buffer>;
}

export interface Outgoing {
  channel: ChannelName;
  chatId: string;
  reply: Reply;
}

export interface Ctx {
  deps: BotDeps;
  msg: IncomingMessage;
  member: Member | null;
  locale: Locale;
  t: Translate;
  /** The translator for another language (a new member's, a colleague's). */
  tFor(locale: string | null): Translate;
  now: Date;
  today: IsoDate;
  /** The unit this chat works in: the member's own, or the deployment's for a stranger. */
  unit: string;
  /** The payload of the question this chat is answering, when it is `def`'s; null otherwise. */
  answering<P>(def: ConversationDef<P>): P | null;
  /** Replies to this chat, in order. */
  reply(reply: Reply | string): void;
  /** Messages to staff members, each in their own language, through the outbox to their preferred chat. */
  notify(staffIds: number[], build: (t: Translate) => Reply): Promise<void>;
  /** Remembers what this chat is in the middle of, for `minutes` (the def's, else the configured time). */
  ask<P>(def: ConversationDef<P>, payload: P, minutes?: number): Promise<void>;
  forget(): Promise<void>;
  readonly out: Outgoing[];
}

/** A ctx whose sender is a linked, active staff member. */
export type MemberCtx = Ctx & { member: Member };

/** Whether the sender is a linked, active staff member: everything but linking needs one. */
export function isMember(ctx: Ctx): ctx is MemberCtx {
  return ctx.member !== null;
}

/**
 * Every question the bot may be waiting on, by the name stored with the chat.
 * Renaming one forgets the questions open at the upgrade.
 */
export const CONVERSATION_KINDS = [
  "focus",
  "pick",
  "reason",
  "evidence",
  "give",
  "bcCompose",
  "bcConfirm",
  "sendUp",
  "sendPlan",
  "coordinationFile",
  "extend",
  "extensionReason",
  "codePick",
  "score",
  "scoreExplain",
  "inspectionFile",
] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/**
 * A question the bot asked and waits for an answer to ("which task?", "what
 * is in the way?", a notice's text). Each lives in its feature's file and has
 * a row in conversations.ts; the router in bot.ts reads the stored payload
 * with `schema` and hands it, typed, to the handler.
 */
export interface ConversationDef<P> {
  kind: ConversationKind;
  schema: z.ZodType<P>;
  /** Who may be answering it: checked again when the answer comes (a role changed since). */
  roles: readonly Role[];
  /** How long it waits, when not the configured time. */
  minutes?: number;
  /**
   * Its text is read before a status reply: a notice being written may begin
   * with "Hoàn thành…", and "bỏ qua" answers "gửi minh chứng". Otherwise a
   * status reply ends the question and the text handler gets the rest.
   */
  textFirst?: boolean;
  /** The answer in words; false when the words are no answer (the message is then read as usual). */
  text?(ctx: MemberCtx, payload: P, text: string): Promise<boolean | void>;
  /** A file sent while it waits; false when it is not the answer (then it is an import, as usual). */
  file?(ctx: MemberCtx, payload: P, attachment: Attachment, caption: string): Promise<boolean | void>;
  /** The task a bare "xong" means while it waits. */
  focus?(payload: P): number;
}

/** The message's context, and the question its chat was asked (read once, here). */
export async function openContext(
  deps: BotDeps,
  tFor: (locale: string | null) => Translate,
  msg: IncomingMessage,
): Promise<{ ctx: Ctx; stored: Conversation | null }> {
  const member = await deps.members.get(msg.channel, msg.senderId);
  const locale = (member?.locale as Locale | null) ?? localeFromLanguage(msg.languageCode, deps.settings.defaultLocale);
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
