import { lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputRecords } from '../../src/cache/output-records.js';
import { CLOCK_TICK_MS, statKeyOf } from '../../src/cache/stat-key.js';
import { writeCache } from '../../src/cache/store.js';
import type { RootState } from '../../src/plan/disk-state.js';
import type { RootPlan } from '../../src/plan/plan.js';
import { sha256 } from '../../src/core/sha256.js';
import { tempDir } from '../helpers/cli.js';

/**
 * The records' no-op check (src/cache/output-records.ts) with git's racy rule: an output whose
 * lstat is too recent to prove anything (a file the last build wrote) is read back, a few of them
 * at most, and once read the records hold as of this build.
 */

const tick = () => new Promise((resolve) => setTimeout(resolve, 2 * CLOCK_TICK_MS));

/** An output folder with one file, and records of it taken before the file was written (so its stat is racy). */
async function racyRecord(recorded: string): Promise<{ config: string; out: string }> {
  const config = tempDir();
  const out = tempDir();
  const since = Date.now() - 60_000;
  writeFileSync(join(out, 'a.md'), 'one\n');
  const stat = statKeyOf(lstatSync(join(out, 'a.md')));
  writeCache(config, 'outputs', { roots: { [out]: { since, files: { 'a.md': { stat, sha256: sha256(recorded) } } } }, blobs: {} });
  await tick();
  return { config, out };
}

describe('output records', () => {
  it('read back an output whose stat is racy, and trust its stat from then on', async () => {
    const { config, out } = await racyRecord('one\n');
    const records = OutputRecords.open(config);
    expect(records.outputsUnchanged(out, 0)).toBe(false);
    expect(records.outputsUnchanged(out, 1)).toBe(true);
    // Read once, the stat holds as of this build (which began after the file was written).
    expect(records.outputsUnchanged(out, 0)).toBe(true);
    records.save();
    expect(OutputRecords.open(config).outputsUnchanged(out, 0)).toBe(true);
  });

  it('a racy output whose bytes are not the recorded ones is changed', async () => {
    const { config, out } = await racyRecord('two\n');
    expect(OutputRecords.open(config).outputsUnchanged(out, 1)).toBe(false);
  });

  it('remember what a render produced, by its fingerprint, for the next build (renders.json)', () => {
    const config = tempDir();
    const out = tempDir();
    writeFileSync(join(out, 'a.md'), 'rendered\n');
    const sha = sha256('rendered\n');
    const plan = {
      root: { kind: 'project', project: 'app', dir: out },
      files: [{ path: 'a.md', action: 'create', secret: false, sources: [] }],
      manifest: { generator: 'ccm', version: 1, files: { 'a.md': { sha256: sha } } },
      manifestChanged: true,
      createDir: false,
    } as RootPlan;
    const target = { root: { dir: out }, files: [{ path: 'a.md', content: 'rendered\n', sources: [], fingerprint: 'fp-1' }] };
    const records = OutputRecords.open(config);
    records.learn([plan], [target], [{ stats: new Map() } as unknown as RootState], true);
    records.save();
    const memo = OutputRecords.open(config).memo(out, (name) => name);
    expect(memo.known('a.md', 'fp-1')).toBe(sha);
    expect(memo.known('a.md', 'fp-2')).toBeUndefined();
    expect(memo.known('b.md', 'fp-1')).toBeUndefined();
    // A replay rewrites the file: the render of fp-1 still produces what it produced.
    const again = OutputRecords.open(config);
    again.noteWritten(out, 'a.md', lstatSync(join(out, 'a.md')), sha256('replayed\n'));
    again.save();
    expect(OutputRecords.open(config).memo(out, (name) => name).known('a.md', 'fp-1')).toBe(sha);
  });

  it('an output whose stat differs is changed, read or not', async () => {
    const { config, out } = await racyRecord('one\n');
    writeFileSync(join(out, 'a.md'), 'one!\n');
    expect(OutputRecords.open(config).outputsUnchanged(out, 1)).toBe(false);
  });
});
