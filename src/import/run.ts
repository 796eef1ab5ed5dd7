import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { CcmError } from '../errors.js';
import { findRepoRoot } from '../load/load-repo.js';
import type { Env } from '../secrets/identity.js';
import type { SecretSource } from '../secrets/source.js';
import { importWrites, plannedRecipients } from './encrypt.js';
import { scanAutoClaude } from './auto-claude/scan.js';
import { scanClaude } from './claude/scan.js';
import { countGroups, GROUP_LABEL, GROUPS, type ImportGroup } from './groups.js';
import type { Scan } from './model.js';
import { planImport, readCurrentRepo, type ImportAction, type ImportPlan, type OnClash, type Outcome } from './plan.js';
import { verifyRoundTrip, type RoundTrip } from './verify.js';
import { writeImport } from './write.js';
import { readUpstream, upstreamFiles } from './auto-claude/upstream.js';
import { backendVersion } from './auto-claude/version.js';

/** The questions the wizard asks, behind an interface so that tests can answer them. */
export interface Prompter {
  checkbox(message: string, choices: { name: string; value: string; checked: boolean }[]): Promise<string[]>;
  select(message: string, choices: { name: string; value: string; description?: string }[], defaultValue: string): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
}

export interface ImportRequest {
  source: 'auto-claude' | 'claude';
  path: string;
  projects: readonly string[];
  /** Project name for `import claude` (default: the folder name). */
  name?: string;
  only?: readonly ImportGroup[];
  onClash?: OnClash;
  dryRun: boolean;
}

export interface ImportIo {
  cwd: string;
  env: Env;
  print(line: string): void;
  /** Progress that is not the result (stderr): "waiting for another ccm build…". */
  note(line: string): void;
}

/** What `ccm import` found and did (its --json data); secret values never, their names only. */
export interface ImportData {
  root: string;
  createdRepo: boolean;
  dryRun: boolean;
  /** How many of each kind the source holds. */
  found: Record<string, number>;
  groups: string[];
  onClash: OnClash;
  outcomes: Outcome[];
  /** Files whose round trip (import, then build) was checked, and how many came back byte for byte. */
  roundTrip: { checked: number; exact: number };
  notes: string[];
  /** Imported files ccm reproduces exactly and now owns (relative to the current folder). */
  adopted?: string[];
  addedRecipient?: string;
}

export interface ImportResult {
  data: ImportData;
  diagnostics: Diagnostic[];
  /** The user answered no at the end: nothing written. */
  cancelled?: boolean;
}

/**
 * The import flow: scan the source, show what was found, choose (wizard) or take from flags what
 * to import and how to settle clashes, plan, check the round trip, write unless a dry run, and
 * print a summary. With a prompter it asks; without one it never does.
 */
