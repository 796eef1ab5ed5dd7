import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm as run } from '../helpers/cli.js';
import { exampleRepo, noGitVars } from '../helpers/git.js';

const ccm = async (args: readonly string[], cwd: string) => await run(args, { cwd, env: { ...noGitVars(), CCM_AGE_IDENTITY: undefined, CCM_AGE_KEY_FILE: undefined } });

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
}

const HOOKS = 'hooks:\n  PostToolUse:\n    - matcher: Edit\n      hooks:\n        - type: command\n          command: ./fmt.sh\n';

/**
 * The example, built and committed; then changes in the working tree that each make Claude Code
 * run something, plus a CLAUDE.md section holding a code fence.
 */
async function riskyExample(): Promise<{ base: string; config: string }> {
  const repo = exampleRepo();
  const c = repo.config;
  expect((await ccm(['build'], c)).code).toBe(0);
  edit(join(c, 'components/commands/review.yaml'), 'model: sonnet\n', `model: sonnet\n${HOOKS}`);
  edit(join(c, 'components/subagents/test-writer.yaml'), 'color: green\n', `color: green\n${HOOKS}`);
  edit(
    join(c, 'components/settings/base.yaml'),
    'cleanupPeriodDays: 30\n',
    'cleanupPeriodDays: 30\napiKeyHelper: /opt/bin/key.sh\nextra:\n  awsAuthRefresh: aws sso login\n  otelHeadersHelper: /opt/bin/otel.sh\n',
  );
  edit(join(c, 'components/settings/base.yaml'), '  DISABLE_TELEMETRY: "1"\n', '  DISABLE_TELEMETRY: "1"\n  LD_PRELOAD: /tmp/x.so\n  NODE_OPTIONS: --require /tmp/x.js\n  PATH: /tmp/bin:/usr/bin\n');
  edit(join(c, 'components/settings/web.yaml'), '    printf \'%s | %s\' "$(basename "$PWD")"', '    ~/.claude/status.sh "$(basename "$PWD")"');
  edit(join(c, 'components/mcp-servers/sentry.yaml'), 'url: https://mcp.sentry.dev/mcp\n', 'url: https://mcp.sentry.dev/mcp\nheadersHelper: ./sentry-token.sh\n');
  edit(join(c, 'components/claude-md/workflow.md'), '## Workflow\n', '## Workflow\n\n```sh\nnpm test\n```\n');
  return repo;
}

