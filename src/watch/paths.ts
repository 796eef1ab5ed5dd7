import { basename, relative, sep } from 'node:path';
import { CONFIG_FILE } from '../core/kinds.js';
import { isLitter } from '../core/litter.js';
import { inSkillFolder } from '../load/assemble.js';
import { READ_ROOTS, toPosix } from '../load/read-tree.js';

/** Where `watch` looks, as learnt from the builds so far. Pure data, so that the rules below are testable. */
export interface WatchLayout {
  /** Absolute config repo root. */
  root: string;
  /** Absolute directory of each project whose Auto-Claude spec folders get the model profile → its name. */
  specProjects: ReadonlyMap<string, string>;
  /** Absolute directory of each project whose `.auto-claude/.env` goes into its task worktrees → its name. */
  worktreeProjects: ReadonlyMap<string, string>;
  /** Absolute output roots (project directories, the Auto-Claude backend): their files are ccm's own writes. */
  outputRoots: ReadonlySet<string>;
}

export const SPEC_FILES = new Set(['task_metadata.json', 'implementation_plan.json']);

/** What the loader skips outside skill folders (see assembleRepo): dot-files and README.md. */
const NOT_READ = /^(\.|README\.md$)/i;

/** `<project>/.auto-claude`, the folder watched for spec changes. */
export function specBase(projectDir: string): string {
  return `${projectDir}${sep}.auto-claude`;
}

/** `<project>/.worktrees`, the legacy folder of task worktrees, watched (also before it exists) for new ones. */
export function legacyWorktreeBase(projectDir: string): string {
  return `${projectDir}${sep}.worktrees`;
}

/**
 * Whether a path (file or folder) can influence a build: the config file, the folders ccm reads,
 * each Auto-Claude project's `specs/<id>/{task_metadata,implementation_plan}.json`, and the `.git`
 * that git writes into a new task worktree (`.auto-claude/worktrees/tasks/<name>/.git`, legacy
 * `.worktrees/<name>/.git`; worktree.ts). Everything else is ignored, notably generated files (a
 * build's own writes must not trigger builds) and the checkouts inside worktrees.
 */
export function isWatched(abs: string, layout: WatchLayout): boolean {
  for (const dir of projectDirs(layout)) {
    const verdict = projectPathWatched(inside(dir, abs), layout.specProjects.has(dir), layout.worktreeProjects.has(dir));
    if (verdict !== undefined) return verdict;
  }
  for (const out of layout.outputRoots) {
    // Only output roots inside the config repo matter here; a project that holds the config repo is fine.
    if (inside(layout.root, out) !== undefined && out !== layout.root && inside(out, abs) !== undefined) return false;
  }
  const rel = inside(layout.root, abs);
  if (rel === undefined) return false;
  if (rel === '') return true;
  if (rel === CONFIG_FILE) return true;
  const top = rel.split('/')[0]!;
  if (!(READ_ROOTS as readonly string[]).includes(top)) return false;
  const name = basename(abs);
  if (rel.split('/').some(isLitter)) return false;
  return inSkillFolder(rel) || !NOT_READ.test(name);
}

function projectDirs(layout: WatchLayout): Set<string> {
  return new Set([...layout.specProjects.keys(), ...layout.worktreeProjects.keys()]);
}

/** For a path inside a project's `.auto-claude` or `.worktrees`: whether it is watched; undefined elsewhere. */
function projectPathWatched(rel: string | undefined, specs: boolean, worktrees: boolean): boolean | undefined {
  if (rel === undefined) return undefined;
  // chokidar watches the project folder itself for `.worktrees` to appear (it reports nothing else there).
  if (rel === '') return worktrees ? true : undefined;
  const parts = rel.split('/');
  if (parts[0] === '.worktrees') return worktrees && isWorktreeMarker(parts.slice(1));
  if (parts[0] !== '.auto-claude') return undefined;
  if (parts.length === 1) return true;
  if (parts[1] === 'specs') return specs && (parts.length < 4 || (parts.length === 4 && SPEC_FILES.has(parts[3]!)));
  if (parts[1] === 'worktrees') return worktrees && (parts.length === 2 || (parts[2] === 'tasks' && isWorktreeMarker(parts.slice(3))));
  return false;
}

/** Below a container of worktrees: the container, each worktree folder and its `.git`. */
function isWorktreeMarker(below: readonly string[]): boolean {
  return below.length === 0 || below.length === 1 || (below.length === 2 && below[1] === '.git');
}

export type ChangeScope = { kind: 'all' } | { kind: 'project'; project: string };

/**
 * What a changed file affects, decided cheaply from its path: `projects/<name>.yaml` (still
 * present) and a project's spec folders affect that project only; any other file may be used by
 * every project (components, profiles, templates, secrets, ccm.config.yaml).
 */
export function scopeOf(abs: string, layout: WatchLayout, exists: (abs: string) => boolean): ChangeScope {
  for (const [dir, project] of [...layout.specProjects, ...layout.worktreeProjects]) {
    if (inside(specBase(dir), abs) !== undefined || inside(legacyWorktreeBase(dir), abs) !== undefined) return { kind: 'project', project };
  }
  const rel = inside(layout.root, abs);
  const m = rel === undefined ? null : /^projects\/([^/]+)\.ya?ml$/.exec(rel);
  // A removed or renamed project file: build everything, which also reports what references it.
  if (m && exists(abs)) return { kind: 'project', project: m[1]! };
  return { kind: 'all' };
}

/**
 * The projects to build for a batch of changes: `'all'` (every project, or every project named on
 * the command line), a list, or `undefined` when no selected project is affected.
 */
export function projectsToBuild(scopes: readonly ChangeScope[], selected: readonly string[]): 'all' | string[] | undefined {
  if (scopes.length === 0 || scopes.some((s) => s.kind === 'all')) return 'all';
  const names = [...new Set(scopes.map((s) => (s.kind === 'project' ? s.project : '')))].sort();
  const wanted = selected.length ? names.filter((n) => selected.includes(n)) : names;
  return wanted.length ? wanted : undefined;
}

/** `abs` relative to `dir` (POSIX separators, '' for `dir` itself), or undefined when outside it. */
export function inside(dir: string, abs: string): string | undefined {
  if (abs === dir) return '';
  const base = dir.endsWith(sep) ? dir : dir + sep;
  if (!abs.startsWith(base)) return undefined;
  const rest = abs.slice(base.length);
  // Asked for every path a watcher reports and every file a watch build loads, with normalised
  // paths: path.relative (which normalises both again) only for a path that is not.
  return UNNORMALISED.test(rest) ? toPosix(relative(dir, abs)) : toPosix(rest);
}

/** A `.` or `..` segment, or an empty one. */
const UNNORMALISED = /(^|[\\/])\.{1,2}([\\/]|$)|[\\/]{2}|[\\/]$/;

/** A path for people: relative to the config repo when inside it. */
export function shortPath(abs: string, root: string): string {
  const rel = inside(root, abs);
  return rel === undefined ? toPosix(relative(root, abs)) : rel;
}
