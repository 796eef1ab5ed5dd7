import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type Compilation } from '../pipeline/compile.js';
import { CONFIG_FILE } from '../core/kinds.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { CcmError, usageError } from '../errors.js';
import { tempFolder } from '../run-environment.js';
import { runGit, spawnGit } from '../git/git.js';
import { repoOf } from '../git/repo.js';
import { secretPlaceholder } from '../secrets/refs.js';
import { compareTargets, type Review } from './compare.js';
import { analyzeRisks, BACKEND_KEY, rootKey, type RiskTarget } from './risks.js';

/** Diagnostics about the disk state of the output folders, which a comparison of renders does not use. */
const DISK_CODES = new Set(['DRIFTED', 'OUTPUT_NOT_OWNED', 'SECRET_IN_TRACKED_FILE', 'SECRET_UNCHECKED']);

/** `ccm diff --base <ref>`, as data: what the CLI prints and puts into --json. */
export interface BaseComparison {
  /** Undefined when the working tree has errors and rendered nothing to compare. */
  review: Review | undefined;
  /** The ref holds no config repo at this place: every generated file counts as new. */
  baseMissing: boolean;
  /** Errors of the config repo at the ref (outputs it could not render count as new). */
  baseErrors: number;
  /** Of the working tree; those about the disk state of the output folders left out (a review compares renders). */
  diagnostics: Diagnostic[];
}

/**
 * Renders the config repo as it is at `ref` and as it is in the working tree, and compares the
 * generated files (not the disk) plus what changes in behaviour.
 */
export async function compareWithBase(root: string, projects: readonly string[], ref: string): Promise<BaseComparison> {
  const base = await materializeBase(root, ref);
  try {
    // Secrets are never decrypted for a review: both sides render every secret as `${NAME}` (and the
    // files holding them are marked secret, so they show no content). The review needs no identity,
    // so it runs in CI, and a rotated secret value is no change.
    const head = await compile(root, { projects, force: false, secrets: secretPlaceholder });
    const diagnostics = head.diagnostics.filter((d) => !DISK_CODES.has(d.code));
    if (hasErrors(diagnostics) && head.targets.length === 0) return { review: undefined, baseMissing: !base.dir, baseErrors: 0, diagnostics };

    let before: RiskTarget[] = [];
    let baseErrors = 0;
    if (base.dir) {
      const old = await compile(base.dir, { projects: [], force: false, secrets: secretPlaceholder });
      baseErrors = old.diagnostics.filter((d) => d.severity === 'error' && !DISK_CODES.has(d.code)).length;
      before = selected(old, projects);
    }
    const after: RiskTarget[] = head.targets;
    const review: Review = { base: { ref, commit: base.commit }, files: compareTargets(before, after), risks: analyzeRisks(before, after) };
    return { review, baseMissing: !base.dir, baseErrors, diagnostics };
  } finally {
    base.cleanup();
  }
}

/** The base side keeps the requested projects (all when none) and the backend. */
function selected(result: Compilation, projects: readonly string[]): RiskTarget[] {
  if (projects.length === 0) return result.targets;
  return result.targets.filter((t) => rootKey(t.root) === BACKEND_KEY || projects.includes(rootKey(t.root)));
}

interface Materialized {
  /** The config repo folder inside the temporary checkout; undefined when `ref` has none. */
  dir: string | undefined;
  commit: string;
  cleanup: () => void;
}

/**
 * Extracts the config repo folder as it is at `ref` (`git archive <commit>:<folder> | tar -x`) into
 * a temporary folder, at the same relative place, so that `../` project paths resolve into the
 * temporary folder too (they are matched by project name, never by directory).
 */
export async function materializeBase(root: string, ref: string): Promise<Materialized> {
  if (ref === '' || ref.startsWith('-')) throw usageError(`"${ref}" is not a git ref`, 'pass a branch, tag or commit, e.g. --base origin/main');
  const repo = await repoOf(root);
  if (!repo) throw new CcmError('NOT_A_GIT_REPO', `${root} is not inside a git repository, so there is no ${ref} to compare with`, { hint: 'run `git init` and commit the config repo first' });
  let commit: string;
  try {
    commit = (await runGit(repo.top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    commit = '';
  }
  if (!/^[0-9a-f]{40,64}$/.test(commit)) {
    throw new CcmError('USAGE', `unknown git ref "${ref}"`, {
      hint: 'in CI, fetch the base branch first (actions/checkout with fetch-depth: 0, or `git fetch origin <branch>`)',
      exitCode: 2,
    });
  }
  const temp = mkdtempSync(join(tempFolder(), 'ccm-base-'));
  const cleanup = (): void => rmSync(temp, { recursive: true, force: true });
  try {
    const dir = repo.prefix ? join(temp, ...repo.prefix.split('/')) : temp;
    try {
      await runGit(repo.top, ['cat-file', '-e', `${commit}:${repo.prefix ? `${repo.prefix}/` : ''}${CONFIG_FILE}`]);
    } catch {
      return { dir: undefined, commit, cleanup };
    }
    mkdirSync(dir, { recursive: true });
    await extract(repo.top, repo.prefix ? `${commit}:${repo.prefix}` : commit, dir);
    return { dir, commit, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}

/** `git archive --format=tar <tree> | tar -x -C <dir>`. */
async function extract(top: string, tree: string, dir: string): Promise<void> {
  const archive = await spawnGit(top, ['archive', '--format=tar', tree]);
  return new Promise((resolve, reject) => {
    const tar = spawn('tar', ['-x', '-f', '-', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    archive.stderr.on('data', (c: Buffer) => (errors += c.toString()));
    tar.stderr.on('data', (c: Buffer) => (errors += c.toString()));
    archive.stdout.pipe(tar.stdin);
    let pending = 2;
    let failed = false;
    const done = (what: string) => (code: number | null) => {
      if (code !== 0 && !failed) {
        failed = true;
        reject(new CcmError('GIT_FAILED', `could not extract ${tree}: ${what} exited with ${code}${errors ? `: ${errors.trim().split('\n')[0]}` : ''}`));
      }
      if (--pending === 0 && !failed) resolve();
    };
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      reject(new CcmError('GIT_FAILED', `could not extract ${tree}: ${err.message}`, { hint: 'ccm needs git and tar on the PATH for --base' }));
    };
    archive.on('error', fail);
    tar.on('error', fail);
    tar.stdin.on('error', () => undefined);
    archive.on('close', done('git archive'));
    tar.on('close', done('tar'));
  });
}
