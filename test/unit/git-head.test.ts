import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHead } from '../../src/git/head.js';
import { tempDir, tempTree } from '../helpers/cli.js';
import { gitOk } from '../helpers/git.js';

/** A repository with two commits on main, and the id git reports for HEAD. */
function repo(): { dir: string; head: () => string } {
  const dir = tempTree({ 'a.txt': 'one\n' });
  gitOk(dir, 'init', '-q');
  gitOk(dir, 'add', '-A');
  gitOk(dir, 'commit', '-q', '-m', 'one');
  gitOk(dir, 'commit', '-q', '--allow-empty', '-m', 'two');
  return { dir, head: () => gitOk(dir, 'rev-parse', 'HEAD').trim() };
}

describe('readHead (HEAD without a git process)', () => {
  it('agrees with git on a branch, from a subfolder, after pack-refs, and on a detached HEAD', () => {
    const { dir, head } = repo();
    expect(readHead(dir)).toBe(head());
    mkdirSync(join(dir, 'sub/deeper'), { recursive: true });
    expect(readHead(join(dir, 'sub/deeper'))).toBe(head());
    gitOk(dir, 'pack-refs', '--all');
    expect(readHead(dir)).toBe(head());
    gitOk(dir, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(readHead(dir)).toBe(head());
  });

  it('agrees with git in a linked worktree (a .git file and commondir)', () => {
    const { dir } = repo();
    const linked = join(tempDir(), 'linked');
    gitOk(dir, 'worktree', 'add', '-q', '-b', 'feature', linked, 'HEAD~1');
    expect(readHead(linked)).toBe(gitOk(linked, 'rev-parse', 'HEAD').trim());
    expect(readHead(linked)).not.toBe(readHead(dir));
  });

  it('is undefined outside git and before the first commit', () => {
    expect(readHead(tempDir())).toBeUndefined();
    const fresh = tempDir();
    gitOk(fresh, 'init', '-q');
    expect(readHead(fresh)).toBeUndefined();
  });
});
