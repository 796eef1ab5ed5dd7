import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isLitter } from '../core/litter.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { runGit } from '../git/git.js';
import { repoOf } from '../git/repo.js';

/** How deep the walk outside git looks for CLAUDE.md files (a monorepo's packages/<pkg>/src/… fits). */
export const CLAUDE_MD_DEPTH = 6;

/** Folders whose CLAUDE.md files are not the project's: installed packages, and every dot-folder. */
const SKIPPED_DIR = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

function lstatOf(abs: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(abs);
  } catch {
    return undefined;
  }
}

/**
 * Regular files below `dir` (relative POSIX paths, sorted), never following a symlink: a linked
 * file or folder could lead out of the imported project, so it is reported and left out.
 */
export function regularFiles(dir: string, diagnostics: Diagnostic[], show: (abs: string) => string, recursive: boolean, rel = ''): string[] {
  const abs = join(dir, rel);
  const stat = lstatOf(abs);
  if (stat?.isSymbolicLink()) {
    diagnostics.push(warning('IMPORT_SKIPPED', 'a symlink: ccm imports only regular files, so it is not imported', { file: show(abs) }, 'copy the file or folder it points to into place to import it'));
    return [];
  }
  if (!stat?.isDirectory()) return [];
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (cause) {
    diagnostics.push(error('UNREADABLE_FILE', `cannot read this folder (${(cause as NodeJS.ErrnoException).code ?? String(cause)}); its files are not imported`, { file: show(abs) }));
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (isLitter(entry.name)) continue;
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) {
      diagnostics.push(warning('IMPORT_SKIPPED', 'a symlink: ccm imports only regular files, so it is not imported', { file: show(join(dir, path)) }, 'copy the file or folder it points to into place to import it'));
    } else if (entry.isDirectory()) {
      if (recursive) out.push(...regularFiles(dir, diagnostics, show, recursive, path));
      else out.push(`${path}/`);
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
  return out;
}

/**
 * The subdirectories of a project (relative POSIX paths, sorted) holding a CLAUDE.md, which Claude
 * Code loads when it works there. In a git working tree, the files git tracks or would track
 * (`.gitignore` respected); elsewhere a walk of at most {@link CLAUDE_MD_DEPTH} levels. Either way
 * dot-folders and node_modules are skipped, and only regular files reached without a symlink count.
 */
export async function nestedClaudeMdDirs(dir: string): Promise<string[]> {
  const candidates = (await repoOf(dir)) ? await gitCandidates(dir) : walkCandidates(dir, '', 0);
  const dirs = new Set<string>();
  for (const path of candidates) {
    const segments = path.split('/');
    if (segments.length < 2 || segments[segments.length - 1] !== 'CLAUDE.md') continue;
    const folders = segments.slice(0, -1);
    if (folders.some(SKIPPED_DIR)) continue;
    if (!reachedWithoutSymlink(dir, segments)) continue;
    dirs.add(folders.join('/'));
  }
  return [...dirs].sort();
}

async function gitCandidates(dir: string): Promise<string[]> {
  try {
    const out = await runGit(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*CLAUDE.md']);
    return out.split('\0').filter(Boolean);
  } catch {
    return walkCandidates(dir, '', 0);
  }
}

function walkCandidates(dir: string, rel: string, depth: number): string[] {
  let entries;
  try {
    entries = readdirSync(join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isFile() && entry.name === 'CLAUDE.md') out.push(path);
    else if (entry.isDirectory() && !SKIPPED_DIR(entry.name) && depth < CLAUDE_MD_DEPTH) out.push(...walkCandidates(dir, path, depth + 1));
  }
  return out;
}

/** Every folder on the way is a real folder and the file a regular file (git lists a tracked symlink too). */
function reachedWithoutSymlink(dir: string, segments: readonly string[]): boolean {
  for (let i = 1; i <= segments.length; i++) {
    const stat = lstatOf(join(dir, ...segments.slice(0, i)));
    if (!stat || stat.isSymbolicLink()) return false;
    if (i < segments.length ? !stat.isDirectory() : !stat.isFile()) return false;
  }
  return true;
}
