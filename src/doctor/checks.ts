import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_SCHEMA_URL } from '../core/claude-settings.js';
import { hasErrors } from '../diagnostics.js';
import { gitVersion } from '../git/git.js';
import { repoOf } from '../git/repo.js';
import { compile } from '../pipeline/compile.js';
import type { ConfigRepo } from '../load/model.js';
import { resolveBackend, resolveProject } from '../resolve/resolve.js';
import type { OutputFile } from '../render/types.js';
import { checkSecretOutputs } from '../secrets/git-ignore.js';
import { readUpstream, UPSTREAM_META } from '../import/auto-claude/upstream.js';
import { backendVersion } from '../import/auto-claude/version.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
  /** How to fix a warn or fail. */
  fix?: string;
}


type Env = Readonly<Record<string, string | undefined>>;

/**
 * Every check `ccm doctor` runs, in order. Each is independent: one failing never hides the others,
 * and none writes anything.
 */
export async function runChecks(root: string | undefined, env: Env, nodeVersion: string): Promise<CheckResult[]> {
  const results: CheckResult[] = [nodeCheck(nodeVersion), await gitCheck()];
  if (!root) {
    results.push({ check: 'config repo', status: 'fail', detail: 'no ccm.config.yaml here or in any parent folder', fix: 'run `ccm init`, or pass --cwd <config repo>' });
    return results;
  }
  // What `ccm validate` runs, so that doctor calls valid exactly what validate does.
  const { repo, diagnostics: all } = await compile(root, { projects: [], force: false, disk: false });
  const errors = all.filter((d) => d.severity === 'error').length;
  results.push(
    errors === 0
      ? { check: 'config repo', status: 'ok', detail: `${root} is valid` }
      : { check: 'config repo', status: 'fail', detail: `${root}: ${errors} error${errors === 1 ? '' : 's'}`, fix: 'run `ccm validate` to see them' },
  );
  results.push(await identityCheck(root, repo, env));
  if (!hasErrors(all)) {
    results.push(...(await projectChecks(repo)));
    results.push(backendCheck(repo));
    const upstream = upstreamCheck(root, repo);
    if (upstream) results.push(upstream);
  }
  return results;
}

function nodeCheck(version: string): CheckResult {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return ok
    ? { check: 'Node.js', status: 'ok', detail: version }
    : { check: 'Node.js', status: 'fail', detail: `${version} is older than 20.19`, fix: 'install Node.js 20.19 or newer' };
}

async function gitCheck(): Promise<CheckResult> {
  const version = await gitVersion();
  return version
    ? { check: 'git', status: 'ok', detail: version }
    : { check: 'git', status: 'fail', detail: 'git is not on PATH', fix: 'install git; ccm uses it for hooks, status, diff --base and secret checks' };
}

async function identityCheck(root: string, repo: ConfigRepo, env: Env): Promise<CheckResult> {
  const check = 'age identity';
  const { findIdentity } = await import('../secrets/identity.js');
  const { readRecipients } = await import('../secrets/store.js');
  const { recipientOf } = await import('../secrets/crypto.js');
  const found = await findIdentity(env);
  const needed = repo.secrets.size > 0;
  if ('problem' in found) {
    return { check, status: needed ? 'fail' : 'warn', detail: `${found.problem}${needed ? '' : ' (no secrets yet)'}`, fix: found.hint };
  }
  const { recipients, diagnostics } = await readRecipients(root);
  if (diagnostics.length > 0) return { check, status: 'fail', detail: 'secrets.recipients in ccm.config.yaml is invalid', fix: 'run `ccm validate`' };
  const mine = await Promise.all(found.identities.map((i) => recipientOf(i)));
  const match = mine.find((r) => recipients.includes(r));
  if (match) {
    const warn = found.warnings.length > 0;
    return { check, status: warn ? 'warn' : 'ok', detail: `${found.origin} matches recipient ${match.slice(0, 12)}…${warn ? `; ${found.warnings[0]!.message}` : ''}`,
      ...(warn ? { fix: found.warnings[0]!.hint ?? `chmod 600 ${found.origin}` } : {}) };
  }
  return {
    check,
    status: needed ? 'fail' : 'warn',
    detail: `${found.origin} holds ${mine.join(', ')}, which is not among the ${recipients.length} recipient(s) in ccm.config.yaml`,
    fix: 'add your public key to secrets.recipients (`ccm secrets keygen --add-recipient` for a new key), and ask a teammate to run `ccm secrets rotate`',
  };
}

const ENV_OUTPUT: OutputFile = { path: '.auto-claude/.env', content: '', sources: [], secret: true };

