/**
 * The one place that opens the database: an SQLite file for one unit on one
 * machine, or Postgres (a `postgresql://` URL) for a province and several
 * bot processes. Both go through one generated client type; the Postgres
 * client is generated from the same schema (scripts/schemas.mjs).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { isPostgresUrl, markProvider } from "./dialect.ts";
import { privateDatabase, privateDir } from "./files.ts";

export type Db = PrismaClient;
/** What a store function can run on: the client or an open transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** Called for every SQL statement (benchmarks count them). */
  onQuery?: (sql: string) => void;
  /** Postgres connections this process may hold (default 10). */
  poolSize?: number;
}

export async function openDb(location: string, options: OpenOptions = {}): Promise<Db> {
  return isPostgresUrl(location)
    ? markProvider(await openPostgres(location, options), "postgresql")
    : markProvider(await openSqlite(location.replace(/^file:/, ""), options), "sqlite");
}

function logQueries(db: PrismaClient, options: OpenOptions): void {
  if (!options.onQuery) return;
  const onQuery = options.onQuery;
  (db as PrismaClient<"query">).$on("query", (e) => onQuery(e.query));
}

function withLog(options: OpenOptions): { log?: { emit: "event"; level: "query" }[] } {
  return options.onQuery ? { log: [{ emit: "event", level: "query" }] } : {};
}

/**
 * Postgres runs statements and transactions side by side on a pool, so
 * nothing is queued here; the generated client for it is loaded only when
 * used, to keep `pg` out of a single unit's process.
 */
async function openPostgres(url: string, options: OpenOptions): Promise<Db> {
  const [{ PrismaClient: PgClient }, { PrismaPg }] = await Promise.all([
    import("../../generated/postgres/client.ts"),
    import("@prisma/adapter-pg"),
  ]);
  const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? 10 });
  // Both clients come from one schema: the same models, the same methods.
  const db = new PgClient({ adapter, ...withLog(options) } as ConstructorParameters<
    typeof PgClient
  >[0]) as unknown as PrismaClient;
  logQueries(db, options);
  await db.$queryRawUnsafe("SELECT 1");
  return db;
}

/**
 * WAL with synchronous=NORMAL: a write costs ~0.03 ms of fsync instead of
 * ~0.9 ms with the default rollback journal, and a crash loses at most the
 * last transactions, never the file. The busy timeout lets a CLI import and
 * the running bot share the file.
 */
async function openSqlite(databasePath: string, options: OpenOptions): Promise<Db> {
  privateDir(path.dirname(databasePath));
  const adapter = new PrismaBetterSQLite3({ url: databasePath, timeout: BUSY_TIMEOUT_MS });
  const db = new PrismaClient({ adapter, ...withLog(options) } as ConstructorParameters<typeof PrismaClient>[0]);
  logQueries(db, options);
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  privateDatabase(databasePath);
  return serialized(db);
}

/** A write that changes nothing: it makes SQLite take the write lock (tested: another connection then waits). */
const TAKE_WRITE_LOCK = `DELETE FROM "ProcessedUpdate" WHERE 0`;

/** Runs one piece of work at a time, in the order asked. */
export class WorkQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(work: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(work);
    this.tail = result.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return result;
  }

  get depth(): number {
    return this.waiting;
  }
}

/**
 * Prisma's SQLite adapter runs an interactive transaction on the one shared
 * connection, so any statement issued while it is open (the sender marking a
 * message SENT) would join it and be rolled back with it. Every transaction
 * and every statement outside one therefore takes its turn in one queue;
 * statements of the transaction holding the turn (known by async context)
 * go straight through.
 */
export function serialized(base: PrismaClient): Db {
  const queue = new WorkQueue();
  const inside = new AsyncLocalStorage<true>();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> =>
    inside.getStore() ? work() : queue.run(() => inside.run(true, work));
  const extended = base.$extends({
    query: {
      $allOperations({ args, query }) {
        return inTurn(() => query(args));
      },
    },
  });
  const transaction = extended.$transaction.bind(extended) as (...a: unknown[]) => Promise<unknown>;
  // The adapter opens a deferred transaction: one that reads first and writes later fails at once with
  // SQLITE_BUSY if another process (a CLI import, the bot) wrote in between. Writing first takes the
  // write lock at the start, where the busy timeout applies.
  const writeFirst =
    (fn: (tx: unknown) => Promise<unknown>) => async (tx: { $executeRawUnsafe(sql: string): Promise<number> }) => {
      await tx.$executeRawUnsafe(TAKE_WRITE_LOCK);
      return fn(tx);
    };
  return new Proxy(extended, {
    get(target, prop, receiver) {
      if (prop === "$transaction") {
        return (...a: unknown[]) =>
          inTurn(() =>
            typeof a[0] === "function"
              ? transaction(writeFirst(a[0] as (tx: unknown) => Promise<unknown>), ...a.slice(1))
              : transaction(...a),
          );
      }
      if (prop === "$queue") return queue;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  }) as unknown as Db;
}

/** How many pieces of work wait for the database (0 when idle); tests check the queue empties. */
export function queueDepth(db: Db): number {
  return (db as unknown as { $queue?: WorkQueue }).$queue?.depth ?? 0;
}

/** Big imports run in one transaction; the default 5 s is too short for 10,000 rows on a slow disk. */
export const LONG_TRANSACTION = { timeout: 120_000, maxWait: 10_000 } as const;

/** Throws when the database does not answer. */
export async function ping(db: Db): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
