import { CLOCK_TICK_MS, sameStatKey, settled, statKeyOf, type StatKey } from '../cache/stat-key.js';
import type { EntryStat } from '../core/entry-stat.js';
import { readCache, writeCache } from '../cache/store.js';
import { monotonicMs } from '../core/clock.js';
import { sha256 } from '../core/sha256.js';
import { isMapping } from '../core/values.js';
import type { Diagnostic } from '../diagnostics.js';
import type { RawFile } from './model.js';
import { CachedYamlFile, parseYaml, type YamlFile } from './yaml-file.js';
import { KeptFiles, type KeptFile } from './kept-files.js';

/**
 * What earlier validations found of documents by their content: a schema check is a pure function
 * of the value and the schemas (which are part of the cache's identity), so a content that passed
 * once passes again, and validate skips it (and need not even load the validators).
 */
export interface SchemaVerdicts {
  passed(file: YamlFile, kind: string): boolean;
  recordPass(file: YamlFile, kind: string): void;
}

export type ParseResult = { file?: YamlFile<Record<string, unknown>>; diagnostics: Diagnostic[] };

/** `.ccm/cache/parse.json` */
export const PARSE_CACHE_NAME = 'parse';

type IndexEntry = { stat: StatKey; sha256: string };
/**
 * A YAML file's parse without positions: everything a load needs from it unless it has a problem to
 * report; `valid` lists the document kinds its value passed the schema of (SchemaVerdicts).
 */
type Parsed = { value: Record<string, unknown>; diagnostics: Diagnostic[]; valid?: string[] };

interface Persisted {
  /**
   * Length of the load that wrote the file, plus a clock tick: the stats in it were taken at most
   * this long before the file's own mtime, so only files older than mtime − windowMs are trusted.
   */
  windowMs: number;
  files: Record<string, [...StatKey, string]>;
  parsed: Record<string, Parsed>;
  /** Content hashes of Markdown bodies that decoded as text. */
  decoded?: string[];
}

/**
 * The parse cache: YAML values by content hash, and content hashes by stat (git's index), so a
 * load neither parses a file it parsed before nor reads one whose stat proves it unchanged. One
 * mechanism for a single command (read from `.ccm/cache/`, written back by a writing build when
 * something changed) and for `ccm watch` (the same object kept between builds, written back the same way). Every
 * entry is a hint: a load gives the same repo and the same diagnostics with any cache or none.
 */
export class ParseCache implements SchemaVerdicts {
  private root: string | undefined;
  private index = new Map<string, IndexEntry>();
  private parsed = new Map<string, Parsed>();
  /** Content hashes of Markdown bodies that decoded as text. */
  private decoded = new Set<string>();
  /** Results by path of the previous load in this process: an unchanged file keeps its YamlFile, positions included. */
  private live = new Map<string, { sha256: string; result: ParseResult }>();
  /**
   * An entry is trusted by its stat only if the file's mtime and ctime are older than this:
   * otherwise it may have changed again in the clock tick its stat was taken in (git's racy entries).
   */
  private trustedBeforeMs = -Infinity;

  /** Content hash of each document a load of this cache returned, for its schema verdicts. */
  private hashes = new WeakMap<object, string>();
  /** Content hash of each file read in this process, so that a file kept between loads is hashed once. */
  private rawHashes = new WeakMap<RawFile, string>();
  /** Files this process took from the disk, for its later loads. */
  readonly files = new KeptFiles();
  private lastStartedAt = 0;

  private load: LoadState | undefined;
  /** Set by a load (or a verdict) that changed anything; what `persist` writes. */
  private unsaved: { startedAt: number } | undefined;

  /** Starts a load of `root`; reads the persisted cache the first time (or when the root changes). */
  begin(root: string): void {
    if (this.root !== root) {
      this.root = root;
      this.unsaved = undefined;
      this.index = new Map();
      this.parsed = new Map();
      this.live = new Map();
      this.files.clear();
      this.decoded = new Set();
      this.trustedBeforeMs = -Infinity;
      this.restore(root);
    }
    this.lastStartedAt = monotonicMs();
    this.files.begin();
    this.load = { startedAt: this.lastStartedAt, seen: new Map(), fromDisk: new WeakSet(), index: new Map(), parsed: new Map(), decoded: new Set(), live: new Map(), dirty: false };
  }

  /**
   * Called by readTree with each regular file's lstat: its content hash when the stat matches the
   * recorded one and is old enough to be trusted, so the file need not be read to be known.
   */
  known(path: string, info: EntryStat): string | undefined {
    const stat = statKeyOf(info);
    this.load?.seen.set(path, stat);
    const entry = this.index.get(path);
    if (!entry || !sameStatKey(entry.stat, stat) || !settled(stat, this.trustedBeforeMs)) return undefined;
    return entry.sha256;
  }

