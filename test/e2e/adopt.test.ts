import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, tempTree } from '../helpers/cli.js';
import { CONFIG, projectRepo, set, user, type User } from '../helpers/secrets.js';
import { mtimes, readTreeFiles } from '../helpers/tree.js';

/**
 * `ccm adopt`: outputs changed outside ccm go back into the YAML. The Auto-Claude app's settings
 * save is reproduced as the app does it (env-handlers.ts generateEnvContent): the whole
 * .auto-claude/.env rewritten from the app's own template, keys it does not know dropped.
 */

const LINEAR_KEY = 'lin_api_adopt_first_7c1e';

const PROJECT = `# yaml-language-server: $schema=../schemas/project.schema.json
# The storefront.
description: Storefront
path: ../web
profiles: [web]

autoClaude:
  useClaudeMd: true   # the app sets it too
  mcp:
    context7: true # docs lookups for the planner
    linear: true
  integrations:
    linear:
      apiKey: {secret: LINEAR_API_KEY}
      teamId: WEB
  env:
    # Read by our own scripts, not by the app.
    TEAM_FLAG: keep-me
`;

const SETTINGS = `# Web settings: edit here, not in .claude/settings.json.
description: web settings
model: sonnet # the team's default
permissions:
  allow: [Read, "Bash(npm test)"]
`;

interface Setup {
  config: string;
  web: string;
  alice: User;
}

async function setup(extra: Record<string, string> = {}, otherProjects: readonly string[] = []): Promise<Setup> {
  // Each setup in its own folder: the config repo beside its projects.
  const root = tempTree({ 'ccm.config.yaml': CONFIG }, join(tempDir(), 'config'));
  const alice = user();
  expect((await alice.run(['secrets', 'keygen', '--add-recipient', '--cwd', root])).code).toBe(0);
  const web = join(root, '../web');
  for (const dir of [web, ...otherProjects.map((p) => join(root, '..', p))]) projectRepo(dir, '.auto-claude/\n');
  tempTree({
    'profiles/web.yaml': 'components:\n  settings: [web]\n',
    'components/settings/web.yaml': SETTINGS,
    'projects/web.yaml': PROJECT,
    ...extra,
  }, root);
  await set(alice, root, 'LINEAR_API_KEY', LINEAR_KEY);
  const built = await alice.run(['build', '--cwd', root]);
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
  return { config: root, web, alice };
}

