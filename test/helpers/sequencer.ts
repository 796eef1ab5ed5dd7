import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files that spend their time waiting on child processes (age, git hooks, ccm watch, signals).
// Vitest orders files by the durations it cached on the last run, longest first, so that no long file
// starts last and runs on alone; a fresh clone has no cache and falls back to file size, which put
// these at the end and added about 20 s on 2 cores. With no cached duration, they start first.
const WAITS_ON_PROCESSES = [
  'test/e2e/secrets.test.ts',
  'test/e2e/hooks.test.ts',
  'test/e2e/secrets-leaks.test.ts',
  'test/e2e/watch.test.ts',
  'test/e2e/import.test.ts',
  'test/e2e/process.test.ts',
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    // The cache's key is BaseSequencer's: the project and the path as relative() gives it.
    const uncached = (spec: TestSpecification) => !this.ctx.cache.getFileTestResults(`${spec.project.name}:${relative(root, spec.moduleId)}`);
    const rank = (spec: TestSpecification) => {
      const i = WAITS_ON_PROCESSES.indexOf(relative(root, spec.moduleId).split('\\').join('/'));
      return i >= 0 && uncached(spec) ? i : WAITS_ON_PROCESSES.length;
    };
    // Vitest runs the projects one after another: reorder within each, keeping the base order otherwise
    // (Array.prototype.sort is stable).
    const projects = new Map<string, TestSpecification[]>();
    for (const spec of sorted) {
      const specs = projects.get(spec.project.name) ?? [];
      specs.push(spec);
      projects.set(spec.project.name, specs);
    }
    return [...projects.values()].flatMap((specs) => specs.sort((a, b) => rank(a) - rank(b)));
  }
}
