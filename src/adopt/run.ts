import { createTwoFilesPatch } from 'diff';
import { compile, type Compilation, type CompileOptions } from '../pipeline/compile.js';
import type { BuildLocks } from '../pipeline/build-locks.js';
import { compileLocked } from '../pipeline/lock.js';
import { error, hasErrors, warning, type Diagnostic } from '../diagnostics.js';
import { CcmError } from '../errors.js';
import { applyPlans } from '../io/apply.js';
import type { FileWrite } from '../io/transaction.js';
import { readRootState } from '../plan/disk-state.js';
import { planTakeover, type Takeover } from '../plan/takeover.js';
import { outputDisplayPath } from '../plan/display-path.js';
import { entryFor, type PlannedFile, type RootPlan } from '../plan/plan.js';
import type { OutputFile, OutputRoot } from '../render/types.js';
import { resolveProject } from '../resolve/resolve.js';
import type { ResolvedProject } from '../resolve/types.js';
import type { Env } from '../secrets/identity.js';
import { repoSecretSource } from '../secrets/source.js';
import { adoptEnv } from './env.js';
import { SecretWrites, type AdoptContext, type FileReport } from './model.js';
import { adoptSettings } from './settings.js';
import { Sharing } from './sharing.js';
import { YamlEdits, type EditedFile } from './yaml-edits.js';

/** The outputs adopt can read back, and the reader of each (the import's readers underneath). */
const ADOPTERS: Readonly<Record<string, (ctx: AdoptContext) => FileReport>> = {
  '.auto-claude/.env': adoptEnv,
  '.claude/settings.json': adoptSettings,
};

/** A task worktree's copy of the project's `.env` (`.auto-claude/worktrees/tasks/<spec>/.auto-claude/.env`) is read like the project's own. */
function adopterFor(path: string): ((ctx: AdoptContext) => FileReport) | undefined {
  return ADOPTERS[path] ?? (path.endsWith('/.auto-claude/.env') ? adoptEnv : undefined);
}

export interface AdoptRequest {
  projects: readonly string[];
  dryRun: boolean;
  yes: boolean;
  wait: boolean;
}

export interface AdoptIo {
  env: Env;
  print(line: string): void;
  note(line: string): void;
  /** Asks on a terminal; absent when there is none. */
  confirm?: (message: string) => Promise<boolean>;
}

/** What `ccm adopt` took back (its --json data): names and diffs of the YAML, never a secret value. */
export interface AdoptData {
  root: string;
  dryRun: boolean;
  files: FileReport[];
  /** Each config file the adoption changes, as a unified diff. */
  changes: { path: string; diff: string }[];
  secrets: { name: string; created: boolean }[];
  written: boolean;
}

export interface AdoptResult {
  data: AdoptData;
  diagnostics: Diagnostic[];
  exitCode?: number;
}

interface Drifted {
  plan: RootPlan;
  file: PlannedFile;
  shown: string;
}

/**
 * `ccm adopt`: every output changed outside ccm (DRIFTED) is read back through the import's readers
 * and turned into edits of the config repo's YAML and secrets, shown as a diff and written on
 * confirmation; the adopted files are then recorded in their manifest as they are on disk, so the
 * next build owns them and writes back only what the YAML has and they lack. Any error writes nothing.
 */
export async function runAdopt(root: string, request: AdoptRequest, io: AdoptIo): Promise<AdoptResult> {
  const options: CompileOptions = { projects: request.projects, force: false, secretSource: repoSecretSource(root, io.env) };
  let result: Compilation;
  let locks: BuildLocks | undefined;
  if (request.dryRun) result = await compile(root, options);
  else {
    let persistCache;
    ({ result, locks, persistCache } = await compileLocked(root, options, { wait: request.wait, note: io.note }));
    persistCache();
  }
  try {
    return await adoptCompiled(root, result, request, io, locks);
  } finally {
    await locks?.release();
  }
}

