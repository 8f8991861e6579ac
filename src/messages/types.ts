import { stripDiacritics } from "../util/diacritics.ts";

/**
 * The neutral message model. A channel turns its platform's events into
 * IncomingMessage and renders Reply back; the bot sees nothing else. Nothing
 * in here knows about CCHC, and nothing in src/bot knows about a platform.
 */

export type ChannelName = "telegram" | "zalo" | "console";

export interface Contact {
  /** As the platform gave it; the bot normalises it. */
  phone: string;
  /** True when the platform vouches that the contact is the sender's own. */
  own: boolean;
}

export interface Attachment {
  kind: "document" | "photo";
  fileId: string;
  fileName?: string;
  /** Bytes, when the platform tells before the download (Telegram does). */
  size?: number;
}

export interface IncomingMessage {
  channel: ChannelName;
  /** Unique within the channel; the same update delivered twice has the same id. */
  updateId: string;
  chatId: string;
  senderId: string;
  senderName?: string;
  /** The sender's app language ("vi", "en-US"), when the platform tells. */
  languageCode?: string;
  /** A private (1:1) chat. Group chats carry no commands. */
  private: boolean;
  text?: string;
  /** The data of a pressed button. */
  button?: { data: string; messageId?: string };
  contact?: Contact;
  attachment?: Attachment;
  /** The platform's own update, for the rare need; handlers must not depend on it. */
  raw?: unknown;
}

export interface Button {
  label: string;
  data: string;
}

export type Reply =
  | {
      kind: "text";
      text: string;
      /** Rows of buttons under the message. Text-only channels number them. */
      buttons?: Button[][];
      /** Ask the person to share their phone number (Telegram's contact button). */
      askContact?: { label: string };
      /** Replace an earlier message of ours (a page turned) where the channel can. */
      editOf?: string;
    }
  /** A file: its bytes, or the platform's id of a file it already has (forwarded to the bot). */
  | { kind: "document"; fileName: string; data?: Buffer; fileId?: string; caption?: string }
  | { kind: "photo"; data?: Buffer; fileId?: string; caption?: string };

/** quietWithStrangers: a personal account (Zalo) that must not chat with strangers more than once a day. */
export type Capability = "buttons" | "edit" | "askContact" | "documents" | "photos" | "quietWithStrangers";

export interface SentMessage {
  messageId: string;
}

export type IncomingHandler = (message: IncomingMessage) => Promise<void>;

export interface Channel {
  readonly name: ChannelName;
  readonly capabilities: ReadonlySet<Capability>;
  /** Begins receiving; resolves once the channel is listening. */
  start(onMessage: IncomingHandler): Promise<void>;
  send(chatId: string, reply: Reply): Promise<SentMessage>;
  /** Stops receiving and waits for messages already handed to onMessage. */
  stop(): Promise<void>;
  /** The bytes of a file someone sent, by the attachment's id. */
  download?(fileId: string): Promise<Buffer>;
}

/** The command menu a channel may show (Telegram's "/" list). */
export interface CommandMenu {
  locale: string;
  commands: { command: string; description: string }[];
}

/** A label as people retype it: no emoji or accents, lower case ("✅ Đã đọc" → "da doc"). */
export function labelKey(text: string): string {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Buttons as a numbered list, for channels that have none. The answer is the
 * number, or the label itself retyped ("đã đọc").
 */
export function numberedChoices(buttons: Button[][]): { text: string; choices: Map<string, string> } {
  const choices = new Map<string, string>();
  const lines: string[] = [];
  const all = buttons.flat();
  all.forEach((b, i) => {
    const n = String(i + 1);
    choices.set(n, b.data);
    const key = labelKey(b.label);
    if (key && !/^\d+$/.test(key) && !choices.has(key)) choices.set(key, b.data);
    lines.push(`${n}. ${b.label}`);
  });
  return { text: lines.join("\n"), choices };
}

/**
 * Where a channel without buttons keeps the numbered list it showed last in
 * each chat, so that "2" still answers it after a restart. The bot's process
 * hands the channel one kept in the database; the default keeps it in memory.
 */
export interface ChoiceMemory {
  get(chatId: string): Promise<ReadonlyMap<string, string> | null>;
  /** The chat's latest list; null when the latest message had none (a number then means nothing). */
  set(chatId: string, choices: ReadonlyMap<string, string> | null): Promise<void>;
}

export function memoryChoices(): ChoiceMemory {
  const lists = new Map<string, ReadonlyMap<string, string>>();
  return {
    get: async (chatId) => lists.get(chatId) ?? null,
    set: async (chatId, choices) => void (choices ? lists.set(chatId, choices) : lists.delete(chatId)),
  };
}

export type ChannelErrorKind = "rateLimited" | "blocked" | "transient" | "unknown" | "permanent" | "stopped";

/**
 * Why a send failed, in words every channel can use: the platform asks us to
 * slow down (for how long), the person blocked the bot or is gone (do not
 * retry), the request surely did not arrive (refused connection, DNS, a 5xx:
 * retry later), it may have arrived (a timeout or a reset after it went out:
 * never retried, it would come twice), the message is refused as it is, or
 * the bot is stopping (kept for the next start).
 */
export class ChannelError extends Error {
  constructor(
    readonly kind: ChannelErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

/** Errors of a connection that never opened: the request surely did not leave. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/** A network failure in ChannelError's words: retried only when the request surely did not go out. */
export function networkError(error: unknown): ChannelError {
  const e = error as { code?: string; errno?: string; cause?: { code?: string }; message?: string } | null;
  const code = e?.code ?? e?.errno ?? e?.cause?.code;
  const message = String(e?.message ?? error);
  return new ChannelError(code && NEVER_SENT.has(code) ? "transient" : "unknown", message);
}
