import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm as run, tempCopy } from '../helpers/cli.js';
import { exampleRepo, gitOk, noGitVars } from '../helpers/git.js';

const ccm = async (args: readonly string[], cwd: string) => await run(args, { cwd, env: noGitVars() });

interface Commit {
  commit: string;
  subject: string;
}
interface RootStatus {
  project: string;
  upToDate: boolean;
  counts: Record<string, number>;
  changes: { path: string; action: string }[];
  uncommitted: { path: string; code: string }[] | null;
  builtFrom: string | null;
  commitsSinceBuild: Commit[] | null;
  unbuiltCommits: Commit[] | null;
}

async function status(config: string): Promise<Record<string, RootStatus>> {
  const r = await ccm(['status', '--json'], config);
  expect(r.code, r.stderr).toBe(0);
  const roots = (JSON.parse(r.stdout) as { data: { roots: RootStatus[] } }).data.roots;
  return Object.fromEntries(roots.map((x) => [x.project, x]));
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
}

describe('ccm status', () => {
  it('shows out-of-date, drifted and uncommitted outputs and the config commits not built', async () => {
    const { base, config, out } = exampleRepo();
    const settings = join(config, 'components/settings/base.yaml');
    expect((await ccm(['build'], config)).code).toBe(0);
    gitOk(base, 'add', '-A');
    gitOk(base, 'commit', '-q', '-m', 'outputs');

    let s = await status(config);
    expect(Object.keys(s).sort()).toEqual(['(backend)', 'api-service', 'web-app']);
    for (const r of Object.values(s)) {
      expect(r.upToDate).toBe(true);
      expect(r.uncommitted).toEqual([]);
      expect(r.unbuiltCommits).toEqual([]);
      expect(r.builtFrom).toMatch(/^[0-9a-f]{40}$/);
    }

    // A config commit that nobody built.
    edit(settings, 'cleanupPeriodDays: 30', 'cleanupPeriodDays: 31');
    gitOk(base, 'commit', '-q', '-am', 'longer cleanup period');
    // A hand edit of a generated file.
    writeFileSync(join(out, 'api-service/CLAUDE.md'), readFileSync(join(out, 'api-service/CLAUDE.md'), 'utf8') + 'by hand\n');
    s = await status(config);
    expect(s['web-app']!.upToDate).toBe(false);
    expect(s['web-app']!.changes).toEqual([{ path: '.claude/settings.json', action: 'update' }]);
    expect(s['web-app']!.unbuiltCommits!.map((c) => c.subject)).toEqual(['longer cleanup period']);
    expect(s['api-service']!.counts['drifted']).toBe(1);
    expect(s['api-service']!.uncommitted).toEqual([{ path: 'CLAUDE.md', code: ' M' }]);
    expect(s['(backend)']!.upToDate).toBe(true);
    expect(s['(backend)']!.unbuiltCommits).toEqual([]);

    const human = await ccm(['status'], config);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^project\s+outputs\s+drifted\s+uncommitted\s+unbuilt commits$/m);
    expect(human.stdout).toMatch(/^web-app\s+1 to update\s+-\s+-\s+1 since [0-9a-f]{7}$/m);
    expect(human.stdout).toMatch(/^api-service\s+.*\s1\s+1 file\s/m);
    expect(human.stdout).toMatch(/unbuilt\s+[0-9a-f]{7} longer cleanup period/);
    expect(human.stdout).toMatch(/git M\s+CLAUDE\.md/);

    // Built (and so up to date), not committed yet.
    expect((await ccm(['build', '--force'], config)).code).toBe(0);
    s = await status(config);
    expect(s['web-app']!.upToDate).toBe(true);
    expect(s['web-app']!.unbuiltCommits).toEqual([]);
    expect(s['web-app']!.uncommitted!.map((u) => u.path)).toEqual(['.ccm/manifest.json', '.claude/settings.json']);
    expect(s['api-service']!.uncommitted!.map((u) => u.path)).toEqual(['.ccm/manifest.json', '.claude/settings.json']);
  });

  it('counts a commit of what was built, before the commit, as built', async () => {
    const { base, config } = exampleRepo();
    const settings = join(config, 'components/settings/base.yaml');
    expect((await ccm(['build'], config)).code).toBe(0);
    gitOk(base, 'add', '-A');
    gitOk(base, 'commit', '-q', '-m', 'outputs');

    // The usual order: edit, build, then commit config and outputs together.
    edit(settings, 'cleanupPeriodDays: 30', 'cleanupPeriodDays: 31');
    expect((await ccm(['build'], config)).code).toBe(0);
    gitOk(base, 'add', '-A');
    gitOk(base, 'commit', '-q', '-m', 'built then committed');
    // Then an uncommitted change makes the outputs stale again.
    edit(settings, 'cleanupPeriodDays: 31', 'cleanupPeriodDays: 32');
    const s = await status(config);
    expect(s['web-app']!.upToDate).toBe(false);
    expect(s['web-app']!.commitsSinceBuild!.map((c) => c.subject)).toEqual(['built then committed']);
    expect(s['web-app']!.unbuiltCommits).toEqual([]);

    // A config commit after that which was not built is listed.
    gitOk(base, 'commit', '-q', '-am', 'not built');
    expect((await status(config))['web-app']!.unbuiltCommits!.map((c) => c.subject)).toEqual(['not built']);
  });

  it('works outside git: nothing is uncommitted or unbuilt, it is just unknown', async () => {
    const base = tempCopy('examples');
    rmSync(join(base, 'out'), { recursive: true, force: true });
    const config = join(base, 'team-config');
    const before = await status(config);
    expect(before['web-app']!.upToDate).toBe(false);
    expect(before['web-app']!.uncommitted).toBeNull();
    expect(before['web-app']!.builtFrom).toBeNull();
    const human = await ccm(['status'], config);
    expect(human.stdout).toMatch(/^web-app\s+\d+ to create\s+-\s+not in git\s+not recorded$/m);
  });
});
