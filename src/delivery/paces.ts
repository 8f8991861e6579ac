/** The platforms' paces, and the one way a dispatcher is made with them. */
import { Dispatcher, type DispatcherOptions, type SendFn } from "./dispatcher.ts";
import type { PaceOptions } from "./pacing.ts";
import type { ChannelName } from "../messages/types.ts";

/** Telegram refuses more than about 30 sends a second with 429: 25 leaves room for the replies. */
export const TELEGRAM_PACE: PaceOptions = { perSecond: 25, perChatMs: 1000 };
/** A personal Zalo account gets flagged for bursts: one message every 2 s or so, never on the beat. */
export const ZALO_PACE: PaceOptions = { perSecond: 0.5, perChatMs: 2000, jitterMs: 1500 };

export interface PaceChoice {
  /** Telegram's pace, and the default for any platform not named in `paces`. */
  pace?: PaceOptions;
  paces?: Partial<Record<ChannelName, PaceOptions>>;
}

/** A dispatcher with the platforms' paces (Zalo's slower one unless told), the rest of its options as given. */
export function dispatcherFor(
  send: SendFn,
  options: PaceChoice = {},
  more: Omit<DispatcherOptions, "paces" | "defaultPace"> = {},
): Dispatcher {
  return new Dispatcher(send, {
    ...more,
    paces: { zalo: ZALO_PACE, ...options.paces },
    defaultPace: options.pace ?? TELEGRAM_PACE,
  });
}
