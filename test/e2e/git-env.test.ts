import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { git } from '../helpers/secrets.js';

describe('git processes that ccm starts', () => {
  it('get none of ccm\'s own variables, the private key among them', async () => {
    const bin = tempDir('ccm-bin-');
    const log = join(bin, 'git-env.log');
    const realGit = '/usr/bin/git';
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "call" >> "${log}"\nenv | grep '^CCM_' >> "${log}"\nexec ${realGit} "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const base = tempDir();
    const repo = tempTree({
      'ccm.config.yaml': 'version: 1\n',
      'components/claude-md/notes.yaml': 'description: Notes\n',
      'components/claude-md/notes.md': '# Notes\n',
      'projects/app.yaml': 'path: ../app\ntargets: [claude-code]\ncomponents:\n  claude-md: [notes]\n',
    }, join(base, 'config'));
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'config');
    // A build asks git nothing (HEAD is read from files); status asks it about both repositories.
    expect((await ccm(['build'], { cwd: repo })).code).toBe(0);
    const r = await ccm(['status'], {
      cwd: repo,
      env: { PATH: `${bin}:${process.env['PATH'] ?? ''}`, CCM_AGE_IDENTITY: 'AGE-SECRET-KEY-1NOTAREALKEYBUTSECRETANYWAY', CCM_AGE_KEY_FILE: '/nowhere/keys.txt' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(log), 'ccm asked git something').toBe(true);
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(lines.filter((l) => l === 'call').length).toBeGreaterThan(0);
    expect(lines.filter((l) => l !== 'call')).toEqual([]);
  });
});
