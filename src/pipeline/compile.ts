import { hasErrors, warning, type Diagnostic } from '../diagnostics.js';
import { loadRepo } from '../load/load-repo.js';
import type { ConfigRepo, RawFile } from '../load/model.js';
import type { TreeListing } from '../load/read-tree.js';
import { validateRepo } from '../validate/validate.js';
import { resolveBackend, resolveProject, unknownProjectError } from '../resolve/resolve.js';
import { createEngine } from '../render/engine.js';
import { renderClaudeCode } from '../render/claude-code/index.js';
import { renderAutoClaudeProject, renderBackend } from '../render/auto-claude/index.js';
import type { JsonFilePatch, OutputFile, RenderedTarget, SecretLookup } from '../render/types.js';
import type { EntryStat } from '../core/entry-stat.js';
import type { OutputRecords } from '../cache/output-records.js';
import { emptyRootState, readRootState, type RootState } from '../plan/disk-state.js';
import { sha256 } from '../core/sha256.js';
import { addWorktreeCopies } from '../plan/worktrees.js';
import { outputSizeDiagnostics } from '../render/limits.js';
import { rootDiagnostics } from './roots.js';
import { rootAccessDiagnostics } from './root-access.js';
import { planRoot, type RootPlan } from '../plan/plan.js';
import type { BuildCache } from './cache.js';
import { checkSecretOutputs } from '../secrets/git-ignore.js';
import { renderedSecretRefs, secretPlaceholder } from '../secrets/refs.js';
import type { SecretSource } from '../secrets/source.js';

export interface CompileOptions {
  /** Project names to build; all when empty. */
  projects: readonly string[];
  force: boolean;
  secrets?: SecretLookup;
  /** Decrypts the secrets each project's render needs, just before it (build and diff pass one). */
  secretSource?: SecretSource;
  /** Kept between builds of one process (`ccm watch`). */
  cache?: BuildCache;
  /**
   * What this machine knows of the outputs from earlier builds (an incremental build: `ccm build`,
   * watch): renders whose fingerprint it has seen are not redone, files whose lstat it recorded not read.
   */
  records?: OutputRecords;
  /**
   * false: render and plan in memory only, as `ccm validate` does: nothing outside the config repo
   * is read (no output folder, no git, no secret decrypted: secrets render as `${NAME}`), so only
   * what the config repo alone decides is reported. Default true.
   */
  disk?: boolean;
  /**
   * Called with every output root once rendering found no error, before the disk state of any root
   * is read: a writing build takes its locks here, so that its plan sees a disk no other build changes.
   */
  beforePlan?: (roots: readonly string[]) => Promise<void>;
  /**
   * The repo to compile instead of the one on disk at `root` (an import compiles the repo as its
   * writes will leave it, before writing any).
   */
  loaded?: LoadedRepo;
  /** What a walk of the config repo just saw (the no-op check's), so the load need not lstat it again. */
  listing?: TreeListing;
}

export type LoadedRepo = Awaited<ReturnType<typeof loadRepo>>;

export type { RenderedTarget } from '../render/types.js';

export interface Compilation {
  repo: ConfigRepo;
  diagnostics: Diagnostic[];
  targets: RenderedTarget[];
  /** Empty when any error stopped the pipeline before planning. */
  plans: RootPlan[];
  /** What the disk held for each plan (same order), as the plan read it. */
  states: RootState[];
  /** Every config file the load read (for the `builtInputs` record). */
  inputs: readonly RawFile[];
}

