/**
 * The sequence that once left two thirds of a notice unsent: people link at
 * once, then the admin sends a notice from the CLI, a second process, while
 * the bot runs. Real processes (`npm start`, `cchc`); `npm run bench
 * broadcast` times the same with 300 people against the floor.
 */
import { describe, expect, it } from "vitest";
import { burstThenNotice } from "../helpers/burst-notice.ts";

describe("a notice from the CLI into the running bot, after a burst of links", () => {
  it("reaches every person who linked, nudged at once rather than found on a timer", async () => {
    const r = await burstThenNotice(40, { latencyMs: 50, limitMs: 90_000 });
    expect(r.reached).toBe(40);
  }, 120_000);
});
