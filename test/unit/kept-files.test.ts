import { describe, expect, it } from 'vitest';
import type { StatKey } from '../../src/cache/stat-key.js';
import { KeptFiles } from '../../src/load/kept-files.js';
import type { RawFile } from '../../src/load/model.js';

const OLD = Date.now() - 60_000;
const stat = (size: number, mtimeMs = OLD): StatKey => [size, mtimeMs, mtimeMs, 7, 0o100644];
const file = (path: string, text: string): RawFile => ({ path, bytes: new TextEncoder().encode(text) });

/** One load: takes `paths` the way readTree does (vouched, else reuse by stat, else a fresh read). */
function load(kept: KeptFiles, disk: Record<string, { text: string; stat: StatKey }>, finish = true, afterReads = (): void => undefined): Record<string, { file: RawFile; how: string }> {
  kept.begin();
  const out: Record<string, { file: RawFile; how: string }> = {};
  for (const [path, { text, stat: s }] of Object.entries(disk)) {
    const vouched = kept.vouched(path);
    const reused = vouched ? undefined : kept.reuse(path, s);
    if (vouched) out[path] = { file: vouched.file, how: 'vouched' };
    else if (reused) out[path] = { file: reused.file, how: 'stat' };
    else {
      const f = file(path, text);
      kept.took(f, s);
      out[path] = { file: f, how: 'read' };
    }
  }
  afterReads();
  if (finish) kept.finish();
  return out;
}

describe('KeptFiles (files kept between the loads of one process)', () => {
  const disk = { 'components/a.md': { text: 'A', stat: stat(1) }, 'components/b.md': { text: 'B', stat: stat(1) } };

  it('takes a file again while its stat holds and is settled, and reads it when the stat changed or is too recent', () => {
    const kept = new KeptFiles();
    const first = load(kept, disk);
    const second = load(kept, disk);
    expect(second['components/a.md']).toEqual({ file: first['components/a.md']!.file, how: 'stat' });
    const edited = load(kept, { ...disk, 'components/a.md': { text: 'A2', stat: stat(2) } });
    expect(edited['components/a.md']!.how).toBe('read');
    // Modified in the tick the stat was taken in: it may change again unseen, so it is never trusted by its stat.
    const racy = { 'components/a.md': { text: 'A3', stat: stat(3, Date.now()) } };
    load(kept, racy);
    expect(load(kept, racy)['components/a.md']!.how).toBe('read');
  });

  it('with a watcher, takes unreported files without a stat, and looks at what it reported, at the file or a folder above', () => {
    const kept = new KeptFiles();
    kept.watch(() => true);
    const now = { ...disk };
    load(kept, now);
    expect(Object.values(load(kept, now)).map((e) => e.how)).toEqual(['vouched', 'vouched']);
    // A reported file is looked at again: taken by its stat when that still holds, else read.
    kept.changed('components/a.md');
    expect(Object.values(load(kept, now)).map((e) => e.how)).toEqual(['stat', 'vouched']);
    kept.changed('components/a.md');
    now['components/a.md'] = { text: 'A2', stat: stat(2) };
    expect(load(kept, now)['components/a.md']).toMatchObject({ how: 'read', file: { bytes: new TextEncoder().encode('A2') } });
    // The change was looked at: the next load vouches again.
    expect(load(kept, now)['components/a.md']!.how).toBe('vouched');
    kept.changed('components');
    expect(Object.values(load(kept, now)).map((e) => e.how)).toEqual(['stat', 'stat']);
  });

  it('keeps a change reported during a load, or before a load that did not finish, for the next load', () => {
    const kept = new KeptFiles();
    kept.watch(() => true);
    load(kept, disk);
    load(kept, disk, true, () => kept.changed('components/a.md'));
    expect(load(kept, disk)['components/a.md']!.how).toBe('stat');
    // Reported before a load and again while it runs (after it took the file): still pending afterwards.
    kept.changed('components/a.md');
    expect(load(kept, disk, true, () => kept.changed('components/a.md'))['components/a.md']!.how).toBe('stat');
    expect(load(kept, disk)['components/a.md']!.how).toBe('stat');
    expect(load(kept, disk)['components/a.md']!.how).toBe('vouched');
    kept.changed('components/b.md');
    load(kept, disk, false);
    expect(load(kept, disk)['components/b.md']!.how).toBe('stat');
  });

  it('vouches only for paths the watcher covers, and for none once the watcher failed', () => {
    const kept = new KeptFiles();
    kept.watch((path) => path.endsWith('a.md'));
    load(kept, disk);
    expect(Object.values(load(kept, disk)).map((e) => e.how)).toEqual(['vouched', 'stat']);
    kept.unwatch();
    expect(Object.values(load(kept, disk)).map((e) => e.how)).toEqual(['stat', 'stat']);
  });
});
