import { afterAll } from 'vitest';
import { removeTempDirs } from './cli.js';
import { stopUiProcesses } from './ui-server.js';

// A setup file (vitest.config.ts setupFiles) runs before every test file, also when a worker keeps
// the helper modules loaded across files (isolate: false), where a module-level afterAll would be
// registered for the first file only: what each file started and made is cleaned up after it.
afterAll(async () => {
  await stopUiProcesses();
  removeTempDirs();
});
