/**
 * One way to hold a conversation with the bot, whatever the channel: the
 * contract suite runs the same chats through each.
 */
import { storedChoices } from "../../src/store/chat/choices.ts";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { wireBot } from "../../src/start/wire.ts";
import { ZaloChannel } from "../../src/channels/zalo/channel.ts";
import { fixedClock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { createInvites } from "../../src/store/people/identities.ts";
import { NOW, PEOPLE, SETTINGS, startConsole, startTelegram, TEST_DELIVERY, UNIT } from "./bot.ts";
import { FakeZaloApi, type ZaloSent } from "./fake-zalo.ts";
import { ThreadType } from "zca-js";
import type { TestDb } from "./db.ts";
import { FakeUser } from "./fake-telegram.ts";

export interface ChatUser {
  /** Sends text; resolves with every reply that came back. */
  say(text: string): Promise<string>;
  /** Picks the choice (button or numbered line) whose label contains `label`. */
  choose(label: string): Promise<string>;
  /** Sends a file the channel's own way; resolves with the replies. */
  sendFile(name: string, data: Buffer): Promise<string>;
  /** Writes in a group chat the bot is in; resolves with what the bot posted in the group and what it sent this person. */
  sayInGroup(group: string, text: string): Promise<{ group: string; own: string }>;
}

/** Somebody on another unit's roster (a Sở's admin). */
export interface Person {
  name: string;
  phone: string;
  unit: string;
}

const personOf = (who: keyof typeof PEOPLE | Person): Person =>
  typeof who === "string" ? { ...PEOPLE[who], unit: UNIT } : who;

export interface Driver {
  name: string;
  start(t: TestDb): Promise<void>;
  /** A stranger: somebody not linked to the roster. */
  stranger(): ChatUser;
  /** Links a roster person the channel's own way and returns them: one of PEOPLE, or someone of another unit. */
  link(who: keyof typeof PEOPLE | Person): Promise<ChatUser>;
  /** Sends what waits in the outbox (notices, notifications). */
  deliver(): Promise<void>;
  /** Everything the bot posted in a group so far. */
  groupPosts(group: string): string;
  stop(): Promise<void>;
}

const asText = (m: { text: string; buttons: { text: string }[][] }) =>
  m.text +
  (m.buttons.length
    ? `\n${m.buttons
        .flat()
        .map((b) => `[${b.text}]`)
        .join(" ")}`
    : "");

export function telegramDriver(): Driver {
  let h: Awaited<ReturnType<typeof startTelegram>>;
  let nextId = 2000;
  const groups = new Map<string, number>();
  const groupId = (name: string) => groups.get(name) ?? groups.set(name, -1000 - groups.size).get(name)!;
  const wrap = (u: FakeUser): ChatUser => {
    const collect = async (push: () => number) => {
      // Taken by the bot, then every reply it gave delivered: no sleeping, nothing late.
      await h.api.taken(push());
      await h.wired.runner.idle();
      const all = u.unread();
      if (all.length) await u.replies(all.length);
      return all.map(asText).join("\n");
    };
    return {
      say: (text) => collect(() => u.send(text)),
      choose: (label) => collect(() => u.pressLabel(label)),
      sendFile: (name, data) => collect(() => u.sendFile(name, data)),
      async sayInGroup(group, text) {
        const before = h.api.to(groupId(group)).length;
        const own = await collect(() => u.sendInGroup(groupId(group), text));
        return { group: h.api.to(groupId(group)).slice(before).map(asText).join("\n"), own };
      },
    };
  };
  return {
    name: "telegram",
    async start(t) {
      h = await startTelegram(t.db);
    },
    stranger: () => wrap(new FakeUser(h.api, nextId++)),
    async link(who) {
      const u = new FakeUser(h.api, nextId++);
      u.shareContact(personOf(who).phone);
      await u.reply();
      return wrap(u);
    },
    deliver: async () => void (await h.wired.sender.drain()),
    groupPosts: (group) => h.api.to(groupId(group)).map(asText).join("\n"),
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
  let dir = "";
  // What the terminal printed, one message per "🤖 " line; those for a group start "🤖 [→ nhom:…]".
  const messages = (printed: string) => printed.split(/^(?=🤖 )/m).filter(Boolean);
  const posted = (printed: string, group: string) =>
    messages(printed)
      .filter((m) => m.startsWith(`🤖 [→ nhom:${group}] `))
      .map((m) => m.slice(`🤖 [→ nhom:${group}] `.length))
      .join("")
      .trim();
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
      async sayInGroup(group, text) {
        // Nobody on the roster: a stranger at the keyboard.
        await as(phone ?? "0900000999");
        const out = await h.say(`/nhom ${group} ${text}`);
        return {
          group: posted(out, group),
          own: messages(out)
            .filter((m) => !m.startsWith("🤖 [→ "))
            .map((m) => m.slice("🤖 ".length))
            .join("")
            .trim(),
        };
      },
      async choose(label) {
        const line = lastChoices.split("\n").find((l) => /^\d+\. /.test(l) && l.includes(label));
        if (!line) throw new Error(`no choice “${label}” in:\n${lastChoices}`);
        return say(line.split(".")[0]!);
      },
      async sendFile(name, data) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, data);
        return say(`/tep ${file}`);
      },
    };
  };
  return {
    name: "console",
    async start(t) {
      dir = t.dir;
      h = await startConsole(t.db, { fileDir: t.dir });
    },
    stranger: () => user(null),
    async link(who) {
      const { phone } = personOf(who);
      current = phone;
      await h.say(`/as ${phone}`);
      return user(phone);
    },
    deliver: async () => void (await h.wired.sender.drain()),
    groupPosts: (group) => posted(h.printed(), group),
    stop: () => h.stop(),
  };
}

