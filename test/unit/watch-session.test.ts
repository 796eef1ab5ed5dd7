import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WatchSession, type FileWatcher, type WatchEvent, type WatcherSpec } from '../../src/watch/session.js';
import { tempCopy } from '../helpers/cli.js';
import { until } from '../helpers/until.js';

/** The session's file-system side, driven by the test: it reports only what a test tells it to. */
class FakeWatcher implements FileWatcher {
  spec!: WatcherSpec;
  readonly added: string[][] = [];
  /** When set, `add` resolves only on `release()`, as chokidar's scan of added paths ends some milliseconds later. */
  hold = false;
  private readonly held: (() => void)[] = [];

  add(paths: readonly string[]): Promise<void> {
    this.added.push([...paths]);
    return this.hold ? new Promise((resolve) => this.held.push(resolve)) : Promise.resolve();
  }

  release(): void {
    for (const resolve of this.held.splice(0)) resolve();
  }

  close(): Promise<void> {
    this.release();
    return Promise.resolve();
  }
}

const sessions: WatchSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
});

function session(watcher: FakeWatcher): { session: WatchSession; events: WatchEvent[]; out: string } {
  const base = tempCopy('examples');
  rmSync(join(base, 'out'), { recursive: true, force: true });
  const events: WatchEvent[] = [];
  const s = new WatchSession({
    root: join(base, 'team-config'),
    projects: [],
    debounceMs: 20,
    env: process.env,
    emit: (e) => events.push(e),
    openWatcher: (spec) => {
      watcher.spec = spec;
      return Promise.resolve(watcher);
    },
  });
  sessions.push(s);
  return { session: s, events, out: join(base, 'out') };
}

const read = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');
const builds = (events: WatchEvent[]): Extract<WatchEvent, { event: 'build' }>[] => events.filter((e) => e.event === 'build');

describe('WatchSession', () => {
  it('reports ready only once the spec folders the first build made are watched', async () => {
    const watcher = new FakeWatcher();
    watcher.hold = true;
    const { session: s, events, out } = session(watcher);
    let ready = false;
    const started = s.start().then(() => (ready = true));
    await until('the spec folders to watch', () => watcher.added.length > 0);
    expect(watcher.added[0]).toContain(join(out, 'web-app/.auto-claude'));
    // A spec folder made now would be taken for one that was there before the scan, and never patched.
    await new Promise((r) => setTimeout(r, 100));
    expect(ready).toBe(false);
    expect(events.filter((e) => e.event === 'ready')).toEqual([]);
    watcher.release();
    await started;
    expect(events.map((e) => e.event)).toEqual(['build', 'ready']);
  });

  it('patches a spec whose file landed before its new folder was watched, reported only as a new folder', async () => {
    const watcher = new FakeWatcher();
    const { session: s, events, out } = session(watcher);
    await s.start();
    const specs = join(out, 'web-app/.auto-claude/specs');
    const meta = join(specs, '003-new-task/task_metadata.json');
    mkdirSync(dirname(meta), { recursive: true });
    writeFileSync(meta, JSON.stringify({ sourceType: 'manual', model: 'haiku' }, null, 2));
    // What chokidar reports when it listed the new specs/ before 003-new-task/ was made in it: nothing else.
    watcher.spec.onFolderAdded!(specs);
    await s.idle();
    expect(JSON.parse(read(meta))).toMatchObject({ sourceType: 'manual', model: 'opus', isAutoProfile: true });
    const [, specBuild, ...more] = builds(events);
    expect(more).toEqual([]);
    expect(specBuild).toMatchObject({ ok: true, projects: ['web-app'] });
    expect(specBuild!.changed).toEqual([expect.stringMatching(/web-app\/\.auto-claude\/specs\/003-new-task\/task_metadata\.json$/)]);

    // The session's own write found in a new folder is no change, nor is an empty folder.
    watcher.spec.onFolderAdded!(dirname(meta));
    mkdirSync(join(specs, '004-empty'));
    watcher.spec.onFolderAdded!(join(specs, '004-empty'));
    await s.idle();
    expect(builds(events)).toHaveLength(2);
  });

  it('builds for the files a new folder of the config repo holds, not for the ignored ones', async () => {
    const watcher = new FakeWatcher();
    const { session: s, events } = session(watcher);
    await s.start();
    const folder = join(watcher.spec.configRoot!, 'components/skills/release-notes/examples');
    mkdirSync(folder);
    writeFileSync(join(folder, 'sample.md'), '# Release 1.2\n\n- A sample entry.\n');
    writeFileSync(join(folder, '.sample.md.swp'), 'an editor temporary');
    watcher.spec.onFolderAdded!(folder);
    await s.idle();
    expect(builds(events).at(-1)).toMatchObject({ ok: true, projects: 'all', changed: ['components/skills/release-notes/examples/sample.md'] });
  });
});
