import { createHash } from 'node:crypto';
import { isLitter } from '../core/litter.js';
import { CONFIG_FILE, READ_ROOTS } from '../core/kinds.js';
import { runGit } from './git.js';

/** A file the build read from the config repo, as git would store it. */
export interface InputFile {
  /** POSIX path relative to the config repo. */
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly executable?: boolean;
  /** sha256 of the bytes when the load knows it without reading them (the parse cache's stat fast path). */
  readonly sha256?: string;
}

/** Git blob ids by content sha256, remembered so that a file known by its stat need not be read for its blob id. */
export type BlobIds = Map<string, string>;

/**
 * The fingerprint of the config a build read (`builtInputs` in a manifest): every file ccm reads
 * by path, git mode and git blob id, so `ccm status` can compute the same value for any commit
 * from `git ls-tree` alone, and find the commit that holds exactly what was built, without the
 * build itself asking git anything.
 */
export function inputsFingerprint(files: readonly InputFile[], known: BlobIds = new Map()): string {
  return fingerprintOf(inputEntries(files, known));
}

/** A config file as git would list it: what `builtInputs` is the fingerprint of. */
export interface InputEntry {
  path: string;
  mode: string;
  blob: string;
}

export function inputEntries(files: readonly InputFile[], known: BlobIds = new Map()): InputEntry[] {
  return files.map((f) => ({ path: f.path, mode: f.executable ? '100755' : '100644', blob: blobOf(f, known) }));
}

/** Blob ids of files read from disk, by the object: a long-running process (`ccm watch`) keeps unchanged files' objects between loads. */
const readBlobs = new WeakMap<InputFile, string>();

function blobOf(file: InputFile, known: BlobIds): string {
  // A file read this time is hashed once anyway; one the load knew by its stat is looked up.
  if (file.sha256 === undefined) {
    let blob = readBlobs.get(file);
    if (blob === undefined) readBlobs.set(file, blob = blobId(file.bytes));
    return blob;
  }
  let blob = known.get(file.sha256);
  if (blob === undefined) {
    blob = blobId(file.bytes);
    known.set(file.sha256, blob);
  }
  return blob;
}

/** `builtInputs` of the config folder (`prefix` inside the working tree `top`) at a commit; undefined when git cannot say. */
export async function inputsAt(top: string, commit: string, prefix: string): Promise<string | undefined> {
  const base = prefix ? `${prefix}/` : '';
  let raw: string;
  try {
    raw = await runGit(top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...[CONFIG_FILE, ...READ_ROOTS].map((p) => `:(literal)${base}${p}`)]);
  } catch {
    return undefined;
  }
  const entries: InputEntry[] = [];
  for (const line of raw.split('\0')) {
    const m = /^(\d{6}) blob ([0-9a-f]+)\t(.+)$/s.exec(line);
    if (!m || !m[3]!.startsWith(base)) continue;
    const path = m[3]!.slice(base.length);
    // The build passes over litter (a committed .DS_Store) and nested repositories; so does this.
    if (path.split('/').some(isLitter)) continue;
    entries.push({ path, mode: m[1]!, blob: m[2]! });
  }
  return fingerprintOf(entries);
}

export function fingerprintOf(entries: readonly InputEntry[]): string {
  return fingerprintOfLines(fingerprintLines(entries));
}

/** What the fingerprint hashes: one `<mode> <blob> <path>` line per file, by path (each path starts at column 48). */
export function fingerprintLines(entries: readonly InputEntry[]): string[] {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((e) => `${e.mode} ${e.blob} ${e.path}`);
}

export function fingerprintOfLines(lines: readonly string[]): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/** git's blob id: sha1 of `blob <size>\0` and the bytes. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
