import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';

interface Check {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

async function doctor(cwd: string, env: Record<string, string | undefined> = {}): Promise<{ code: number; checks: Check[]; stdout: string }> {
  const r = await ccm(['doctor', '--json', '--cwd', cwd], { env: { HOME: tempDir(), XDG_CONFIG_HOME: undefined, CCM_AGE_IDENTITY: undefined, CCM_AGE_KEY_FILE: undefined, ...env } });
  return { code: r.code, checks: (JSON.parse(r.stdout) as { data: { checks: Check[] } }).data.checks, stdout: r.stdout };
}

const find = (checks: Check[], name: string): Check => {
  const c = checks.find((x) => x.check === name);
  if (!c) throw new Error(`no check ${name} in ${checks.map((x) => x.check).join(', ')}`);
  return c;
};

function gitRepo(dir: string, gitignore?: string): void {
  mkdirSync(dir, { recursive: true });
  if (gitignore !== undefined) writeFileSync(join(dir, '.gitignore'), gitignore);
  execFileSync('git', ['init', '-q'], { cwd: dir });
}

describe('ccm doctor', () => {
  it('passes on a healthy setup and names every check', async () => {
    const identity = await generateIdentity();
    const recipient = await identityToRecipient(identity);
    const base = tempDir();
    const config = tempTree({
      'ccm.config.yaml': `version: 1\nsecrets:\n  recipients: [${recipient}]\n`,
      'projects/app.yaml': 'path: ../app\n',
    }, join(base, 'config'));
    gitRepo(join(base, 'app'), '.auto-claude/\n');
    const r = await doctor(config, { CCM_AGE_IDENTITY: identity });
    expect(r.code).toBe(0);
    expect(r.checks.map((c) => c.check)).toEqual(['Node.js', 'git', 'config repo', 'age identity', 'project app', 'app: secret files ignored', 'Auto-Claude backend']);
    expect(r.checks.every((c) => c.status === 'ok'), JSON.stringify(r.checks)).toBe(true);
    expect(r.stdout).not.toContain(identity);
  });

  it('fails with a fix for each broken part', async () => {
    const identity = await generateIdentity();
    const other = await identityToRecipient(await generateIdentity());
    const base = tempDir();
    const config = tempTree({
      'ccm.config.yaml': `version: 1\nsecrets:\n  recipients: [${other}]\nautoClaude:\n  backendPath: ../nowhere\n`,
      'projects/app.yaml': 'path: ../app\n',
      'secrets/TOKEN.age': 'placeholder',
    }, join(base, 'config'));
    gitRepo(join(base, 'app'), '');
    mkdirSync(join(base, 'app/.claude'), { recursive: true });
    writeFileSync(join(base, 'app/.claude/settings.json'), '{"$schema": "https://example.com/settings.json"}');
    const r = await doctor(config, { CCM_AGE_IDENTITY: identity });
    expect(r.code).toBe(1);
    expect(find(r.checks, 'age identity')).toMatchObject({ status: 'fail' });
    expect(find(r.checks, 'age identity').fix).toMatch(/recipients/);
    expect(find(r.checks, 'app: secret files ignored')).toMatchObject({ status: 'fail' });
    expect(find(r.checks, 'app: secret files ignored').fix).toMatch(/\.auto-claude\//);
    expect(find(r.checks, 'app: settings.json $schema')).toMatchObject({ status: 'fail' });
    expect(find(r.checks, 'Auto-Claude backend')).toMatchObject({ status: 'fail' });
    expect(r.stdout).not.toContain(identity);
  });

  it('reports a missing identity as a failure only when the repo has secrets', async () => {
    const clean = tempTree({ 'ccm.config.yaml': 'version: 1\n' });
    expect(find((await doctor(clean)).checks, 'age identity').status).toBe('warn');
    const withSecret = tempTree({ 'ccm.config.yaml': 'version: 1\n', 'secrets/TOKEN.age': 'x' });
    const r = await doctor(withSecret);
    expect(find(r.checks, 'age identity')).toMatchObject({ status: 'fail' });
    expect(r.code).toBe(1);
  });

  it('says so when there is no config repo, and a broken one fails', async () => {
    const r = await doctor(tempDir());
    expect(find(r.checks, 'config repo')).toMatchObject({ status: 'fail' });
    const broken = tempTree({ 'ccm.config.yaml': 'version: 1\n', 'profiles/p.yaml': 'extends: [p]\n' });
    expect(find((await doctor(broken)).checks, 'config repo')).toMatchObject({ status: 'fail', fix: 'run `ccm validate` to see them' });
  });

  it('fails the config repo on what only rendering finds, as validate does (a template override that does not compile)', async () => {
    const broken = tempTree({ 'ccm.config.yaml': 'version: 1\n', 'projects/p.yaml': 'path: out\n', 'templates/claude-code/agent.md.hbs': '{{#if x}}\n' });
    expect(find((await doctor(broken)).checks, 'config repo')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/1 error$/) as unknown });
  });
});