/** python-dotenv's view of a .env file. */
function envOf(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** What the app's settings save writes: its fixed template, only the keys it knows, in its order. */
function appSave(envPath: string, changes: Record<string, string>): void {
  const env = { ...envOf(envPath), ...changes };
  const known = ['CLAUDE_CODE_OAUTH_TOKEN', 'AUTO_BUILD_MODEL', 'LINEAR_API_KEY', 'LINEAR_TEAM_ID', 'LINEAR_PROJECT_ID', 'GITHUB_TOKEN', 'GITHUB_REPO',
    'CONTEXT7_ENABLED', 'LINEAR_MCP_ENABLED', 'ELECTRON_MCP_ENABLED', 'PUPPETEER_MCP_ENABLED'];
  const lines = ['# Auto Claude Framework Environment Variables', '# Managed by Auto Claude UI', ''];
  for (const key of known) lines.push(`${key}=${env[key] ?? ''}`);
  writeFileSync(envPath, lines.join('\n') + '\n');
}

function configFiles(config: string): Map<string, Buffer> {
  return new Map([...readTreeFiles(config)].filter(([p]) => !p.startsWith('.ccm/')));
}

describe('ccm adopt: the Auto-Claude app rewrote .auto-claude/.env', () => {
  it('takes the changed toggle into the YAML; the next build restores only the dropped keys; a second build writes nothing', async () => {
    const { config, web, alice } = await setup();
    const envPath = join(web, '.auto-claude/.env');
    const built = envOf(envPath);
    expect(built).toMatchObject({ USE_CLAUDE_MD: 'true', CONTEXT7_ENABLED: 'true', TEAM_FLAG: 'keep-me', LINEAR_API_KEY: LINEAR_KEY });

    appSave(envPath, { CONTEXT7_ENABLED: 'false' });
    const saved = envOf(envPath);
    const drifted = await alice.run(['build', '--cwd', config]);
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toMatch(/\.auto-claude\/\.env: error DRIFTED/);

    // Without a terminal and without --yes it shows the change and refuses.
    const before = configFiles(config);
    const refused = await alice.run(['adopt', '--cwd', config]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/error NEEDS_CONFIRMATION: .*no terminal/);
    expect(refused.stdout).toContain('-    context7: true # docs lookups for the planner\n+    context7: false # docs lookups for the planner');
    expect(configFiles(config)).toEqual(before);

    const adopted = await alice.run(['adopt', '--yes', '--cwd', config]);
    expect(adopted.stderr).toBe('');
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toMatch(/^ {2}taken {4}CONTEXT7_ENABLED → projects\/web\.yaml: autoClaude\.mcp\.context7$/m);
    expect(adopted.stdout).toMatch(/^ {2}dropped {2}USE_CLAUDE_MD /m);
    expect(adopted.stdout).toMatch(/^ {2}dropped {2}TEAM_FLAG /m);
    expect(adopted.stdout).toMatch(/^ {2}ignored {2}CLAUDE_CODE_OAUTH_TOKEN /m);
    expect(adopted.stdout).not.toContain(LINEAR_KEY);
    // One value changed in the YAML; every comment, style and other key stays as written.
    expect(readFileSync(join(config, 'projects/web.yaml'), 'utf8')).toBe(PROJECT.replace('context7: true', 'context7: false'));

    const after = mtimes(web);
    const rebuilt = await alice.run(['build', '--cwd', config]);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^0 created, 1 updated, 0 deleted/m);
    const restored = envOf(envPath);
    // The app's values, plus exactly the keys it dropped; the empty key it added is not ccm's.
    const { CLAUDE_CODE_OAUTH_TOKEN: _empty, ...appValues } = Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== ''));
    expect(_empty).toBeUndefined();
    expect(restored).toEqual({ ...appValues, USE_CLAUDE_MD: 'true', TEAM_FLAG: 'keep-me' });
    expect(Object.keys(restored).filter((k) => !(k in saved)).sort()).toEqual(['TEAM_FLAG', 'USE_CLAUDE_MD']);
    expect(mtimes(web).get('.claude/settings.json')).toBe(after.get('.claude/settings.json'));

    const stable = mtimes(web);
    const again = await alice.run(['build', '--cwd', config]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^0 created, 0 updated, 0 deleted/m);
    expect(mtimes(web)).toEqual(stable);
    expect((await alice.run(['adopt', '--yes', '--cwd', config])).stdout).toContain('Nothing to adopt');
  });

  it('a secret changed in the app goes into secrets/ encrypted, a new token becomes a new secret; no value in YAML, output or --json', async () => {
    const { config, web, alice } = await setup();
    const envPath = join(web, '.auto-claude/.env');
    const newKey = 'lin_api_rotated_in_app_93d2';
    const token = 'ghp_adoptedFromTheApp0123';
    appSave(envPath, { LINEAR_API_KEY: newKey, GITHUB_TOKEN: token });
    const oldSecret = readFileSync(join(config, 'secrets/LINEAR_API_KEY.age'), 'utf8');

    const adopted = await alice.run(['adopt', '--yes', '--json', '--cwd', config]);
    expect(adopted.code).toBe(0);
    const envelope = JSON.parse(adopted.stdout) as { ok: boolean; data: { written: boolean; secrets: { name: string; created: boolean }[]; files: { taken: { key: string; into: string }[] }[] } };
    expect(envelope.ok).toBe(true);
    expect(envelope.data.written).toBe(true);
    expect(envelope.data.secrets).toEqual([{ name: 'GITHUB_TOKEN', created: true }, { name: 'LINEAR_API_KEY', created: false }]);
    expect(envelope.data.files[0]!.taken).toEqual(expect.arrayContaining([
      { key: 'LINEAR_API_KEY', into: 'secrets/LINEAR_API_KEY.age' },
      { key: 'GITHUB_TOKEN', into: 'secrets/GITHUB_TOKEN.age' },
    ]));
    for (const text of [adopted.stdout, adopted.stderr, ...[...configFiles(config).values()].map(String)]) {
      expect(text).not.toContain(newKey);
      expect(text).not.toContain(token);
    }
    expect(readFileSync(join(config, 'secrets/LINEAR_API_KEY.age'), 'utf8')).not.toBe(oldSecret);
    expect(readFileSync(join(config, 'secrets/LINEAR_API_KEY.age'), 'utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect((await alice.run(['secrets', 'get', 'LINEAR_API_KEY', '--cwd', config])).stdout).toBe(newKey);
    expect((await alice.run(['secrets', 'get', 'GITHUB_TOKEN', '--cwd', config])).stdout).toBe(token);
    expect(readFileSync(join(config, 'projects/web.yaml'), 'utf8')).toContain('  integrations:\n    linear:\n      apiKey: {secret: LINEAR_API_KEY}\n      teamId: WEB\n    github:\n      token:\n        secret: GITHUB_TOKEN\n');
    expect(readFileSync(join(web, '.ccm/manifest.json'), 'utf8')).not.toContain(newKey);

    const rebuilt = await alice.run(['build', '--cwd', config]);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(envOf(envPath)).toMatchObject({ LINEAR_API_KEY: newKey, GITHUB_TOKEN: token, TEAM_FLAG: 'keep-me' });
    expect((await alice.run(['build', '--cwd', config])).stdout).toMatch(/^0 created, 0 updated, 0 deleted/m);
  });
});

