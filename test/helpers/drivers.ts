/**
 * One way to hold a conversation with the bot, whatever the channel: the
 * contract suite runs the same chats through each.
 */
import { PEOPLE, startConsole, startTelegram } from "./bot.ts";
import type { TestDb } from "./db.ts";
import { FakeUser } from "./fake-telegram.ts";

export interface ChatUser {
  /** Sends text; resolves with every reply that came back. */
  say(text: string): Promise<string>;
  /** Picks the choice (button or numbered line) whose label contains `label`. */
  choose(label: string): Promise<string>;
}

export interface Driver {
  name: string;
  start(t: TestDb): Promise<void>;
  /** A stranger: somebody not linked to the roster. */
  stranger(): ChatUser;
  /** Links a roster person the channel's own way and returns them. */
  link(who: keyof typeof PEOPLE): Promise<ChatUser>;
  stop(): Promise<void>;
}

const settle = () => new Promise((r) => setTimeout(r, 60));

export function telegramDriver(): Driver {
  let h: Awaited<ReturnType<typeof startTelegram>>;
  let nextId = 2000;
  const wrap = (u: FakeUser): ChatUser => {
    const collect = async (push: () => void) => {
      push();
      const first = await u.reply();
      await settle();
      const rest = u.unread();
      if (rest.length) await u.replies(rest.length);
      return [first, ...rest].map((m) => m.text + (m.buttons.length ? `\n${m.buttons.flat().map((b) => `[${b.text}]`).join(" ")}` : "")).join("\n");
    };
    return { say: (text) => collect(() => u.send(text)), choose: (label) => collect(() => u.pressLabel(label)) };
  };
  return {
    name: "telegram",
    async start(t) {
      h = await startTelegram(t.db);
    },
    stranger: () => wrap(new FakeUser(h.api, nextId++)),
    async link(who) {
      const u = new FakeUser(h.api, nextId++);
      u.shareContact(PEOPLE[who].phone);
      await u.reply();
      return wrap(u);
    },
    stop: () => h.stop(),
  };
}

export function consoleDriver(): Driver {
  let h: Awaited<ReturnType<typeof startConsole>>;
  // One terminal: whoever spoke last with /as is at the keyboard.
  let current: string | null = null;
  const as = async (phone: string) => {
    if (current !== phone) await h.say(`/as ${phone}`);
    current = phone;
  };
  const user = (phone: string | null): ChatUser => {
    let lastChoices = "";
    const say = async (text: string) => {
      if (phone) await as(phone);
      const out = await h.say(text);
      lastChoices = out;
      return out;
    };
    return {
      say,
      async choose(label) {
        const line = lastChoices.split("\n").find((l) => /^\d+\. /.test(l) && l.includes(label));
        if (!line) throw new Error(`no choice “${label}” in:\n${lastChoices}`);
        return say(line.split(".")[0]!);
      },
    };
  };
  return {
    name: "console",
    async start(t) {
      h = await startConsole(t.db, { fileDir: t.dir });
    },
    stranger: () => user(null),
    async link(who) {
      current = PEOPLE[who].phone;
      await h.say(`/as ${PEOPLE[who].phone}`);
      return user(PEOPLE[who].phone);
    },
    stop: () => h.stop(),
  };
}
