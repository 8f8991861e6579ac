/**
 * Collects the calls made while handlers run side by side (telegraf hands
 * over up to 100 updates at once) and serves them with one query: Prisma's
 * cost is per call, not per row, and SQLite has one connection.
 */
export class Batcher<K, V> {
  private pending: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly run: (keys: K[]) => Promise<V[]>,
    private readonly maxBatch = 500,
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the handlers already running have reached here too.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatch);
    if (this.pending.length && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    if (batch.length === 0) return;
    try {
      const values = await this.run(batch.map((b) => b.key));
      batch.forEach((b, i) => b.resolve(values[i]!));
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
}
