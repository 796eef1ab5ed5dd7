import { rmSync } from 'node:fs';
import { join } from 'node:path';
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
});
