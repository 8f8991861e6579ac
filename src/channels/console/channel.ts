/**
 * A terminal as a chat, for trying the bot without any token. `/as <phone>`
 * shares that phone as one's own contact, so the bot links the console to
 * that staff member exactly as it links a Telegram user. Buttons become a
 * numbered list; typing the number presses the button. `/nhom <tên> <lời>`
 * says something in a group chat of that name, as if the bot were in one.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import {
  labelKey,
  numberedChoices,
  type Capability,
  type Channel,
  type IncomingHandler,
  type Reply,
  type SentMessage,
} from "../../messages/types.ts";

export interface ConsoleChannelOptions {
  input: Readable;
  output: Writable;
  /** Where sent files are written. */
  fileDir?: string;
  /** How a saved file is announced; {path} is replaced. */
  fileLabel?: string;
  prompt?: string;
  /** Called when the input ends (Ctrl+D, a closed pipe). */
  onEnd?: () => void;
  /** Where the last `/as` is remembered, so a restarted console goes on as the same person. */
  stateFile?: string;
  /** What `/as` with no phone prints. */
  asUsage?: string;
}

/** A group said to with `/nhom`: its chat id, never a person's phone. */
const GROUP_CHAT = "nhom:";

export class ConsoleChannel implements Channel {
  readonly name = "console" as const;
  // "Share my phone number" is `/as <phone>` here.
  readonly capabilities: ReadonlySet<Capability> = new Set(["documents", "photos", "askContact"]);
  private rl: readline.Interface | null = null;
  private sender = "guest";
  private sequence = 0;
  // Update ids are remembered across restarts: each run numbers its own.
  private readonly session = Date.now().toString(36);
  private messages = 0;
  private choices = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConsoleChannelOptions) {}

  async download(fileId: string): Promise<Buffer> {
    return fs.promises.readFile(fileId);
  }

  async start(onMessage: IncomingHandler): Promise<void> {
    const saved =
      this.options.stateFile && fs.existsSync(this.options.stateFile)
        ? fs.readFileSync(this.options.stateFile, "utf8").trim()
        : "";
    if (saved) this.sender = saved;
    this.rl = readline.createInterface({ input: this.options.input, terminal: false });
    this.rl.on("close", () => void this.queue.then(() => this.options.onEnd?.()));
    this.rl.on("line", (line) => {
      // One line at a time, in order, as a person types.
      this.queue = this.queue.then(() => this.handleLine(line.trim(), onMessage)).catch(() => {});
    });
  }

  /** Resolves when every line read so far has been handled. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async handleLine(line: string, onMessage: IncomingHandler): Promise<void> {
    if (!line) return;
    const base = { channel: "console" as const, updateId: `${this.session}-${++this.sequence}`, private: true };
    // "/tep plan.xlsx": send a file from this machine, as a phone sends one.
    const file = /^\/tep\s+(.+)$/.exec(line);
    if (file) {
      const fileId = path.resolve(file[1]!.trim());
      await onMessage({
        ...base,
        chatId: this.sender,
        senderId: this.sender,
        attachment: { kind: "document", fileId, fileName: path.basename(fileId) },
      });
      return;
    }
    const group = /^\/nhom\s+(\S+)\s+(.+)$/.exec(line);
    if (group) {
      await onMessage({
        ...base,
        private: false,
        chatId: `${GROUP_CHAT}${group[1]}`,
        senderId: this.sender,
        text: group[2]!.trim(),
      });
      return;
    }
    if (/^\/as\s*$/.test(line)) {
      this.options.output.write(`${this.options.prompt ?? "🤖"} ${this.options.asUsage ?? "/as <phone>"}\n`);
      return;
    }
    const as = /^\/as\s+(.+)$/.exec(line);
    if (as) {
      this.sender = as[1]!.replace(/\s+/g, "");
      // A phone number: readable by its owner only.
      if (this.options.stateFile) {
        fs.mkdirSync(path.dirname(this.options.stateFile), { recursive: true });
        fs.writeFileSync(this.options.stateFile, this.sender, { mode: 0o600 });
      }
      this.choices.clear();
      await onMessage({ ...base, chatId: this.sender, senderId: this.sender, contact: { phone: as[1]!, own: true } });
      return;
    }
    const choice = this.choices.get(line) ?? this.choices.get(labelKey(line));
    if (choice !== undefined) {
      await onMessage({ ...base, chatId: this.sender, senderId: this.sender, button: { data: choice } });
      return;
    }
    await onMessage({ ...base, chatId: this.sender, senderId: this.sender, text: line });
  }

  async send(chatId: string, reply: Reply): Promise<SentMessage> {
    const messageId = String(++this.messages);
    const write = (text: string) =>
      this.options.output.write(
        `${this.options.prompt ?? "🤖"} ${chatId === this.sender ? "" : `[→ ${chatId}] `}${text}\n`,
      );
    if (reply.kind === "text") {
      let text = reply.text;
      // Only the person at the keyboard answers with a number, and only the latest message's choices.
      if (chatId === this.sender) this.choices = new Map();
      if (reply.buttons?.length) {
        const numbered = numberedChoices(reply.buttons);
        if (chatId === this.sender) this.choices = numbered.choices;
        text += `\n${numbered.text}`;
      }
      if (reply.askContact) text += `\n→ ${this.options.asUsage ?? "/as <phone>"}`;
      write(text);
      return { messageId };
    }
    const dir = this.options.fileDir ?? "data/outbox";
    await fs.promises.mkdir(dir, { recursive: true });
    const file = path.join(dir, reply.kind === "document" ? reply.fileName : `photo-${messageId}.png`);
    // A file known only by another platform's id has no bytes here.
    await fs.promises.writeFile(file, reply.data ?? Buffer.alloc(0));
    write(
      `${reply.caption ? `${reply.caption}\n` : ""}${(this.options.fileLabel ?? "[{path}]").replace("{path}", file)}`,
    );
    return { messageId };
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }
}
