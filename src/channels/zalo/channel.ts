/**
 * Zalo through zca-js (a personal account: unofficial, see README). No
 * buttons exist there: choices become a numbered list answered with the
 * number or the label. The listener is restarted with backoff when it drops;
 * when another Zalo Web session takes over (codes 3000, 3003) the adapter
 * stops and says so instead of fighting for the session.
 */
import {
  ChannelError,
  networkError,
  numberedChoices,
  labelKey,
  memoryChoices,
  type ChoiceMemory,
  type Capability,
  type Channel,
  type IncomingHandler,
  type Reply,
  type SentMessage,
} from "../../messages/types.ts";
import { ThreadType } from "zca-js";
import { TAKEOVER_CODES, type ZaloApi } from "./api.ts";
import { decodeMessage, GROUP_PREFIX } from "./decode.ts";

export interface ZaloChannelOptions {
  /** Logs in (saved credentials) and returns the API; called again to reconnect. */
  connect: () => Promise<ZaloApi>;
  onError?: (error: unknown) => void;
  /** The session was taken over or expired: Zalo stays down until someone logs in again. */
  onTakeover?: (code: number, reason: string) => void;
  reconnect?: { firstMs: number; maxMs: number; attempts: number };
  sleep?: (ms: number) => Promise<void>;
  /** Where the numbered lists are kept (the bot keeps them in its database); in memory when not given. */
  choices?: ChoiceMemory;
}

export class ZaloChannel implements Channel {
  readonly name = "zalo" as const;
  readonly capabilities: ReadonlySet<Capability> = new Set(["documents", "photos", "quietWithStrangers"]);
  private api: ZaloApi | null = null;
  private ownId = "";
  private onMessage: IncomingHandler | null = null;
  private stopped = false;
  private connects = 0;
  private readonly choices: ChoiceMemory;
  private readonly inFlight = new Set<Promise<void>>();
  private reconnecting: Promise<void> | null = null;

  constructor(private readonly o: ZaloChannelOptions) {
    this.choices = o.choices ?? memoryChoices();
  }

  /** How many times it has logged in: 1 after start, more after reconnects. */
  get connections(): number {
    return this.connects;
  }

  async start(onMessage: IncomingHandler): Promise<void> {
    this.onMessage = onMessage;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const api = await this.o.connect();
    this.connects++;
    this.api = api;
    this.ownId = String(api.getOwnId());
    api.listener.on("message", (m) => {
      const msg = decodeMessage(m, this.ownId);
      const onMessage = this.onMessage;
      if (!msg || !onMessage) return;
      const work = (async () => {
        // A number or a retyped label answers the last numbered list in this chat.
        const pending = msg.text ? await this.choices.get(msg.chatId) : null;
        const data = msg.text ? (pending?.get(msg.text.trim()) ?? pending?.get(labelKey(msg.text))) : undefined;
        await onMessage(data ? { ...msg, text: undefined, button: { data } } : msg);
      })().catch((e: unknown) => this.o.onError?.(e));
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
    api.listener.on("error", (e) => this.o.onError?.(e));
    api.listener.on("closed", (code, reason) => void this.closed(Number(code), String(reason)));
    api.listener.start({ retryOnClose: false });
  }

  private async closed(code: number, reason: string): Promise<void> {
    if (this.stopped) return;
    if (TAKEOVER_CODES.has(code)) {
      this.api = null;
      this.o.onTakeover?.(code, reason);
      return;
    }
    this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = null));
  }

  private async reconnect(): Promise<void> {
    const r = this.o.reconnect ?? { firstMs: 2_000, maxMs: 300_000, attempts: 20 };
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((res) => setTimeout(res, ms)));
    for (let i = 0; i < r.attempts && !this.stopped; i++) {
      await sleep(Math.min(r.maxMs, r.firstMs * 2 ** i));
      try {
        await this.connect();
        return;
      } catch (e) {
        this.o.onError?.(e);
      }
    }
    this.o.onTakeover?.(0, "reconnect failed");
  }

  async send(chatId: string, reply: Reply): Promise<SentMessage> {
    const group = chatId.startsWith(GROUP_PREFIX);
    const [thread, type] = group ? [chatId.slice(GROUP_PREFIX.length), ThreadType.Group] : [chatId, ThreadType.User];
    const api = this.api;
    if (!api) throw new ChannelError("transient", "Zalo is not connected");
    try {
      if (reply.kind === "text") {
        let text = reply.text;
        // Numbers answer the latest message: one without choices ends the old list ("2" after "Đã huỷ" is just "2").
        const numbered = reply.buttons?.length ? numberedChoices(reply.buttons) : null;
        // A list not remembered costs a retyped answer, not the message: the send goes on, the failure is reported.
        await this.choices.set(chatId, numbered?.choices ?? null).catch((e: unknown) => this.o.onError?.(e));
        if (numbered) text += `\n${numbered.text}`;
        const r = await api.sendMessage({ msg: text }, thread, type);
        return { messageId: String(r.message?.msgId ?? "") };
      }
      // A file known only by another platform's id cannot be sent here: the caption goes alone.
      if (!reply.data) {
        const r = await api.sendMessage({ msg: reply.caption ?? "" }, thread, type);
        return { messageId: String(r.message?.msgId ?? "") };
      }
      const filename = (reply.kind === "document" ? reply.fileName : "anh.png") as `${string}.${string}`;
      const r = await api.sendMessage(
        {
          msg: reply.caption ?? "",
          attachments: [{ data: reply.data, filename, metadata: { totalSize: reply.data.length } }],
        },
        thread,
        type,
      );
      return { messageId: String(r.attachment?.[0]?.msgId ?? r.message?.msgId ?? "") };
    } catch (e) {
      if (e instanceof ChannelError) throw e;
      // Zalo answered with an error (ZaloApiError, a numeric code whose meanings are undocumented): it was
      // not delivered, so it may be tried again. No answer at all may mean it was: that is not retried.
      if (typeof (e as { code?: unknown })?.code === "number")
        throw new ChannelError("transient", String((e as Error).message));
      throw networkError(e);
    }
  }

  /** Zalo hands a received file over as a link to its file server. */
  async download(fileId: string): Promise<Buffer> {
    const res = await fetch(fileId, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`download failed: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Resolves when every message received so far has been handed on (its numbered list looked up first). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.api?.listener.stop();
    await Promise.allSettled([...this.inFlight]);
  }
}
