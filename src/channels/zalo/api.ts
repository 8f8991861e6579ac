/**
 * The part of zca-js this adapter uses, typed from zca-js's own declarations:
 * an upgrade that changes any of it fails to compile here, and the test fake
 * implements exactly this.
 */
import type { EventEmitter } from "node:events";
import type { API } from "zca-js";

/** The listener's events and their arguments, as zca-js declares them. */
export type ZaloEvents = API["listener"] extends EventEmitter<infer E> ? E : never;

export interface ZaloListener {
  on<K extends keyof ZaloEvents & string>(event: K, listener: (...args: ZaloEvents[K] & unknown[]) => void): unknown;
  start: API["listener"]["start"];
  stop: API["listener"]["stop"];
}

export type ZaloApi = Pick<API, "sendMessage" | "findUser" | "getOwnId"> & { listener: ZaloListener };

/** Zalo Web sessions elsewhere that take over ours: fighting them in a loop gets an account locked. */
export const TAKEOVER_CODES = new Set([3000, 3003]);
