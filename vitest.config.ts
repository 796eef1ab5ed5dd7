import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/conformance reads ../shared, which a user's clone lacks, and test/stress runs for minutes:
    // .ci/run runs them with vitest.conformance.config.ts and vitest.stress.config.ts.
    exclude: ['test/conformance/**', 'test/stress/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
