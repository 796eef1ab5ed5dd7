import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RootState } from '../plan/disk-state.js';
import type { RootPlan } from '../plan/plan.js';
import { sha256 } from '../core/sha256.js';
import type { RenderMemo } from '../render/memo.js';
import type { NoOpStamp } from './no-op.js';
import type { OutputFile } from '../render/types.js';
import type { EntryStat } from '../core/entry-stat.js';
import { CLOCK_TICK_MS, isStatKey, sameStatKey, settled, statKeyOf, statMatches, type StatKey } from './stat-key.js';
import { INPUT_ENTRY } from './replay-graph.js';
import { readCache, writeCache } from './store.js';
import { isMapping } from '../core/values.js';

interface OutputRecord {
  stat: StatKey;
  sha256: string;
}

/**
 * By root and output path, the fingerprint of a clean render (render/memo.ts) and the sha256 of the
 * bytes it produced: a pure function of the fingerprint, so an entry is never wrong, only unused.
 * Kept in `.ccm/cache/renders.json`, apart from outputs.json: only a full build renders.
 */
type Renders = Record<string, Record<string, [fingerprint: string, sha256: string]>>;
const RENDERS = 'renders';

interface RootRecords {
  /** When the build that took these stats began, less a clock tick: the racy-entry bound (stat-key.ts `settled`). */
  since: number;
  files: Record<string, OutputRecord>;
}

interface RecordsData {
  /** Output root folder → its records. */
  roots: Record<string, RootRecords>;
  /** What the last build that found nothing to do saw (cache/no-op.ts). */
  noOp?: NoOpStamp;
}

const NAME = 'outputs';
/**
 * `.ccm/cache/blobs.json`: config file content sha256 → git blob id, for `builtInputs`
 * (git/inputs.ts). Apart from outputs.json, which every build reads: only a full build that
 * writes (or records a replay graph) needs it.
 */
const BLOBS = 'blobs';

/**
 * How many outputs with too recent a stat a no-op check reads rather than giving up: the few a
 * body edit rewrites, never the thousand of a full build (the build after that one learns them).
 */
const RACY_READS = 16;

/**
 * What this machine knows about the outputs it wrote or checked, by root: each file's lstat,
 * sha256, kept in the config repo's `.ccm/cache/outputs.json`, and the renders behind them
 * (`renders.json`) and the config files' blob ids (`blobs.json`), each read only by a build that
 * needs it. Like git's index it saves reading and hashing files whose stat has
 * not changed, with git's rule against racy entries: a file modified after the build that took its
 * stat began is read again. It is never trusted over the manifest (which decides
 * ownership) and never comes from a commit, so a pull request cannot make ccm skip a file.
 */
export class OutputRecords {
  private changed = false;
  private blobIds: Map<string, string> | undefined;
  private rendersRead: Renders | undefined;
  private rendersChanged = false;
  private blobCount = 0;
  /** When the current build began, less a clock tick: every stat it learns from is taken after this. */
  private buildStart = Date.now() - CLOCK_TICK_MS;

  private constructor(private readonly configRoot: string, private readonly roots: RecordsData['roots'], private stamp: NoOpStamp | undefined) {}

  /** Opened at the start of a build (it notes the time: see `learn`). */
  static open(configRoot: string): OutputRecords {
    const read = readCache<RecordsData>(configRoot, NAME);
    const data = read && isRecordsData(read.data) ? read.data : { roots: {} };
    return new OutputRecords(configRoot, data.roots, data.noOp);
  }

  /** Git blob ids of config files by content sha256, read on first use; a build adds to it (see stampBuiltFrom). */
  get blobs(): Map<string, string> {
    if (!this.blobIds) {
      const read = readCache<unknown>(this.configRoot, BLOBS);
      const data = read && isMapping(read.data) && Object.values(read.data).every((b) => typeof b === 'string') ? read.data as Record<string, string> : {};
      this.blobIds = new Map(Object.entries(data));
      this.blobCount = this.blobIds.size;
    }
    return this.blobIds;
  }

  /** For records kept across builds (`ccm watch`): call before each build reads the disk. */
  beginBuild(): void {
    this.buildStart = Date.now() - CLOCK_TICK_MS;
  }

  get noOp(): NoOpStamp | undefined {
    return this.stamp;
  }

  /** Replaces the no-op stamp (undefined: the next build does all the work). */
  set noOp(stamp: NoOpStamp | undefined) {
    if (stamp === undefined && this.stamp === undefined) return;
    this.stamp = stamp;
    this.changed = true;
  }

