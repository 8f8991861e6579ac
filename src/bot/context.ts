import type { Channel, ChannelName, IncomingMessage, Reply } from "../channels/types.ts";
import type { Clock, IsoDate } from "../domain/calendar.ts";
import type { Translate, Locale } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import type { Conversation, ConversationStore } from "../store/conversations.ts";
import type { Db } from "../store/db.ts";
import type { Member } from "../store/identities.ts";
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
  conversation: Conversation | null;
  /** Replies to this chat, in order. */
  reply(reply: Reply | string): void;
  /** Messages to staff members, each in their own language, through the outbox to their preferred chat. */
  notify(staffIds: number[], build: (t: Translate) => Reply): Promise<void>;
  /** Remembers what this chat is in the middle of, for `minutes` (the configured time by default). */
  ask(kind: string, payload: unknown, minutes?: number): Promise<void>;
  forget(): Promise<void>;
  readonly out: Outgoing[];
}

/** A ctx whose sender is a linked, active staff member. */
export type MemberCtx = Ctx & { member: Member };
