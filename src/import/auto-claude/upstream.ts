import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSource } from '../model.js';
import { regularFiles } from '../walk.js';

/**
 * The upstream base of the prompts: the text each backend prompt had when it was last imported, and
 * the backend's version then. Committed in the config repo (not in the git-ignored `.ccm/`), so that
 * every teammate's `ccm import auto-claude --upgrade` merges against the same base.
 */
export const UPSTREAM_DIR = 'upstream/auto-claude';
export const UPSTREAM_PROMPTS = `${UPSTREAM_DIR}/prompts`;
export const UPSTREAM_META = `${UPSTREAM_DIR}/upstream.json`;

export interface Upstream {
  /** The backend version recorded with the base; undefined when none was recorded (or it said none). */
  version?: string;
  /** Whether a base was recorded at all. */
  recorded: boolean;
  /** Prompt name (path below prompts/, without .md) → the upstream text. */
  prompts: Map<string, string>;
}

export function readUpstream(root: string): Upstream {
  const prompts = new Map<string, string>();
  let meta: string | undefined;
  try {
    meta = readFileSync(join(root, UPSTREAM_META), 'utf8');
  } catch {
    return { recorded: false, prompts };
  }
  let version: string | undefined;
  try {
    const v = (JSON.parse(meta) as { version?: unknown }).version;
    if (typeof v === 'string') version = v;
  } catch {
    // A broken upstream.json is treated as a base without a version.
  }
  const dir = join(root, UPSTREAM_PROMPTS);
  // Read as the import reads sources: regular files through real folders only.
  for (const rel of regularFiles(dir, [], (abs) => abs, true)) {
    const bytes = rel.endsWith('.md') ? readSource(join(dir, rel), rel, [], root) : undefined;
    if (bytes) prompts.set(rel.slice(0, -3), bytes.toString('utf8'));
  }
  return { ...(version !== undefined ? { version } : {}), recorded: true, prompts };
}

/** The files that record `prompts` (name → text) and `version` as the new base (repo-relative paths), and the old base files to remove. */
export function upstreamFiles(prompts: ReadonlyMap<string, string>, version: string | undefined, old: Upstream): { writes: { path: string; content: string }[]; deletes: string[] } {
  const writes = [...prompts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, text]) => ({ path: `${UPSTREAM_PROMPTS}/${name}.md`, content: text }));
  writes.push({ path: UPSTREAM_META, content: JSON.stringify({ version: version ?? null }, null, 2) + '\n' });
  const deletes = [...old.prompts.keys()].filter((name) => !prompts.has(name)).map((name) => `${UPSTREAM_PROMPTS}/${name}.md`);
  return { writes, deletes };
}
