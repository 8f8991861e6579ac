import { performance } from "node:perf_hooks";

export async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export function report(title: string, rows: [string, number][]): void {
  console.log(`\n${title}`);
  const w = Math.max(...rows.map(([n]) => n.length));
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(w)}  ${ms.toFixed(1).padStart(9)} ms`);
}
