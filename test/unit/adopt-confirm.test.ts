import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdopt } from '../../src/adopt/run.js';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';

/** The confirmation of `ccm adopt` on a terminal, answered by a stub instead of @inquirer/prompts. */
describe('runAdopt asks before writing', () => {
  it('writes nothing when the answer is no, and the change when it is yes', async () => {
    const config = tempTree({
      'ccm.config.yaml': 'version: 1\n',
      'profiles/p.yaml': 'components:\n  settings: [s]\n',
      'components/settings/s.yaml': 'description: s\nmodel: sonnet # default\n',
      'projects/p.yaml': 'path: ../p\ntargets: [claude-code]\nprofiles: [p]\n',
    }, join(tempDir(), 'config'));
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);
    const settings = join(config, '../p/.claude/settings.json');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('"sonnet"', '"opus"'));
    const fragment = join(config, 'components/settings/s.yaml');
    const manifest = join(config, '../p/.ccm/manifest.json');
    const manifestBefore = readFileSync(manifest, 'utf8');

    const asked: string[] = [];
    const printed: string[] = [];
    const io = (answer: boolean) => ({ env: {}, print: (l: string) => printed.push(l), note: () => undefined, confirm: (m: string) => (asked.push(m), Promise.resolve(answer)) });
    const no = await runAdopt(config, { projects: [], dryRun: false, yes: false, wait: true }, io(false));
    expect(no.exitCode).toBe(1);
    expect(asked).toEqual(['Write 1 file(s) into the config repo and take ownership of 1 generated file(s)?']);
    expect(printed).toContain('Nothing was written.');
    expect(readFileSync(fragment, 'utf8')).toBe('description: s\nmodel: sonnet # default\n');
    expect(readFileSync(manifest, 'utf8')).toBe(manifestBefore);

    const yes = await runAdopt(config, { projects: [], dryRun: false, yes: false, wait: true }, io(true));
    expect(yes.exitCode).toBeUndefined();
    expect(yes.data['written']).toBe(true);
    expect(readFileSync(fragment, 'utf8')).toBe('description: s\nmodel: opus # default\n');
    expect(readFileSync(manifest, 'utf8')).not.toBe(manifestBefore);
    expect((await ccm(['build'], { cwd: config })).stdout).toMatch(/^0 created, 0 updated, 0 deleted/m);
  });
});
