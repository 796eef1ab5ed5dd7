import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { MANIFEST_PATH, emptyManifest, parseManifest, type Manifest } from './manifest.js';

export type DiskFile = { kind: 'missing' } | { kind: 'file'; bytes: Uint8Array } | { kind: 'not-a-file'; what: string };

export interface SpecFolder {
  /** Path of its task_metadata.json relative to the root. */
  path: string;
  metadata?: Uint8Array;
  complete: boolean;
}

/** What the disk holds for one output root: just the paths the plan needs, read once. */
export interface RootState {
  dir: string;
  exists: boolean;
  manifest: Manifest;
  /** Set when a manifest file exists but is not one ccm can read. */
  manifestProblem?: string;
  files: Map<string, DiskFile>;
  /** Paths whose folder chain leads out of the root through a symbolic link. */
  escapes: Set<string>;
  specs: SpecFolder[];
}

/** Reads the state of one root for the given output paths (plus every path its manifest lists). */
export async function readRootState(dir: string, paths: readonly string[], withSpecs: boolean): Promise<RootState> {
  const exists = await isDir(dir);
  const state: RootState = { dir, exists, manifest: emptyManifest(), files: new Map(), escapes: new Set(), specs: [] };
  if (!exists) return state;
  const realRoot = await realpath(dir);
  const manifestFile = await readDisk(join(dir, MANIFEST_PATH));
  if (manifestFile.kind === 'file') {
    const parsed = parseManifest(new TextDecoder().decode(manifestFile.bytes));
    if (parsed) state.manifest = parsed;
    else state.manifestProblem = `${MANIFEST_PATH} is not a ccm manifest`;
  }
  const all = new Set([...paths, ...Object.keys(state.manifest.files)]);
  await Promise.all(
    [...all].map(async (p) => {
      if (!(await staysInside(realRoot, join(dir, dirname(p))))) {
        state.escapes.add(p);
        return;
      }
      state.files.set(p, await readDisk(join(dir, p)));
    }),
  );
  if (withSpecs) state.specs = await readSpecs(dir);
  return state;
}

async function readDisk(abs: string): Promise<DiskFile> {
  try {
    const info = await lstat(abs);
    if (info.isSymbolicLink()) return { kind: 'not-a-file', what: 'a symbolic link' };
    if (!info.isFile()) return { kind: 'not-a-file', what: info.isDirectory() ? 'a folder' : 'not a regular file' };
    return { kind: 'file', bytes: await readFile(abs) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return { kind: 'missing' };
    throw err;
  }
}

/** True when the deepest existing ancestor of `abs` resolves inside the root (no symlink leads out). */
async function staysInside(realRoot: string, abs: string): Promise<boolean> {
  let probe = abs;
  for (;;) {
    try {
      const real = await realpath(probe);
      return real === realRoot || real.startsWith(realRoot + sep);
    } catch {
      const parent = dirname(probe);
      if (parent === probe) return false;
      probe = parent;
    }
  }
}

async function isDir(abs: string): Promise<boolean> {
  try {
    return (await stat(abs)).isDirectory();
  } catch {
    return false;
  }
}

const SPECS_DIR = '.auto-claude/specs';

async function readSpecs(dir: string): Promise<SpecFolder[]> {
  let entries: string[];
  try {
    entries = (await readdir(join(dir, SPECS_DIR), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
  return Promise.all(
    entries.map(async (name) => {
      const folder = join(dir, SPECS_DIR, name);
      const meta = await readDisk(join(folder, 'task_metadata.json'));
      const spec: SpecFolder = { path: `${SPECS_DIR}/${name}/task_metadata.json`, complete: await isComplete(folder) };
      if (meta.kind === 'file') spec.metadata = meta.bytes;
      return spec;
    }),
  );
}

/** A spec is complete when its implementation plan has subtasks and every one is `completed`. */
async function isComplete(folder: string): Promise<boolean> {
  try {
    const plan = JSON.parse(await readFile(join(folder, 'implementation_plan.json'), 'utf8')) as { phases?: { subtasks?: { status?: string }[] }[] };
    const subtasks = (plan.phases ?? []).flatMap((p) => p.subtasks ?? []);
    return subtasks.length > 0 && subtasks.every((s) => s.status === 'completed');
  } catch {
    return false;
  }
}
