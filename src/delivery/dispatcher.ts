/**
 * Every message the bot sends leaves through here: one pace per platform,
 * whoever sends (a reply, a reminder, a notice), several requests in flight,
 * and the platform's "too many requests" waited out and retried, never
 * dropped. A reply to someone's own message goes ahead of queued notices.
 *
 * The pace is kept by the moment each request leaves, not by when its answer
 * comes back: at a 200 ms round trip, waiting for each answer would make a
 * notice to 300 people take five times longer than the platform allows.
 */
import { atMost } from "../util/time.ts";
import { backoffMs, Pacer, type PaceOptions } from "./pacing.ts";
import { ChannelError, type ChannelName, type Reply, type SentMessage } from "../messages/types.ts";

export type SendFn = (channel: ChannelName, chatId: string, reply: Reply) => Promise<SentMessage>;

export interface SendOptions {
  /** A reply to the person's own message: ahead of everything queued, not held by the per-chat pace. */
  urgent?: boolean;
  /** How many times a send that surely did not arrive (refused connection, 5xx) is tried again here. */
  retries?: number;
  /** Run just before the request leaves, after its turn came (the outbox marks the row SENDING). */
  beforeSend?: () => Promise<void>;
}

export interface DispatcherOptions {
  paces: Partial<Record<ChannelName, PaceOptions>>;
  /** The pace of a platform not named in `paces`. */
  defaultPace: PaceOptions;
  /** Requests on the way at once, per platform. */
  maxInFlight?: number;
  /** After this a request is given up as UNKNOWN (it may have arrived); telegraf's own limit is 500 s. */
  sendTimeoutMs?: number;
  now?: () => number;
  onRateLimited?: (channel: ChannelName, retryAfterMs: number) => void;
  /** Told of every send's end: "sent", or why it failed (for metrics). */
  onSettled?: (channel: ChannelName, outcome: "sent" | ChannelError["kind"]) => void;
}

interface Job {
  channel: ChannelName;
  chatId: string;
  reply: Reply;
  urgent: boolean;
  retriesLeft: number;
  tries: number;
  beforeSend: (() => Promise<void>) | undefined;
  notBefore: number;
  resolve: (sent: SentMessage) => void;
  reject: (error: ChannelError) => void;
}

class Lane {
  readonly urgent: Job[] = [];
  readonly normal: Job[] = [];
  readonly busyChats = new Set<string>();
  inFlight = 0;
  timer: NodeJS.Timeout | null = null;
  wakeAt = 0;
  constructor(readonly pacer: Pacer) {}

  /** The first job that may go: its chat has nothing on the way, its retry wait is over. */
  next(now: number): { job: Job; from: Job[] } | null {
    for (const from of [this.urgent, this.normal]) {
      const job = from.find((j) => !this.busyChats.has(j.chatId) && j.notBefore <= now);
      if (job) return { job, from };
    }
    return null;
  }

  get queued(): number {
    return this.urgent.length + this.normal.length;
  }
}

