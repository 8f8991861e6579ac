/**
 * A small Telegram Bot API on 127.0.0.1 for the real telegraf to talk to:
 * getMe, getUpdates with offsets and long polling, sendMessage,
 * editMessageText, answerCallbackQuery, setMyCommands, deleteWebhook,
 * sendDocument, sendPhoto, getFile and the file download route. It records
 * every call; tests push updates and read what the bot sent, as a user would.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

export interface SentMessage {
  messageId: number;
  chatId: string;
  text: string;
  buttons: { text: string; data: string }[][];
  requestContact: boolean;
  method: string;
  at: number;
  /** An uploaded document's file name. */
  fileName?: string;
}

type Failure = { error_code: number; description: string; parameters?: Record<string, unknown> };

export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly sent: SentMessage[] = [];
  private server: http.Server | null = null;
  private port = 0;
  private updates: { update_id: number }[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private pollers: (() => void)[] = [];
  /** Files people sent, by file_id, for getFile and /file/bot<token>/<path>. */
  private files = new Map<string, Buffer>();
  /** Lets a test answer some calls with an error (429, 403…). */
  failWith: ((call: ApiCall) => Failure | undefined) | null = null;
  /**
   * Real Telegram as seen from Viet Nam: each answer after `latencyMs`, and
   * more than `perSecond` sends in any second refused with 429 retry_after.
   */
  network: { latencyMs: number; perSecond?: number } = { latencyMs: 0 };
  /** How many sends were refused with 429 by `network.perSecond`. */
  refused = 0;
  /** The most sends that were on the way at once. */
  maxConcurrent = 0;
  private concurrent = 0;
  private recentSends: number[] = [];

  constructor(
    readonly token = "123:TEST",
    readonly username = "cchc_test_bot",
    /** Longest a getUpdates waits for an update, whatever timeout the bot asked for. */
    private readonly maxPollMs = 300,
  ) {}

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** On `port` when given (a test that starts Telegram late), else any free one. */
  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.pollers.splice(0)) wake();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  pushUpdate(update: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    this.updates.push({ update_id, ...update });
    for (const wake of this.pollers.splice(0)) wake();
    return update_id;
  }

  /** Delivers an already used update again, as Telegram sometimes does. */
  redeliver(update: Record<string, unknown> & { update_id: number }): void {
    this.updates.push(update);
    for (const wake of this.pollers.splice(0)) wake();
  }

  /** Stores a file as Telegram's servers hold what a user sends; returns its file_id. */
  addFile(data: Buffer): string {
    const id = `FILE-${this.files.size + 1}`;
    this.files.set(id, data);
    return id;
  }

  pending(): number {
    return this.updates.length;
  }

  /** Every update below this was confirmed by the bot's next getUpdates: handed to its handler. */
  private confirmedBelow = 0;

  /**
   * Resolves when the bot has taken `updateId` (its next poll confirms it);
   * then BotRunner.idle() tells when the work it started is done.
   */
  async taken(updateId: number): Promise<void> {
    await this.waitFor(() => this.confirmedBelow > updateId);
  }

  to(chatId: string | number): SentMessage[] {
    return this.sent.filter((m) => m.chatId === String(chatId));
  }

  /** Resolves when `predicate` holds, checking as calls arrive; fails after `timeoutMs`. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate();
      if (v) return v;
      if (Date.now() > deadline) throw new Error("FakeBotApi.waitFor timed out");
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const file = /^\/file\/bot([^/]+)\/documents\/(.+)$/.exec(req.url ?? "");
    if (file) {
      const data = file[1] === this.token ? this.files.get(decodeURIComponent(file[2]!)) : undefined;
      res.writeHead(data ? 200 : 404);
      res.end(data ?? "");
      return;
    }
    const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    if (!m || m[1] !== this.token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = m[2]!;
    const body = parseBody(req.headers["content-type"] ?? "", raw);
    const call: ApiCall = { method, body, at: Date.now() };
    this.calls.push(call);
    const isSend = /^(send|edit)/.test(method);
    if (isSend) this.maxConcurrent = Math.max(this.maxConcurrent, ++this.concurrent);
    if (this.network.latencyMs && method !== "getUpdates")
      await new Promise((r) => setTimeout(r, this.network.latencyMs));
    if (isSend) this.concurrent--;
    const failure = this.failWith?.(call) ?? this.overLimit(method, call.at);
    if (failure) return send(failure.error_code, { ok: false, ...failure });
    const result = await this.answer(method, body);
    send(200, { ok: true, result });
  }

  /** A sliding one-second window over sends, as the Bot API counts them on arrival. */
  private overLimit(method: string, at: number): Failure | undefined {
    const limit = this.network.perSecond;
    if (!limit || !/^(send|edit)/.test(method)) return undefined;
    this.recentSends = this.recentSends.filter((t) => t > at - 1000);
    if (this.recentSends.length >= limit) {
      this.refused++;
      return { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
    }
    this.recentSends.push(at);
    return undefined;
  }

  private async answer(method: string, body: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case "getFile": {
        const id = String(body.file_id);
        const data = this.files.get(id);
        return { file_id: id, file_unique_id: id, file_size: data?.length ?? 0, file_path: `documents/${id}` };
      }
      case "getMe":
        return {
          id: 999,
          is_bot: true,
          first_name: "CCHC",
          username: this.username,
          can_join_groups: false,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        };
      case "deleteWebhook":
      case "setMyCommands":
      case "answerCallbackQuery":
      case "setWebhook":
        return true;
      case "getUpdates":
        return this.getUpdates(body);
      case "sendMessage":
      case "sendDocument":
      case "sendPhoto":
        return this.record(method, body);
      case "editMessageText": {
        const id = Number(body.message_id);
        const old = this.sent.find((s) => s.messageId === id && s.chatId === String(body.chat_id));
        this.sent.push({ ...this.message(method, body), messageId: id });
        return {
          message_id: id,
          date: 0,
          chat: { id: Number(body.chat_id), type: "private" },
          text: body.text,
          ...(old ? {} : {}),
        };
      }
      default:
        return true;
    }
  }

  private async getUpdates(body: Record<string, unknown>): Promise<unknown[]> {
    const offset = Number(body.offset ?? 0);
    this.confirmedBelow = Math.max(this.confirmedBelow, offset);
    const limit = Number(body.limit ?? 100);
    // An offset confirms every update before it.
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    if (this.updates.length === 0 && Number(body.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.maxPollMs);
        this.pollers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.updates = this.updates.filter((u) => u.update_id >= offset);
    }
    return this.updates.slice(0, limit);
  }

  private message(method: string, body: Record<string, unknown>): SentMessage {
    const markup = (typeof body.reply_markup === "string" ? JSON.parse(body.reply_markup) : body.reply_markup) as
      | { inline_keyboard?: { text: string; callback_data: string }[][]; keyboard?: { request_contact?: boolean }[][] }
      | undefined;
    return {
      messageId: this.nextMessageId,
      chatId: String(body.chat_id),
      text: String(body.text ?? body.caption ?? ""),
      buttons: (markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data }))),
      requestContact: Boolean(markup?.keyboard?.flat().some((b) => b.request_contact)),
      method,
      at: Date.now(),
      ...(typeof body.document === "object" && body.document && "file" in body.document
        ? { fileName: String((body.document as { file?: string }).file) }
        : {}),
    };
  }

  private record(method: string, body: Record<string, unknown>): unknown {
    const msg = this.message(method, body);
    this.nextMessageId++;
    this.sent.push(msg);
    return {
      message_id: msg.messageId,
      date: Math.floor(msg.at / 1000),
      chat: { id: Number(msg.chatId), type: "private" },
      text: msg.text,
    };
  }
}

