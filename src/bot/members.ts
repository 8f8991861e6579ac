import type { Db } from "../store/db/db.ts";
import { Batcher } from "../store/db/batch.ts";
import { findMembers, type Member } from "../store/people/identities.ts";

/**
 * Who a chat belongs to, cached: every update asks, and a status reply should
 * not pay a query for it. This process invalidates on its own changes; on
 * Postgres every instance is told of the others' (store/instances/changes.ts), and on
 * SQLite entries live a minute, so an unlink from the CLI takes effect soon.
 */
export class MemberCache {
  private readonly entries = new Map<string, { member: Member | null; until: number }>();
  private readonly loader: Batcher<{ platform: string; externalId: string }, Member | null>;

  constructor(
    db: Db,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    // After a restart every chat misses at once: one query serves them all.
    this.loader = new Batcher((keys) => findMembers(db, keys), 200);
  }

  async get(platform: string, externalId: string): Promise<Member | null> {
    const key = `${platform}:${externalId}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.member;
    const member = await this.loader.load({ platform, externalId });
    this.entries.set(key, { member, until: this.now() + this.ttlMs });
    return member;
  }

  forget(platform: string, externalId: string): void {
    this.entries.delete(`${platform}:${externalId}`);
  }

  clear(): void {
    this.entries.clear();
  }
}