export class Dispatcher {
  private readonly lanes = new Map<ChannelName, Lane>();
  private readonly maxInFlight: number;
  private readonly sendTimeoutMs: number;
  private readonly now: () => number;
  private stopping = false;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly sendFn: SendFn,
    private readonly options: DispatcherOptions,
  ) {
    this.maxInFlight = options.maxInFlight ?? 16;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  send(channel: ChannelName, chatId: string, reply: Reply, options: SendOptions = {}): Promise<SentMessage> {
    if (this.stopping) return Promise.reject(new ChannelError("stopped", "the bot is stopping"));
    return new Promise<SentMessage>((resolve, reject) => {
      const lane = this.lane(channel);
      const job: Job = {
        channel,
        chatId,
        reply,
        urgent: options.urgent ?? false,
        retriesLeft: options.retries ?? 0,
        tries: 0,
        beforeSend: options.beforeSend,
        notBefore: 0,
        resolve,
        reject,
      };
      (job.urgent ? lane.urgent : lane.normal).push(job);
      this.pump(lane);
    });
  }

  /** Messages waiting or on the way. */
  get pending(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.queued + lane.inFlight;
    return n;
  }

  /**
   * Takes nothing new and refuses what waits (ChannelError "stopped": the
   * outbox keeps it for the next start); resolves when the requests on the
   * way are answered, or after `graceMs` whatever they do.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const lane of this.lanes.values()) {
      if (lane.timer) clearTimeout(lane.timer);
      for (const job of [...lane.urgent.splice(0), ...lane.normal.splice(0)])
        job.reject(new ChannelError("stopped", "the bot is stopping"));
    }
    if (this.pending === 0) return;
    let done!: () => void;
    const drained = new Promise<void>((r) => (done = r));
    this.idle.add(done);
    await atMost(drained, graceMs);
    this.idle.delete(done);
  }

  private share = 1;

  /** `processes` send for the same bots (instances on one database): each platform's pace is split among them. */
  setShare(processes: number): void {
    this.share = processes;
    for (const lane of this.lanes.values()) lane.pacer.setShare(processes);
  }

  private lane(channel: ChannelName): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = new Lane(new Pacer(this.options.paces[channel] ?? this.options.defaultPace));
      lane.pacer.setShare(this.share);
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  /** Starts every job that may start now, then sleeps until the next one may. */
  private pump(lane: Lane): void {
    if (this.stopping) return;
    for (;;) {
      if (lane.inFlight >= this.maxInFlight) return;
      const now = this.now();
      const found = lane.next(now);
      if (!found) {
        const waiting = [...lane.urgent, ...lane.normal].filter((j) => !lane.busyChats.has(j.chatId));
        if (waiting.length) this.wake(lane, Math.min(...waiting.map((j) => j.notBefore)) - now);
        return;
      }
      const { job, from } = found;
      const chatKey = job.urgent ? null : job.chatId;
      // Under a millisecond is now: a timer cannot wait less, and would cap the rate at 1,000/s.
      const wait = lane.pacer.delay(chatKey, now);
      if (wait >= 1) {
        // A later job to a chat not held by its per-chat pace may go first.
        const other = job.urgent
          ? null
          : from.find(
              (j) =>
                j !== job && !lane.busyChats.has(j.chatId) && j.notBefore <= now && lane.pacer.delay(j.chatId, now) < 1,
            );
        if (!other) return this.wake(lane, wait);
        from.splice(from.indexOf(other), 1);
        this.fire(lane, other, now);
        continue;
      }
      from.splice(from.indexOf(job), 1);
      this.fire(lane, job, now);
    }
  }

  private wake(lane: Lane, ms: number): void {
    const at = this.now() + Math.max(1, ms);
    if (lane.timer && lane.wakeAt <= at) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.wakeAt = at;
    lane.timer = setTimeout(
      () => {
        lane.timer = null;
        this.pump(lane);
      },
      Math.max(1, ms),
    );
  }

  private fire(lane: Lane, job: Job, now: number): void {
    lane.pacer.sent(job.urgent ? null : job.chatId, now);
    lane.busyChats.add(job.chatId);
    lane.inFlight++;
    job.tries++;
    void this.attempt(job).then(
      (sent) => {
        this.options.onSettled?.(job.channel, "sent");
        this.settle(lane, job);
        job.resolve(sent);
      },
      (error: unknown) => {
        const e = asChannelError(error);
        this.settle(lane, job);
        if (e.kind === "rateLimited" && !this.stopping) {
          // The platform counts everyone's requests: nothing to anyone until it says so.
          const ms = e.retryAfterMs ?? 1000;
          lane.pacer.pause(this.now() + ms);
          this.options.onRateLimited?.(job.channel, ms);
          (job.urgent ? lane.urgent : lane.normal).unshift(job);
        } else if (e.kind === "transient" && job.retriesLeft > 0 && !this.stopping) {
          job.retriesLeft--;
          job.notBefore = this.now() + backoffMs(job.tries);
          (job.urgent ? lane.urgent : lane.normal).unshift(job);
        } else {
          this.options.onSettled?.(job.channel, e.kind);
          job.reject(e);
        }
        this.pump(lane);
      },
    );
  }

  private settle(lane: Lane, job: Job): void {
    lane.busyChats.delete(job.chatId);
    lane.inFlight--;
    if (this.pending === 0) for (const done of this.idle) done();
    queueMicrotask(() => this.pump(lane));
  }

  private attempt(job: Job): Promise<SentMessage> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ChannelError("unknown", `no answer in ${this.sendTimeoutMs} ms`)),
        this.sendTimeoutMs,
      );
    });
    const go = async () => {
      if (job.beforeSend)
        await job
          .beforeSend()
          .catch((e: unknown) => Promise.reject(new ChannelError("transient", String((e as Error)?.message ?? e))));
      return this.sendFn(job.channel, job.chatId, job.reply);
    };
    return Promise.race([go(), timeout]).finally(() => clearTimeout(timer));
  }
}

/**
 * What we cannot name may have reached the person: UNKNOWN, never retried.
 * Channels name what surely did not arrive (refused connection, 5xx, 429).
 */
export function asChannelError(error: unknown): ChannelError {
  return error instanceof ChannelError
    ? error
    : new ChannelError("unknown", String((error as Error)?.message ?? error));
}
