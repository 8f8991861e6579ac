/** Health, readiness and metrics, when HEALTH_PORT asks for them; prom-client loads only then. */
import type { App } from "../app.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { Observers } from "./wire.ts";

export async function openMetrics(app: App): Promise<Metrics | null> {
  return app.config.health ? new (await import("../ops/metrics.ts")).Metrics(app.db) : null;
}

/** What the runner and the sender report, counted. */
export function observerOf(metrics: Metrics): Observers {
  return {
    update: (channel, outcome, ms) => {
      metrics.updates.inc({ channel, outcome });
      metrics.handlerSeconds.observe({ channel }, ms / 1000);
    },
    send: (platform, outcome) => metrics.sends.inc({ platform, outcome }),
    rateLimited: (platform) => metrics.rateLimited.inc({ platform }),
  };
}

export async function startOps(
  app: App,
  metrics: Metrics | null,
  channels: () => { configured: string[]; up: string[] },
): Promise<{ close(): void } | null> {
  const health = app.config.health;
  if (!health || !metrics) return null;
  const { startOpsServer } = await import("../ops/server.ts");
  return startOpsServer(
    health.port,
    { db: app.db, channels, maxOutboxLagSeconds: health.maxOutboxLagSeconds, now: () => app.clock.now() },
    metrics,
  );
}