async function projectChecks(repo: ConfigRepo): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const name of [...repo.projects.keys()].sort()) {
    const { project } = resolveProject(repo, name);
    if (!project) continue;
    const check = `project ${name}`;
    if (!existsSync(project.dir) || !statSync(project.dir).isDirectory()) {
      out.push({ check, status: 'warn', detail: `${project.dir} does not exist (ccm build would create it)`, fix: `fix \`path\` in projects/${name}.yaml, or clone the project there` });
      continue;
    }
    if (!(await repoOf(project.dir))) {
      out.push({ check, status: 'warn', detail: `${project.dir} is not in a git repository`, fix: 'Auto-Claude needs a git repository with at least one commit: `git init && git commit --allow-empty -m init`' });
    } else {
      out.push({ check, status: 'ok', detail: project.dir });
      if (project.targets.autoClaude) {
        // The same check a build runs before writing decrypted values.
        const problems = await checkSecretOutputs([{ root: { kind: 'project', project: name, dir: project.dir }, files: [ENV_OUTPUT] }]);
        const problem = problems.find((d) => d.severity === 'error');
        out.push(problem
          ? { check: `${name}: secret files ignored`, status: 'fail', detail: `.auto-claude/.env: ${problem.message.replace(/; nothing was written$/, '')}`, fix: problem.hint ?? `add \`.auto-claude/\` to ${join(project.dir, '.gitignore')}` }
          : { check: `${name}: secret files ignored`, status: 'ok', detail: '.auto-claude/.env is ignored by git' });
      }
    }
    const settings = join(project.dir, '.claude/settings.json');
    if (project.targets.claudeCode && existsSync(settings)) out.push(schemaUrlCheck(name, settings));
  }
  return out;
}

function schemaUrlCheck(name: string, path: string): CheckResult {
  const check = `${name}: settings.json $schema`;
  try {
    const value = (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)['$schema'];
    if (value === undefined || value === SETTINGS_SCHEMA_URL) return { check, status: 'ok', detail: String(value ?? '(none)') };
    return { check, status: 'fail', detail: `$schema is ${JSON.stringify(value)}; Claude Code accepts only ${SETTINGS_SCHEMA_URL}`, fix: `set $schema to ${SETTINGS_SCHEMA_URL} (or remove it) in the settings fragment, then run \`ccm build\`` };
  } catch {
    return { check, status: 'fail', detail: `${path} is not valid JSON; Claude Code skips a settings file with errors`, fix: 'run `ccm build --force` to regenerate it' };
  }
}

function backendCheck(repo: ConfigRepo): CheckResult {
  const check = 'Auto-Claude backend';
  const backend = resolveBackend(repo);
  if (!backend) {
    return repo.components['auto-claude-prompt'].size > 0
      ? { check, status: 'warn', detail: 'prompts exist but ccm.config.yaml names no autoClaude.backendPath', fix: 'set autoClaude.backendPath to Auto-Claude/apps/backend' }
      : { check, status: 'ok', detail: 'not configured (no prompts to write)' };
  }
  if (!existsSync(backend.dir)) return { check, status: 'fail', detail: `${backend.dir} does not exist`, fix: 'fix autoClaude.backendPath in ccm.config.yaml' };
  const looksLikeBackend = existsSync(join(backend.dir, 'runners/spec_runner.py')) || existsSync(join(backend.dir, 'agents/tools_pkg/models.py'));
  return looksLikeBackend
    ? { check, status: 'ok', detail: backend.dir }
    : { check, status: 'warn', detail: `${backend.dir} has no runners/spec_runner.py: is it Auto-Claude's apps/backend?`, fix: 'point autoClaude.backendPath at the folder holding prompts/, runners/ and agents/' };
}

/**
 * Whether the backend is still the version whose prompts are the recorded upstream base: after an
 * Auto-Claude update the backend's prompts are new upstream texts that `--upgrade` should merge.
 */
function upstreamCheck(root: string, repo: ConfigRepo): CheckResult | undefined {
  const backend = resolveBackend(repo);
  const upstream = readUpstream(root);
  if (!backend || !existsSync(backend.dir) || !upstream.recorded) return undefined;
  const check = 'Auto-Claude prompts base';
  const version = backendVersion(backend.dir);
  if (version === upstream.version) return { check, status: 'ok', detail: `the backend is ${version ?? '(no version)'}, the version the prompts were last imported from` };
  return {
    check,
    status: 'warn',
    detail: `the backend is ${version ?? '(no version found)'}, but the prompts were last imported from ${upstream.version ?? '(no version)'} (${UPSTREAM_META})`,
    fix: `run \`ccm import auto-claude ${backend.dir} --upgrade\` to merge the new upstream prompts into yours`,
  };
}
