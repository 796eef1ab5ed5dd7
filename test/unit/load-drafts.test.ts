import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/cli.js';
import { readTreeFiles } from '../helpers/tree.js';
import { loadRepo } from '../../src/load/load-repo.js';

/** The load stage's draft overlay (what `ccm ui` validates and previews with): drafts replace, add and take away files; the disk stays as it is. */

const enc = new TextEncoder();

describe('loadRepo with drafts', () => {
  it('sees each draft in place of the disk, and leaves the disk alone', async () => {
    const root = tempTree({
      'ccm.config.yaml': 'version: 1\n',
      'components/subagents/a.yaml': 'description: on disk\n',
      'components/subagents/b.yaml': 'description: going\n',
    });
    const before = readTreeFiles(root);
    const drafts = new Map<string, Uint8Array | null>([
      ['components/subagents/a.yaml', enc.encode('description: drafted\n')],
      ['components/subagents/b.yaml', null],
      ['components/subagents/c.yaml', enc.encode('description: new\n')],
      ['components/subagents/c.md', enc.encode('Body of c.\n')],
      ['ccm.config.yaml', enc.encode('version: 1\nstrict: true\n')],
    ]);
    const { repo, diagnostics } = await loadRepo(root, undefined, drafts);
    expect(diagnostics).toEqual([]);
    expect([...repo.components.subagent.keys()].sort()).toEqual(['a', 'c']);
    expect(repo.components.subagent.get('a')?.file.value).toEqual({ description: 'drafted' });
    expect(repo.components.subagent.get('c')?.body?.text).toBe('Body of c.\n');
    expect(repo.config?.value).toMatchObject({ strict: true });
    expect(readTreeFiles(root)).toEqual(before);
    expect(readFileSync(join(root, 'components/subagents/a.yaml'), 'utf8')).toBe('description: on disk\n');
  });

  it('reports a draft\'s syntax error at its own path, line and column', async () => {
    const root = tempTree({ 'ccm.config.yaml': 'version: 1\n' });
    const { diagnostics } = await loadRepo(root, undefined, new Map([['profiles/p.yaml', enc.encode('description: x\ncomponents: [a\n')]]));
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'YAML_SYNTAX', file: 'profiles/p.yaml', line: 2 });
  });
});
