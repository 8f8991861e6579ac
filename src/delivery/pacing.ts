/**
 * The platform's pace for everything we send: at most `perSecond` messages
 * overall and one per `perChatMs` to the same chat (Telegram: ~30/s and
 * 1/s per chat; we stay at 25/s), and a full stop while the platform says
 * "retry after". Pure: the sender asks how long to wait and tells what it did.
 */
export interface PaceOptions {
  perSecond: number;
  perChatMs: number;
  /** A random extra wait up to this, so a personal account does not send like a machine (Zalo). */
  jitterMs?: number;
}

export class Pacer {
  private nextGlobal = 0;
  private readonly nextChat = new Map<string, number>();
  private pausedUntil = 0;
  /** How many processes share the platform's pace; this one keeps 1/share of it. */
  private share = 1;

  constructor(
    private readonly options: PaceOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** Milliseconds to wait before a message to this chat may go; a null chat is held by the overall pace only (a reply). */
  delay(chat: string | null, now: number): number {
    return Math.max(
      0,
      this.nextGlobal - now,
      (chat === null ? 0 : (this.nextChat.get(chat) ?? 0)) - now,
      this.pausedUntil - now,
    );
  }

  sent(chat: string | null, at: number): void {
    this.nextGlobal =
      Math.max(this.nextGlobal, at) +
      (1000 / this.options.perSecond) * this.share +
      (this.options.jitterMs ? this.random() * this.options.jitterMs : 0);
    if (chat === null) return;
    this.nextChat.set(chat, at + this.options.perChatMs);
    if (this.nextChat.size > 50_000) for (const [k, v] of this.nextChat) if (v < at) this.nextChat.delete(k);
  }

  /** Several processes send for one bot: each takes an equal part of the pace, so together they keep it. */
  setShare(processes: number): void {
    this.share = Math.max(1, Math.floor(processes));
  }

  /** A 429: nothing goes to anyone until then. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }
}

/** 1 s, 2 s, 4 s … capped at a minute: how long a network error waits before the next try. */
export function backoffMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}