describe('ccm adopt: AGENT_MCP_* changed in the project .env', () => {
  it('become the mcp_servers of the agent config only this project selects, in its flow style', async () => {
    const agentConfig = '# QA without Context7\ndescription: QA\nmcp_servers: [graphiti, auto-claude, browser] # REMOVE=context7\n';
    const { config, web, alice } = await setup({
      'profiles/web.yaml': 'components:\n  settings: [web]\n  agent-configs: [qa_reviewer]\n',
      'components/auto-claude/agent-configs/qa_reviewer.yaml': agentConfig,
    });
    const envPath = join(web, '.auto-claude/.env');
    const env = readFileSync(envPath, 'utf8');
    expect(env).toMatch(/^AGENT_MCP_qa_reviewer_REMOVE=context7$/m);
    writeFileSync(envPath, env.replace('AGENT_MCP_qa_reviewer_REMOVE=context7', 'AGENT_MCP_qa_reviewer_ADD=linear\nAGENT_MCP_qa_reviewer_REMOVE=context7,graphiti'));

    const adopted = await alice.run(['adopt', '--yes', '--cwd', config]);
    expect(adopted.stderr).toBe('');
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toContain('  taken    AGENT_MCP_qa_reviewer_ADD → components/auto-claude/agent-configs/qa_reviewer.yaml: mcp_servers');
    expect(readFileSync(join(config, 'components/auto-claude/agent-configs/qa_reviewer.yaml'), 'utf8'))
      .toBe(agentConfig.replace('[graphiti, auto-claude, browser]', '[auto-claude, browser, linear]'));
    expect((await alice.run(['build', '--cwd', config])).code).toBe(0);
    expect(envOf(envPath)).toMatchObject({ AGENT_MCP_qa_reviewer_ADD: 'linear', AGENT_MCP_qa_reviewer_REMOVE: 'context7,graphiti' });
    expect((await alice.run(['build', '--cwd', config])).stdout).toMatch(/^0 created, 0 updated, 0 deleted/m);
  });
});

describe('ccm adopt: .claude/settings.json edited by hand', () => {
  it('takes a changed and an added key into the settings fragment, keeping its comments', async () => {
    const { config, web, alice } = await setup();
    const path = join(web, '.claude/settings.json');
    const settings = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...settings, model: 'opus', cleanupPeriodDays: 14 }, null, 2) + '\n');

    const adopted = await alice.run(['adopt', '--yes', '--cwd', config]);
    expect(adopted.stderr).toBe('');
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toContain('  taken    model → components/settings/web.yaml: model');
    expect(adopted.stdout).toContain('  taken    cleanupPeriodDays → components/settings/web.yaml: cleanupPeriodDays');
    expect(readFileSync(join(config, 'components/settings/web.yaml'), 'utf8')).toBe(SETTINGS.replace('model: sonnet', 'model: opus') + 'cleanupPeriodDays: 14\n');
    const stable = mtimes(web);
    const rebuilt = await alice.run(['build', '--cwd', config]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^0 created, 0 updated, 0 deleted/m);
    expect(mtimes(web)).toEqual(stable);
  });
});

describe('ccm adopt writes as a build writes', () => {
  it('in one transaction: a project whose manifest cannot be staged leaves the config repo untouched too', async () => {
    const { config, web, alice } = await setup();
    const path = join(web, '.claude/settings.json');
    const settings = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...settings, model: 'opus' }, null, 2) + '\n');
    const before = configFiles(config);
    const manifest = readFileSync(join(web, '.ccm/manifest.json'));
    // Where the transaction stages the project's new manifest, a file: staging fails before anything is renamed.
    writeFileSync(join(web, '.ccm/staging'), 'in the way\n');

    const adopted = await alice.run(['adopt', '--yes', '--cwd', config]);
    expect(adopted.code, adopted.stderr).toBe(1);
    expect(adopted.stderr).toContain('.ccm/staging');
    expect(configFiles(config)).toEqual(before);
    expect(readFileSync(join(web, '.ccm/manifest.json')).equals(manifest)).toBe(true);

    rmSync(join(web, '.ccm/staging'));
    expect((await alice.run(['adopt', '--yes', '--cwd', config])).code).toBe(0);
    expect(readFileSync(join(config, 'components/settings/web.yaml'), 'utf8')).toContain('model: opus');
  });
});

