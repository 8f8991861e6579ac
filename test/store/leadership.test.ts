/**
 * One scheduler, one sender, one Zalo session across instances: Postgres
 * advisory locks, and a takeover when the holder dies (SIGKILL included).
 */
import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLeadership, type Leadership } from "../../src/store/instances/leadership.ts";
import { freshDb, onPostgres, type TestDb } from "../helpers/db.ts";

let t: TestDb;
const open: Leadership[] = [];
beforeEach(async () => {
  t = await freshDb();
});
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
  await t.close();
});
const lead = async (retryMs = 10_000) => {
  const l = await openLeadership(t.url, ["scheduler", "sender"], { retryMs });
  open.push(l);
  return l;
};
/** Polls until `ok`, for at most `ms`; returns how long it took. */
async function until(ok: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!ok() && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 50));
  return Date.now() - start;
}

describe("leadership", () => {
  it.skipIf(onPostgres)("SQLite: the one process holds every role", async () => {
    const l = await lead();
    expect([l.holds("scheduler"), l.holds("sender"), l.holds("zalo")]).toEqual([true, true, false]);
  });

  it.skipIf(!onPostgres)(
    "Postgres: the first instance holds the roles, the second waits, and takes them when the first stops",
    async () => {
      const a = await lead();
      const b = await lead();
      expect([a.holds("scheduler"), a.holds("sender"), b.holds("scheduler"), b.holds("sender")]).toEqual([
        true,
        true,
        false,
        false,
      ]);
      await b.refresh();
      expect(b.holds("sender")).toBe(false);
      await a.close();
      await b.refresh();
      expect([b.holds("scheduler"), b.holds("sender")]).toEqual([true, true]);
    },
  );

  it.skipIf(!onPostgres)("Postgres: a holder killed with SIGKILL is replaced within 30 s", async () => {
    // A bare process holding the sender's lock, as a bot instance would.
    const script = `const pg=require("pg");const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.query("SELECT pg_advisory_lock(72707402)")).then(()=>{console.log("held");setInterval(()=>{},1e6)})`;
    const child = spawn(process.execPath, ["-e", script, t.url], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (d: Buffer) => String(d).includes("held") && resolve()),
    );
    const b = await lead(1000);
    expect(b.holds("sender")).toBe(false);
    expect(b.holds("scheduler")).toBe(true);
    child.kill("SIGKILL");
    const took = await until(() => b.holds("sender"), 30_000);
    expect(b.holds("sender")).toBe(true);
    expect(took).toBeLessThan(30_000);
  });
});
