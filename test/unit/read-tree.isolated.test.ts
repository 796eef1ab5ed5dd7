import type * as Fs from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readTree } from '../../src/load/read-tree.js';

/**
 * A file that an editor or `sed -i` creates and removes during a save can vanish between the
 * folder listing and the read. The file system is real; only the moment of vanishing is staged, by
 * making `lstat`/`readFile` of the chosen names fail as they do when the file is gone.
 */
const vanish = { atStat: 'sedAbc123', atRead: 'sedDef456' };
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const gone = (p: unknown): never => {
    throw Object.assign(new Error(`ENOENT: no such file or directory, '${String(p)}'`), { code: 'ENOENT' });
  };
  return {
    ...fs,
    lstatSync: ((p: string, ...rest: unknown[]) => (String(p).endsWith(vanish.atStat) ? gone(p) : (fs.lstatSync as (...a: unknown[]) => unknown)(p, ...rest))) as typeof fs.lstatSync,
    readFileSync: ((p: string, ...rest: unknown[]) => (String(p).endsWith(vanish.atRead) ? gone(p) : (fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest))) as typeof fs.readFileSync,
  };
});

const root = mkdtempSync(join(tmpdir(), 'ccm-read-tree-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readTree', () => {
  it('passes over a file that vanishes while the tree is read, and over editor litter', () => {
    mkdirSync(join(root, 'components/subagents'), { recursive: true });
    writeFileSync(join(root, 'components/subagents/a.yaml'), 'description: A\n');
    writeFileSync(join(root, 'components/subagents/a.md'), 'Body\n');
    for (const name of [vanish.atStat, vanish.atRead, '.a.yaml.swp', 'a.yaml~', '4913']) writeFileSync(join(root, 'components/subagents', name), 'x');
    const tree = readTree(root);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.files.map((f) => f.path)).toEqual(['components/subagents/a.md', 'components/subagents/a.yaml']);
  });
});