async function adoptCompiled(root: string, result: Compilation, request: AdoptRequest, io: AdoptIo, locks: BuildLocks | undefined): Promise<AdoptResult> {
  const drifted: Drifted[] = result.plans.flatMap((plan) => plan.files
    .filter((f) => f.action === 'drifted' && f.content !== undefined && f.before !== undefined)
    .map((file) => ({ plan, file, shown: outputDisplayPath(plan.root, file.path) })));
  const driftShown = new Set(drifted.map((d) => d.shown));
  // DRIFTED is what adopt is for; every other error stops it, as it stops a build.
  const diagnostics = result.diagnostics.filter((d) => !(d.code === 'DRIFTED' && d.file !== undefined && driftShown.has(d.file)));
  const data: AdoptData = { root, dryRun: request.dryRun, files: [], changes: [], secrets: [], written: false };
  if (hasErrors(diagnostics)) {
    io.note('Nothing was adopted: fix the errors below first.');
    return { data, diagnostics, exitCode: 1 };
  }
  if (drifted.length === 0) {
    io.print('Nothing to adopt: no generated file was changed outside ccm.');
    return { data, diagnostics };
  }

  const projects = [...result.repo.projects.keys()].map((n) => resolveProject(result.repo, n).project).filter((p): p is ResolvedProject => p !== undefined);
  const edits = new YamlEdits();
  const secrets = new SecretWrites(new Set(result.repo.secrets.keys()));
  const sharing = new Sharing(projects);
  const reports: { report: FileReport; drift: Drifted; output: OutputFile }[] = [];
  for (const drift of drifted) {
    const root = drift.plan.root;
    const output = result.targets.find((t) => t.root.dir === root.dir)?.files.find((f) => f.path === drift.file.path);
    const adopter = adopterFor(drift.file.path);
    if (root.kind === 'backend') {
      diagnostics.push(warning('DRIFTED', 'this prompt in the Auto-Claude backend was changed outside ccm (an Auto-Claude update?); adopt leaves it alone', { file: drift.shown },
        'take new upstream prompts with `ccm import auto-claude <backend> --upgrade` (a three-way merge), or run `ccm build --force` to write yours back'));
      continue;
    }
    const project = projects.find((p) => p.name === root.project);
    if (!adopter || !output || !project) {
      diagnostics.push(error('ADOPT_UNSUPPORTED', `this file was changed outside ccm, and adopt can read back only ${Object.keys(ADOPTERS).join(' and ')}; nothing was adopted`, { file: drift.shown, line: 1, col: 1 },
        `put the change into its source (${drift.file.sources.filter((s) => !s.includes('templates/')).join(', ') || 'the config repo'}) by hand, or run \`ccm build --force\` to overwrite it`));
      continue;
    }
    const ctx: AdoptContext = { repo: result.repo, project, output, disk: drift.file.before!, shown: drift.shown, sharing, edits, secrets, diagnostics };
    reports.push({ report: adopter(ctx), drift, output });
  }

  const changed = edits.files();
  const secretNames = [...secrets.values.keys()].sort();
  data.files = reports.map((r) => r.report);
  data.changes = changed.map((c) => ({ path: c.path, diff: patch(c) }));
  data.secrets = secretNames.map((name) => ({ name, created: secrets.created.has(name) }));
  for (const { report } of reports) printReport(io, report);
  for (const c of changed) io.print(patch(c).trimEnd());
  for (const name of secretNames) io.print(`secrets/${name}.age: ${secrets.created.has(name) ? 'new secret' : 'new value'} (encrypted; the value is not shown)`);
  if (hasErrors(diagnostics)) {
    io.note('Nothing was adopted: the errors below say which change cannot be taken back, and how to go on.');
    return { data, diagnostics, exitCode: 1 };
  }
  if (reports.length === 0) return { data, diagnostics };
  if (request.dryRun) {
    io.print('Dry run: nothing was written.');
    return { data, diagnostics };
  }
  if (!request.yes) {
    if (!io.confirm) {
      throw new CcmError('NEEDS_CONFIRMATION', 'ccm adopt writes into the config repo and asks first, but there is no terminal to ask on; nothing was written',
        { hint: 'review the change above, then run `ccm adopt --yes` (or `--dry-run` to only look)', exitCode: 2 });
    }
    if (!(await io.confirm(`Write ${changed.length + secretNames.length} file(s) into the config repo and take ownership of ${reports.length} generated file(s)?`))) {
      io.print('Nothing was written.');
      return { data, diagnostics, exitCode: 1 };
    }
  }
  locks?.assertHeld();
  await writeAdopted(root, changed, secrets, reports);
  data.written = true;
  io.print(`Adopted ${reports.length} file(s): the YAML holds their changes now, and \`ccm build\` writes back only what they lost.`);
  return { data, diagnostics };
}

