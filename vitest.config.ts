import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/conformance reads ../shared, which a user's clone lacks, and test/stress and test/package run
    // for minutes: .ci/run runs them with vitest.conformance.config.ts, vitest.stress.config.ts and
    // vitest.package.config.ts; test/browser starts Chromium: vitest.browser.config.ts, `npm run test:browser`.
    exclude: ['test/conformance/**', 'test/stress/**', 'test/package/**', 'test/browser/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