  /**
   * Every output recorded for a root still has its recorded lstat, old enough to be trusted, or,
   * for at most `racyReads` of them whose stat is too recent to prove anything (a file the last
   * build wrote), the recorded bytes, read and hashed (git's answer to a racy index entry).
   */
  outputsUnchanged(rootDir: string, racyReads = RACY_READS): boolean {
    const root = this.roots[rootDir];
    if (!root) return false;
    const racy: string[] = [];
    for (const [path, r] of Object.entries(root.files)) {
      let now: EntryStat;
      try {
        // Not join(), whose normalising allocates for each of a thousand outputs: the path is only
        // looked at, and the kernel resolves it the same way.
        now = lstatSync(`${rootDir}/${path}`);
      } catch {
        return false;
      }
      // Equal to the record, so the record's times are the file's.
      if (!statMatches(r.stat, now)) return false;
      if (!settled(r.stat, root.since) && racy.push(path) > racyReads) return false;
    }
    if (racy.length === 0) return true;
    const same = racy.every((path) => {
      try {
        return sha256(readFileSync(join(rootDir, path))) === root.files[path]!.sha256;
      } catch {
        return false;
      }
    });
    // Every stat was taken again after this build began, and the racy ones' bytes read: the records
    // now hold as of this build, as `learn` would have them (saved by `save`).
    if (same) {
      root.since = this.buildStart;
      this.changed = true;
    }
    return same;
  }

  /** A file a replayed build wrote (pipeline/replay.ts): its bytes are known (renders.json stays: its entries are never wrong). */
  noteWritten(rootDir: string, path: string, info: EntryStat, sha: string): void {
    const root = this.roots[rootDir];
    if (!root) return;
    root.files[path] = record(info, sha);
    this.changed = true;
  }

  /** The memo render uses for one root: a fingerprint is known only with the bytes it produced. */
  memo(rootDir: string, templateKey: (name: string) => string): RenderMemo {
    return {
      known: (path, fingerprint) => {
        const r = this.renders[rootDir]?.[path];
        return r?.[0] === fingerprint ? r[1] : undefined;
      },
      templateKey,
    };
  }

  private get renders(): Renders {
    if (!this.rendersRead) {
      const read = readCache<unknown>(this.configRoot, RENDERS);
      this.rendersRead = read && isRenders(read.data) ? read.data : {};
    }
    return this.rendersRead;
  }

  /** The sha256 of a file whose lstat is the recorded one and not racy; undefined: read it. */
  knownSha(rootDir: string, path: string, info: EntryStat): string | undefined {
    const root = this.roots[rootDir];
    const r = root?.files[path];
    if (!r) return undefined;
    const now = statKeyOf(info);
    return sameStatKey(r.stat, now) && settled(now, root.since) ? r.sha256 : undefined;
  }

  /**
   * After a build without errors (applied, or nothing to apply): records every output that now
   * holds exactly its rendered bytes. Every stat is taken after the build began, which bounds what
   * the next build may trust; a file whose stat could be trusted is lstat'ed and then read, in that
   * order, so that a change made meanwhile makes the record wrong only towards "read it again".
   * `everyRoot`: the build covered every project, so a root it did not plan is no longer built
   * (a project moved or removed) and its records go.
   */
  learn(plans: readonly RootPlan[], targets: readonly { root: { dir: string }; files: readonly OutputFile[] }[], states: readonly RootState[], everyRoot = false): void {
    if (everyRoot) {
      const planned = new Set(plans.map((p) => p.root.dir));
      for (const dir of Object.keys(this.roots)) {
        if (planned.has(dir)) continue;
        delete this.roots[dir];
        this.changed = true;
      }
      for (const dir of Object.keys(this.renders)) {
        if (planned.has(dir)) continue;
        delete this.renders[dir];
        this.rendersChanged = true;
      }
    }
    plans.forEach((plan, i) => {
      const dir = plan.root.dir;
      const state = states[i];
      const outputs = new Map(targets[i]?.files.map((f) => [f.path, f]));
      const next: Record<string, OutputRecord> = {};
      for (const f of plan.files) {
        const out = outputs.get(f.path);
        if (!out || f.secret || f.patched || (f.action !== 'create' && f.action !== 'update' && f.action !== 'unchanged')) continue;
        const fingerprint = out.fingerprint;
        const seen = f.action === 'unchanged' ? state?.stats.get(f.path) : undefined;
        const entry = plan.manifest.files[f.path];
        if (seen && entry) {
          next[f.path] = record(seen, entry.sha256);
          if (fingerprint !== undefined) this.rendered(dir, f.path, fingerprint, entry.sha256);
          continue;
        }
        try {
          const abs = join(dir, f.path);
          const info = lstatSync(abs);
          if (!info.isFile()) continue;
          // A file this build wrote was modified after the build began, so no later build takes this
          // stat as proof (settled): it reads the file again. The record then needs only the sha of
          // the bytes rendered, for the render memo, and reading 1,000 files back would buy nothing.
          // A stat that is settled already (a file system clock far behind ours) is read back.
          const ours = entry && !settled(statKeyOf(info), this.buildStart) ? entry.sha256 : undefined;
          const sha = ours ?? sha256(readFileSync(abs));
          next[f.path] = record(info, sha);
          if (fingerprint !== undefined) this.rendered(dir, f.path, fingerprint, sha);
        } catch {
          // Gone already: nothing to remember.
        }
      }
      const before = this.roots[dir];
      if (!before || before.since !== this.buildStart || !sameRecords(before.files, next)) {
        this.roots[dir] = { since: this.buildStart, files: next };
        this.changed = true;
      }
    });
  }

