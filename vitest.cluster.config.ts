import { defineConfig } from "vitest/config";

/** `npm run test:cluster`: the multi-instance test, apart from `npm test` (it runs for minutes). */
export default defineConfig({
  test: {
    include: ["test/cluster/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: "forks",
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
  },
});
