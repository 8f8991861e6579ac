import type { Reporter, TestModule } from "vitest/node";

/** Ends the run with the plain "N passed, N failed" line that CI reads. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
    if (!process.env.TEST_POSTGRES_URL) {
      process.stdout.write(
        "Postgres half skipped: set TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) to run the database tests on Postgres too.\n",
      );
    }
  }
}
