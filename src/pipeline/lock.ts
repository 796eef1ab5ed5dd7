import { hasErrors } from '../diagnostics.js';
import { ParseCache } from '../load/parse-cache.js';
import { BuildLocks, type LockOptions } from './build-locks.js';
import { compile, type Compilation, type CompileOptions } from './compile.js';

/**
 * compile → plan for a writing build, under the locks of the config repo and of every output root,
 * taken by compile after rendering and before it reads any root (`beforePlan`), so the plan
 * reflects a disk state no other build is changing. With errors in the config nothing is written,
 * so nothing is locked. The caller applies the plans, then calls `locks.release()`.
 */
export async function compileLocked(root: string, options: CompileOptions, lock: LockOptions): Promise<{ result: Compilation; locks: BuildLocks; persistCache: () => void }> {
  const locks = new BuildLocks(lock);
  const cache = options.cache ?? { yaml: new ParseCache() };
  try {
    const result = await compile(root, { ...options, cache, beforePlan: (dirs) => locks.acquire([root, ...dirs]) });
    // Written back only by a build without errors (one with errors writes nothing anywhere), after
    // the outputs are applied so that it never delays them; `ccm watch` does so after releasing the
    // locks, which a cache of hints (each checked against the disk when used) does not need.
    const persistCache = (): void => {
      if (!hasErrors(result.diagnostics)) cache.yaml.persist();
    };
    return { result, locks, persistCache };
  } catch (err) {
    await locks.release();
    throw err;
  }
}