export async function runImport(request: ImportRequest, io: ImportIo, prompter?: Prompter): Promise<ImportResult> {
  const scan: Scan = request.source === 'auto-claude' ? scanAutoClaude(request.path, request.projects, io.cwd) : await scanClaude(request.path, io.cwd, request.name);
  let root: string;
  try {
    root = findRepoRoot(io.cwd);
  } catch (err) {
    if (!(err instanceof CcmError) || err.code !== 'CONFIG_NOT_FOUND') throw err;
    root = io.cwd;
  }
  const found = countGroups(scan);
  io.print(`Found in ${request.path}:`);
  for (const [group, n] of found) io.print(`  ${pad(group)} ${n}  ${GROUP_LABEL[group]}`);
  if (scan.secrets.length > 0) io.print(`  ${pad('secrets')} ${scan.secrets.length}  secret values (to be encrypted into secrets/*.age)`);
  if (found.size === 0) io.print('  nothing importable');

  let groups: Set<ImportGroup> = new Set(request.only ?? GROUPS);
  if (prompter && found.size > 0) {
    const chosen = await prompter.checkbox('What should be imported?', [...found].map(([g, n]) => ({ name: `${GROUP_LABEL[g]} (${n})`, value: g, checked: groups.has(g) })));
    groups = new Set(chosen as ImportGroup[]);
  }

  const existingSecret = secretReader(root, io.env);
  let onClash: OnClash = request.onClash ?? 'skip';
  const current = readCurrentRepo(root);
  let plan = await planImport(root, current, scan, { groups, onClash, existingSecret });
  const clashes = plan.outcomes.filter((o) => o.action === 'skip');
  if (prompter && clashes.length > 0 && request.onClash === undefined) {
    io.print(`${clashes.length} name clash${clashes.length === 1 ? '' : 'es'} with what the config repo already has:`);
    for (const c of clashes.slice(0, 10)) io.print(`  ${c.group} ${c.name}: ${c.detail ?? 'differs'}`);
    if (clashes.length > 10) io.print(`  … and ${clashes.length - 10} more`);
    onClash = (await prompter.select('On a name clash:', [
      { name: 'skip: keep what the config repo has', value: 'skip' },
      { name: 'rename: import under a new name (<name>-2)', value: 'rename' },
      { name: 'overwrite: replace it with the imported one', value: 'overwrite' },
    ], 'skip')) as OnClash;
    if (onClash !== 'skip') plan = await planImport(root, current, scan, { groups, onClash, existingSecret });
  }

  const roundTrip = await verifyRoundTrip(plan, scan, groups, io.cwd);
  const diagnostics = [...scan.diagnostics, ...plan.diagnostics, ...roundTrip.diagnostics];
  const data: ImportData = {
    root,
    createdRepo: plan.createRepo,
    dryRun: request.dryRun,
    found: Object.fromEntries([...found, ...(scan.secrets.length ? [['secrets', scan.secrets.length] as const] : [])]),
    groups: [...groups],
    onClash,
    outcomes: plan.outcomes,
    roundTrip: { checked: roundTrip.checked, exact: roundTrip.exact },
    notes: scan.notes,
  };
  if (request.source === 'auto-claude' && groups.has('prompts') && scan.backendDir) recordUpstream(plan, scan, scan.backendDir);
  const changes = plan.writes.length + plan.deletes.length + plan.secrets.length;

  if (request.dryRun) {
    summary(io, plan, roundTrip, scan, true);
    if (plan.secrets.length > 0 && plannedRecipients(plan).length === 0) {
      io.print('Secrets need an age recipient: the import adds the public key of your identity (or run `ccm secrets keygen --add-recipient` first).');
    }
    io.print('Dry run: nothing was written.');
    return { data, diagnostics };
  }
  if (prompter && changes > 0) {
    const where = relative(io.cwd, root) || '.';
    if (!(await prompter.confirm(`Write ${changes} file${changes === 1 ? '' : 's'} into ${where}${plan.createRepo ? ' (a new config repo)' : ''}?`, true))) {
      io.print('Nothing was written.');
      return { data, diagnostics, cancelled: true };
    }
  }
  if (changes > 0) {
    const { writes, addedRecipient } = await importWrites(plan, io.env);
    // Under the build locks, as a build writes: a build or watch running meanwhile never sees half an import.
    const adopted = await writeImport({ root, writes, deletes: plan.deletes }, roundTrip.takeovers, {
      lock: { wait: true, note: (line) => io.note(line) },
      secretValues: [...plan.secretValues].map(([name, value]) => ({ name, value })),
      which: 'unlisted',
    });
    if (adopted.length > 0) {
      io.print(`ccm now owns ${adopted.length} imported file${adopted.length === 1 ? '' : 's'} it reproduces (recorded in their .ccm/manifest.json); the next \`ccm build\` rewrites them in its own form.`);
      data.adopted = adopted.map((a) => relative(io.cwd, a) || a);
    }
    if (addedRecipient) {
      io.print(`Added your age public key ${addedRecipient} to secrets.recipients in ccm.config.yaml.`);
      data.addedRecipient = addedRecipient;
    }
  }
  summary(io, plan, roundTrip, scan, false);
  return { data, diagnostics };
}

