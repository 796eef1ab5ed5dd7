import { defineConfig } from 'vitest/config';

// The browser suite (test/browser): the built client in Debian's headless Chromium through
// playwright-core. Not part of `npm test` (a browser start per file, a client build first);
// `.ci/run` runs it with `npm run test:browser`.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    setupFiles: ['test/helpers/each-file.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