/** JSON, form-encoded, or multipart (files): the plain fields, files as their byte size. */
function parseBody(type: string, raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (type.includes("application/json")) return JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  if (type.includes("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
    const b = boundary?.[1] ?? boundary?.[2] ?? "";
    const out: Record<string, unknown> = {};
    for (const part of raw.toString("latin1").split(`--${b}`)) {
      const name = /name="([^"]+)"/.exec(part)?.[1];
      if (!name) continue;
      const [, ...rest] = part.split("\r\n\r\n");
      const value = rest.join("\r\n\r\n").replace(/\r\n$/, "");
      out[name] = /filename="/.test(part)
        ? { file: /filename="([^"]*)"/.exec(part)?.[1], bytes: Buffer.byteLength(value, "latin1") }
        : Buffer.from(value, "latin1").toString("utf8");
    }
    return out;
  }
  return Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
}

/** A person on Telegram: writes, presses buttons, shares contacts, reads what came back. */
export class FakeUser {
  private seen = 0;

  constructor(
    readonly api: FakeBotApi,
    readonly id: number,
    readonly firstName = "Người dùng",
    readonly languageCode = "vi",
  ) {}

  private base() {
    return {
      message_id: Math.floor(Math.random() * 1e9),
      date: Math.floor(Date.now() / 1000),
      chat: { id: this.id, type: "private", first_name: this.firstName },
      from: { id: this.id, is_bot: false, first_name: this.firstName, language_code: this.languageCode },
    };
  }