/**
 * Records the prompts as the backend has them, with its version, as the base of the next
 * `--upgrade` (upstream/auto-claude/); only files that change are written. A prompt the import
 * skipped (the repo's differs) keeps its old base, and the old version stays with it, so that
 * `--upgrade` still merges that upstream change instead of the import losing it.
 */
function recordUpstream(plan: ImportPlan, scan: Scan, backendDir: string): void {
  const old = readUpstream(plan.root);
  const skipped = new Set(plan.outcomes.filter((o) => o.group === 'prompts' && o.action === 'skip' && old.prompts.has(o.name)).map((o) => o.name));
  const prompts = new Map(scan.components.filter((c) => c.kind === 'auto-claude-prompt').map((c) => [c.name, skipped.has(c.name) ? old.prompts.get(c.name)! : c.body ?? '']));
  const files = upstreamFiles(prompts, skipped.size > 0 ? old.version : backendVersion(backendDir), old);
  for (const w of files.writes) {
    let current: string | undefined;
    try {
      current = readFileSync(join(plan.root, ...w.path.split('/')), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== w.content) plan.writes.push(w);
  }
  plan.deletes.push(...files.deletes);
}

function pad(s: string): string {
  return s.padEnd(15);
}

const ORDER: readonly ImportAction[] = ['create', 'update', 'rename', 'unchanged', 'skip'];
const PAST: Readonly<Record<ImportAction, [string, string]>> = {
  create: ['created', 'to create'],
  update: ['updated', 'to update'],
  rename: ['renamed', 'to rename'],
  unchanged: ['unchanged', 'unchanged'],
  skip: ['skipped (clash)', 'to skip (clash)'],
};

function summary(io: ImportIo, plan: ImportPlan, roundTrip: RoundTrip, scan: Scan, dryRun: boolean): void {
  io.print('');
  io.print(`${dryRun ? 'Would import into' : 'Imported into'} ${plan.root}${plan.createRepo ? ' (new config repo, as `ccm init` creates it)' : ''}:`);
  const byGroup = new Map<string, Outcome[]>();
  for (const o of plan.outcomes) byGroup.set(o.group, [...(byGroup.get(o.group) ?? []), o]);
  for (const [group, outcomes] of byGroup) {
    const parts = ORDER.map((a) => [a, outcomes.filter((o) => o.action === a).length] as const).filter(([, n]) => n > 0).map(([a, n]) => `${n} ${PAST[a][dryRun ? 1 : 0]}`);
    io.print(`  ${pad(group)} ${parts.join(', ')}`);
  }
  for (const o of plan.outcomes.filter((x) => x.action === 'rename' || x.action === 'skip')) {
    io.print(`    ${o.group} ${o.name}${o.finalName !== o.name ? ` → ${o.finalName}` : ''}: ${o.detail ?? ''}`);
  }
  if (roundTrip.checked > 0) {
    io.print(`Round trip: \`ccm build\` reproduces ${roundTrip.exact} of ${roundTrip.checked} imported files${roundTrip.exact === roundTrip.checked ? '' : ' (the warnings below say which differ)'}.`);
  }
  if (scan.notes.length > 0) {
    io.print('Notes:');
    for (const n of scan.notes) io.print(`  - ${n}`);
  }
  if (!dryRun) io.print('Next: review the files, then run `ccm validate` and `ccm build` (after moving away hand-written outputs ccm does not own yet, such as .auto-claude/.env).');
}

/** Existing secrets for the clash check, decrypted as a build decrypts them (undefined: cannot tell). */
function secretReader(root: string, env: Env): (name: string) => Promise<string | undefined> {
  let source: Promise<SecretSource> | undefined;
  return async (name) => {
    source ??= import('../secrets/source.js').then((m) => m.repoSecretSource(root, env));
    const secrets = await source;
    await secrets.prepare([name]);
    return secrets.lookup(name);
  };
}
