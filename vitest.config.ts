import { defineConfig } from 'vitest/config';

/**
 * Test tiers, named for what they cost. `unit` runs in-process and is the daily loop;
 * `cli` spawns the crosscheck command, the launcher and killed writers as a user would, and
 * runs the built Electron bundles;
 * `fuzz` sends random payloads to every request; `e2e` drives Chromium through browser mode.
 * `npm test` runs them all.
 */
const PROCESS_SPAWNING = ['tests/cli/**/*.test.ts', 'tests/crash/**/*.test.ts', 'tests/launcher/**/*.test.ts', 'tests/security/**/*.test.ts'];

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
          exclude: ['tests/e2e/**', 'tests/fuzz/**', ...PROCESS_SPAWNING],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: { name: 'cli', include: PROCESS_SPAWNING, testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'fuzz', include: ['tests/fuzz/**/*.test.ts'], testTimeout: 600_000 },
      },
      {
        extends: true,
        // One browser at a time: the machines running CI have two cores.
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
