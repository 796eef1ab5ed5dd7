import { defineConfig } from 'vitest/config';

// The crash and concurrency loops (kill -9 during builds, two builds at once): minutes of real
// processes, so not part of `npm test`. `.ci/run` runs them; `npm run test:stress` runs them here.
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/each-file.ts'],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
