/**
 * Telegram through telegraf: long polling by default, a webhook when a URL is
 * configured. TELEGRAM_API_ROOT points it at any Bot-API-compatible server
 * (the tests' fake, a self-hosted one).
 */
import { Telegraf, TelegramError } from "telegraf";
import {
  ChannelError,
  networkError,
  type Capability,
  type Channel,
  type CommandMenu,
  type IncomingHandler,
  type Reply,
  type SentMessage,
} from "../../messages/types.ts";
import { decodeUpdate } from "./decode.ts";
import { sendReply } from "./encode.ts";

export interface TelegramChannelOptions {
  token: string;
  apiRoot?: string;
  webhook?: { url: string; port: number; secretToken?: string };
  menus?: CommandMenu[];
  /** Called with errors the channel cannot hand to anyone (polling failures). */
  onError?: (error: unknown) => void;
}

export class TelegramChannel implements Channel {
  readonly name = "telegram" as const;
  readonly capabilities: ReadonlySet<Capability> = new Set(["buttons", "edit", "askContact", "documents", "photos"]);
  readonly bot: Telegraf;
  private running: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  // Chats shown the "share phone" keyboard: the next plain message removes it.
  private readonly contactKeyboard = new Set<string>();

  constructor(private readonly options: TelegramChannelOptions) {
    this.bot = new Telegraf(options.token, {
      telegram: options.apiRoot ? { apiRoot: options.apiRoot } : {},
      handlerTimeout: 120_000,
    });
  }

  async download(fileId: string): Promise<Buffer> {
    const link = await this.bot.telegram.getFileLink(fileId);
    const res = await fetch(link, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`download failed: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The bot's @username, known once started. */
  get username(): string | undefined {
    return this.bot.botInfo?.username;
  }

  private wired = false;

  /** Safe to call again after it failed (Telegram unreachable at start-up): the handlers are wired once. */
  async start(onMessage: IncomingHandler): Promise<void> {
    const onError = this.options.onError ?? (() => {});
    if (!this.wired) {
      this.wired = true;
      this.bot.use(async (ctx) => {
        const message = decodeUpdate(ctx.update);
        if (ctx.callbackQuery) await ctx.answerCbQuery().catch(onError);
        if (!message) return;
        const work = onMessage(message);
        this.inFlight.add(work);
        try {
          await work;
        } finally {
          this.inFlight.delete(work);
        }
      });
      // telegraf's default rethrows and kills polling; the bot's own boundary answers users.
      this.bot.catch(onError);
    }
    this.bot.botInfo = await this.bot.telegram.getMe();
    for (const [i, menu] of (this.options.menus ?? []).entries()) {
      await this.bot.telegram.setMyCommands(menu.commands, { language_code: menu.locale });
      if (i === 0) await this.bot.telegram.setMyCommands(menu.commands);
    }
    const { webhook } = this.options;
    if (webhook) {
      // telegraf takes host and path apart (a path left in the domain is dropped); it listens on plain
      // HTTP on `port`, behind whatever terminates TLS for the public URL.
      const url = new URL(webhook.url);
      const path = url.pathname !== "/" ? url.pathname : undefined;
      await this.bot.launch({
        webhook: { domain: url.host, ...(path ? { path } : {}), port: webhook.port, secretToken: webhook.secretToken },
      });
      this.running = Promise.resolve();
    } else {
      this.running = this.bot.launch().catch(onError);
    }
  }

  async send(chatId: string, reply: Reply): Promise<SentMessage> {
    const removeKeyboard = this.contactKeyboard.delete(chatId);
    if (reply.kind === "text" && reply.askContact) this.contactKeyboard.add(chatId);
    try {
      return await sendReply(this.bot.telegram, chatId, reply, { removeKeyboard });
    } catch (error) {
      throw classify(error);
    }
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    // launch() starts polling only after its deleteWebhook call returns; until then stop() throws.
    for (let tries = 0; ; tries++) {
      try {
        this.bot.stop("shutdown");
        break;
      } catch (e) {
        if (tries >= 200) throw e;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    await this.running;
    this.running = null;
    await Promise.allSettled([...this.inFlight]);
  }
}

/** The Bot API's answers in the channel-neutral words of ChannelError. */
export function classify(error: unknown): ChannelError {
  if (error instanceof TelegramError) {
    const retryAfter = Number(error.parameters?.retry_after ?? 0);
    if (error.code === 429) return new ChannelError("rateLimited", error.description, (retryAfter || 1) * 1000);
    // 403: blocked by the user or deactivated; 400 "chat not found": never started the bot.
    if (error.code === 403 || (error.code === 400 && /chat not found|user is deactivated/i.test(error.description)))
      return new ChannelError("blocked", error.description);
    if (error.code >= 500) return new ChannelError("transient", error.description);
    return new ChannelError("permanent", error.description);
  }
  return networkError(error);
}
