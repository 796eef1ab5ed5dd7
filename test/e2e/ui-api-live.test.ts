import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempCopy } from '../helpers/cli.js';
import { git, gitEnv } from '../helpers/git.js';
import { UiProcess, until } from '../helpers/ui-server.js';
import type { BuildResult, GitCommitResponse, GitDiffResponse, GitStatusResponse, PlanResponse, PreviewResponse, RepoSummary, StatusResponse } from '../../src/ui/api-types.js';

/*
 * The live side and the git side over real HTTP: an edit in another editor reaches an open event
 * stream within a second; a build from the page is announced and writes the files; a build run
 * elsewhere (`ccm build`) shows too; plan, status and the config repo's git status, diff and commit.
 */

const AGENT = 'components/subagents/test-writer.yaml';

describe('ccm ui: live events, builds and git', () => {
  it('pushes an edit made in another editor, within a second', async () => {
    const config = join(tempCopy('examples'), 'team-config');
    const ui = await UiProcess.start(config);
    const events = ui.events();
    await until('hello', () => events.received.find((e) => e.event === 'hello'));
    const saved = Date.now();
    writeFileSync(join(config, AGENT), readFileSync(join(config, AGENT), 'utf8').replace('model: sonnet', 'model: opus'));
    const changed = await until(`the change event (server said: ${ui.stderr}; events: ${JSON.stringify(events.received)})`, () => events.received.find((e) => e.event === 'changed'), 5_000);
    expect(Date.now() - saved).toBeLessThan(1_000);
    expect(changed.data['paths']).toEqual([AGENT]);
    events.close();
  });

  it('builds from the page with started, progress and finished events; a build elsewhere shows too', async () => {
    const base = tempCopy('examples');
    const config = join(base, 'team-config');
    // The output roots exist, so that the server watches their manifests from the start.
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const ui = await UiProcess.start(config);
    const events = ui.events();
    await until('hello', () => events.received.find((e) => e.event === 'hello'));

    writeFileSync(join(config, AGENT), readFileSync(join(config, AGENT), 'utf8').replace('maxTurns: 40', 'maxTurns: 41'));
    const plan = (await ui.ask('/api/plan')).json<PlanResponse>();
    expect(plan.counts.update).toBeGreaterThan(0);
    expect(plan.changes.join('\n')).toContain('test-writer.md');

    const r = await ui.ask('/api/build', { body: { projects: ['web-app'] } });
    expect(r.status, r.text).toBe(200);
    const result = r.json<BuildResult>();
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(readFileSync(join(base, 'out/web-app/.claude/agents/test-writer.md'), 'utf8')).toContain('maxTurns: 41');
    const started = await until('started', () => events.received.find((e) => e.event === 'build' && e.data['phase'] === 'started'));
    const finished = await until('finished', () => events.received.find((e) => e.event === 'build' && e.data['phase'] === 'finished'));
    expect(started.data['jobId']).toBe(result.jobId);
    expect((finished.data['result'] as BuildResult).changed).toBe(true);
    // In between, where it stood: reading and rendering, then writing as many files as it changed, in that order.
    const phases = events.received.filter((e) => e.event === 'build' && e.data['jobId'] === result.jobId).map((e) => [e.data['phase'], e.data['step'], e.data['files']]);
    expect(phases).toEqual([['started', undefined, undefined], ['progress', 'compiling', undefined], ['progress', 'writing', result.counts.create + result.counts.update + result.counts.delete], ['finished', undefined, undefined]]);
    expect(result.counts.update).toBeGreaterThan(0);

    // With everything built, a draft's preview can be limited to the outputs the draft feeds.
    const draft = readFileSync(join(config, AGENT), 'utf8').replace('maxTurns: 41', 'maxTurns: 42');
    const all = (await ui.ask('/api/preview', { body: { project: 'web-app', drafts: [{ path: AGENT, text: draft }] } })).json<PreviewResponse>();
    const affected = (await ui.ask('/api/preview', { body: { project: 'web-app', drafts: [{ path: AGENT, text: draft }], files: 'affected' } })).json<PreviewResponse>();
    expect(all.files.length).toBeGreaterThan(5);
    expect(affected.files.map((f) => [f.path, f.action])).toEqual([['.claude/agents/test-writer.md', 'update']]);

    const status = (await ui.ask('/api/status')).json<StatusResponse>();
    expect(status.roots.find((s) => s.project === 'web-app')?.upToDate).toBe(true);
    const summary = (await ui.ask('/api/repo')).json<RepoSummary>();
    expect(summary.projects.find((p) => p.name === 'web-app')?.lastBuild?.at).toMatch(/^\d{4}-/);

    // Someone changes a component api-service uses and runs `ccm build` in a terminal: the page hears of it.
    const reviewer = join(config, 'components/subagents/code-reviewer.yaml');
    writeFileSync(reviewer, readFileSync(reviewer, 'utf8').replace('maxTurns: 25', 'maxTurns: 26'));
    expect((await ccm(['build', 'api-service', '--cwd', config])).code).toBe(0);
    const elsewhere = await until('the build elsewhere', () => events.received.find((e) => e.event === 'build' && e.data['phase'] === 'elsewhere'), 5_000);
    expect(elsewhere.data['roots']).toEqual([join(base, 'out/api-service')]);
    events.close();
  });

  it('hears of a build elsewhere that makes output folders which did not exist when it started', async () => {
    const base = tempCopy('examples');
    const config = join(base, 'team-config');
    const ui = await UiProcess.start(config);
    const events = ui.events();
    await until('hello', () => events.received.find((e) => e.event === 'hello'));
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const roots = new Set<string>();
    await until(`the build elsewhere (events: ${JSON.stringify(events.received)})`, () => {
      for (const e of events.received) if (e.event === 'build' && e.data['phase'] === 'elsewhere') for (const r of e.data['roots'] as string[]) roots.add(r);
      return roots.has(join(base, 'out/web-app')) && roots.has(join(base, 'out/api-service'));
    }, 5_000);
    events.close();
  });

  it('shows the config repo\'s git status and diff, and commits it', async () => {
    const config = join(tempCopy('examples'), 'team-config');
    expect(git(config, 'init', '-q').code).toBe(0);
    expect(git(config, 'add', '-A').code).toBe(0);
    expect(git(config, 'commit', '-qm', 'start').code).toBe(0);
    const ui = await UiProcess.start(config, [], gitEnv());
    expect((await ui.ask('/api/git/status')).json<GitStatusResponse>()).toMatchObject({ repo: true, branch: 'main', files: [] });
    expect((await ui.ask('/api/git/commit', { body: { message: 'nothing' } })).status).toBe(409);

    const doc = (await ui.ask('/api/components/subagent/test-writer')).json<{ revision: string }>();
    expect((await ui.ask('/api/components/subagent/test-writer', { method: 'PUT', body: { edits: [{ path: ['maxTurns'], value: 9 }], baseRevision: doc.revision } })).status).toBe(200);
    expect((await ui.ask('/api/components/subagent', { body: { name: 'new-agent', text: 'description: New.\n' } })).status).toBe(201);
    const status = (await ui.ask('/api/git/status')).json<GitStatusResponse>();
    expect(status.files.map((f) => f.path).sort()).toEqual(['components/subagents/new-agent.yaml', AGENT]);
    const diff = (await ui.ask('/api/git/diff')).json<GitDiffResponse>();
    expect(diff.diff).toContain('-maxTurns: 40');
    expect(diff.diff).toContain('+maxTurns: 9');
    expect(diff.diff).toContain('+description: New.');

    expect((await ui.ask('/api/git/commit', { body: { message: '' } })).status).toBe(400);
    const commit = await ui.ask('/api/git/commit', { body: { message: 'Fewer turns for the test writer' } });
    expect(commit.status, commit.text).toBe(200);
    expect(commit.json<GitCommitResponse>().files.sort()).toEqual(['components/subagents/new-agent.yaml', AGENT]);
    expect(git(config, 'log', '-1', '--format=%s').stdout.trim()).toBe('Fewer turns for the test writer');
    expect(git(config, 'status', '--porcelain').stdout).toBe('');
  });
});
