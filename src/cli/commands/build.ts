import { homedir } from 'node:os';
import type { Compilation } from '../../pipeline/compile.js';
import type { BuildLocks } from '../../pipeline/lock.js';
import type { Counts } from '../../pipeline/summary.js';
import { stampNoOp, stillNoOp, walkConfig } from '../../cache/no-op.js';
import { OutputRecords } from '../../cache/output-records.js';
import { hasErrors } from '../../diagnostics.js';
import { findRepoRoot } from '../../load/find-root.js';
import type { CommandImpl } from './index.js';

export const build: CommandImpl = async (ctx, args, options) => {
  const root = findRepoRoot(ctx.options.cwd);
  const projects = (args[0] as string[] | undefined) ?? [];
  const check = options['check'] === true;
  const dryRun = options['dryRun'] === true || check;
  const started = performance.now();
  // What this machine learnt from earlier builds (.ccm/cache/): only ever saves work, never changes a result.
  const records = OutputRecords.open(root);
  const force = options['force'] === true;
  // A build of every project may find, from lstat alone, that nothing changed since the last one that did nothing.
  const home = ctx.io.env['HOME'] ?? homedir();
  const walk = projects.length === 0 && !force ? walkConfig(root) : undefined;
  const stamp = records.noOp;
  if (walk && stamp && stillNoOp(stamp, walk, home, (dir) => records.outputsUnchanged(dir))) {
    const data = { root, check, dryRun, counts: stamp.counts, roots: stamp.summary };
    const counts = stamp.counts as Counts;
    if (check) {
      ctx.print(`✓ outputs are up to date (${counts.unchanged} files)`);
      return { exitCode: 0, data: { ...data, upToDate: true }, diagnostics: stamp.diagnostics };
    }
    const { formatCounts } = await import('../../pipeline/summary.js');
    ctx.print(dryRun ? `would write: ${formatCounts(counts)}` : `${formatCounts(counts)} (${Math.round(performance.now() - started)} ms)`);
    return { data, diagnostics: stamp.diagnostics };
  }
  // Loaded only past the shortcut: the whole pipeline, which a build that has nothing to do never needs.
  const [{ compile }, { compileLocked }, { changeLines, countActions, describePlans, formatCounts, hasChanges }, { stampBuiltFrom }, { applyPlans }, { repoSecretSource }] = await Promise.all([
    import('../../pipeline/compile.js'),
    import('../../pipeline/lock.js'),
    import('../../pipeline/summary.js'),
    import('../../git/built-from.js'),
    import('../../io/apply.js'),
    import('../../secrets/source.js'),
  ]);
  const compileOptions = { projects, force, secretSource: repoSecretSource(root, ctx.io.env, { withoutValues: check }), records };
  // Only a writing build locks (see build/lock.ts): --check and --dry-run only read, beside any build.
  let result: Compilation;
  let locks: BuildLocks | undefined;
  if (dryRun) result = await compile(root, compileOptions);
  else ({ result, locks } = await compileLocked(root, compileOptions, { wait: options['wait'] !== false, note: (line) => ctx.note(line) }));
  try {
    const counts = countActions(result.plans);
    const data = { root, check, dryRun, counts, roots: describePlans(result.plans) };
    if (hasErrors(result.diagnostics)) {
      ctx.note('Nothing was written: fix the errors below and build again.');
      return { exitCode: 1, data, diagnostics: result.diagnostics };
    }
    const changed = hasChanges(result.plans);
    if (dryRun) {
      for (const line of changeLines(result.plans)) ctx.print(line);
      if (check) {
        ctx.print(changed ? `✗ outputs are out of date (${formatCounts(counts)}); run \`ccm build\`` : `✓ outputs are up to date (${counts.unchanged} files)`);
        return { exitCode: changed ? 1 : 0, data: { ...data, upToDate: !changed }, diagnostics: result.diagnostics };
      }
      ctx.print(`would write: ${formatCounts(counts)}`);
      return { data, diagnostics: result.diagnostics };
    }
    if (changed) {
      locks?.assertHeld();
      stampBuiltFrom(root, result.plans, result.inputs, records.blobs);
      await applyPlans(result.plans);
    }
    records.learn(result.plans, result.targets, result.states);
    records.noOp = walk && !changed ? stampNoOp(walk, home, result.targets, result.plans, result.diagnostics, data.roots, counts) : undefined;
    records.save(result.inputs);
    const ms = Math.round(performance.now() - started);
    for (const line of changeLines(result.plans)) ctx.print(line);
    ctx.print(`${formatCounts(counts)} (${ms} ms)`);
    return { data, diagnostics: result.diagnostics };
  } finally {
    await locks?.release();
  }
};
