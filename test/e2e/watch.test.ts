import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, tempCopy } from '../helpers/cli.js';
import { until } from '../helpers/until.js';
import { gitOk } from '../helpers/git.js';
import { snapshot } from '../helpers/tree.js';

interface Event {
  event: 'ready' | 'build' | 'error';
  changed?: string[];
  projects?: 'all' | string[];
  ok?: boolean;
  counts?: Record<string, number>;
  diagnostics?: { severity: string; code: string; file?: string; line?: number; col?: number }[];
  code?: string;
  message?: string;
}

/** `ccm watch --json` as a child process, its stdout read as JSON lines. */
class Watch {
  readonly events: Event[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(config: string, args: readonly string[] = []) {
    this.child = spawn(process.execPath, [CLI, 'watch', '--json', '--cwd', config, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.events.push(JSON.parse(line) as Event));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    running.add(this);
  }

  get builds(): Event[] {
    return this.events.filter((e) => e.event === 'build');
  }

  /** The first event from index `from` on that matches. */
  next(what: string, from: number, match: (e: Event) => boolean): Promise<Event> {
    return until(`${what} (events so far: ${JSON.stringify(this.events.slice(from))}; stderr: ${this.stderr})`, () => this.events.slice(from).find(match));
  }

  ready(): Promise<Event> {
    return this.next('ready', 0, (e) => e.event === 'ready');
  }

  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    this.child.kill(signal);
    const code = await this.exited;
    running.delete(this);
    return code;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

const running = new Set<Watch>();
afterEach(() => {
  for (const w of running) w.kill();
  running.clear();
});

/** A temp copy of examples/ whose outputs land in <tmp>/out. */
function example(): { config: string; out: string } {
  const base = tempCopy('examples');
  rmSync(join(base, 'out'), { recursive: true, force: true });
  return { config: join(base, 'team-config'), out: join(base, 'out') };
}

const read = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

describe('ccm watch', () => {
  it('builds, reports ready, rebuilds a saved Markdown body and exits 0 on SIGINT', async () => {
    const { config, out } = example();
    const w = new Watch(config);
    await w.ready();
    const [initial] = w.builds;
    expect(initial).toMatchObject({ ok: true, changed: [], projects: 'all' });
    expect(initial!.counts!['create']).toBeGreaterThan(0);
    const agent = join(out, 'web-app/.claude/agents/code-reviewer.md');
    expect(read(agent)).not.toContain('Edited while watching.');

    const from = w.events.length;
    const body = join(config, 'components/subagents/code-reviewer.md');
    writeFileSync(body, read(body) + '\nEdited while watching.\n');
    await until('the regenerated agent', () => read(agent).includes('Edited while watching.'));
    const build = await w.next('the rebuild', from, (e) => e.event === 'build');
    expect(build).toMatchObject({ ok: true, changed: ['components/subagents/code-reviewer.md'], projects: 'all' });
    expect(build.counts).toMatchObject({ update: 2, create: 0, delete: 0 });
    expect(read(join(out, 'api-service/.claude/agents/code-reviewer.md'))).toContain('Edited while watching.');

    expect(await w.stop('SIGINT')).toBe(0);
  });

  it('follows saves by rename: a safe write (temp file renamed over) and vim\'s backup-and-rename', async () => {
    const { config, out } = example();
    const w = new Watch(config);
    await w.ready();
    const agent = join(out, 'web-app/.claude/agents/code-reviewer.md');
    const yaml = join(config, 'components/subagents/code-reviewer.yaml');

    // JetBrains-style safe write: a temp file renamed over the original.
    writeFileSync(`${yaml}___jb_tmp___`, read(yaml).replace(/^description: .*$/m, 'description: Renamed into place.'));
    renameSync(`${yaml}___jb_tmp___`, yaml);
    await until('the renamed save', () => read(agent).includes('description: Renamed into place.'));

    // vim with backupcopy=no: the original is renamed to a backup, the new text written, the backup deleted.
    renameSync(yaml, `${yaml}~`);
    writeFileSync(yaml, read(`${yaml}~`).replace('Renamed into place.', 'Written by vim.'));
    unlinkSync(`${yaml}~`);
    await until('the vim save', () => read(agent).includes('description: Written by vim.'));
    expect(w.builds.every((b) => b.ok)).toBe(true);
    expect(await w.stop('SIGTERM')).toBe(0);
  });

  it('rebuilds only the project whose file changed', async () => {
    const { config, out } = example();
    const w = new Watch(config);
    await w.ready();
    const from = w.events.length;
    const project = join(config, 'projects/api-service.yaml');
    writeFileSync(project, read(project).replace('projectName: Orders API', 'projectName: Orders API v2'));
    const build = await w.next('the project rebuild', from, (e) => e.event === 'build' && e.ok === true);
    expect(build).toMatchObject({ changed: ['projects/api-service.yaml'], projects: ['api-service'] });
    expect(read(join(out, 'api-service/CLAUDE.md'))).toContain('Orders API v2');
    expect(await w.stop()).toBe(0);
  });

  it('removes the outputs of a deleted component', async () => {
    const { config, out } = example();
    const w = new Watch(config);
    await w.ready();
    const output = join(out, 'api-service/.claude/agents/db-migrator.md');
    expect(existsSync(output)).toBe(true);
    const from = w.events.length;
    rmSync(join(config, 'components/subagents/db-migrator.yaml'));
    rmSync(join(config, 'components/subagents/db-migrator.md'));
    const project = join(config, 'projects/api-service.yaml');
    writeFileSync(project, read(project).replace('subagents: [db-migrator]', 'subagents: []'));
    await until('the orphan removed', () => !existsSync(output));
    const last = await w.next('a successful build', from, (e) => e.event === 'build' && e.ok === true);
    expect(last.counts!['delete']).toBe(1);
    expect(await w.stop()).toBe(0);
  });

  it('keeps the last good outputs on an invalid save and recovers on the next valid one', async () => {
    const { config, out } = example();
    const w = new Watch(config);
    await w.ready();
    const before = snapshot(out);
    const yaml = join(config, 'components/subagents/code-reviewer.yaml');
    const good = read(yaml);

    let from = w.events.length;
    writeFileSync(yaml, 'description: Reviews code\ntools: [Read, Grep\n');
    // A build may catch the file half-written (EMPTY_FILE) before the one that reads the whole of it.
    const failed = await w.next('the failed build', from, (e) => e.event === 'build' && e.diagnostics!.some((d) => d.code === 'YAML_SYNTAX'));
    expect(failed.ok).toBe(false);
    expect(failed.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'YAML_SYNTAX', file: 'components/subagents/code-reviewer.yaml', line: expect.any(Number) }));
    expect(w.builds.slice(1).every((b) => !b.ok)).toBe(true);
    expect(snapshot(out)).toEqual(before);

    from = w.events.length;
    writeFileSync(yaml, good.replace(/^description: .*$/m, 'description: Fixed again.'));
    const fixed = await w.next('the recovering build', from, (e) => e.event === 'build' && e.ok === true);
    // Nothing but the example's deliberate unknown frontmatter key (db-migrator's runbook).
    expect(fixed.diagnostics!.map((d) => `${d.severity} ${d.code} ${d.file}`)).toEqual(['warning UNKNOWN_FIELD components/subagents/db-migrator.yaml']);
    expect(read(join(out, 'web-app/.claude/agents/code-reviewer.md'))).toContain('description: Fixed again.');
    expect(await w.stop()).toBe(0);
  });

  it('coalesces a burst of saves into a couple of builds with the final content', async () => {
    const { config, out } = example();
    const w = new Watch(config);
    await w.ready();
    const before = w.builds.length;
    const from = w.events.length;
    const body = join(config, 'components/subagents/test-writer.md');
    const text = read(body);
    for (let i = 0; i < 20; i++) writeFileSync(body, `${text}\nBurst save ${i}.\n`);
    const agent = join(out, 'web-app/.claude/agents/test-writer.md');
    await until('the last save built', () => read(agent).includes('Burst save 19.'));
    await w.next('its build event', from, (e) => e.event === 'build' && e.ok === true);
    const builds = w.builds.length - before;
    expect(builds).toBeGreaterThanOrEqual(1);
    expect(builds).toBeLessThanOrEqual(3);
    expect(read(agent)).not.toContain('Burst save 18.');
    expect(await w.stop()).toBe(0);
  });

  it('gives a new Auto-Claude spec folder the model profile, without reacting to its own write', async () => {
    const { config, out } = example();
    const w = new Watch(config);
    await w.ready();
    const spec = join(out, 'web-app/.auto-claude/specs/003-new-task');
    mkdirSync(spec, { recursive: true });
    const meta = join(spec, 'task_metadata.json');
    // Written in one step, so that this save is one change event.
    writeFileSync(`${meta}.tmp`, JSON.stringify({ sourceType: 'manual', model: 'haiku' }, null, 2));
    renameSync(`${meta}.tmp`, meta);
    await until('the patched spec', () => read(meta).includes('"isAutoProfile"'));
    expect(JSON.parse(read(meta))).toMatchObject({ sourceType: 'manual', model: 'opus', isAutoProfile: true });
    const specBuild = await w.next('the spec build', 0, (e) => e.event === 'build' && e.changed!.some((c) => c.endsWith('003-new-task/task_metadata.json')));
    expect(specBuild.projects).toEqual(['web-app']);

    // The watcher's own write of task_metadata.json must not cause a build: the next one is for the next save.
    const from = w.events.indexOf(specBuild) + 1;
    const body = join(config, 'components/subagents/code-reviewer.md');
    writeFileSync(body, read(body) + '\nAfter the spec.\n');
    const next = await w.next('the next build', from, (e) => e.event === 'build');
    expect(next.changed).toEqual(['components/subagents/code-reviewer.md']);
    expect(await w.stop()).toBe(0);
  });

  it('gives a task worktree the project\'s .env the moment Auto-Claude creates it, in both layouts', async () => {
    const { config, out } = example();
    const app = join(out, 'web-app');
    mkdirSync(app, { recursive: true });
    gitOk(app, 'init', '-q');
    writeFileSync(join(app, '.gitignore'), '.auto-claude/\n.worktrees/\n');
    gitOk(app, 'add', '-A');
    gitOk(app, 'commit', '-q', '-m', 'app');
    const w = new Watch(config);
    await w.ready();
    const env = read(join(app, '.auto-claude/.env'));
    expect(env).toContain('DEFAULT_BRANCH=main');

    // The legacy .worktrees/ did not exist when the watch started.
    for (const wt of ['.auto-claude/worktrees/tasks/003-new-task', '.worktrees/004-legacy']) {
      const from = w.events.length;
      gitOk(app, 'worktree', 'add', '-q', wt);
      await until(`the .env in ${wt}`, () => read(join(app, wt, '.auto-claude/.env')) === env);
      const built = await w.next(`the build for ${wt}`, from, (e) => e.event === 'build' && e.ok === true && e.counts!['create']! > 0);
      expect(built.projects).toEqual(['web-app']);
    }
    const from = w.events.length;
    gitOk(app, 'worktree', 'remove', '--force', '.auto-claude/worktrees/tasks/003-new-task');
    await w.next('the build after the removal', from, (e) => e.event === 'build' && e.changed!.some((c) => c.includes('003-new-task')));
    const manifest = await until('the pruned manifest', () => { const m = read(join(app, '.ccm/manifest.json')); return !m.includes('003-new-task') && m; });
    expect(manifest).toContain('.worktrees/004-legacy/.auto-claude/.env');
    expect(await w.stop()).toBe(0);
  });

  it('refuses an unknown project with exit 2 and an error event', async () => {
    const { config } = example();
    const w = new Watch(config, ['nope']);
    expect(await w.exited).toBe(2);
    running.delete(w);
    expect(w.events).toEqual([expect.objectContaining({ event: 'error', code: 'PROJECT_UNKNOWN' })]);
  });
});
