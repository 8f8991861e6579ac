/**
 * GET /healthz (the process answers), GET /readyz (database reachable,
 * every channel connected, the outbox not falling behind) and GET /metrics,
 * on HEALTH_PORT: what a service manager, a load balancer or Prometheus asks.
 */
import http from "node:http";
import { ping, type Db } from "../store/db/db.ts";
import { oldestWaitingSince } from "../store/delivery/outbox.ts";
import type { Metrics } from "./metrics.ts";

export interface Readiness {
  db: Db;
  /** Channels configured and those listening now. */
  channels: () => { configured: string[]; up: string[] };
  /** A message due this long ago and still waiting means the sender is stuck. */
  maxOutboxLagSeconds: number;
  now: () => Date;
}

export async function readiness(
  r: Readiness,
): Promise<{ ready: boolean; checks: Record<string, { ok: boolean; detail?: string }> }> {
  const checks: Record<string, { ok: boolean; detail?: string }> = {};
  try {
    await ping(r.db);
    checks.database = { ok: true };
  } catch (e) {
    checks.database = { ok: false, detail: String((e as Error).message ?? e).slice(0, 200) };
  }
  const { configured, up } = r.channels();
  const down = configured.filter((c) => !up.includes(c));
  checks.channels = down.length ? { ok: false, detail: `not connected: ${down.join(", ")}` } : { ok: true };
  if (checks.database.ok) {
    const now = r.now();
    const since = await oldestWaitingSince(r.db, now);
    const lag = since ? Math.round((now.getTime() - since.getTime()) / 1000) : 0;
    checks.outbox =
      lag > r.maxOutboxLagSeconds
        ? { ok: false, detail: `oldest waiting message due ${lag} s ago` }
        : { ok: true, detail: `lag ${lag} s` };
  }
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

export function startOpsServer(port: number, r: Readiness, metrics: Metrics): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET") return send(405, "text/plain", "method not allowed\n");
    if (path === "/healthz") return send(200, "text/plain", "ok\n");
    if (path === "/readyz") {
      void readiness(r).then(
        (s) => send(s.ready ? 200 : 503, "application/json", `${JSON.stringify(s)}\n`),
        (e: unknown) =>
          send(
            503,
            "application/json",
            `${JSON.stringify({ ready: false, error: String((e as Error).message ?? e) })}\n`,
          ),
      );
      return;
    }
    if (path === "/metrics") {
      void metrics.registry.metrics().then(
        (text) => send(200, metrics.registry.contentType, text),
        (e: unknown) => send(500, "text/plain", `${String((e as Error).message ?? e)}\n`),
      );
      return;
    }
    send(404, "text/plain", "not found\n");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "0.0.0.0", () => resolve(server));
  });
}
