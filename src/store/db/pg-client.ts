/**
 * A Postgres connection of our own, outside Prisma's pool, for what must stay
 * on one session: advisory locks, LISTEN, the migration runner. The driver is
 * loaded only here, on first use: a single unit on SQLite never loads it.
 */
import type pg from "pg";

export async function dedicatedClient(
  url: string,
  options: { applicationName?: string; onError?: (err: Error) => void } = {},
): Promise<pg.Client> {
  const { default: driver } = await import("pg");
  const client = new driver.Client({
    connectionString: url,
    keepAlive: true,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  if (options.onError) client.on("error", options.onError);
  await client.connect();
  return client;
}