  send(text: string): number {
    const entities = text.startsWith("/")
      ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length }]
      : undefined;
    return this.api.pushUpdate({ message: { ...this.base(), text, ...(entities ? { entities } : {}) } });
  }

  /** Writes in a group chat the bot is in (Telegram gives groups negative ids). */
  sendInGroup(groupId: number, text: string): number {
    const entities = text.startsWith("/")
      ? [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length }]
      : undefined;
    const base = this.base();
    return this.api.pushUpdate({
      message: {
        ...base,
        chat: { id: groupId, type: "group", title: "Nhóm" },
        text,
        ...(entities ? { entities } : {}),
      },
    });
  }

  /** Sends a file as a document, the way a phone's "attach file" does, with what is typed under it. */
  sendFile(fileName: string, data: Buffer, caption?: string): number {
    const file_id = this.api.addFile(data);
    return this.api.pushUpdate({
      message: {
        ...this.base(),
        document: { file_id, file_unique_id: file_id, file_name: fileName, file_size: data.length },
        ...(caption ? { caption } : {}),
      },
    });
  }

  shareContact(phone: string, ownerId: number = this.id): number {
    return this.api.pushUpdate({
      message: { ...this.base(), contact: { phone_number: phone, first_name: this.firstName, user_id: ownerId } },
    });
  }

  press(data: string, messageId?: number): number {
    const onMessage =
      messageId ??
      this.api
        .to(this.id)
        .filter((m) => m.buttons.flat().some((b) => b.data === data))
        .at(-1)?.messageId ??
      1;
    return this.api.pushUpdate({
      callback_query: {
        id: String(Math.random()),
        from: { id: this.id, is_bot: false, first_name: this.firstName, language_code: this.languageCode },
        chat_instance: "x",
        data,
        message: { message_id: onMessage, date: 0, chat: { id: this.id, type: "private" }, text: "" },
      },
    });
  }

  /** Presses the button whose label contains `label` on the latest message that has one. */
  pressLabel(label: string): number {
    const msg = this.api
      .to(this.id)
      .filter((m) => m.buttons.flat().some((b) => b.text.includes(label)))
      .at(-1);
    const button = msg?.buttons.flat().find((b) => b.text.includes(label));
    if (!msg || !button) throw new Error(`no button “${label}” for user ${this.id}`);
    return this.press(button.data, msg.messageId);
  }

  /** Waits for the next `count` messages to this user and returns them. */
  async replies(count = 1): Promise<SentMessage[]> {
    const from = this.seen;
    const got = await this.api.waitFor(() => {
      const all = this.api.to(this.id);
      return all.length >= from + count ? all.slice(from, from + count) : undefined;
    });
    this.seen = from + count;
    return got;
  }

  async reply(): Promise<SentMessage> {
    return (await this.replies(1))[0]!;
  }

  /** Everything sent to this user not yet read by replies(). */
  unread(): SentMessage[] {
    return this.api.to(this.id).slice(this.seen);
  }
}
