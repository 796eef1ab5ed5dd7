import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { tempDir, tempTree } from '../helpers/cli.js';
import { exampleWithSecret, projectRepo, repoWithKey, set } from '../helpers/secrets.js';

/** Who reads each `.auto-claude/.env` key: warnings in validate and build, and `ccm explain`. */

const BOT_TOKEN = 'ghp_B0T_T0KEN_S3CRET_VALUE';

async function setup(): Promise<{ root: string; app: string; run: Awaited<ReturnType<typeof repoWithKey>>['alice']['run'] }> {
  const { root, alice } = await repoWithKey();
  await set(alice, root, 'GITHUB_BOT_TOKEN', BOT_TOKEN);
  const app = join(tempDir(), 'app');
  projectRepo(app, '.auto-claude/\n');
  const quiet = join(tempDir(), 'quiet');
  projectRepo(quiet, '.auto-claude/\n');
  tempTree({ 'components/auto-claude/model-profiles/fast.yaml': 'model: haiku\nthinkingLevel: low\n'}, root);
  mkdirSync(join(root, 'projects'));
  writeFileSync(join(root, 'projects/app.yaml'), `path: ${app}
targets: [auto-claude]
autoClaude:
  modelProfile: fast
  useClaudeMd: false
  integrations:
    github:
      botToken: {secret: GITHUB_BOT_TOKEN}
      maxPrWorktrees: 4
  env:
    AUTO_BUILD_MODEL: opus
    ANTHROPIC_BASE_URL: https://proxy.example
    GRAPHITI_MCP_URL: http://localhost:9000/mcp/
    CLAUDE_CONFIG_DIR: /home/me/.claude-work
`);
  // Values that take effect as written: no warning.
  writeFileSync(join(root, 'projects/quiet.yaml'), `path: ${quiet}
targets: [auto-claude]
autoClaude:
  useClaudeMd: true
  mcp: {context7: false}
  integrations:
    github: {repo: acme/app}
  env:
    DEFAULT_BRANCH: main
`);
  return { root, app, run: alice.run };
}

const warningsOf = (stdout: string): unknown[] =>
  (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics.filter((d) => d.code === 'AC_NO_EFFECT' || d.code === 'AC_OVERRIDDEN').map((d) => [d.code, d.file, d.line, d.message]);

describe('reach of .auto-claude/.env keys', () => {
  it('warns AC_NO_EFFECT and AC_OVERRIDDEN at the YAML that sets the key, the same in validate and build, without a value', async () => {
    const { root, app, run } = await setup();
    const validate = await run(['validate', '--json', '--cwd', root]);
    expect(validate.code, validate.stdout).toBe(0);
    const warnings = warningsOf(validate.stdout);
    expect(warnings).toEqual([
      ['AC_OVERRIDDEN', 'projects/app.yaml', 4, 'the model of model profile "fast" is overridden by AUTO_BUILD_MODEL (autoClaude.env, line 11)'],
      ['AC_OVERRIDDEN', 'projects/app.yaml', 5, expect.stringMatching(/^USE_CLAUDE_MD .* the app's project setting useClaudeMd wins, which is true unless changed in the app$/)],
      ['AC_NO_EFFECT', 'projects/app.yaml', 8, 'nobody reads GITHUB_BOT_TOKEN from .auto-claude/.env: it takes effect in .auto-claude/github/config.json (bot_token), where the GitHub runners read it'],
      ['AC_NO_EFFECT', 'projects/app.yaml', 9, expect.stringMatching(/^nobody reads MAX_PR_WORKTREES from \.auto-claude\/\.env/)],
      ['AC_OVERRIDDEN', 'projects/app.yaml', 12, expect.stringMatching(/^ANTHROPIC_BASE_URL .*the app's API profile/)],
      ['AC_OVERRIDDEN', 'projects/app.yaml', 13, expect.stringMatching(/^GRAPHITI_MCP_URL .*graphitiMcpEnabled \/ graphitiMcpUrl/)],
      ['AC_OVERRIDDEN', 'projects/app.yaml', 14, expect.stringMatching(/^CLAUDE_CONFIG_DIR .*the app's active Claude profile wins/)],
    ]);
    const build = await run(['build', '--json', '--cwd', root]);
    expect(build.code, build.stdout).toBe(0);
    expect(warningsOf(build.stdout)).toEqual(warnings);
    expect(build.stdout).not.toContain(BOT_TOKEN);
    expect(build.stderr).not.toContain(BOT_TOKEN);
    // Warnings only: the keys are still written (the app reads some of them).
    expect(readFileSync(join(app, '.auto-claude/.env'), 'utf8')).toMatch(/^MAX_PR_WORKTREES=4$/m);
  });

  it('ccm explain <project> .auto-claude/.env shows who reads each key and what wins, never a value', async () => {
    const secret = 'lin_api_EXPLAIN_S3CRET_42';
    const { config, out, alice } = await exampleWithSecret(secret);
    // An existing folder: a new one outside git would not get decrypted secrets (OUTPUT_ROOT_MISSING).
    mkdirSync(join(out, 'web-app'), { recursive: true });
    const plain = await alice.run(['explain', 'web-app', '.auto-claude/.env', '--cwd', config]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^ {2}USE_CLAUDE_MD +projects\/web-app\.yaml:\d+ +read by backend, from the app's environment; overridden by the app's project setting useClaudeMd \(default true\)$/m);
    expect(plain.stdout).toMatch(/^ {2}CONTEXT7_ENABLED +projects\/web-app\.yaml:\d+ +read by backend, from the file;/m);
    expect(plain.stdout).toMatch(/^ {2}AGENT_MCP_qa_reviewer_ADD +components\/auto-claude\/agent-configs\/qa_reviewer\.yaml:\d+ +read by backend, from the file;/m);
    expect(plain.stdout).toMatch(/^ {2}GITHUB_REPO +projects\/web-app\.yaml:\d+ +read by app UI only;/m);
    expect(plain.stdout).toMatch(/^ {2}LINEAR_API_KEY +projects\/web-app\.yaml:\d+ +read by backend, from the app's environment;/m);

    const json = await alice.run(['explain', 'web-app', '.auto-claude/.env', '--json', '--cwd', config]);
    expect(json.code).toBe(0);
    const reach = (JSON.parse(json.stdout) as { data: { reach: { key: string; readBy: string; overriddenBy?: string }[] } }).data.reach;
    expect(reach.find((k) => k.key === 'USE_CLAUDE_MD')).toMatchObject({ readBy: 'backend-env', overriddenBy: 'the app\'s project setting useClaudeMd' });
    expect(reach.find((k) => k.key === 'CUSTOM_MCP_SERVERS')).toMatchObject({ readBy: 'backend-file' });
    expect(reach.find((k) => k.key === 'LINEAR_API_KEY')).toMatchObject({ readBy: 'backend-env' });
    for (const out of [plain.stdout, plain.stderr, json.stdout, json.stderr]) expect(out).not.toContain(secret);
  });
});
