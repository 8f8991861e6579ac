/**
 * Prometheus metrics (prom-client): what an operator graphs and alerts on.
 * The bot, the dispatcher and the scheduler report through small hooks; this
 * module is the only one that knows Prometheus.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../store/db/db.ts";
import { outboxByStatus } from "../store/delivery/outbox.ts";

export class Metrics {
  readonly registry = new Registry();
  readonly updates = new Counter({
    name: "cchc_updates_handled_total",
    help: "Incoming updates handled, by channel and outcome",
    labelNames: ["channel", "outcome"],
    registers: [this.registry],
  });
  readonly handlerSeconds = new Histogram({
    name: "cchc_handler_seconds",
    help: "Time to handle one update, replies included",
    labelNames: ["channel"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly sends = new Counter({
    name: "cchc_sends_total",
    help: "Messages sent to a platform, by outcome",
    labelNames: ["platform", "outcome"],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: "cchc_rate_limited_total",
    help: "429 answers received, by platform",
    labelNames: ["platform"],
    registers: [this.registry],
  });
  readonly remindersDecided = new Counter({
    name: "cchc_reminders_decided_total",
    help: "Reminder decisions recorded by the scheduler",
    registers: [this.registry],
  });
  readonly tickSeconds = new Histogram({
    name: "cchc_scheduler_tick_seconds",
    help: "Duration of one scheduler tick",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(db: Db) {
    const outbox = new Gauge({
      name: "cchc_outbox_messages",
      help: "Outbox rows by status",
      labelNames: ["status"],
      registers: [this.registry],
      collect: async () => {
        outbox.reset();
        for (const r of await outboxByStatus(db)) outbox.set({ status: r.status }, r.count);
      },
    });
  }
}
