import { defineConfig } from 'vitest/config';

// The conformance suite: checks against ../shared (SchemaStore's schema and test files), which a
// user's clone does not have. `.ci/run` runs it after `npm test`; CCM_SHARED_DIR overrides the path.
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/each-file.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
