import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { keptStat, type EntryStat } from '../core/entry-stat.js';
import { checkFolders, type FolderCheck } from '../io/no-follow.js';
import { isExecutable } from '../load/read-tree.js';
import { INTENT_PATH, recoverManifest } from './intent.js';
import { MANIFEST_PATH, emptyManifest, parseManifest, type Manifest } from './manifest.js';

/** A file's bytes and whether any execute bit is set (the one part of its mode ccm writes). */
export type DiskFile =
  | { kind: 'missing' }
  /** `sha256`: known without reading (cache/output-records.ts); `bytes` are then read only when asked for. */
  | { kind: 'file'; bytes: Uint8Array; executable?: boolean; sha256?: string }
  | { kind: 'not-a-file'; what: string };

/** The sha256 of a file this machine recorded with exactly this lstat, if any (cache/output-records.ts). */
export type KnownSha = (path: string, info: EntryStat) => string | undefined;

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
  /** A build stopped between its renames: `manifest` is recovered from its intent record (see intent.ts). */
  recovered?: boolean;
  files: Map<string, DiskFile>;
  /** The lstat of each regular file in `files`, taken before its bytes were read. */
  stats: Map<string, EntryStat>;
  /** Paths whose folder chain goes through a symbolic link (or a file), which ccm never follows. */
  escapes: Set<string>;
  specs: SpecFolder[];
  /** `.auto-claude` or `.auto-claude/specs` when it is a symbolic link: ccm then patches no spec. */
  specsLink?: string;
}

/** A root with nothing read yet; as it stands when the folder does not exist. */
export function emptyRootState(dir: string, exists = false): RootState {
  return { dir, exists, manifest: emptyManifest(), files: new Map(), stats: new Map(), escapes: new Set(), specs: [] };
}

/**
 * Reads the state of one root for the given output paths (plus every path its manifest lists).
 * Synchronous on purpose: a no-op build reads thousands of small files, which sync calls do
 * several times faster than promises.
 */
export function readRootState(dir: string, paths: readonly string[], withSpecs: boolean, known?: KnownSha): RootState {
  const exists = isDir(dir);
  const state = emptyRootState(dir, exists);
  if (!exists) return state;
  const ccmFolder = checkFolders(dir, '.ccm');
  const manifestFile: DiskFile = ccmFolder.ok ? readDisk(join(dir, MANIFEST_PATH)) : { kind: 'not-a-file', what: ccmFolder.what };
  if (!ccmFolder.ok) state.manifestProblem = `.ccm is ${ccmFolder.what}, where ccm keeps its manifest`;
  else if (manifestFile.kind === 'not-a-file') state.manifestProblem = `${MANIFEST_PATH} is ${manifestFile.what}`;
  if (manifestFile.kind === 'file') {
    const parsed = parseManifest(new TextDecoder().decode(manifestFile.bytes));
    if (parsed) state.manifest = parsed;
    else state.manifestProblem = `${MANIFEST_PATH} is not a ccm manifest`;
  }
  const intentFile: DiskFile = ccmFolder.ok && checkFolders(dir, dirname(INTENT_PATH)).ok ? readDisk(join(dir, INTENT_PATH)) : { kind: 'missing' };
  const intent = intentFile.kind === 'file' ? parseManifest(new TextDecoder().decode(intentFile.bytes)) : undefined;
  const folders = new Map<string, FolderCheck>();
  for (const p of new Set([...paths, ...Object.keys(state.manifest.files), ...Object.keys(intent?.files ?? {})])) {
    const folder = dirname(p);
    let check = folders.get(folder);
    if (check === undefined) {
      check = checkFolders(dir, folder);
      folders.set(folder, check);
    }
    if (!check.ok) state.escapes.add(p);
    // A folder not there holds no file: a first build into a project looks at each folder once, not at each output.
    else if (check.missing) state.files.set(p, { kind: 'missing' });
    else state.files.set(p, readDisk(join(dir, p), known && ((info) => known(p, info)), (info) => state.stats.set(p, keptStat(info))));
  }
  if (intent && !state.manifestProblem) {
    state.manifest = recoverManifest(state.manifest, intent, state.files);
    state.recovered = true;
  }
  if (withSpecs) {
    state.specsLink = linkedSpecsFolder(dir);
    if (!state.specsLink) state.specs = readSpecs(dir);
  }
  return state;
}

function readDisk(abs: string, known?: (info: Stats) => string | undefined, seen?: (info: Stats) => void): DiskFile {
  try {
    const info = lstatSync(abs, { throwIfNoEntry: false });
    if (!info) return { kind: 'missing' };
    if (info.isSymbolicLink()) return { kind: 'not-a-file', what: 'a symbolic link' };
    if (!info.isFile()) return { kind: 'not-a-file', what: info.isDirectory() ? 'a folder' : 'not a regular file' };
    seen?.(info);
    const executable = isExecutable(info.mode);
    const sha256 = known?.(info);
    if (sha256 === undefined) return { kind: 'file', bytes: readFileSync(abs), executable };
    let bytes: Uint8Array | undefined;
    return {
      kind: 'file',
      executable,
      sha256,
      get bytes(): Uint8Array {
        bytes ??= readFileSync(abs);
        return bytes;
      },
    };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    throw err;
  }
}

function isDir(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

const SPECS_DIR = '.auto-claude/specs';

/**
 * The spec folders are the app's, and a build writes into every one of them: a linked
 * `.auto-claude` or `specs` (which a pull request can commit) would aim those writes at the link's
 * target, so ccm does not walk through one, wherever it leads.
 */
function linkedSpecsFolder(dir: string): string | undefined {
  for (const p of ['.auto-claude', SPECS_DIR]) {
    try {
      if (lstatSync(join(dir, p)).isSymbolicLink()) return p;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function readSpecs(dir: string): SpecFolder[] {
  let entries: string[];
  try {
    entries = readdirSync(join(dir, SPECS_DIR), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
  return entries.map((name) => {
    const folder = join(dir, SPECS_DIR, name);
    const meta = readDisk(join(folder, 'task_metadata.json'));
    const spec: SpecFolder = { path: `${SPECS_DIR}/${name}/task_metadata.json`, complete: isComplete(folder) };
    if (meta.kind === 'file') spec.metadata = meta.bytes;
    return spec;
  });
}

/** A spec is complete when its implementation plan has subtasks and every one is `completed`. */
function isComplete(folder: string): boolean {
  try {
    const plan = JSON.parse(readFileSync(join(folder, 'implementation_plan.json'), 'utf8')) as { phases?: { subtasks?: { status?: string }[] }[] };
    const subtasks = (plan.phases ?? []).flatMap((p) => p.subtasks ?? []);
    return subtasks.length > 0 && subtasks.every((s) => s.status === 'completed');
  } catch {
    return false;
  }
}

/** The manifest at `abs` alone (`ccm adopt`): an empty one when there is none, undefined when the file is not ccm's. */
export function readManifest(abs: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    return emptyManifest();
  }
  return parseManifest(text);
}
