/**
 * zca-js's API as far as the adapter uses it, faked for tests. It is typed
 * with ZaloApi, which is derived from zca-js's own declarations: when an
 * upgrade changes that surface, this file stops compiling.
 */
import { EventEmitter } from "node:events";
import { ThreadType, type Message } from "zca-js";
import type { ZaloApi, ZaloEvents, ZaloListener } from "../../src/channels/zalo/api.ts";

export class FakeListener extends EventEmitter<ZaloEvents> implements ZaloListener {
  started = 0;
  start(_options?: { retryOnClose?: boolean }): void {
    this.started++;
  }
  stop(): void {}
}

export interface ZaloSent {
  threadId: string;
  /** A group thread or a person's. */
  type: ThreadType;
  text: string;
  files: string[];
}

let nextMsgId = 1;

export class FakeZaloApi implements ZaloApi {
  readonly listener = new FakeListener();
  readonly sent: ZaloSent[];
  readonly users: Map<string, string>;

  constructor(
    shared: { sent: ZaloSent[]; users?: Map<string, string> },
    private readonly ownId = "bot-uid",
  ) {
    this.sent = shared.sent;
    this.users = shared.users ?? new Map();
  }

  getOwnId: ZaloApi["getOwnId"] = () => this.ownId;

  sendMessage: ZaloApi["sendMessage"] = async (message, threadId, type = ThreadType.User) => {
    const m = typeof message === "string" ? { msg: message } : message;
    const files = (Array.isArray(m.attachments) ? m.attachments : m.attachments ? [m.attachments] : []).map((a) =>
      typeof a === "string" ? a : a.filename,
    );
    this.sent.push({ threadId, type, text: m.msg, files });
    return { message: { msgId: nextMsgId++ }, attachment: [] };
  };

  findUser: ZaloApi["findUser"] = async (phone) => {
    const uid = this.users.get(phone);
    if (!uid) throw Object.assign(new Error("User not found"), { code: 216 });
    return { uid, display_name: `User ${uid}`, zalo_name: `User ${uid}` } as Awaited<ReturnType<ZaloApi["findUser"]>>;
  };

  /** A person sends a file: Zalo hands the bot a link to it on its file server. */
  receiveFile(uid: string, href: string, title: string, msgId: string = String(nextMsgId++)): string {
    return this.arrive({
      type: ThreadType.User,
      threadId: uid,
      uid,
      msgId,
      msgType: "share.file",
      content: { href, title },
    });
  }

  /** A person writes in a group the bot is in. */
  receiveInGroup(groupId: string, uid: string, text: string, msgId: string = String(nextMsgId++)): string {
    return this.arrive({ type: ThreadType.Group, threadId: groupId, uid, msgId, msgType: "webchat", content: text });
  }

  /** A person writes to the bot in a 1:1 thread. */
  receive(uid: string, text: string, msgId: string = String(nextMsgId++)): string {
    return this.arrive({ type: ThreadType.User, threadId: uid, uid, msgId, msgType: "webchat", content: text });
  }

  /** A message as zca-js's listener hands it over. */
  private arrive(m: {
    type: ThreadType;
    threadId: string;
    uid: string;
    msgId: string;
    msgType: string;
    content: unknown;
  }): string {
    const message = {
      type: m.type,
      threadId: m.threadId,
      isSelf: false,
      data: {
        msgId: m.msgId,
        cliMsgId: m.msgId,
        msgType: m.msgType,
        uidFrom: m.uid,
        dName: `User ${m.uid}`,
        ts: String(Date.now()),
        content: m.content,
        ...(m.type === ThreadType.Group ? { mentions: [] } : {}),
      },
    } as unknown as Message;
    this.listener.emit("message", message);
    return m.msgId;
  }
}
