import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envValues } from '../../src/import/auto-claude/dotenv.js';
import { decryptValue, generateKeyPair } from '../../src/secrets/crypto.js';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { readTreeFiles } from '../helpers/tree.js';
import { ALL_PROMPTS, autoClaudeInstallation, SECRET_VALUES } from '../fixtures/import/auto-claude.js';
import { claudeProject } from '../fixtures/import/claude-project.js';

const JSON_FILES = new Set(['.claude/settings.json', '.mcp.json']);

/** Moves `dir` aside and leaves an empty folder in its place; returns the original's new path. */
function emptyInPlace(dir: string): string {
  const original = `${dir}.orig`;
  renameSync(dir, original);
  mkdirSync(dir);
  return original;
}

/** Every imported file of `original` must come back from the build in `built`: bytes, or the same JSON value. */
function expectReproduced(original: string, built: string, files: readonly string[]): void {
  for (const path of files) {
    const a = readFileSync(join(original, path));
    const b = readFileSync(join(built, path));
    if (JSON_FILES.has(path)) {
      const av = JSON.parse(a.toString('utf8')) as Record<string, unknown>;
      const bv = JSON.parse(b.toString('utf8')) as Record<string, unknown>;
      if (!('$schema' in av)) delete bv['$schema'];
      expect(sortKeys(bv), path).toEqual(sortKeys(av));
    } else {
      expect(b.equals(a), `${path} differs`).toBe(true);
    }
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

describe('ccm import claude', () => {
  it('imports every construct, and ccm build into an empty folder gives the files back', async () => {
    const base = tempDir();
    const project = tempTree(claudeProject(), join(base, 'shop'));
    const repo = join(base, 'config');
    mkdirSync(repo);
    const r = await ccm(['import', 'claude', '../shop'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}subagents +3 +subagents$/m);
    expect(r.stdout).toMatch(/^ {2}commands +3 /m);
    expect(r.stdout).toMatch(/^ {2}mcp-servers +5 /m);
    expect(r.stdout).toMatch(/Round trip: `ccm build` reproduces 13 of 13 imported files\./);
    expect((await ccm(['validate'], { cwd: repo })).code).toBe(0);

    const original = emptyInPlace(project);
    const build = await ccm(['build'], { cwd: repo });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    // .ccm/manifest.json: the import took over the files it reproduces (see the auto-claude test).
    const imported = [...readTreeFiles(original).keys()].filter((p) => p !== '.claude/settings.local.json' && !p.startsWith('.ccm/'));
    expect(imported).toHaveLength(13);
    expectReproduced(original, project, imported);
    expect([...readTreeFiles(project).keys()].filter((p) => !p.startsWith('.ccm/')).sort()).toEqual(imported.sort());

    // The YAML says what the files say: the subagent in ccm's own formatting needs no frontmatterText.
    expect(readFileSync(join(repo, 'components/subagents/planner.yaml'), 'utf8')).not.toMatch(/frontmatterText/);
    expect(readFileSync(join(repo, 'components/subagents/code-reviewer.yaml'), 'utf8')).toMatch(/frontmatterText: \|/);
    // Every key in place, as in settings.json ($schema included); nothing under `extra`.
    const fragment = readFileSync(join(repo, 'components/settings/shop.yaml'), 'utf8');
    expect(fragment).toMatch(/^spinnerTipsEnabled: false$/m);
    expect(fragment).toMatch(/^\$schema: https:\/\/json\.schemastore\.org\/claude-code-settings\.json$/m);
    expect(fragment).not.toMatch(/^extra:/m);
    expect(readFileSync(join(repo, 'projects/shop.yaml'), 'utf8')).toMatch(/^path: \.\.\/shop$/m);
  });

  it('changes nothing on a second import of the same folder', async () => {
    const base = tempDir();
    tempTree(claudeProject(), join(base, 'shop'));
    const repo = join(base, 'config');
    mkdirSync(repo);
    expect((await ccm(['import', 'claude', '../shop', '--yes'], { cwd: repo })).code).toBe(0);
    const before = readTreeFiles(repo);
    const again = await ccm(['import', 'claude', '../shop', '--yes'], { cwd: repo });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^ {2}subagents +3 unchanged$/m);
    expect(readTreeFiles(repo)).toEqual(before);
  });

  it('--dry-run prints the summary and writes nothing; --json gives counts per kind', async () => {
    const base = tempDir();
    tempTree(claudeProject(), join(base, 'shop'));
    const repo = join(base, 'config');
    mkdirSync(repo);
    const dry = await ccm(['import', 'claude', '../shop', '--dry-run'], { cwd: repo });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Would import into .*\n {2}subagents +3 to create/);
    expect(dry.stdout).toMatch(/Dry run: nothing was written\./);
    expect(readTreeFiles(repo).size).toBe(0);
    const json = await ccm(['import', 'claude', '../shop', '--dry-run', '--json', '--only', 'skills,projects'], { cwd: repo });
    const envelope = JSON.parse(json.stdout) as { ok: boolean; data: { found: Record<string, number>; groups: string[]; roundTrip: unknown } };
    expect(envelope.ok).toBe(true);
    expect(envelope.data.found).toEqual({ subagents: 3, commands: 3, skills: 1, 'mcp-servers': 5, hooks: 1, settings: 1, 'claude-md': 1, projects: 1 });
    expect(envelope.data.groups).toEqual(['skills', 'projects']);
    expect(envelope.data.roundTrip).toEqual({ checked: 4, exact: 4 });
  });

  it('reports a settings.json that is not JSON at file:line:col and imports the rest', async () => {
    const base = tempDir();
    const files = claudeProject();
    files['.claude/settings.json'] = '{\n  "model": "sonnet",\n  "env": { "A": "1", }\n}\n';
    tempTree(files, join(base, 'shop'));
    const r = await ccm(['import', 'claude', 'shop', '--yes'], { cwd: base });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^shop\/\.claude\/settings\.json:3:22: error IMPORT_SYNTAX: not valid JSON: a trailing comma before \}; this file is not imported$/m);
    expect(readFileSync(join(base, 'components/subagents/planner.yaml'), 'utf8')).toMatch(/name: planner/);
  });

  it('says what it expected when the folder has no Claude Code configuration', async () => {
    const dir = tempTree({ 'README.md': '# nothing\n' });
    const r = await ccm(['import', 'claude', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no Claude Code configuration: expected \.claude\/, \.mcp\.json or CLAUDE\.md in it/);
  });
});