/** Fenced blocks as CommonMark reads them: a fence closes only on a line of at least as many backticks. */
function fencedBlocks(md: string): string[] {
  const blocks: string[] = [];
  let open: string | undefined;
  let body: string[] = [];
  for (const line of md.split('\n')) {
    const fence = /^(`{3,})/.exec(line)?.[1];
    if (open === undefined && fence) {
      open = fence;
      body = [];
    } else if (open !== undefined && fence && fence.length >= open.length && line.trim() === fence) {
      blocks.push(body.join('\n'));
      open = undefined;
    } else if (open !== undefined) body.push(line);
  }
  return blocks;
}

interface Data {
  risks: { kind: string; severity: string; project: string; path: string; detail: string }[];
  files: { project: string; path: string; action: string; diff: string }[];
}

const HIGH = [
  ['hook', 'web-app', '.claude/commands/review.md', 'new or changed command PostToolUse hook (matcher Edit): runs `./fmt.sh`'],
  ['hook', 'web-app', '.claude/agents/test-writer.md', 'new or changed subagent PostToolUse hook (matcher Edit): runs `./fmt.sh`'],
  ['hook', 'api-service', '.claude/settings.json', 'apiKeyHelper runs `/opt/bin/key.sh`: its output is the API key sent with every model request'],
  ['hook', 'api-service', '.claude/settings.json', 'awsAuthRefresh runs `aws sso login`: runs to refresh AWS credentials for Bedrock, its output shown to the user'],
  ['hook', 'api-service', '.claude/settings.json', 'otelHeadersHelper runs `/opt/bin/otel.sh`: its output becomes the headers of OpenTelemetry exports'],
  ['hook', 'web-app', '.claude/settings.json', 'statusLine runs `~/.claude/status.sh "$(basename "$PWD")" "$(git branch --show-current 2>/dev/null)"`: runs again and again to draw the status line'],
  ['env', 'api-service', '.claude/settings.json', 'env LD_PRELOAD: (unset) → /tmp/x.so (loads a library into every program)'],
  ['env', 'api-service', '.claude/settings.json', 'env NODE_OPTIONS: (unset) → --require /tmp/x.js (adds flags such as --require to every Node.js process, Claude Code included)'],
  ['env', 'api-service', '.claude/settings.json', 'env PATH: (unset) → /tmp/bin:/usr/bin (changes which program runs for every command)'],
  ['mcp-server', 'web-app', '.mcp.json', 'MCP server "sentry": headersHelper runs `./sentry-token.sh`'],
] as const;

describe.each([
  ['ccm diff', [] as string[]],
  ['ccm diff --base HEAD', ['--base', 'HEAD']],
])('%s: what makes Claude Code run something is high', (_name, extra) => {
  it('--json lists each of them as high', async () => {
    const { config } = await riskyExample();
    const r = await ccm(['diff', ...extra, '--json'], config);
    expect(r.code, r.stderr).toBe(0);
    const data = (JSON.parse(r.stdout) as { data: Data }).data;
    const high = data.risks.filter((x) => x.severity === 'high').map((x) => [x.kind, x.project, x.path, x.detail]);
    for (const h of HIGH) expect(high).toContainEqual([...h]);
    expect(data.files.every((f) => !f.path.startsWith('/') && !f.diff.includes(config))).toBe(true);
  });

  it('--format markdown counts them as high, fences every diff so that none closes early, and shows no local path', async () => {
    const { base, config } = await riskyExample();
    const r = await ccm(['diff', ...extra, '--format', 'markdown'], config);
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    const high = Number(/\*\*Behaviour changes to review:\*\* (\d+) high/.exec(md)?.[1]);
    expect(high).toBeGreaterThanOrEqual(HIGH.length + 5); // the base settings rows appear for both projects
    expect(md).toContain('| **high** | hook | web-app | `.claude/commands/review.md` | new or changed command PostToolUse hook (matcher Edit): runs \\`./fmt.sh\\` |');
    expect(md).toContain('| **high** | env | web-app | `.claude/settings.json` | env LD_PRELOAD: (unset) → /tmp/x.so (loads a library into every program) |');
    // One block per changed file, each holding exactly its diff: the ``` of CLAUDE.md does not end its block.
    const json = (JSON.parse((await ccm(['diff', ...extra, '--json'], config)).stdout) as { data: Data }).data;
    expect(fencedBlocks(md)).toEqual(json.files.map((f) => f.diff.trimEnd()));
    expect(md).toContain('+```sh');
    expect(md).not.toContain(base);
  });

  it('unified: diffs on stdout, the behaviour changes on stderr, with the same high rows', async () => {
    const { base, config } = await riskyExample();
    const r = await ccm(['diff', ...extra], config);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('+++ b/web-app/CLAUDE.md');
    expect(r.stdout + r.stderr).not.toContain(base);
    for (const [kind, project, path, detail] of HIGH) expect(r.stderr).toContain(`high   ${kind.padEnd(15)} ${project}/${path}: ${detail}`);
  });
});

describe('ccm diff --format markdown size limit', () => {
  it('truncates a large diff under the limit and says how to see the rest', async () => {
    const { config } = exampleRepo();
    expect((await ccm(['build'], config)).code).toBe(0);
    const big = Array.from({ length: 1500 }, (_, i) => `- rule ${i}: ${'keep this in mind '.repeat(4)}`).join('\n');
    edit(join(config, 'components/claude-md/workflow.md'), '## Workflow\n', `## Workflow\n\n${big}\n`);
    for (const extra of [[], ['--base', 'HEAD']]) {
      const r = await ccm(['diff', ...extra, '--format', 'markdown'], config);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.length).toBeLessThanOrEqual(60_000);
      const seeAll = extra.length ? 'ccm diff --base HEAD' : 'ccm diff';
      expect(r.stdout).toMatch(new RegExp(`_Truncated to stay under GitHub's comment size limit: \\d+ diffs? left out\\. Run \`${seeAll}\` \\(or add \`--json\`\\) to see everything\\._\\n$`));
      expect(r.stdout).toContain('| web-app | `CLAUDE.md` | update |');
    }
  });
});
