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

/**
 * Whether a path (file or folder) can influence a build: the config file, the folders ccm reads,
 * and each Auto-Claude project's `specs/<id>/{task_metadata,implementation_plan}.json`. Everything
 * else is ignored, notably generated files (a build's own writes must not trigger builds).
 */
export function isWatched(abs: string, layout: WatchLayout): boolean {
  for (const dir of layout.specProjects.keys()) {
    const rel = inside(specBase(dir), abs);
    if (rel === undefined) continue;
    const parts = rel === '' ? [] : rel.split('/');
    if (parts.length === 0) return true;
    if (parts[0] !== 'specs' || parts.length > 3) return false;
    return parts.length < 3 || SPEC_FILES.has(parts[2]!);
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

export type ChangeScope = { kind: 'all' } | { kind: 'project'; project: string };

/**
 * What a changed file affects, decided cheaply from its path: `projects/<name>.yaml` (still
 * present) and a project's spec folders affect that project only; any other file may be used by
 * every project (components, profiles, templates, secrets, ccm.config.yaml).
 */
export function scopeOf(abs: string, layout: WatchLayout, exists: (abs: string) => boolean): ChangeScope {
  for (const [dir, project] of layout.specProjects) {
    if (inside(specBase(dir), abs) !== undefined) return { kind: 'project', project };
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
  if (!abs.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return undefined;
  return toPosix(relative(dir, abs));
}

/** A path for people: relative to the config repo when inside it. */
export function shortPath(abs: string, root: string): string {
  const rel = inside(root, abs);
  return rel === undefined ? toPosix(relative(root, abs)) : rel;
}
