import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { warning, type Diagnostic } from '../diagnostics.js';
import type { OutputFile, OutputRoot } from '../render/types.js';

/**
 * Auto-Claude's task worktrees (runtime notes §8): isolated builds run in a git worktree with the
 * worktree as `project_dir`, so its agents read `<worktree>/.auto-claude/.env`, which Auto-Claude
 * never copies there. ccm writes the project's `.env` into each one, as an output like any other
 * (owned through the project's manifest, pruned when unchanged). Which worktrees exist is a fact of
 * the disk, found at plan time as the spec folders are.
 */

/** Folders holding one worktree per task, the current one and the legacy one (`core/worktree.py`). */
export const WORKTREE_CONTAINERS = ['.auto-claude/worktrees/tasks', '.worktrees'] as const;

/** The project-relative files each worktree gets a copy of. */
export const WORKTREE_COPIES = ['.auto-claude/.env'] as const;

/** `<container>/<name>/<copy>` for a path of a worktree copy, else undefined. */
const COPY_PATH = /^(\.auto-claude\/worktrees\/tasks|\.worktrees)\/([^/]+)\/(\.auto-claude\/\.env)$/;

export interface Worktrees {
  /** Project-relative folder of each worktree, sorted. */
  folders: string[];
  /** Project-relative paths that are symbolic links on the way to a worktree: nothing is written behind them. */
  links: string[];
}

/**
 * The task worktrees of a project: folders of a container that hold `.git` (git writes it when it
 * creates a worktree, so a folder Auto-Claude left half-removed is not one). A container, a worktree
 * folder or its `.auto-claude` that is a symbolic link is never walked or written through: it could
 * point anywhere, and its name comes from the disk, which a pull request can shape.
 */
export function findWorktrees(dir: string): Worktrees {
  const found: Worktrees = { folders: [], links: [] };
  for (const container of WORKTREE_CONTAINERS) {
    const link = linkOnTheWay(dir, container);
    if (link === null) continue;
    if (link) {
      if (!found.links.includes(link)) found.links.push(link);
      continue;
    }
    let entries;
    try {
      entries = readdirSync(join(dir, container), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const folder = `${container}/${entry.name}`;
      if (entry.isSymbolicLink()) found.links.push(folder);
      if (!entry.isDirectory() || !exists(join(dir, folder, '.git'))) continue;
      if (kindOf(join(dir, folder, '.auto-claude')) === 'link') found.links.push(`${folder}/.auto-claude`);
      else found.folders.push(folder);
    }
  }
  found.folders.sort();
  found.links.sort();
  return found;
}

/** The copies of a project's outputs into each worktree (same bytes, same secrets and sources). */
export function worktreeCopies(files: readonly OutputFile[], folders: readonly string[]): OutputFile[] {
  const copies: OutputFile[] = [];
  for (const file of files) {
    if (!(WORKTREE_COPIES as readonly string[]).includes(file.path)) continue;
    for (const folder of folders) copies.push({ ...file, path: `${folder}/${file.path}` });
  }
  return copies;
}

/** The worktree folder of a worktree copy's path (`.auto-claude/worktrees/tasks/001-x`), else undefined. */
export function worktreeOf(path: string): string | undefined {
  const m = COPY_PATH.exec(path);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** True for the paths of worktree copies: what `src/plan/layouts.ts` lets a manifest own. */
export function isWorktreeCopy(path: string): boolean {
  const m = COPY_PATH.exec(path);
  return m !== null && m[2] !== '.' && m[2] !== '..';
}

/**
 * Adds to a project's outputs their copies in its task worktrees (read from the disk now) and
 * returns the warnings for links found on the way. Nothing is read for a project without such outputs.
 */
export function addWorktreeCopies(target: { root: OutputRoot; files: OutputFile[] }): Diagnostic[] {
  if (target.root.kind !== 'project' || !target.files.some((f) => (WORKTREE_COPIES as readonly string[]).includes(f.path))) return [];
  const { folders, links } = findWorktrees(target.root.dir);
  target.files.push(...worktreeCopies(target.files, folders));
  return worktreeLinkDiagnostics(target.root, links);
}

function worktreeLinkDiagnostics(root: OutputRoot, links: readonly string[]): Diagnostic[] {
  return links.map((link) =>
    warning('OUTPUT_PATH_ESCAPES', `${link} is a symbolic link, so ccm writes no .auto-claude/.env behind it`, { file: `${root.dir.replace(/\/$/, '')}/${link}` },
      'ccm does not write through links in a project; a task worktree Auto-Claude creates is a real folder, so remove the link if you made it'),
  );
}

/**
 * undefined when every folder of `rel` is real (or missing from some point on: then there is
 * nothing to walk, null), else the first one that is a symbolic link.
 */
function linkOnTheWay(dir: string, rel: string): string | undefined | null {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    const kind = kindOf(join(dir, sub));
    if (kind === 'missing') return null;
    if (kind === 'link') return sub;
  }
  return undefined;
}

function kindOf(abs: string): 'missing' | 'link' | 'other' {
  try {
    return lstatSync(abs).isSymbolicLink() ? 'link' : 'other';
  } catch {
    return 'missing';
  }
}

function exists(abs: string): boolean {
  return kindOf(abs) !== 'missing';
}