  /** Remembers what a clean render with this fingerprint produced at this path. */
  private rendered(dir: string, path: string, fingerprint: string, sha: string): void {
    const renders = (this.renders[dir] ??= {});
    const before = renders[path];
    if (before?.[0] === fingerprint && before[1] === sha) return;
    renders[path] = [fingerprint, sha];
    this.rendersChanged = true;
  }

  /**
   * Writes the records when they changed, and the blob ids when a build added some (`inputs`: the
   * config files it read, whose ids alone are kept, so the map never outgrows the repo). A cache
   * that cannot be written only costs time later.
   */
  save(inputs?: readonly { sha256?: string }[]): void {
    if (this.changed) {
      writeCache(this.configRoot, NAME, { roots: this.roots, ...(this.stamp ? { noOp: this.stamp } : {}) } satisfies RecordsData);
      this.changed = false;
    }
    if (this.rendersChanged) {
      writeCache(this.configRoot, RENDERS, this.renders);
      this.rendersChanged = false;
    }
    if (this.blobIds && this.blobIds.size !== this.blobCount) {
      const live = new Set((inputs ?? []).map((f) => f.sha256));
      const blobs = Object.fromEntries([...this.blobIds].filter(([sha]) => inputs === undefined || live.has(sha)));
      writeCache(this.configRoot, BLOBS, blobs);
      this.blobCount = this.blobIds.size;
    }
  }
}

function record(info: EntryStat, sha: string): OutputRecord {
  return { stat: statKeyOf(info), sha256: sha };
}

function sameRecords(a: Record<string, OutputRecord> | undefined, b: Record<string, OutputRecord>): boolean {
  if (!a) return Object.keys(b).length === 0;
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  return keys.every((k) => {
    const x = a[k];
    const y = b[k]!;
    return x !== undefined && x.sha256 === y.sha256 && sameStatKey(x.stat, y.stat);
  });
}

/** A cache file is a hint from disk: anything not shaped like records is dropped whole. */
function isRecordsData(value: unknown): value is RecordsData {
  const v = value as Partial<RecordsData> | null;
  if (!isMapping(v) || !isMapping(v.roots)) return false;
  return Object.values(v.roots).every((root) => isMapping(root) && typeof root['since'] === 'number' && isMapping(root['files']) && Object.values(root['files']).every(isOutputRecord))
    && (v.noOp === undefined || isStamp(v.noOp));
}

function isStamp(v: unknown): v is NoOpStamp {
  const s = v as Partial<NoOpStamp>;
  return isMapping(s) && typeof s.home === 'string' && isMapping(s.config) && Object.values(s.config).every(isStatKey)
    && Array.isArray(s.roots) && s.roots.every((r) => isMapping(r) && typeof r.dir === 'string' && isStatKey(r.manifest) && isMapping(r.folders) && Object.values(r.folders).every(isStatKey))
    && Array.isArray(s.diagnostics) && Array.isArray(s.summary) && isMapping(s.counts) && (s.replay === undefined || typeof s.replay === 'string')
    && (s.replayInputs === undefined || (isMapping(s.replayInputs) && Object.values(s.replayInputs).every((e) => typeof e === 'string' && INPUT_ENTRY.test(e))));
}

function isOutputRecord(r: unknown): r is OutputRecord {
  const o = r as Partial<OutputRecord> | null;
  return typeof o === 'object' && o !== null && typeof o.sha256 === 'string' && isStatKey(o.stat);
}

function isRenders(value: unknown): value is Renders {
  return isMapping(value) && Object.values(value).every((root) => isMapping(root)
    && Object.values(root).every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === 'string' && typeof r[1] === 'string'));
}
