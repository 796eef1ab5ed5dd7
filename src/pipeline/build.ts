import { changedConfigFiles, rootsUnchanged, walkConfig } from '../cache/no-op.js';
import { OutputRecords } from '../cache/output-records.js';
import { monotonicMs } from '../core/clock.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { homeFolder } from '../run-environment.js';
import type { Compilation } from './compile.js';
import type { BuildLocks } from './build-locks.js';
import type { Counts, DescribedPlan } from './summary.js';

export interface BuildRequest {
  /** Project names; all when empty. */
  projects: readonly string[];
  /** Write nothing; report whether the outputs are up to date. Implies dryRun. */
  check: boolean;
  dryRun: boolean;
  force: boolean;
  /** Wait for another writing build's locks instead of failing at once (LOCKED). */
  wait: boolean;
}

/** What a build did or would do: paths and actions, never contents (the `--json` data of `ccm build`). */
export interface BuildReport {
  root: string;
  check: boolean;
  dryRun: boolean;
  counts: Counts;
  roots: DescribedPlan[];
  /** Under --check only: whether nothing would change. */
  upToDate?: boolean;
}

export interface BuildOutcome {
  report: BuildReport;
  diagnostics: Diagnostic[];
  /** Errors stopped it: nothing was written. */
  failed: boolean;
  /** Something was (or, without writing, would be) created, updated or deleted. */
  changed: boolean;
  /** One line per changed file, as `changeLines` presents them. */
  changes: string[];
  ms: number;
}

/** Where a build stands, for a caller that shows progress (`ccm ui`): reading and rendering, then writing this many files. */
export type BuildStep = { step: 'compiling' } | { step: 'writing'; files: number };

/**
 * `ccm build` without the printing: the no-op shortcut, else compile (under the build locks when
 * writing), apply, and what this machine learns for the next build. The hook's check and fix run it too.
 */
export async function runBuild(root: string, request: BuildRequest, io: { env: Readonly<Record<string, string | undefined>>; note: (line: string) => void; step?: (step: BuildStep) => void }): Promise<BuildOutcome> {
  const { projects, check, force } = request;
  const dryRun = request.dryRun || check;
  const started = monotonicMs();
  const elapsed = (): number => Math.round(monotonicMs() - started);
  // What this machine learnt from earlier builds (.ccm/cache/): only ever saves work, never changes a result.
  const records = OutputRecords.open(root);
  // A build of every project may find, from lstat alone, that nothing changed since the last one that did nothing.
  const home = homeFolder();
  const walk = projects.length === 0 && !force ? walkConfig(root) : undefined;
  const stamp = records.noOp;
  // The config files whose lstat is not the stamp's; undefined when more than file contents changed.
  const changedFiles = walk && stamp ? changedConfigFiles(stamp, walk, home) : undefined;
  if (stamp && changedFiles?.length === 0 && rootsUnchanged(stamp, (dir) => records.outputsUnchanged(dir))) {
    // The stamp holds what this same ccm reported then (the cache drops files of any other version).
    const report: BuildReport = { root, check, dryRun, counts: stamp.counts as Counts, roots: stamp.summary as DescribedPlan[], ...(check ? { upToDate: true } : {}) };
    // Only when the check read outputs the last build wrote, to trust their stats from now on.
    if (!dryRun) records.save();
    return { report, diagnostics: stamp.diagnostics, failed: false, changed: false, changes: [], ms: elapsed() };
  }
  // Only Markdown bodies changed: the outputs they fill are filled again from what the last build recorded.
  // (Every body is a `.md` file: any other change, a YAML edit above all, goes to the pipeline without reading the graph.)
  if (walk && stamp?.replay !== undefined && changedFiles && changedFiles.length > 0 && changedFiles.every((path) => path.endsWith('.md'))) {
    const { replayBodies } = await import('./replay.js');
    const replayed = await replayBodies({ root, stamp, walk, changed: changedFiles, records, check, dryRun, lock: { wait: request.wait, note: io.note }, ...(io.step ? { step: io.step } : {}), elapsed });
    if (replayed) return replayed;
  }
  // Loaded only past the shortcut: the whole pipeline, which a build that has nothing to do never needs.
  const [{ compile }, { compileLocked }, { changeLines, countActions, describePlans, hasChanges }, { stampBuiltFrom }, { applyPlans, sweepPlans }, { repoSecretSource }, { recordStamp }] = await Promise.all([
    import('./compile.js'),
    import('./lock.js'),
    import('./summary.js'),
    import('../git/built-from.js'),
    import('../io/apply.js'),
    import('../secrets/source.js'),
    import('./stamp.js'),
  ]);
  io.step?.({ step: 'compiling' });
  const compileOptions = { projects, force, secretSource: repoSecretSource(root, io.env, { withoutValues: check }), records, ...(walk ? { listing: walk } : {}) };
  // Only a writing build locks (see lock.ts): --check and --dry-run only read, beside any build.
  let result: Compilation;
  let locks: BuildLocks | undefined;
  let persistCache = (): void => undefined;
  if (dryRun) result = await compile(root, compileOptions);
  else ({ result, locks, persistCache } = await compileLocked(root, compileOptions, { wait: request.wait, note: io.note }));
  try {
    const counts = countActions(result.plans);
    const report: BuildReport = { root, check, dryRun, counts, roots: describePlans(result.plans) };
    const changed = hasChanges(result.plans);
    if (hasErrors(result.diagnostics)) return { report, diagnostics: result.diagnostics, failed: true, changed, changes: [], ms: elapsed() };
    const changes = changeLines(result.plans);
    if (dryRun) return { report: check ? { ...report, upToDate: !changed } : report, diagnostics: result.diagnostics, failed: false, changed, changes, ms: elapsed() };
    if (changed) {
      io.step?.({ step: 'writing', files: counts.create + counts.update + counts.delete });
      locks?.assertHeld();
      stampBuiltFrom(root, result.plans, result.inputs, records.blobs);
      await applyPlans(result.plans);
    } else await sweepPlans(result.plans);
    persistCache();
    records.learn(result.plans, result.targets, result.states, projects.length === 0);
    records.noOp = walk ? recordStamp(root, walk, home, result, report.roots, records.blobs) : undefined;
    records.save(result.inputs);
    return { report, diagnostics: result.diagnostics, failed: false, changed, changes, ms: elapsed() };
  } finally {
    await locks?.release();
  }
}
