import { accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/helpers/sequencer.js';

// test/conformance reads ../shared, which a user's clone lacks, test/stress and test/package run
// for minutes, and test/browser starts Chromium: .ci/run runs them with vitest.conformance.config.ts,
// vitest.stress.config.ts, vitest.package.config.ts and vitest.browser.config.ts.
const ISOLATED = 'test/**/*.isolated.test.ts';

/**
 * The tests' temp folders (config repos, projects, homes) go to memory where the machine has it
 * (Linux's /dev/shm, a tmpfs): the same real files and the same fsyncs, which a tmpfs completes at
 * once instead of waiting for the disk, a third of the suite's time on disk-backed /tmp.
 */
function memoryTempDir(): string | undefined {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return undefined;
  }
}
const TMPDIR = memoryTempDir();

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/each-file.ts'],
    ...(TMPDIR ? { env: { TMPDIR } } : {}),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    sequence: { sequencer: SlowFirstSequencer },
    // Vitest's default leaves a core free (one worker on a 2-core machine); the end-to-end tests wait on
    // git, age and child processes much of the time, so every core gets a worker.
    maxWorkers: Math.max(2, availableParallelism()),
    // `npm test -- --coverage` (.ci/run): statements run by the unit tests and by the in-process
    // end-to-end tests; the process tests (test/helpers/cli.ts ccmProcess) run a bundle it does not see.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/generated/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // The floor: what the suite reached when it was set, rounded down. Raise it as coverage rises; never lower it.
      thresholds: { lines: 90, branches: 79, functions: 90, statements: 87 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/unit/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          exclude: [ISOLATED],
          // A worker keeps ccm's modules loaded for every file it runs instead of loading them anew per
          // file, which is most of a small file's time. The end-to-end tests run ccm in process
          // (test/helpers/cli.ts), each run with its own environment (src/run-environment.ts), so nothing
          // one file does reaches the next.
          isolate: false,
        },
      },
      // A test that replaces a module (vi.mock) gets fresh modules of its own: name it *.isolated.test.ts.
      { extends: true, test: { name: 'isolated', include: [ISOLATED] } },
    ],
  },
});
