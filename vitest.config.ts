import { defineConfig } from "vitest/config";

/**
 * Two halves: everything on SQLite, and every test that touches the database
 * again on Postgres when TEST_POSTGRES_URL names a server that may create
 * databases (.ci/run sets it). Without it the run says it skipped that half.
 */
const postgres = process.env.TEST_POSTGRES_URL;

// What only SQLite has: its file backups and its one-connection queue.
const SQLITE_ONLY = [
  "test/store/backup.test.ts",
  "test/store/queue.test.ts",
  "test/store/quick-read.test.ts",
  // Its processes keep their own SQLite file: the CLI nudges the bot through a file beside it.
  "test/broadcast/cli-notice.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["test/helpers/global-setup.ts"],
    // Tests that start processes or read a PDF take up to 20 s alone (the run ends by listing the ten slowest), and
    // twice that with the other core busy: 60 s leaves that room. A test that needs more says why and sets its own.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two at a time on these 2-core machines: the Postgres half spends much of its time waiting on the server.
    maxWorkers: 2,
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
    projects: [
      // test/cluster has its own script (npm run test:cluster): it runs for minutes.
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"], exclude: ["test/cluster/**"] } },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                // The suites whose work is SQL. test/channels is left to SQLite: it tests the adapters and
                // their pace, and the database work under them (the outbox) runs here in scheduler/ and broadcast/.
                include: ["test/{store,bot,scheduler,broadcast,reports,import,ops}/**/*.test.ts"],
                exclude: SQLITE_ONLY,
                env: { CCHC_TEST_PROVIDER: "postgresql" },
              },
            },
          ]
        : []),
    ],
  },
});
