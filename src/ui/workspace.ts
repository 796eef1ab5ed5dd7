import { sha256 } from '../core/sha256.js';
import { loadRepo, type DraftOverlay } from '../load/load-repo.js';
import { ParseCache } from '../load/parse-cache.js';
import { compile, type Compilation } from '../pipeline/compile.js';
import type { Env } from '../secrets/identity.js';
import type { EventHub } from './events.js';

/**
 * What every route of one `ccm ui` run shares: the config repo, the environment (for the age
 * identity), one parse cache kept between requests (as `ccm watch` keeps its own, so that a draft
 * check re-parses only the files that changed), the live events, and one queue for writes.
 */
export class Workspace {
  private readonly cache = new ParseCache();
  private writes: Promise<unknown> = Promise.resolve();
  /**
   * Loads and checks of the config repo as it is now, by drafts: a page asks for the same state
   * several times (the dashboard's views, a draft's validate then its preview). Kept only while the
   * watcher reports every change (`remember`), and dropped at the first change event or write.
   */
  private readonly memo = new Map<string, Promise<unknown>>();
  private remembering = false;

  constructor(
    readonly root: string,
    readonly env: Env,
    readonly events: EventHub,
  ) {}

  /** The watcher runs: results may be kept until it reports a change (`forget`). */
  remember(): void {
    this.remembering = true;
  }

  /** Something changed on disk (or is about to be written): nothing kept describes it any more. */
  forget(): void {
    this.memo.clear();
  }

  /** The `load` stage, with drafts seen in place of the disk's files. */
  load(drafts?: DraftOverlay): ReturnType<typeof loadRepo> {
    return this.kept(`load ${draftKey(drafts)}`, () => loadRepo(this.root, this.cache, drafts));
  }

  /**
   * What `ccm validate` runs (load → validate → resolve → render → plan in memory; nothing outside
   * the config repo read, secrets as `${NAME}`), with drafts in place.
   */
  check(drafts?: DraftOverlay): Promise<Compilation> {
    return this.kept(`check ${draftKey(drafts)}`, async () => compile(this.root, { projects: [], force: false, disk: false, loaded: await this.load(drafts) }));
  }

  private kept<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (!this.remembering) return work();
    const known = this.memo.get(key) as Promise<T> | undefined;
    if (known) return known;
    // A few states at most: the disk's, and the drafts of the page being edited.
    if (this.memo.size >= 8) this.memo.delete(this.memo.keys().next().value!);
    const running = work();
    this.memo.set(key, running);
    running.catch(() => this.memo.delete(key));
    return running;
  }

  /** Runs `work` after every write before it: two saves never interleave their revision check and write. */
  serialized<T>(work: () => Promise<T>): Promise<T> {
    const forgetting = async (): Promise<T> => {
      try {
        return await work();
      } finally {
        this.forget();
      }
    };
    const run = this.writes.then(forgetting, forgetting);
    this.writes = run.catch(() => undefined);
    return run;
  }
}

/** The drafts by path and content hash: equal drafts, equal key. */
function draftKey(drafts: DraftOverlay | undefined): string {
  if (!drafts || drafts.size === 0) return '';
  return [...drafts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, bytes]) => `${path}=${bytes === null ? '-' : sha256(bytes)}`).join('\n');
}
