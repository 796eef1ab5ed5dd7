import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, PROJECT_ROOT, tempDir } from '../helpers/cli.js';
import { mtimes, readTreeFiles } from '../helpers/tree.js';

/**
 * `ccm import auto-claude <backend> --upgrade` across two versions of a fixture backend
 * (test/fixtures/upgrade/: v1 = 2.7.5, v2 = 2.8.0): one clean merge, one conflict, one prompt taken
 * as upstream changed it, one new prompt; the new base recorded; doctor tells the versions apart.
 */

const FIXTURES = join(PROJECT_ROOT, 'test/fixtures/upgrade');
const fixture = (version: string, prompt: string): string => readFileSync(join(FIXTURES, version, 'prompts', prompt), 'utf8');
const PROMPTS = 'components/auto-claude/prompts';

describe('ccm import auto-claude --upgrade', () => {
  it('merges new upstream prompts three-way: clean merges written, conflicts marked and listed, the new base recorded', async () => {
    const base = tempDir();
    const backend = join(base, 'Auto-Claude/apps/backend');
    cpSync(join(FIXTURES, 'v1'), backend, { recursive: true });
    const config = join(base, 'config');
    mkdirSync(config);
    const read = (path: string): string => readFileSync(join(config, path), 'utf8');

    // The first import records the upstream base beside the prompts.
    const imported = await ccm(['import', 'auto-claude', backend, '--yes'], { cwd: config });
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(read('upstream/auto-claude/upstream.json'))).toEqual({ version: '2.7.5' });
    expect(read('upstream/auto-claude/prompts/planner.md')).toBe(fixture('v1', 'planner.md'));
    expect(read('upstream/auto-claude/prompts/github/pr_reviewer.md')).toBe(fixture('v1', 'github/pr_reviewer.md'));
    const doctorBefore = await ccm(['doctor'], { cwd: config });
    expect(doctorBefore.stdout).toMatch(/Auto-Claude prompts base.*the backend is 2\.7\.5, the version the prompts were last imported from/);

    // The team edits two prompts and builds them into the backend.
    writeFileSync(join(config, PROMPTS, 'planner.md'), fixture('v1', 'planner.md').replace('1. Read the spec.', '1. Read the spec and CLAUDE.md.'));
    writeFileSync(join(config, PROMPTS, 'coder.md'), fixture('v1', 'coder.md').replace('Commit after each subtask.', 'Commit after each subtask, with a conventional message.'));
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);

    // Auto-Claude is updated: its prompts are replaced by the new version's.
    cpSync(join(FIXTURES, 'v2'), backend, { recursive: true });
    const doctor = await ccm(['doctor'], { cwd: config });
    expect(doctor.stdout).toMatch(/Auto-Claude prompts base.*the backend is 2\.8\.0, but the prompts were last imported from 2\.7\.5/);
    expect(doctor.stdout).toContain('--upgrade');
    expect((await ccm(['build'], { cwd: config })).stderr).toMatch(/prompts\/planner\.md: error DRIFTED/);

    // A plain import of the new version (into a copy) skips the prompts that differ and keeps their
    // base and the old version, so an upgrade still merges them; only the new prompt gets a base.
    const copy = join(base, 'copy');
    cpSync(config, copy, { recursive: true });
    const plain = await ccm(['import', 'auto-claude', backend, '--yes', '--only', 'prompts'], { cwd: copy });
    expect(plain.code, plain.stderr).toBe(0);
    expect(readFileSync(join(copy, 'upstream/auto-claude/prompts/coder.md'), 'utf8')).toBe(fixture('v1', 'coder.md'));
    expect(readFileSync(join(copy, 'upstream/auto-claude/prompts/spec_writer.md'), 'utf8')).toBe(fixture('v2', 'spec_writer.md'));
    expect(JSON.parse(readFileSync(join(copy, 'upstream/auto-claude/upstream.json'), 'utf8'))).toEqual({ version: '2.7.5' });

    const before = readTreeFiles(config);
    const dry = await ccm(['import', 'auto-claude', backend, '--upgrade', '--dry-run', '--json'], { cwd: config });
    expect(JSON.parse(dry.stdout)).toMatchObject({ data: { from: '2.7.5', to: '2.8.0', conflicts: ['coder'] } });
    expect(readTreeFiles(config)).toEqual(before);

    const upgraded = await ccm(['import', 'auto-claude', backend, '--upgrade'], { cwd: config });
    expect(upgraded.code).toBe(1);
    expect(upgraded.stdout).toMatch(/upstream 2\.7\.5 → 2\.8\.0/);
    expect(upgraded.stdout).toMatch(/^ {2}planner +merged: your edits kept, the upstream changes taken$/m);
    expect(upgraded.stdout).toMatch(/^ {2}coder +CONFLICT: marked in the body, resolve by hand \(1 in components\/auto-claude\/prompts\/coder\.md\)$/m);
    expect(upgraded.stdout).toMatch(/^ {2}github\/pr_reviewer +new upstream text taken/m);
    expect(upgraded.stdout).toMatch(/^ {2}spec_writer +new upstream prompt, added$/m);
    expect(upgraded.stdout).toMatch(/^ {2}1 unchanged$/m);
    expect(upgraded.stderr).toMatch(/^components\/auto-claude\/prompts\/coder\.md:5:1: error UPGRADE_CONFLICT: 1 conflict between the repo's prompt "coder" and the new upstream text is marked in this file/m);

    // The clean merge holds both changes; the conflict holds both sides and the base, git-style.
    expect(read(`${PROMPTS}/planner.md`)).toBe(fixture('v2', 'planner.md').replace('1. Read the spec.', '1. Read the spec and CLAUDE.md.'));
    expect(read(`${PROMPTS}/coder.md`)).toBe([
      '# Coder', '', 'You implement one subtask at a time.', '',
      '<<<<<<< ours (config repo)', 'Commit after each subtask, with a conventional message.',
      '||||||| base (upstream at the last import)', 'Commit after each subtask.',
      '=======', 'Commit after each subtask and push the branch.',
      '>>>>>>> theirs (new upstream)', '', 'Report what you changed.', '',
    ].join('\n'));
    expect(read(`${PROMPTS}/github/pr_reviewer.md`)).toBe(fixture('v2', 'github/pr_reviewer.md'));
    expect(read(`${PROMPTS}/spec_writer.md`)).toBe(fixture('v2', 'spec_writer.md'));
    expect(read(`${PROMPTS}/spec_writer.yaml`)).toMatch(/^description: Spec writer$/m);
    // The new base: the new upstream texts and version.
    expect(JSON.parse(read('upstream/auto-claude/upstream.json'))).toEqual({ version: '2.8.0' });
    for (const p of ['planner.md', 'coder.md', 'spec_writer.md', 'github/pr_reviewer.md']) expect(read(`upstream/auto-claude/prompts/${p}`)).toBe(fixture('v2', p));

    // A prompt with markers is an error for validate and build alike, and writes nothing.
    const validate = await ccm(['validate'], { cwd: config });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/^components\/auto-claude\/prompts\/coder\.md:5:1: error UPGRADE_CONFLICT: prompt "coder" still has conflict markers/m);
    const blocked = await ccm(['build'], { cwd: config });
    expect(blocked.code).toBe(1);
    expect(readFileSync(join(backend, 'prompts/coder.md'), 'utf8')).toBe(fixture('v2', 'coder.md'));

    // Resolved: the build writes the team's merged prompts over the updated backend, without DRIFTED.
    const resolved = fixture('v2', 'coder.md').replace('Commit after each subtask and push the branch.', 'Commit after each subtask, with a conventional message, and push the branch.');
    writeFileSync(join(config, PROMPTS, 'coder.md'), resolved);
    const built = await ccm(['build'], { cwd: config });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(readFileSync(join(backend, 'prompts/coder.md'), 'utf8')).toBe(resolved);
    expect(readFileSync(join(backend, 'prompts/planner.md'), 'utf8')).toBe(read(`${PROMPTS}/planner.md`));
    const stable = mtimes(backend);
    expect((await ccm(['build'], { cwd: config })).stdout).toMatch(/^0 created, 0 updated, 0 deleted/m);
    expect(mtimes(backend)).toEqual(stable);
    expect((await ccm(['doctor'], { cwd: config })).stdout).toMatch(/the backend is 2\.8\.0, the version the prompts were last imported from/);

    // Upgrading again from the same backend changes nothing.
    const again = await ccm(['import', 'auto-claude', backend, '--upgrade'], { cwd: config });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^ {2}5 unchanged$/m);
  });

  it('writes the merged prompts and the backend manifest that re-owns the replaced prompts together, or neither', async () => {
    const base = tempDir();
    const backend = join(base, 'Auto-Claude/apps/backend');
    cpSync(join(FIXTURES, 'v1'), backend, { recursive: true });
    const config = join(base, 'config');
    mkdirSync(config);
    expect((await ccm(['import', 'auto-claude', backend, '--yes'], { cwd: config })).code).toBe(0);
    writeFileSync(join(config, PROMPTS, 'planner.md'), fixture('v1', 'planner.md').replace('1. Read the spec.', '1. Read the spec and CLAUDE.md.'));
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);
    cpSync(join(FIXTURES, 'v2'), backend, { recursive: true });
    const manifest = readFileSync(join(backend, '.ccm/manifest.json'), 'utf8');
    const before = readTreeFiles(config);

    // The backend's manifest cannot be staged: the upgrade stops before the config repo changes.
    writeFileSync(join(backend, '.ccm/staging'), 'in the way\n');
    const failed = await ccm(['import', 'auto-claude', backend, '--upgrade'], { cwd: config });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(join(backend, '.ccm/staging'));
    expect(readTreeFiles(config)).toEqual(before);
    expect(readFileSync(join(backend, '.ccm/manifest.json'), 'utf8')).toBe(manifest);

    rmSync(join(backend, '.ccm/staging'));
    const done = await ccm(['import', 'auto-claude', backend, '--upgrade'], { cwd: config });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^ {2}planner +merged/m);
    expect(readFileSync(join(backend, '.ccm/manifest.json'), 'utf8')).not.toBe(manifest);
    const built = await ccm(['build'], { cwd: config });
    expect(built.stderr).not.toMatch(/DRIFTED/);
    expect(readFileSync(join(backend, 'prompts/planner.md'), 'utf8')).toBe(readFileSync(join(config, PROMPTS, 'planner.md'), 'utf8'));
  });

  it('--upgrade takes no --project and needs a config repo', async () => {
    const base = tempDir();
    const backend = join(base, 'backend');
    cpSync(join(FIXTURES, 'v1'), backend, { recursive: true });
    const usage = await ccm(['import', 'auto-claude', backend, '--upgrade', '--project', base], { cwd: base });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--upgrade merges prompts only/);
    const none = await ccm(['import', 'auto-claude', backend, '--upgrade'], { cwd: base });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/CONFIG_NOT_FOUND/);
  });
});
