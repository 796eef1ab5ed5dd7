import { createHash } from 'node:crypto';

/**
 * What ccm wrote into one output root, kept at `<root>/.ccm/manifest.json`. It is the only test of
 * ownership: a file not listed here is never overwritten or deleted. Commit it with the generated
 * files, so that every teammate's ccm knows which files it owns.
 */
export interface Manifest {
  generator: 'ccm';
  version: 1;
  files: Record<string, ManifestEntry>;
}

export interface ManifestEntry {
  /** sha256 of the bytes written; for files holding secrets, of the bytes with each secret value replaced by its name. */
  sha256: string;
  redacted?: true;
  /**
   * Redacted files: where each secret value sat in the bytes written, as `[offset, length, NAME]`
   * (UTF-16 offsets, in order), so that a file written with an earlier value of a secret is still
   * recognised as ccm's own after the value changes. Lengths of values are all it reveals.
   */
  spans?: [number, number, string][];
}

export const MANIFEST_PATH = '.ccm/manifest.json';

export function emptyManifest(): Manifest {
  return { generator: 'ccm', version: 1, files: {} };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Parses a manifest; returns undefined when the file is not a ccm manifest at all. */
export function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    if (value.generator !== 'ccm' || value.version !== 1 || typeof value.files !== 'object' || value.files === null) return undefined;
    return { generator: 'ccm', version: 1, files: value.files };
  } catch {
    return undefined;
  }
}

/** Stable bytes: paths sorted, so the manifest diffs cleanly in review. */
export function serializeManifest(m: Manifest): string {
  const files: Record<string, ManifestEntry> = {};
  for (const path of Object.keys(m.files).sort()) files[path] = m.files[path]!;
  return JSON.stringify({ generator: 'ccm', version: 1, files }, null, 2) + '\n';
}
