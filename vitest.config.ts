import { defineConfig } from 'vitest/config';

/**
 * Test tiers, named for what they cost. `unit` runs in-process and is the daily loop (under a
 * minute on an idle two-core machine);
 * `cli` spawns processes: the crosscheck command, the launcher and killed writers as a user would,
 * the built Electron bundles, the lint tools, the PostgreSQL servers the hub's tests start, and
 * the corpus host's worker threads;
 * `fuzz` sends random payloads to every request and random edits and sync orders to three devices;
 * `e2e` drives Chromium through browser mode. `npm test` runs them all.
 */
const PROCESS_SPAWNING = [
  'tests/cli/**/*.test.ts',
  'tests/crash/**/*.test.ts',
  'tests/launcher/**/*.test.ts',
  'tests/security/**/*.test.ts',
  // initdb and a PostgreSQL server per file: seconds before the first test runs.
  'tests/hub/**/*.test.ts',
  'tests/sync/threeDevices.test.ts',
  // Worker threads that each load the whole request code: seconds per start, and the test restarts them.
  'tests/api/corpusHost.test.ts',
];
/** Randomised runs: many seeds of random edits, each a few seconds (syncConvergence, storedClaimGroupsRandom). */
const RANDOMISED = ['tests/fuzz/**/*.test.ts', 'tests/corpus/syncConvergence.test.ts', 'tests/corpus/storedClaimGroupsRandom.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/closingLineReporter.ts'],
    // The matcher's lexicon is generated from installed packages, not committed: built once before the tests.
    globalSetup: ['./tests/helpers/lexiconSetup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', ...RANDOMISED, ...PROCESS_SPAWNING],
          testTimeout: 20_000,
          // In-process files share nothing (each test its own temp corpus, port 0), so every core runs
          // one: Vitest's default leaves one core idle, which on two cores doubles the daily loop.
          maxWorkers: '100%',
          // Files share one module graph per worker instead of importing React, zod and the matcher's
          // lexicon afresh for each of 86 files: 81 s → 44 s on a two-core machine. Safe because no
          // unit file mocks a module or leaves global state behind; one that must belongs in `cli`.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'cli', include: PROCESS_SPAWNING, testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'fuzz', include: RANDOMISED, testTimeout: 600_000 },
      },
      {
        extends: true,
        // One browser at a time: the machines running CI have two cores.
        // A page waits for the app's answers: a poll gives it ten seconds, not Vitest's default one, which a
        // busy two-core machine overran in a first load (the article list, the sync status) while the app was right.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