describe('ccm import auto-claude', () => {
  async function identity(): Promise<{ identity: string; recipient: string }> {
    return generateKeyPair();
  }

  it('imports prompts, agent configs, model profiles and projects; build reproduces them; secrets are encrypted', async () => {
    const { identity: key, recipient } = await identity();
    const env = { CCM_AGE_IDENTITY: key };
    const base = tempTree(autoClaudeInstallation());
    const repo = join(base, 'config');
    mkdirSync(repo);
    const r = await ccm(['import', 'auto-claude', '../Auto-Claude/apps/backend', '--project', '../projects/web-app', '--project', '../projects/orders-api', '--yes'], { cwd: repo, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}prompts +48 +Auto-Claude prompts$/m);
    expect(r.stdout).toMatch(/^ {2}agent-configs +24 /m);
    expect(r.stdout).toMatch(/^ {2}model-profiles +5 /m);
    expect(r.stdout).toMatch(/^ {2}secrets +6 /m);
    expect(r.stdout).toContain(`Added your age public key ${recipient} to secrets.recipients`);
    expect(r.stdout).toMatch(/Round trip: `ccm build` reproduces 51 of 51 imported files\./);

    // Secrets: one age file each, values nowhere in the repo's text, decryptable with the identity.
    const repoFiles = readTreeFiles(repo);
    const secretFiles = [...repoFiles.keys()].filter((p) => p.endsWith('.age')).sort();
    expect(secretFiles).toEqual(['CLAUDE_CODE_OAUTH_TOKEN', 'DOCS_API_AUTHORIZATION', 'GITHUB_TOKEN', 'LINEAR_API_KEY', 'LINEAR_API_KEY_ORDERS_API', 'OPENAI_API_KEY'].map((n) => `secrets/${n}.age`));
    for (const [path, bytes] of repoFiles) {
      for (const value of Object.values(SECRET_VALUES)) expect(bytes.includes(Buffer.from(value)), `${path} holds a secret value`).toBe(false);
    }
    expect(await decryptValue(repoFiles.get('secrets/LINEAR_API_KEY_ORDERS_API.age')!, [key])).toBe(SECRET_VALUES.apiLinear);
    expect(await decryptValue(repoFiles.get('secrets/DOCS_API_AUTHORIZATION.age')!, [key])).toBe(SECRET_VALUES.docsHeader);
    expect(readFileSync(join(repo, 'projects/web-app.yaml'), 'utf8')).toMatch(/apiKey:\n {8}secret: LINEAR_API_KEY\n/);
    expect((await ccm(['validate'], { cwd: repo, env })).code).toBe(0);

    // Build into empty copies of the backend and the projects.
    const backend = join(base, 'Auto-Claude/apps/backend');
    const originalBackend = emptyInPlace(backend);
    const web = join(base, 'projects/web-app');
    const api = join(base, 'projects/orders-api');
    const originalWeb = emptyInPlace(web);
    const originalApi = emptyInPlace(api);
    const build = await ccm(['build'], { cwd: repo, env });
    expect(build.stderr).not.toMatch(/ error /);
    expect(build.code).toBe(0);
    expect(ALL_PROMPTS).toHaveLength(48);
    expectReproduced(originalBackend, backend, ALL_PROMPTS.map((p) => `prompts/${p}.md`));
    expectReproduced(originalWeb, web, ['CLAUDE.md']);
    for (const [original, built] of [[originalWeb, web], [originalApi, api]] as const) {
      const before = envValues(readFileSync(join(original, '.auto-claude/.env'), 'utf8'));
      const after = envValues(readFileSync(join(built, '.auto-claude/.env'), 'utf8'));
      const custom = (m: Map<string, string>): unknown => (m.has('CUSTOM_MCP_SERVERS') ? sortKeys(JSON.parse(m.get('CUSTOM_MCP_SERVERS')!)) : undefined);
      expect(custom(after)).toEqual(custom(before));
      const list = (v: string | undefined): string => (v ?? '').split(',').filter(Boolean).sort().join(',');
      const plain = (m: Map<string, string>): Record<string, string> =>
        Object.fromEntries([...m].filter(([k]) => k !== 'CUSTOM_MCP_SERVERS').map(([k, v]) => [k, k.startsWith('AGENT_MCP_') ? list(v) : v]));
      expect(plain(after)).toEqual(plain(before));
    }
    // Everything the build wrote into the projects was imported from there.
    expect([...readTreeFiles(web).keys()].filter((p) => !p.startsWith('.ccm/')).sort()).toEqual(['.auto-claude/.env', 'CLAUDE.md']);
  });

  it('takes over the files it reproduces, so a build in place right after the import succeeds', async () => {
    const { identity: key } = await identity();
    const env = { CCM_AGE_IDENTITY: key };
    const base = tempTree(autoClaudeInstallation());
    const repo = join(base, 'config');
    mkdirSync(repo);
    const envFile = join(base, 'projects/web-app/.auto-claude/.env');
    const sorted = (m: Map<string, string>): Map<string, string> =>
      new Map([...m].map(([k, v]) => [k, k.startsWith('AGENT_MCP_') ? v.split(',').sort().join(',') : v]));
    const before = sorted(envValues(readFileSync(envFile, 'utf8')));
    const r = await ccm(['import', 'auto-claude', '../Auto-Claude/apps/backend', '--project', '../projects/web-app', '--project', '../projects/orders-api', '--yes'], { cwd: repo, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ccm now owns \d+ imported files/);
    const manifest = readFileSync(join(base, 'projects/web-app/.ccm/manifest.json'), 'utf8');
    for (const value of Object.values(SECRET_VALUES)) expect(manifest).not.toContain(value);

    const build = await ccm(['build'], { cwd: repo, env });
    expect(build.stderr).not.toMatch(/ error /);
    expect(build.code).toBe(0);
    expect(sorted(envValues(readFileSync(envFile, 'utf8')))).toEqual(before);
    const again = await ccm(['build', '--check'], { cwd: repo, env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('changes nothing on a second import, with or without the age identity', async () => {
    const { identity: key } = await identity();
    const base = tempTree(autoClaudeInstallation());
    const repo = join(base, 'config');
    mkdirSync(repo);
    const args = ['import', 'auto-claude', '../Auto-Claude/apps/backend', '--project', '../projects/web-app', '--project', '../projects/orders-api', '--yes'];
    expect((await ccm(args, { cwd: repo, env: { CCM_AGE_IDENTITY: key } })).code).toBe(0);
    const before = readTreeFiles(repo);
    const again = await ccm(args, { cwd: repo, env: { CCM_AGE_IDENTITY: key } });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^ {2}secrets +6 unchanged$/m);
    expect(readTreeFiles(repo)).toEqual(before);
    const blind = await ccm(args, { cwd: repo, env: { CCM_AGE_IDENTITY: undefined, CCM_AGE_KEY_FILE: join(base, 'no-such-key') } });
    expect(blind.code).toBe(0);
    expect(blind.stdout).toMatch(/cannot be decrypted with your identity, so it is kept/);
    expect(readTreeFiles(repo)).toEqual(before);
  });

  it('stops before writing anything when secrets have no recipient and no identity exists', async () => {
    const base = tempTree(autoClaudeInstallation());
    const repo = join(base, 'config');
    mkdirSync(repo);
    const r = await ccm(['import', 'auto-claude', '../Auto-Claude/apps/backend', '--project', '../projects/orders-api', '--yes'], {
      cwd: repo, env: { CCM_AGE_IDENTITY: undefined, CCM_AGE_KEY_FILE: join(base, 'no-such-key') },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error NO_RECIPIENTS: the import found 2 secret value\(s\) to encrypt, but ccm\.config\.yaml lists no secrets\.recipients/);
    expect(r.stderr).toMatch(/hint: run `ccm secrets keygen --add-recipient`/);
    expect(readTreeFiles(repo).size).toBe(0);
  });

  it('without the frontend source, takes the four built-in model profiles from the reference table and says so', async () => {
    const files = autoClaudeInstallation();
    delete files['Auto-Claude/apps/frontend/src/shared/constants/models.ts'];
    const base = tempTree(files);
    const r = await ccm(['import', 'auto-claude', 'Auto-Claude/apps/backend', '--dry-run'], { cwd: base });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}model-profiles +4 /m);
    expect(r.stdout).toMatch(/models\.ts does not exist, so the four built-in profiles \(auto, complex, balanced, quick\) come from ccm's reference table/);
  });

  it('says what an Auto-Claude backend is when the path is not one', async () => {
    const base = tempTree(autoClaudeInstallation());
    const r = await ccm(['import', 'auto-claude', 'Auto-Claude'], { cwd: base });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error USAGE: Auto-Claude is not an Auto-Claude backend: it has no prompts and no agents\/tools_pkg\/models\.py; expected an Auto-Claude backend folder holding prompts\/ and agents\/tools_pkg\/models\.py/);
    expect(r.stderr).toMatch(/hint: did you mean Auto-Claude\/apps\/backend\?/);
    expect((await ccm(['import', 'auto-claude', 'nowhere'], { cwd: base })).stderr).toMatch(/nowhere is not a folder/);
  });

  it('imports what it can read and reports the rest: invalid UTF-8, unreadable files, broken .env, a registry in another shape', async () => {
    const files = autoClaudeInstallation();
    files['Auto-Claude/apps/backend/prompts/planner.md'] = Buffer.concat([Buffer.from('# Planner\n\nok line\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    files['projects/orders-api/.auto-claude/.env'] = 'DEFAULT_BRANCH=main\nGITHUB_REPO="acme/x\nDEFAULT_BRANCH=develop\n';
    files['Auto-Claude/apps/backend/agents/tools_pkg/models.py'] = [
      'from .tools import load',
      'BASE = ["Read", "Glob"]',
      'PLANNER = {"tools": BASE, "thinking_default": "high"}',
      'AGENT_CONFIGS = {',
      '    "coder": {"tools": BASE + load("web"), "mcp_servers": ["context7"], "thinking_default": "none"},',
      '    "planner": PLANNER,',
      '    "spec_critic": SPEC_CRITIC,',
      '    "qa_reviewer": {"tools": BASE, "mcp_servers": ["context7", "graphiti", "auto-claude", "browser"]},',
      '}',
    ].join('\n');
    const base = tempTree(files);
    symlinkSync(join(base, 'missing.md'), join(base, 'Auto-Claude/apps/backend/prompts/dangling.md'));
    const r = await ccm(['import', 'auto-claude', 'Auto-Claude/apps/backend', '--project', 'projects/orders-api', '--yes'], { cwd: base });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toContain('Auto-Claude/apps/backend/prompts/planner.md:4:5: error BINARY_FILE: not valid UTF-8 text (byte 0xc3 at offset 23); it is not imported');
    expect(lines).toContain('Auto-Claude/apps/backend/prompts/dangling.md: warning IMPORT_SKIPPED: a symlink: ccm imports only regular files, so it is not imported');
    expect(lines).toContainEqual(expect.stringMatching(/^projects\/orders-api\/\.auto-claude\/\.env:2:13: error IMPORT_SYNTAX: the value of GITHUB_REPO opens a " quote/));
    expect(lines).toContainEqual(expect.stringMatching(/^projects\/orders-api\/\.auto-claude\/\.env:3:1: error IMPORT_SYNTAX: DEFAULT_BRANCH is set again \(first on line 1\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^Auto-Claude\/apps\/backend\/agents\/tools_pkg\/models\.py:5:1: error IMPORT_SKIPPED: AGENT_CONFIGS\["coder"\]\["tools"\] could not be read: a function call is not a literal/));
    expect(lines).toContainEqual(expect.stringMatching(/^Auto-Claude\/apps\/backend\/agents\/tools_pkg\/models\.py:7:1: error IMPORT_SKIPPED: AGENT_CONFIGS\["spec_critic"\] could not be read: SPEC_CRITIC is not a constant defined earlier in the file/));
    // The rest is imported.
    expect(r.stdout).toMatch(/^ {2}prompts +47 created$/m);
    expect(r.stdout).toMatch(/^ {2}agent-configs +3 created$/m);
    expect(readFileSync(join(base, 'components/auto-claude/agent-configs/coder.yaml'), 'utf8')).toMatch(/mcp_servers:\n {2}- context7\nthinking_default: none\n/);
    expect(readFileSync(join(base, 'projects/orders-api.yaml'), 'utf8')).toMatch(/DEFAULT_BRANCH: develop/);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const base = tempTree(autoClaudeInstallation());
    const file = join(base, 'Auto-Claude/apps/backend/prompts/coder.md');
    chmodSync(file, 0o000);
    const r = await ccm(['import', 'auto-claude', 'Auto-Claude/apps/backend', '--dry-run'], { cwd: base });
    chmodSync(file, 0o644);
    expect(r.stderr).toMatch(/prompts\/coder\.md:1:1: error UNREADABLE_FILE: cannot read this file \(EACCES\)/);
  });
});

describe('the wizard on a real terminal', () => {
  it.skipIf(process.platform === 'win32')('asks per kind, then before writing, and prints the summary', async () => {
    const base = tempDir();
    tempTree(claudeProject(), join(base, 'shop'));
    const repo = join(base, 'config');
    mkdirSync(repo);
    const cli = join(process.cwd(), 'bin/ccm.js');
    // `script` gives the CLI a real pseudo terminal; keys are typed only once their question shows.
    const term = spawn('script', ['-qfec', `${process.execPath} ${cli} import claude ../shop`, '/dev/null'], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' },
    });
    let screen = '';
    term.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
    const waitFor = async (pattern: RegExp): Promise<void> => {
      const deadline = Date.now() + 30_000;
      while (!pattern.test(screen)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const exited = new Promise<number | null>((resolve) => term.on('close', resolve));

    // Untick "subagents" (space on the first row), accept the rest, then confirm the write.
    await waitFor(/What should be imported\?/);
    term.stdin.write(' ');
    await new Promise((r) => setTimeout(r, 200));
    term.stdin.write('\r');
    await waitFor(/Write \d+ files into \. \(a new config repo\)\?/);
    term.stdin.write('y\r');
    await waitFor(/Imported into/);
    term.stdin.end();
    expect(await exited).toBe(0);
    const written = readTreeFiles(repo);
    expect(written.has('components/commands/review.yaml')).toBe(true);
    expect(written.has('components/subagents/planner.yaml')).toBe(false);
  });
});