describe('ccm adopt: conflicts are located errors that write nothing', () => {
  const shared = {
    'profiles/web.yaml': 'components:\n  settings: [web]\n  agent-configs: [qa_reviewer]\n',
    'components/auto-claude/agent-configs/qa_reviewer.yaml': '# QA for every project\ndescription: QA\nmcp_servers: [graphiti, auto-claude, browser]\n',
    'projects/api.yaml': 'description: API\npath: ../api\nprofiles: [web]\nautoClaude:\n  integrations:\n    linear:\n      apiKey: {secret: LINEAR_API_KEY}\n',
  };

  async function expectNothingWritten(config: string, web: string, run: () => Promise<{ code: number; stderr: string; stdout: string }>): Promise<{ code: number; stderr: string; stdout: string }> {
    const repoBefore = readTreeFiles(config);
    const manifestBefore = readFileSync(join(web, '.ccm/manifest.json'), 'utf8');
    const r = await run();
    expect(r.code).toBe(1);
    expect(readTreeFiles(config)).toEqual(repoBefore);
    expect(readFileSync(join(web, '.ccm/manifest.json'), 'utf8')).toBe(manifestBefore);
    expect(r.stderr).toContain('Nothing was adopted');
    return r;
  }

  it('an AGENT_MCP change whose agent config two projects share, a shared secret, a shared settings fragment', async () => {
    const { config, web, alice } = await setup(shared, ['api']);
    const envPath = join(web, '.auto-claude/.env');
    const env = readFileSync(envPath, 'utf8');
    expect(env).toContain('AGENT_MCP_qa_reviewer_REMOVE=');
    writeFileSync(envPath, env.replace(/^AGENT_MCP_qa_reviewer_REMOVE=.*$/m, 'AGENT_MCP_qa_reviewer_REMOVE=context7,graphiti').replace(LINEAR_KEY, 'lin_api_changed_in_web_only'));
    const settingsPath = join(web, '.claude/settings.json');
    writeFileSync(settingsPath, readFileSync(settingsPath, 'utf8').replace('"sonnet"', '"haiku"'));

    const r = await expectNothingWritten(config, web, async () => await alice.run(['adopt', '--yes', '--cwd', config]));
    const lines = r.stderr.split('\n');
    const qaLine = 3;
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^components/auto-claude/agent-configs/qa_reviewer\\.yaml:${qaLine}:1: error ADOPT_CONFLICT: AGENT_MCP_qa_reviewer_REMOVE was changed in .*\\.auto-claude/\\.env:\\d+, but agent config "qa_reviewer" is selected by the projects api, web`)));
    expect(lines).toContainEqual(expect.stringMatching(/^projects\/web\.yaml:14:\d+: error ADOPT_CONFLICT: LINEAR_API_KEY has a new value in .*, but its secret LINEAR_API_KEY \(secrets\/LINEAR_API_KEY\.age\) is used by the projects api, web/));
    expect(lines).toContainEqual(expect.stringMatching(/^components\/settings\/web\.yaml:3:1: error ADOPT_CONFLICT: settings key "model" was changed in .*, but it comes from components\/settings\/web\.yaml, which the projects api, web share/));
    expect(r.stderr).not.toContain('lin_api_changed_in_web_only');
    expect(r.stderr).toMatch(/hint: /);
    // validate knows nothing of the disk, build still stops at the drift.
    expect((await alice.run(['build', '--cwd', config])).code).toBe(1);
  });

  it('a file adopt cannot read back (CLAUDE.md) and settings.json that is not JSON', async () => {
    const { config, web, alice } = await setup({ 'components/claude-md/intro.yaml': 'description: intro\n', 'components/claude-md/intro.md': '# Storefront\n', 'profiles/web.yaml': 'components:\n  settings: [web]\n  claude-md: [intro]\n' });
    writeFileSync(join(web, 'CLAUDE.md'), '# Storefront, edited\n');
    writeFileSync(join(web, '.claude/settings.json'), '{\n  "model": "opus",\n}\n');
    const r = await expectNothingWritten(config, web, async () => await alice.run(['adopt', '--yes', '--cwd', config]));
    expect(r.stderr).toMatch(/\/web\/CLAUDE\.md:1:1: error ADOPT_UNSUPPORTED: this file was changed outside ccm, and adopt can read back only \.auto-claude\/\.env and \.claude\/settings\.json/);
    expect(r.stderr).toMatch(/\/web\/\.claude\/settings\.json:3:1: error ADOPT_UNREADABLE: this file is not valid JSON/);
  });
});
