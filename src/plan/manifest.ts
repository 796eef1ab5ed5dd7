/**
 * What ccm wrote into one output root, kept at `<root>/.ccm/manifest.json`. It is the only test of
 * ownership: a file not listed here is never overwritten or deleted. Commit it with the generated
 * files, so that every teammate's ccm knows which files it owns.
 */
export interface Manifest {
  generator: 'ccm';
  version: 1;
  /**
   * The config repo's HEAD commit when a build last wrote this root. Absent outside git and in
   * manifests of older versions. `ccm status` uses them to tell which config commits are built.
   */
  builtFrom?: string;
  /** Written by older versions (the git tree id of the config folder as built); read, not written. */
  builtTree?: string;
  /** Fingerprint of the config files as built, uncommitted changes included (git/inputs.ts). */
  builtInputs?: string;
  files: Record<string, ManifestEntry>;
}

export interface ManifestEntry {
  /** sha256 of the bytes written; for files holding secrets, of the bytes with the values of `secretKeys` replaced (see secret-entry.ts). */
  sha256: string;
  redacted?: true;
  /** Files holding secrets: the dotenv keys whose values are secret. Names only: nothing about a value. */
  secretKeys?: string[];
  /**
   * Written by older versions (offset, length and name of each value); read, never written: an
   * entry with it and without `secretKeys` is rewritten by the next build, never taken for drift.
   */
  spans?: [number, number, string][];
  /**
   * Written with mode 0755 (a skill's script); absent for every other file, so manifests of
   * versions before modes were recorded read as "not executable", which is what those wrote.
   */
  executable?: true;
}

export const MANIFEST_PATH = '.ccm/manifest.json';

export function emptyManifest(): Manifest {
  return { generator: 'ccm', version: 1, files: {} };
}

/** Parses a manifest; returns undefined when the file is not a ccm manifest at all. */
export function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    if (value.generator !== 'ccm' || value.version !== 1 || typeof value.files !== 'object' || value.files === null) return undefined;
    const manifest: Manifest = { generator: 'ccm', version: 1, files: value.files };
    if (typeof value.builtFrom === 'string' && /^[0-9a-f]{4,64}$/.test(value.builtFrom)) manifest.builtFrom = value.builtFrom;
    if (typeof value.builtTree === 'string' && /^[0-9a-f]{4,64}$/.test(value.builtTree)) manifest.builtTree = value.builtTree;
    if (typeof value.builtInputs === 'string' && /^[0-9a-f]{64}$/.test(value.builtInputs)) manifest.builtInputs = value.builtInputs;
    return manifest;
  } catch {
    return undefined;
  }
}

/** Stable bytes: paths sorted, so the manifest diffs cleanly in review. */
export function serializeManifest(m: Manifest): string {
  const files: Record<string, ManifestEntry> = {};
  for (const path of Object.keys(m.files).sort()) files[path] = m.files[path]!;
  return JSON.stringify({ generator: 'ccm', version: 1, ...(m.builtFrom ? { builtFrom: m.builtFrom } : {}), ...(m.builtTree ? { builtTree: m.builtTree } : {}), ...(m.builtInputs ? { builtInputs: m.builtInputs } : {}), files }, null, 2) + '\n';
}
