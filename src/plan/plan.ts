import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { JsonFilePatch, OutputFile, OutputRoot, SpecMetadataPatch } from '../render/types.js';
import { outputDisplayPath } from './display-path.js';
import { planJsonPatch } from './json-patch.js';
import type { DiskFile, RootState } from './disk-state.js';
import { sha256 } from '../core/sha256.js';
import { MANIFEST_PATH, serializeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { isGeneratedLayout } from './layouts.js';
import { holdsEntry, secretEntry, withoutSecretValues } from './secret-entry.js';

export type PlanAction = 'create' | 'update' | 'unchanged' | 'delete' | 'drifted';

export interface PlannedFile {
  path: string;
  action: PlanAction;
  /** New bytes for create/update (and drifted, when forced). */
  content?: Uint8Array;
  /** Bytes on disk before the change, for diffs. */
  before?: Uint8Array;
  secret: boolean;
  /** The output is written with mode 0755 (create/update). */
  executable?: boolean;
  /** The file on disk has an execute bit (known when `before` is). */
  executableBefore?: boolean;
  sources: string[];
  /** task_metadata.json and the app's other JSON files (json-patch.ts): ccm updates some keys of a file it does not own. */
  patched?: boolean;
}

export interface RootPlan {
  root: OutputRoot;
  files: PlannedFile[];
  manifest: Manifest;
  manifestChanged: boolean;
  createDir: boolean;
}

export interface PlanOptions {
  /** Overwrite drifted files and delete drifted orphans. */
  force: boolean;
  /** Secret values of this build, to check that none is left in what a manifest hashes. */
  secretValues: readonly { name: string; value: string }[];
  /**
   * Secret outputs of this root were rendered with `${NAME}` for values that could not be decrypted
   * (`ccm status`, `ccm build --check` without the age key): they are compared with the disk with
   * their secret values left out.
   */
  secretValuesUnknown?: boolean;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * The `plan` stage for one root: compares rendered files with the disk and the manifest. Pure.
 * A file the manifest does not list is never overwritten (unless it already holds exactly the
 * output, which is then adopted) and never deleted.
 */
export function planRoot(
  root: OutputRoot,
  outputs: readonly OutputFile[],
  specPatch: SpecMetadataPatch | undefined,
  state: RootState,
  options: PlanOptions,
  filePatches: readonly JsonFilePatch[] = [],
): { plan: RootPlan; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files: PlannedFile[] = [];
  const next: Manifest = { generator: 'ccm', version: 1, files: {} };
  // Kept as it was: only a build that writes the root records a new commit (see stampBuiltFrom).
  if (state.manifest.builtFrom) next.builtFrom = state.manifest.builtFrom;
  if (state.manifest.builtTree) next.builtTree = state.manifest.builtTree;
  if (state.manifest.builtInputs) next.builtInputs = state.manifest.builtInputs;
  const where = (path: string): { file: string } => ({ file: outputDisplayPath(root, path) });

  if (state.manifestProblem) {
    diagnostics.push(error('OUTPUT_NOT_OWNED', state.manifestProblem, where(MANIFEST_PATH), 'move the file away; ccm will then treat existing outputs as not its own'));
  }
  const seen = new Set<string>();
  for (const out of outputs) {
    if (!isContained(out.path) || state.escapes.has(out.path)) {
      diagnostics.push(error('OUTPUT_PATH_ESCAPES', `output path leaves the ${rootNoun(root)} directory`, where(out.path),
        'output paths must stay inside the target folder; check names and symbolic links on the way'));
      continue;
    }
    if (seen.has(out.path.toLowerCase())) {
      diagnostics.push(error('OUTPUT_CLASH', 'two components produce the same output file', where(out.path), `check the sources: ${out.sources.join(', ')}`));
      continue;
    }
    seen.add(out.path.toLowerCase());
    const executable = out.executable === true;
    const disk = state.files.get(out.path) ?? { kind: 'missing' };
    const owned = state.manifest.files[out.path];
    if (reusedUnchanged(out, disk, owned, executable)) {
      // Rendered the same way before into the bytes the disk still holds: nothing to render, read or hash.
      next.files[out.path] = executable ? { sha256: owned!.sha256, executable: true } : { sha256: owned!.sha256 };
      files.push({ path: out.path, action: 'unchanged', secret: false, executable, sources: out.sources });
      continue;
    }
    const bytes = typeof out.content === 'string' ? enc.encode(out.content) : out.content;
    const entry = entryFor(bytes, out.secret === true, out.secretKeys ?? [], options.secretValues, executable);
    if (!entry) {
      diagnostics.push(error('SECRET_OUTSIDE_ENTRY', 'a secret value would be written outside its own KEY=value line, where ccm cannot keep it out of the manifest\'s hash', where(out.path),
        `write each value only as \`{{key}}={{value}}\` on its own line (check ${out.sources.filter((s) => s.includes('templates/')).join(', ') || 'the template'})`));
      continue;
    }
    next.files[out.path] = entry;
    // A file that held secrets keeps its contents hidden although none is left in the new version.
    const planned: PlannedFile = { path: out.path, action: 'unchanged', secret: out.secret === true || owned?.redacted === true, executable, sources: out.sources };
    files.push(planned);
    if (disk.kind === 'missing') {
      Object.assign(planned, { action: 'create', content: bytes });
      continue;
    }
    if (disk.kind === 'not-a-file') {
      diagnostics.push(error('OUTPUT_NOT_OWNED', `output path is ${disk.what}; ccm writes only regular files`, where(out.path), 'remove or rename it'));
      continue;
    }
    planned.before = disk.bytes;
    planned.executableBefore = disk.executable === true;
    const same = out.secret && options.secretValuesUnknown
      ? withoutSecretValues(dec.decode(disk.bytes), entry.secretKeys ?? []) === withoutSecretValues(dec.decode(bytes), entry.secretKeys ?? [])
      : disk.sha256 !== undefined && !out.secret ? disk.sha256 === entry.sha256 : equalBytes(disk.bytes, bytes);
    // The execute bit is the config's alone: a mode that differs (the source's bit flipped, or a
    // chmod by hand) is set back by an update. No work is lost that way, unlike overwriting edited
    // bytes, so it is never drift.
    const sameMode = (disk.executable === true) === executable;
    if (!owned) {
      if (!same) {
        diagnostics.push(error('OUTPUT_NOT_OWNED', 'a file ccm did not create is in the way of an output', where(out.path),
          'ccm never overwrites files it does not own: move it away (or import it with `ccm import`) and build again'));
      } else if (!sameMode) Object.assign(planned, { action: 'update', content: bytes });
      continue;
    }
    if (same && sameMode) continue;
    if (!same && !holdsDisk(disk, owned)) {
      planned.action = options.force ? 'update' : 'drifted';
      planned.content = bytes;
      if (!options.force) {
        diagnostics.push(error('DRIFTED', 'generated file was edited by hand since ccm wrote it', where(out.path),
          `put the change into its source (${out.sources.filter((s) => !s.includes('templates/')).join(', ') || 'the config repo'}) or run \`ccm build --force\` to overwrite it`));
      }
      continue;
    }
    planned.action = 'update';
    planned.content = bytes;
  }

  for (const [path, owned] of Object.entries(state.manifest.files)) {
    if (next.files[path]) continue;
    if (!isContained(path) || !isGeneratedLayout(root, path)) {
      // Dropped from the next manifest: a file ccm could never have written is not ccm's.
      diagnostics.push(warning('MANIFEST_ENTRY_IGNORED', `the manifest lists ${JSON.stringify(path)}, a path ccm never generates, so ccm leaves that file alone and forgets the entry`,
        where(MANIFEST_PATH), 'nothing to do if the manifest came from an older layout; if someone edited the manifest, review that change'));
      continue;
    }
    if (state.escapes.has(path)) continue;
    const disk: DiskFile = state.files.get(path) ?? { kind: 'missing' };
    if (disk.kind !== 'file') continue;
    if (holdsDisk(disk, owned) || options.force) {
      files.push({ path, action: 'delete', before: disk.bytes, secret: owned.redacted === true, executableBefore: disk.executable === true, sources: [] });
    } else {
      next.files[path] = owned;
      files.push({ path, action: 'drifted', before: disk.bytes, secret: owned.redacted === true, executable: disk.executable === true, executableBefore: disk.executable === true, sources: [] });
      diagnostics.push(warning('DRIFTED', 'no component produces this file any more, but it was edited by hand, so ccm keeps it', where(path),
        'delete it yourself if it is not needed, or run `ccm build --force`'));
    }
  }

  if (specPatch) files.push(...planSpecs(specPatch, state, diagnostics, root));
  files.push(...planFilePatches(filePatches, state, diagnostics, root, options));

  // After a crash, the recovered manifest is only in memory: writing it (and dropping the intent) is a change.
  const manifestChanged = serializeManifest(next) !== serializeManifest(state.manifest) || state.manifestProblem !== undefined || state.recovered === true;
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { plan: { root, files, manifest: next, manifestChanged, createDir: !state.exists }, diagnostics };
}

/** Sets the model-profile keys in each spec's task_metadata.json, keeping every other key and the key order. */
function planSpecs(patch: SpecMetadataPatch, state: RootState, diagnostics: Diagnostic[], root: OutputRoot): PlannedFile[] {
  const out: PlannedFile[] = [];
  if (state.specsLink) {
    diagnostics.push(warning('OUTPUT_PATH_ESCAPES', `${state.specsLink} is a symbolic link, so ccm writes the model profile into no task_metadata.json`, { file: outputDisplayPath(root, state.specsLink) },
      `ccm does not write through links in a project; replace the link by a real folder to have specs follow the project's model profile`));
    return out;
  }
  for (const spec of state.specs) {
    if (patch.specs === 'incomplete' && spec.complete) continue;
    const planned = planJsonPatch({ path: spec.path, current: spec.metadata, set: patch.set, sources: patch.sources }, { file: outputDisplayPath(root, spec.path) }, diagnostics);
    if (planned) out.push(planned);
  }
  return out;
}

/** The app's JSON files of fixed paths ccm sets keys in (JsonFilePatch), by the rule of task_metadata.json. */
function planFilePatches(patches: readonly JsonFilePatch[], state: RootState, diagnostics: Diagnostic[], root: OutputRoot, options: PlanOptions): PlannedFile[] {
  const out: PlannedFile[] = [];
  for (const patch of patches) {
    const disk = state.files.get(patch.path) ?? { kind: 'missing' };
    if (state.escapes.has(patch.path) || disk.kind === 'not-a-file') {
      diagnostics.push(warning('OUTPUT_PATH_ESCAPES', `${patch.path} ${disk.kind === 'not-a-file' ? `is ${disk.what}` : 'lies behind a symbolic link that leads out of the project'}, so ccm sets none of its keys there`,
        { file: outputDisplayPath(root, patch.path) }, 'ccm does not write through links in a project; replace the link by a real folder or file'));
      continue;
    }
    const uncompared = options.secretValuesUnknown ? patch.secretKeys : undefined;
    const input = { path: patch.path, current: disk.kind === 'file' ? disk.bytes : undefined, set: patch.set, sources: patch.sources, secret: patch.secret === true, ...(uncompared ? { uncompared } : {}) };
    const planned = planJsonPatch(input, { file: outputDisplayPath(root, patch.path) }, diagnostics);
    if (planned) out.push(planned);
  }
  return out;
}

/**
 * The manifest entry for bytes ccm writes (or, on import, takes over); undefined for a file
 * holding secrets when a value would be left in what the entry hashes (see secret-entry.ts).
 */
export function entryFor(bytes: Uint8Array, secret: boolean, secretKeys: readonly string[], secrets: PlanOptions['secretValues'], executable = false): ManifestEntry | undefined {
  if (!secret) return executable ? { sha256: sha256(bytes), executable: true } : { sha256: sha256(bytes) };
  return secretEntry(dec.decode(bytes), secretKeys, secrets);
}


/**
 * An output reused from an earlier render of the same fingerprint (render/memo.ts) whose bytes
 * are, by this machine's records, what the disk and the manifest both hold, with the same mode.
 */
function reusedUnchanged(out: OutputFile, disk: DiskFile, owned: ManifestEntry | undefined, executable: boolean): boolean {
  const sha = out.reused?.sha256;
  return sha !== undefined && out.secret !== true && owned !== undefined && !owned.redacted && owned.sha256 === sha
    && disk.kind === 'file' && disk.sha256 === sha && (disk.executable === true) === executable;
}

/** holdsEntry, from the recorded hash when this machine knows the file's bytes by their lstat. */
function holdsDisk(disk: DiskFile & { kind: 'file' }, owned: ManifestEntry): boolean {
  return disk.sha256 !== undefined && !owned.redacted ? disk.sha256 === owned.sha256 : holdsEntry(disk.bytes, owned);
}

function isContained(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.includes('\\') && path.split('/').every((s) => s !== '..' && s !== '' && s !== '.');
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

function rootNoun(root: OutputRoot): string {
  return root.kind === 'project' ? `project "${root.project}"` : 'Auto-Claude backend';
}

