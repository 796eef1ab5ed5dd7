import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The commit HEAD points at, read from the repository's files the way git resolves it (`.git`
 * folder or `gitdir:` file, `commondir` of a linked worktree, loose refs, then packed-refs), so
 * that a build asks no git process. Undefined outside git, before the first commit, and for any
 * layout it does not recognise: the record it feeds is a hint for `ccm status`, never a decision.
 */
export function readHead(dir: string): string | undefined {
  const gitDir = findGitDir(dir);
  if (!gitDir) return undefined;
  const common = readText(join(gitDir, 'commondir'));
  const commonDir = common === undefined ? gitDir : resolve(gitDir, common.trim());
  let ref = readText(join(gitDir, 'HEAD'))?.trim();
  for (let depth = 0; ref !== undefined && depth < 5; depth++) {
    if (SHA.test(ref)) return ref;
    const name = /^ref: (refs\/[^\s]+)$/.exec(ref)?.[1];
    if (!name || name.split('/').includes('..')) return undefined;
    ref = (readText(join(gitDir, name)) ?? readText(join(commonDir, name)) ?? packedRef(commonDir, name))?.trim();
  }
  return undefined;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function findGitDir(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, '.git');
    const info = statOrUndefined(candidate);
    if (info?.isDirectory()) return candidate;
    if (info?.isFile()) {
      const target = /^gitdir: (.+)$/m.exec(readText(candidate) ?? '')?.[1]?.trim();
      if (!target) return undefined;
      return isAbsolute(target) ? target : resolve(dir, target);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function packedRef(commonDir: string, name: string): string | undefined {
  for (const line of (readText(join(commonDir, 'packed-refs')) ?? '').split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1).trim() === name) return line.slice(0, space);
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
