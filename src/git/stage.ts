import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_PATH } from '../plan/manifest.js';
import { worktreeOf } from '../plan/worktrees.js';
import { runGit } from './git.js';
import { inRepo, repoOf } from './repo.js';

/** A root as `describePlans` reports it (what `ccm build --json` prints under data.roots). */
export interface DescribedRoot {
  root: { kind: 'project'; project: string; dir: string } | { kind: 'backend'; dir: string };
  files: { path: string; action: string; secret?: boolean; patched?: boolean }[];
}

export interface SplitRoots {
  /** Paths (relative to the top level) of generated files and manifests inside the repository. */
  inside: { path: string; deleted: boolean }[];
  /** Roots whose folder belongs to another repository or to none. */
  outside: { name: string; dir: string; changed: boolean }[];
}

/**
 * Sorts the generated files of a build into those that live in the repository at `top` and the
 * roots that live elsewhere. Files ccm only patches (task_metadata.json) count only when this
 * build changed them.
 */
export async function splitByRepo(top: string, roots: readonly DescribedRoot[]): Promise<SplitRoots> {
  const out: SplitRoots = { inside: [], outside: [] };
  for (const r of roots) {
    const name = r.root.kind === 'project' ? r.root.project : 'Auto-Claude backend';
    const repo = await repoOf(r.root.dir);
    if (!repo || repo.top !== top) {
      out.outside.push({ name, dir: r.root.dir, changed: r.files.some((f) => f.action !== 'unchanged') });
      continue;
    }
    for (const f of r.files) {
      if (f.action === 'drifted') continue;
      if (f.patched && f.action !== 'create' && f.action !== 'update') continue;
      // A task worktree is a working tree of its own: its copy of the .env is never the project's to commit.
      if (worktreeOf(f.path)) continue;
      out.inside.push({ path: inRepo(repo.prefix, f.path), deleted: f.action === 'delete' });
    }
    if (existsSync(join(r.root.dir, MANIFEST_PATH))) out.inside.push({ path: inRepo(repo.prefix, MANIFEST_PATH), deleted: false });
  }
  return out;
}

const CHUNK = 200;

/**
 * `git add -A` of the given paths, in the index the commit uses (runGit keeps a hook's GIT_INDEX_FILE
 * for the hook's own working tree).
 * Skips ignored files (files holding secrets must stay out of git) and deleted files git never
 * tracked. Returns the paths it staged.
 */
export async function stagePaths(top: string, paths: readonly { path: string; deleted: boolean }[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const existing = paths.filter((p) => !p.deleted && existsSync(join(top, p.path))).map((p) => p.path);
  const ignored = new Set<string>();
  for (const chunk of chunks(existing)) {
    // check-ignore exits 1 when nothing is ignored
    const input = chunk.map((p) => `${p}\0`).join('');
    for (const p of (await runGit(top, ['check-ignore', '-z', '--stdin'], { okCodes: [1], input })).split('\0')) if (p) ignored.add(p);
  }
  const deleted = paths.filter((p) => p.deleted).map((p) => p.path);
  const tracked = new Set<string>();
  for (const chunk of chunks(deleted)) {
    for (const p of (await runGit(top, ['ls-files', '-z', '--', ...literal(chunk)])).split('\0')) if (p) tracked.add(p);
  }
  const wanted = [...existing.filter((p) => !ignored.has(p)), ...deleted.filter((p) => tracked.has(p))];
  const before = new Set(await changedVsIndex(top, wanted));
  for (const chunk of chunks(wanted)) await runGit(top, ['add', '-A', '--', ...literal(chunk)]);
  return wanted.filter((p) => before.has(p));
}

/** Which of the paths differ between the working tree and the index, or are untracked (not ignored). */
export async function changedVsIndex(top: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const out = new Set<string>();
  for (const chunk of chunks(paths)) {
    for (const p of (await runGit(top, ['diff', '--name-only', '-z', '--no-renames', '--', ...literal(chunk)])).split('\0')) if (p) out.add(p);
    for (const p of (await runGit(top, ['ls-files', '--others', '--exclude-standard', '-z', '--', ...literal(chunk)])).split('\0')) if (p) out.add(p);
  }
  return paths.filter((p) => out.has(p));
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** Pathspecs that match exactly these paths (no globs, no magic). */
function literal(paths: readonly string[]): string[] {
  return paths.map((p) => `:(literal)${p}`);
}
