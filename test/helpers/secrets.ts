import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ccm, ccmProcess, PROJECT_ROOT, tempCopy, tempDir, tempTree, type CliRun } from './cli.js';

/** Users with their own age keys, config repos with secrets and the example with a secret, for the secrets tests. */

export const FIXTURES = join(PROJECT_ROOT, 'test/fixtures/age');
export const TEST_RECIPIENT = readFileSync(join(FIXTURES, 'recipient.txt'), 'utf8').trim();
export const GIT_ENV = { GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test Author', GIT_COMMITTER_EMAIL: 't@example.com' };

export function hasAge(): boolean {
  try {
    execFileSync('age', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
}

/** A user with their own HOME (and so their own ~/.config/ccm/age/keys.txt) and temp folder. */
export interface User {
  home: string;
  tmp: string;
  env: Record<string, string | undefined>;
  keyFile: string;
  run(args: readonly string[], options?: { cwd?: string; input?: string; env?: Record<string, string | undefined> }): Promise<CliRun>;
  /** The same in a process of its own (bin/ccm.js), for what needs one: `ccm exec` hands the command ccm's own stdio. */
  runProcess(args: readonly string[], options?: { cwd?: string; input?: string; env?: Record<string, string | undefined> }): CliRun;
}

export function user(): User {
  const home = tempDir('ccm-home-');
  const tmp = tempDir('ccm-tmp-');
  const env: Record<string, string | undefined> = {
    HOME: home,
    XDG_CONFIG_HOME: undefined,
    CCM_AGE_IDENTITY: undefined,
    CCM_AGE_KEY_FILE: undefined,
    EDITOR: undefined,
    VISUAL: undefined,
    TMPDIR: tmp,
    ...GIT_ENV,
  };
  return {
    home,
    tmp,
    env,
    keyFile: join(home, '.config/ccm/age/keys.txt'),
    run: (args, options = {}) => ccm(args, { cwd: options.cwd ?? home, env: { ...env, ...options.env }, input: options.input ?? '' }),
    runProcess: (args, options = {}) => ccmProcess(args, { cwd: options.cwd ?? home, env: { ...env, ...options.env }, input: options.input ?? '' }),
  };
}

export const CONFIG = '# Team config\nversion: 1\n\n# Who can read secrets\nsecrets:\n  recipients: []\n';

/** A fresh config repo and a user whose key is its only recipient. */
export async function repoWithKey(config = CONFIG): Promise<{ root: string; alice: User; publicKey: string }> {
  const root = tempTree({ 'ccm.config.yaml': config });
  const alice = user();
  const r = await alice.run(['secrets', 'keygen', '--add-recipient', '--cwd', root]);
  expect(r.stderr).not.toMatch(/error/);
  expect(r.code).toBe(0);
  return { root, alice, publicKey: r.stdout.trim() };
}

export async function set(u: User, root: string, name: string, value: string): Promise<CliRun> {
  const r = await u.run(['secrets', 'set', name, '--cwd', root], { input: value });
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

/** No temp or partial files anywhere in secrets/. */
export function secretFiles(root: string): string[] {
  return existsSync(join(root, 'secrets')) ? readdirSync(join(root, 'secrets')).sort() : [];
}

/** A temp copy of examples/ with LINEAR_API_KEY set and referenced from projects/web-app.yaml. */
export async function exampleWithSecret(value: string): Promise<{ base: string; config: string; out: string; alice: User; apiKeyLine: number }> {
  const base = tempCopy('examples');
  rmSync(join(base, 'out'), { recursive: true, force: true });
  const config = join(base, 'team-config');
  const alice = user();
  expect((await alice.run(['secrets', 'keygen', '--add-recipient', '--cwd', config])).code).toBe(0);
  await set(alice, config, 'LINEAR_API_KEY', `${value}\n`);
  const project = join(config, 'projects/web-app.yaml');
  const text = readFileSync(project, 'utf8');
  expect(text).toContain('\n    linear:\n');
  const edited = text.replace('\n    linear:\n', '\n    linear:\n      apiKey: {secret: LINEAR_API_KEY}\n');
  writeFileSync(project, edited);
  const apiKeyLine = edited.split('\n').findIndex((l) => l.includes('apiKey: {secret')) + 1;
  return { base, config, out: join(base, 'out'), alice, apiKeyLine };
}

/** Makes a project output folder a git repo that ignores .auto-claude/ (or not). */
export function projectRepo(dir: string, gitignore?: string): void {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  if (gitignore !== undefined) writeFileSync(join(dir, '.gitignore'), gitignore);
}

