/**
 * What instances sharing one Postgres database tell each other: changes to
 * settings and the roster at once (LISTEN/NOTIFY), and whose turn it is to
 * handle a chat's message (advisory locks). On SQLite there is one process,
 * and both are no-ops.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { announce, listenChanges, type Topic } from "../../src/store/instances/changes.ts";
import { openChatLocks } from "../../src/store/chat/chat-locks.ts";
import { openLeadership } from "../../src/store/instances/leadership.ts";
import { saveSetting } from "../../src/store/settings/settings.ts";
import { setLocale } from "../../src/store/people/identities.ts";
import { seedSmallPlan, UNIT } from "../helpers/bot.ts";
import { freshDb, onPostgres, type TestDb } from "../helpers/db.ts";

let t: TestDb;
const closing: { close(): Promise<void> }[] = [];
beforeEach(async () => {
  t = await freshDb();
});
afterEach(async () => {
  for (const c of closing.splice(0)) await c.close();
  await t.close();
});
async function until(ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await ok()) && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 20));
}

describe.skipIf(!onPostgres)("instances on one Postgres", () => {
  it("a setting or a roster change made anywhere reaches every listening instance", async () => {
    await seedSmallPlan(t);
    const heard: Topic[][] = [[], []];
    for (const list of heard) closing.push(await listenChanges(t.url, (topic) => list.push(topic)));
    await saveSetting(t.db, UNIT, "reminderDaysBefore", "5");
    const an = await t.db.staff.findFirstOrThrow({ where: { phone: "+84912000001" } });
    await setLocale(t.db, an.id, "en");
    await until(() => heard.every((h) => h.length >= 2));
    expect(heard).toEqual([
      ["settings", "members"],
      ["settings", "members"],
    ]);
  });

  it("an instance that joins is heard at once by the others, who then count it (before their next check)", async () => {
    const first = await openLeadership(t.url, ["sender"], { retryMs: 600_000 });
    closing.push(first);
    const heard: Topic[] = [];
    closing.push(
      await listenChanges(t.url, (topic) => {
        heard.push(topic);
        if (topic === "instances") void first.refresh();
      }),
    );
    expect(first.instances()).toBe(1);
    closing.push(await openLeadership(t.url, ["sender"], { retryMs: 600_000 }));
    await until(() => first.instances() === 2);
    expect(heard).toContain("instances");
    expect(first.instances()).toBe(2);
  });

  it("a change announced inside a transaction that fails is never heard", async () => {
    const heard: Topic[] = [];
    closing.push(await listenChanges(t.url, (topic) => heard.push(topic)));
    await expect(
      t.db.$transaction(async (tx) => {
        await announce(tx, "members");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await announce(t.db, "settings");
    // Notifications come in commit order on the one connection: had the rolled-back one been sent, it would be first.
    await until(() => heard.length > 0);
    expect(heard).toEqual(["settings"]);
  });

  it("a listener whose connection is cut comes back, and drops everything it may have missed", async () => {
    const heard: Topic[] = [];
    closing.push(await listenChanges(t.url, (topic) => heard.push(topic)));
    await t.db
      .$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`;
    // Back within a second or so: it says every topic changed (instances are counted again), then hears new changes.
    await until(() => heard.length >= 3, 15_000);
    expect(heard.slice(0, 3)).toEqual(["settings", "members", "instances"]);
    await announce(t.db, "members");
    await until(() => heard.length >= 4);
    expect(heard[3]).toBe("members");
  });

  it("one chat is handled by one instance at a time; other chats go on", async () => {
    const a = openChatLocks(t.url);
    const b = openChatLocks(t.url);
    closing.push(a, b);
    const unlockA = await a.lock!("telegram:1");
    let bHasIt = false;
    const waiting = b.lock!("telegram:1").then((unlock) => ((bHasIt = true), unlock));
    const other = await b.lock!("telegram:2");
    // B's request is in Postgres, waiting for A's lock: not granted.
    await until(async () => {
      const [row] = await t.db.$queryRaw<{ n: bigint | number }[]>`
        SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
      return Number(row!.n) > 0;
    });
    expect(bHasIt).toBe(false);
    await unlockA();
    const unlockB = await waiting;
    expect(bHasIt).toBe(true);
    await unlockB();
    await other();
  });
});

describe.skipIf(onPostgres)("one process on SQLite", () => {
  it("has no chat locks and hears nothing", async () => {
    expect(openChatLocks(t.url).lock).toBeUndefined();
    const heard: Topic[] = [];
    closing.push(await listenChanges(t.url, (topic) => heard.push(topic)));
    await announce(t.db, "settings");
    expect(heard).toEqual([]);
  });
});
