import type { Reporter, TestModule } from "vitest/node";

const SLOWEST = 10;

/**
 * Ends the run with the ten slowest tests (so a slow one is seen before it
 * becomes a habit) and the plain "N passed, N failed" line that CI reads.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const times: { name: string; ms: number }[] = [];
    for (const m of modules) {
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
        const ms = test.diagnostic()?.duration;
        if (ms !== undefined) {
          const project = test.project.name ? `[${test.project.name}] ` : "";
          times.push({ name: `${project}${m.relativeModuleId} › ${test.fullName}`, ms });
        }
      }
    }
    if (times.length) {
      process.stdout.write(`\nSlowest ${Math.min(SLOWEST, times.length)} tests:\n`);
      for (const { name, ms } of times.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST))
        process.stdout.write(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}\n`);
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
    if (!process.env.TEST_POSTGRES_URL) {
      process.stdout.write(
        "Postgres half skipped: set TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) to run the database tests on Postgres too.\n",
      );
    }
  }
}