/** Zalo through the real adapter over the zca-js fake; people link by typing their invitation code. */
export function zaloDriver(): Driver {
  const sent: ZaloSent[] = [];
  let channel: ZaloChannel;
  let runner: { stop(): Promise<void>; idle(): Promise<void>; deliver(): Promise<void> };
  const inGroup = (list: ZaloSent[], group: string) =>
    list
      .filter((m) => m.threadId === group && m.type === ThreadType.Group)
      .map((m) => m.text)
      .join("\n");
  let db: TestDb["db"];
  let nextUid = 7000;
  const api = () => new FakeZaloApi({ sent });
  let live: FakeZaloApi;
  // Zalo's file server, as far as the bot downloads from it.
  const files = new Map<string, Buffer>();
  let fileServer: http.Server;
  const user = (uid: string): ChatUser => {
    let last = "";
    const exchange = async (act: () => void) => {
      const from = sent.length;
      // The fake's listener hands the message to the bot at once; idle() is when its replies are out.
      act();
      await runner.idle();
      last = sent
        .slice(from)
        .filter((m) => m.threadId === uid && m.type === ThreadType.User)
        .map((m) => m.text)
        .join("\n");
      return last;
    };
    const say = (text: string) => exchange(() => live.receive(uid, text));
    return {
      say,
      async sayInGroup(group, text) {
        const from = sent.length;
        const own = await exchange(() => live.receiveInGroup(group, uid, text));
        return { group: inGroup(sent.slice(from), group), own };
      },
      async choose(label) {
        const line = last.split("\n").find((l) => /^\d+\. /.test(l) && l.includes(label));
        if (!line) throw new Error(`no choice “${label}” in:\n${last}`);
        return say(line.split(".")[0]!);
      },
      sendFile(name, data) {
        const key = `${files.size + 1}/${encodeURIComponent(name)}`;
        files.set(key, data);
        const { port } = fileServer.address() as AddressInfo;
        return exchange(() => live.receiveFile(uid, `http://127.0.0.1:${port}/${key}`, name));
      },
    };
  };
  return {
    name: "zalo",
    async start(t) {
      db = t.db;
      fileServer = http.createServer((req, res) => {
        const data = files.get((req.url ?? "").slice(1));
        res.writeHead(data ? 200 : 404);
        res.end(data ?? "");
      });
      await new Promise<void>((resolve) => fileServer.listen(0, "127.0.0.1", resolve));
      channel = new ZaloChannel({
        connect: async () => (live = api()),
        choices: storedChoices(t.db, "zalo", fixedClock(NOW)),
      });
      const wired = wireBot({
        db: t.db,
        clock: fixedClock(NOW),
        logger: createLogger("silent"),
        settings: SETTINGS,
        channels: [channel],
        delivery: TEST_DELIVERY,
      });
      runner = {
        stop: () => wired.stop(1000),
        idle: async () => {
          await channel.idle();
          await wired.runner.idle();
        },
        deliver: async () => void (await wired.sender.drain()),
      };
      await wired.runner.start();
    },
    stranger: () => user(String(nextUid++)),
    async link(who) {
      const uid = String(nextUid++);
      const person = personOf(who);
      const invites = (await createInvites(db, { unitName: person.unit, now: new Date(NOW), ttlDays: 7 }))!;
      const u = user(uid);
      await u.say(invites.find((i) => i.name === person.name)!.code);
      return u;
    },
    deliver: () => runner.deliver(),
    groupPosts: (group) => inGroup(sent, group),
    stop: async () => {
      await runner.stop();
      await new Promise((resolve) => fileServer.close(resolve));
    },
  };
}