  /** Called by readTree before it looks at a path: a file this process read, where a watcher vouches for it (KeptFiles). */
  vouched(path: string): RawFile | undefined {
    return this.load && this.takeKept(this.load, path, this.files.vouched(path));
  }

  /** Called by readTree before `known`: the file as an earlier load of this process read it, when its lstat proves it unchanged. */
  reuse(path: string, info: EntryStat): RawFile | undefined {
    return this.load && this.takeKept(this.load, path, this.files.reuse(path, statKeyOf(info)));
  }

  /** A kept file this load takes: seen with the stat it was read under (its stat now, or vouched for), and from disk. */
  private takeKept(load: LoadState, path: string, kept: KeptFile | undefined): RawFile | undefined {
    if (!kept) return undefined;
    load.seen.set(path, kept.stat);
    load.fromDisk.add(kept.file);
    return kept.file;
  }

  /** Called by readTree with each file it took from the disk (read or known by hash). */
  took(file: RawFile, info: EntryStat, keep: boolean): void {
    if (!this.load) return;
    this.load.fromDisk.add(file);
    if (keep) this.files.took(file, statKeyOf(info));
  }

  /** The content hash of a file this load placed, recorded in the index by the stat readTree saw it with (a draft has none of its own). */
  private indexed(load: LoadState, file: RawFile): string {
    const hash = file.sha256 ?? this.rawHashes.get(file) ?? sha256(file.bytes);
    this.rawHashes.set(file, hash);
    const stat = load.fromDisk.has(file) ? load.seen.get(file.path) : undefined;
    if (stat) {
      const before = this.index.get(file.path);
      if (!before || before.sha256 !== hash || !sameStatKey(before.stat, stat)) load.dirty = true;
      load.index.set(file.path, { stat, sha256: hash });
    }
    return hash;
  }

  /**
   * A Markdown body the load placed: indexed like a YAML file, so that the next load knows it by
   * its stat; `decoded` when this very content decoded as text before (then it need not be read).
   */
  noteBody(file: RawFile): { sha256: string; decoded: boolean } {
    const load = this.load;
    if (!load) throw new Error('ParseCache.noteBody outside begin/finish');
    const sha256 = this.indexed(load, file);
    const decoded = load.decoded.has(sha256) || this.decoded.has(sha256);
    if (decoded) load.decoded.add(sha256);
    return { sha256, decoded };
  }

  /** The body with this hash is UTF-8 text without NUL bytes (what assemble checks of a body). */
  bodyDecoded(sha256: string): void {
    if (!this.load || this.load.decoded.has(sha256)) return;
    this.load.decoded.add(sha256);
    this.load.dirty = true;
  }

  parse(file: RawFile): ParseResult {
    const load = this.load;
    if (!load) throw new Error('ParseCache.parse outside begin/finish');
    const sha256 = this.indexed(load, file);
    const live = this.live.get(file.path);
    if (live && live.sha256 === sha256) {
      const kept = this.parsed.get(sha256);
      if (kept) load.parsed.set(sha256, kept);
      load.live.set(file.path, live);
      return live.result;
    }
    let result: ParseResult;
    const cached = load.parsed.get(sha256) ?? this.parsed.get(sha256);
    if (cached) {
      load.parsed.set(sha256, cached);
      result = {
        file: new CachedYamlFile(file.path, cached.value, () => file.bytes),
        diagnostics: cached.diagnostics.map((d) => ({ ...d, file: file.path })),
      };
    } else {
      result = parseYaml(file.path, file.bytes);
      const entry = cacheable(result);
      if (entry) {
        load.parsed.set(sha256, entry);
        load.dirty = true;
        // A file without diagnostics lets its document go at once, as a warm build never has one:
        // a cold build of 1,000 files would otherwise hold 1,000 parsed documents to its end. The
        // positions come back, parsed the same way, if a later check has something to say about it.
        if (result.diagnostics.length === 0) result = { file: new CachedYamlFile(file.path, entry.value, () => file.bytes), diagnostics: [] };
      }
    }
    load.live.set(file.path, { sha256, result });
    if (result.file) this.hashes.set(result.file, sha256);
    return result;
  }

  /** Whether this very content passed the schema of `kind` before (in this process or a build that persisted it). */
  passed(file: YamlFile, kind: string): boolean {
    const sha256 = this.hashes.get(file);
    return sha256 !== undefined && (this.parsed.get(sha256)?.valid?.includes(kind) ?? false);
  }

