import fs from "node:fs";
import path from "node:path";
/**
 * A terminal as a chat, for trying the bot without any token. `/as <phone>`
 * shares that phone as one's own contact, so the bot links the console to
 * that staff member exactly as it links a Telegram user. Buttons become a
 * numbered list; typing the number presses the button.
 */
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { labelKey, numberedChoices, type Capability, type Channel, type IncomingHandler, type Reply, type SentMessage } from "../types.ts";

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
}

export class ConsoleChannel implements Channel {
  readonly name = "console" as const;
  readonly capabilities: ReadonlySet<Capability> = new Set(["documents", "photos"]);
  private rl: readline.Interface | null = null;
  private sender = "guest";
  private sequence = 0;
  private messages = 0;
  private choices = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConsoleChannelOptions) {}

  async download(fileId: string): Promise<Buffer> {
    return fs.promises.readFile(fileId);
  }

  async start(onMessage: IncomingHandler): Promise<void> {
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
    const base = { channel: "console" as const, updateId: String(++this.sequence), private: true };
    // "/tep plan.xlsx": send a file from this machine, as a phone sends one.
    const file = /^\/tep\s+(.+)$/.exec(line);
    if (file) {
      const fileId = path.resolve(file[1]!.trim());
      await onMessage({ ...base, chatId: this.sender, senderId: this.sender, attachment: { kind: "document", fileId, fileName: path.basename(fileId) } });
      return;
    }
    const as = /^\/as\s+(.+)$/.exec(line);
    if (as) {
      this.sender = as[1]!.replace(/\s+/g, "");
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
    const write = (text: string) => this.options.output.write(`${this.options.prompt ?? "🤖"} ${chatId === this.sender ? "" : `[→ ${chatId}] `}${text}\n`);
    if (reply.kind === "text") {
      let text = reply.text;
      if (reply.buttons?.length) {
        const numbered = numberedChoices(reply.buttons);
        // Only the person at the keyboard can answer with a number.
        if (chatId === this.sender) this.choices = numbered.choices;
        text += `\n${numbered.text}`;
      }
      write(text);
      return { messageId };
    }
    const fs = await import("node:fs/promises");
    const path = await import("node:path");
    const dir = this.options.fileDir ?? "data/outbox";
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, reply.kind === "document" ? reply.fileName : `photo-${messageId}.png`);
    // A file known only by another platform's id has no bytes here.
    await fs.writeFile(file, reply.data ?? Buffer.alloc(0));
    write(`${reply.caption ? `${reply.caption}\n` : ""}${(this.options.fileLabel ?? "[{path}]").replace("{path}", file)}`);
    return { messageId };
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }
}