/**
 * The YAML edits, the encrypted secrets and each root's manifest with the adopted files recorded as
 * they are on disk, in one transaction through the build's apply (io/apply.ts): the next build finds
 * them unchanged since "ccm wrote them" and so may rewrite them, which restores the keys they lost.
 */
async function writeAdopted(root: string, changed: readonly EditedFile[], secrets: SecretWrites, reports: readonly { report: FileReport; drift: Drifted; output: OutputFile }[]): Promise<void> {
  const writes: FileWrite[] = changed.map((c) => ({ path: c.path, content: c.after }));
  if (secrets.values.size > 0) {
    const { requireRecipients, secretRelPath } = await import('../secrets/store.js');
    const { encryptValue } = await import('../secrets/crypto.js');
    const { recipients, diagnostics } = await requireRecipients(root);
    if (diagnostics.length > 0) throw new CcmError('SECRET', 'secrets.recipients in ccm.config.yaml is invalid, so the adopted secrets cannot be encrypted; nothing was written', { hint: 'run `ccm validate`' });
    for (const [name, value] of secrets.values) writes.push({ path: secretRelPath(name), content: await encryptValue(value, recipients) });
  }
  const values = [...secrets.values].map(([name, value]) => ({ name, value }));
  const takeovers = new Map<string, { root: OutputRoot; files: (Takeover & { shown: string })[] }>();
  for (const { report, drift, output } of reports) {
    const secretKeys = [...new Set([...(output.secretKeys ?? []), ...report.secretKeys])].sort();
    const secret = output.secret === true || secretKeys.length > 0;
    if (!entryFor(drift.file.before!, secret, secretKeys, values, drift.file.executableBefore === true)) {
      throw new CcmError('SECRET', `${drift.shown} holds a secret value outside its own KEY=value line, so ccm cannot record it without revealing the value; nothing was written`, { hint: 'run `ccm build --force` to write the file in ccm\'s form' });
    }
    const root = drift.plan.root;
    const entry = takeovers.get(root.dir) ?? { root, files: [] };
    entry.files.push({ path: drift.file.path, secret, secretKeys, bytes: drift.file.before!, shown: drift.shown });
    takeovers.set(root.dir, entry);
  }
  const plans: RootPlan[] = [];
  for (const t of takeovers.values()) {
    const { plan, taken } = planTakeover(t.root, readRootState(t.root.dir, t.files.map((f) => f.path), false), t.files, values, 'listed');
    const moved = t.files.find((f) => !taken.includes(f.path));
    if (moved) throw new CcmError('IO', `${moved.shown} changed on disk while ccm adopt ran; nothing was written`, { hint: 'run `ccm adopt` again' });
    if (plan.manifestChanged) plans.push(plan);
  }
  await applyPlans(plans, [{ root, writes, deletes: [] }]);
}

function printReport(io: AdoptIo, r: FileReport): void {
  io.print(`${r.project} ${r.path}:`);
  for (const t of r.taken) io.print(`  taken    ${t.key} → ${t.into}`);
  for (const k of r.dropped) io.print(`  dropped  ${k} (kept in the YAML: the next build writes it back)`);
  for (const k of r.ignored) io.print(`  ignored  ${k} (new, but empty)`);
  if (r.taken.length === 0) io.print('  no value to take (the file is only formatted differently, or lost keys)');
}

function patch(c: EditedFile): string {
  return createTwoFilesPatch(`a/${c.path}`, `b/${c.path}`, c.before, c.after, '', '', { context: 3 }).split('\n').slice(1).join('\n');
}
