/** /healthz, /readyz and /metrics over a running bot (the console channel, a real SQLite file). */
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { wireBot, type Wired } from "../../src/start/wire.ts";
import { ConsoleChannel } from "../../src/channels/console/channel.ts";
import { fixedClock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { Metrics } from "../../src/ops/metrics.ts";
import { startOpsServer } from "../../src/ops/server.ts";
import { NOW, PEOPLE, seedSmallPlan, SETTINGS, TEST_DELIVERY } from "../helpers/bot.ts";
import { freshDb, type TestDb } from "../helpers/db.ts";

let t: TestDb;
let wired: Wired;
let close: () => void;
let base: string;
let up: string[];
let input: PassThrough;

beforeEach(async () => {
  t = await freshDb();
  await seedSmallPlan(t);
  const metrics = new Metrics(t.db);
  input = new PassThrough();
  const channel = new ConsoleChannel({ input, output: new PassThrough() });
  wired = wireBot({
    db: t.db,
    clock: fixedClock(NOW),
    logger: createLogger("silent"),
    settings: SETTINGS,
    channels: [channel],
    delivery: TEST_DELIVERY,
    observe: {
      update: (c, outcome, ms) => (
        metrics.updates.inc({ channel: c, outcome }),
        metrics.handlerSeconds.observe({ channel: c }, ms / 1000)
      ),
    },
  });
  await wired.runner.start();
  up = ["console"];
  const server = await startOpsServer(
    0,
    {
      db: t.db,
      channels: () => ({ configured: up, up: [...wired.runner.up] }),
      maxOutboxLagSeconds: 600,
      now: () => new Date(NOW),
    },
    metrics,
  );
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterEach(async () => {
  close();
  await wired.stop(1000);
  await t.close();
});

describe("operations endpoints", () => {
  it("healthz answers; readyz checks the database, the channels and the outbox lag", async () => {
    expect(await (await fetch(`${base}/healthz`)).text()).toBe("ok\n");
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      checks: { database: { ok: true }, channels: { ok: true }, outbox: { ok: true } },
    });
    // A message due half an hour ago and still waiting: the sender is stuck.
    const chi = await t.db.staff.findFirstOrThrow({ where: { name: PEOPLE.chi.name } });
    await t.db.outbox.create({
      data: { staffId: chi.id, kind: "test", payload: "{}", createdAt: new Date(Date.parse(NOW) - 1800_000) },
    });
    up = ["console", "telegram"];
    const stuck = await fetch(`${base}/readyz`);
    expect(stuck.status).toBe(503);
    expect(await stuck.json()).toMatchObject({
      ready: false,
      checks: {
        channels: { ok: false, detail: "not connected: telegram" },
        outbox: { ok: false, detail: "oldest waiting message due 1800 s ago" },
      },
    });
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  it("metrics: updates handled with their latency, and the outbox by status", async () => {
    input.write(`/as ${PEOPLE.chi.phone}\n/nhiemvu\n`);
    // Counted once both lines are handled.
    const text = await vi.waitFor(async () => {
      const body = await (await fetch(`${base}/metrics`)).text();
      expect(body).toMatch(/cchc_updates_handled_total\{channel="console",outcome="handled"\} [2-9]/);
      return body;
    });
    expect(text).toMatch(/cchc_handler_seconds_count\{channel="console"\} [1-9]/);
    expect(text).toContain("# TYPE cchc_outbox_messages gauge");
  });
});
