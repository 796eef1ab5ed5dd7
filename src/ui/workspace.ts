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

  constructor(
    readonly root: string,
    readonly env: Env,
    readonly events: EventHub,
  ) {}

  /** The `load` stage, with drafts seen in place of the disk's files. */
  load(drafts?: DraftOverlay): ReturnType<typeof loadRepo> {
    return loadRepo(this.root, this.cache, drafts);
  }

  /**
   * What `ccm validate` runs (load → validate → resolve → render → plan in memory; nothing outside
   * the config repo read, secrets as `${NAME}`), with drafts in place.
   */
  async check(drafts?: DraftOverlay): Promise<Compilation> {
    return compile(this.root, { projects: [], force: false, disk: false, loaded: await this.load(drafts) });
  }

  /** Runs `work` after every write before it: two saves never interleave their revision check and write. */
  serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }
}
