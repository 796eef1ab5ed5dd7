import { defineConfig } from 'vitest/config';

// The package suite: packs the package from a copy of the working tree (`npm ci`, `npm pack`, whose
// `prepare` builds) and runs the README's Quick start against the tarball. It needs the npm cache
// and minutes, so `npm test` leaves it out; `npm run test:package` and .ci/run run it.
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    setupFiles: ['test/helpers/each-file.ts'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