/** load → validate → resolve → render → plan, for the whole repo or some projects. Writes nothing. */
export async function compile(root: string, options: CompileOptions): Promise<Compilation> {
  const { repo, diagnostics: loadDiagnostics, inputs, verdicts } = options.loaded ?? await loadRepo(root, options.cache?.yaml, undefined, options.listing);
  const disk = options.disk !== false;
  const engine = createEngine(repo.templates);
  const diagnostics = [...loadDiagnostics, ...validateRepo(repo, verdicts)];
  if (hasErrors(diagnostics)) {
    engine.check(diagnostics);
    return { repo, diagnostics, targets: [], plans: [], states: [], inputs };
  }

  const names = options.projects.length ? [...options.projects] : [...repo.projects.keys()].sort();
  const unknown = names.filter((n) => !repo.projects.has(n));
  // Every name is checked before anything renders: one usage error naming all unknown projects.
  if (unknown.length) throw unknownProjectError(repo, unknown);

  // Built-in templates are the cache's ccm identity; an override is its bytes.
  const templateKey = (name: string): string => {
    const override = repo.templates.get(name);
    return override ? `override:${sha256(override.bytes)}` : `builtin:${name}`;
  };
  const targets: RenderedTarget[] = [];
  /** Roots rendered with `${NAME}` for secrets that could not be decrypted (SecretSourceOptions.withoutValues). */
  const uncompared = new Set<RenderedTarget>();
  const usedSecrets = new Map<string, string>();
  const source = options.secrets ?? (disk ? options.secretSource?.lookup : secretPlaceholder);
  const lookup: SecretLookup | undefined = source
    ? (name) => {
        const value = source(name);
        if (value !== undefined) usedSecrets.set(name, value);
        return value;
      }
    : undefined;

  for (const name of names) {
    const resolved = resolveProject(repo, name);
    diagnostics.push(...resolved.diagnostics);
    const project = resolved.project;
    const secretNames = renderedSecretRefs(project);
    if (disk && options.secretSource) diagnostics.push(...(await options.secretSource.prepare(secretNames)));
    const cc = renderClaudeCode(project, engine, disk ? options.records?.memo(project.dir, templateKey) : undefined);
    const ac = renderAutoClaudeProject(project, engine, lookup);
    diagnostics.push(...cc.diagnostics, ...ac.diagnostics);
    const target: RenderedTarget = { root: { kind: 'project', project: name, dir: project.dir }, files: [...cc.files, ...ac.files] };
    if (ac.specPatch) target.specPatch = ac.specPatch;
    if (ac.filePatches.length > 0) target.filePatches = ac.filePatches;
    if (secretNames.some((n) => options.secretSource?.uncompared(n))) uncompared.add(target);
    if (target.files.length === 0 && !target.specPatch && !target.filePatches) {
      diagnostics.push(warning('EMPTY_PROJECT', `project "${name}" produces no files: its profiles and components select nothing to generate`,
        { file: project.file.path, line: 1, col: 1 }, 'add components to its profiles (or its own `components:`), or start from `ccm init --defaults`'));
    }
    targets.push(target);
  }

  const backend = resolveBackend(repo);
  if (backend) {
    const rendered = renderBackend(backend, engine, disk ? options.records?.memo(backend.dir, templateKey) : undefined);
    diagnostics.push(...rendered.diagnostics);
    targets.push({ root: { kind: 'backend', dir: backend.dir }, files: rendered.files });
  } else if (repo.components['auto-claude-prompt'].size > 0) {
    diagnostics.push(warning('AC_BACKEND_MISSING', 'the repo has Auto-Claude prompts but ccm.config.yaml names no backend, so they are not written anywhere',
      { file: 'ccm.config.yaml', line: 1, col: 1 }, 'add `autoClaude: { backendPath: <path to Auto-Claude/apps/backend> }`'));
  }
  // Task worktrees are a fact of the disk: validate (disk: false) knows none.
  if (disk) for (const t of targets) diagnostics.push(...addWorktreeCopies(t));
  // After the renders, which compiled the templates they use: this compiles the others.
  engine.check(diagnostics);
  const placement = rootDiagnostics(repo, targets.map((t) => t.root));
  diagnostics.push(...placement);
  // On the disk only where the roots themselves are sound: a root at `/` is not also "not writable".
  if (!hasErrors(placement)) diagnostics.push(...(await rootAccessDiagnostics(repo, targets)));
  for (const t of targets) diagnostics.push(...outputSizeDiagnostics(t.files));
  // A patched file that receives a secret is held to the same rule as a secret output: git must ignore it.
  if (disk) diagnostics.push(...(await checkSecretOutputs(targets.map((t) => ({ root: t.root, files: [...t.files, ...secretPatchFiles(t.filePatches)] })))));
  if (hasErrors(diagnostics)) return { repo, diagnostics, targets, plans: [], states: [], inputs };
  if (options.beforePlan) await options.beforePlan(targets.map((t) => t.root.dir));

  const secretValues = [...usedSecrets].map(([name, value]) => ({ name, value }));
  const records = options.records;
  const states = targets.map((t) => {
    if (!disk) return emptyRootState(t.root.dir);
    const known = records && ((path: string, info: EntryStat): string | undefined => records.knownSha(t.root.dir, path, info));
    return readRootState(t.root.dir, [...t.files, ...(t.filePatches ?? [])].map((f) => f.path), t.specPatch !== undefined, known);
  });
  const plans: RootPlan[] = [];
  targets.forEach((t, i) => {
    const planned = planRoot(t.root, t.files, t.specPatch, states[i]!, { force: options.force, secretValues, secretValuesUnknown: uncompared.has(t) }, t.filePatches);
    diagnostics.push(...planned.diagnostics);
    plans.push(planned.plan);
  });
  return { repo, diagnostics, targets, plans, states, inputs };
}

/** Patched files holding secrets, as the outputs checkSecretOutputs looks at. */
function secretPatchFiles(patches: readonly JsonFilePatch[] | undefined): OutputFile[] {
  return (patches ?? []).filter((p) => p.secret).map((p) => ({ path: p.path, content: '', sources: p.sources, secret: true }));
}