  /** Records that `file` passed the schema of `kind`, for the next validation of the same content. */
  recordPass(file: YamlFile, kind: string): void {
    const sha256 = this.hashes.get(file);
    const entry = sha256 === undefined ? undefined : this.parsed.get(sha256);
    if (!entry || entry.valid?.includes(kind)) return;
    entry.valid = [...(entry.valid ?? []), kind].sort();
    this.unsaved ??= { startedAt: this.lastStartedAt };
  }

  /** Ends a load: forgets files and parses this load did not use (deleted, renamed, edited). */
  finish(): void {
    const load = this.load;
    if (!load || this.root === undefined) return;
    this.load = undefined;
    const dirty = load.dirty || load.index.size !== this.index.size || load.parsed.size !== this.parsed.size || load.decoded.size !== this.decoded.size;
    this.index = load.index;
    this.parsed = load.parsed;
    this.decoded = load.decoded;
    this.live = load.live;
    this.files.finish();
    if (dirty) this.unsaved = { startedAt: this.unsaved?.startedAt ?? load.startedAt };
  }

  /**
   * Writes `.ccm/cache/parse.json` when a load since the last write changed anything; a load that
   * found everything as recorded writes nothing. Only a writing build calls it, once rendering
   * found no error (`compileLocked`): `validate`, `--check`, `--dry-run`, `diff`, `status` and a
   * build with errors promise to write nothing, and keep it.
   */
  persist(): void {
    if (!this.unsaved || this.root === undefined || this.load) return;
    const windowMs = monotonicMs() - this.unsaved.startedAt + CLOCK_TICK_MS;
    this.unsaved = undefined;
    const files: Persisted['files'] = {};
    for (const [path, { stat, sha256 }] of this.index) files[path] = [...stat, sha256];
    const parsed: Persisted['parsed'] = Object.fromEntries(this.parsed);
    const writtenAtMs = writeCache(this.root, PARSE_CACHE_NAME, { windowMs, files, parsed, decoded: [...this.decoded] } satisfies Persisted);
    // Unwritten, the entries of this load stay untrusted: the threshold before it predates all their stats.
    if (writtenAtMs !== undefined) this.trustedBeforeMs = writtenAtMs - windowMs;
  }

  private restore(root: string): void {
    const read = readCache<Partial<Persisted>>(root, PARSE_CACHE_NAME);
    if (!read || !isMapping(read.data)) return;
    const { windowMs, files, parsed, decoded } = read.data;
    if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs < 0 || !isMapping(files) || !isMapping(parsed)) return;
    for (const [path, e] of Object.entries(files)) {
      if (Array.isArray(e) && e.length === 6 && e.slice(0, 5).every((n) => typeof n === 'number') && typeof e[5] === 'string') {
        this.index.set(path, { stat: e.slice(0, 5) as unknown as StatKey, sha256: e[5] });
      }
    }
    for (const [sha256, p] of Object.entries(parsed)) {
      if (isMapping(p) && isMapping(p.value) && Array.isArray(p.diagnostics) && p.diagnostics.every(isMapping)) {
        const valid = Array.isArray(p.valid) && p.valid.every((k) => typeof k === 'string') ? { valid: p.valid as string[] } : {};
        this.parsed.set(sha256, { value: p.value, diagnostics: p.diagnostics as Diagnostic[], ...valid });
      }
    }
    if (Array.isArray(decoded)) for (const sha256 of decoded) if (typeof sha256 === 'string') this.decoded.add(sha256);
    this.trustedBeforeMs = read.writtenAtMs - windowMs;
  }
}

interface LoadState {
  startedAt: number;
  seen: Map<string, StatKey>;
  /** The files readTree took from the disk (not drafts): only these are indexed by the stat of their path. */
  fromDisk: WeakSet<RawFile>;
  decoded: Set<string>;
  index: Map<string, IndexEntry>;
  parsed: Map<string, Parsed>;
  live: Map<string, { sha256: string; result: ParseResult }>;
  dirty: boolean;
}

/**
 * Only parses without errors are kept: a file with an error is reported with positions, which
 * need the full parse anyway. And only values that survive JSON unchanged (no -0, nothing but
 * plain objects, arrays and scalars), so a value from the cache is the value a parse gives.
 */
function cacheable(result: ParseResult): Parsed | undefined {
  if (!result.file || result.diagnostics.some((d) => d.severity === 'error') || !jsonSafe(result.file.value)) return undefined;
  return { value: result.file.value, diagnostics: result.diagnostics };
}

function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const v of Object.values(value)) if (!jsonSafe(v)) return false;
  return true;
}
