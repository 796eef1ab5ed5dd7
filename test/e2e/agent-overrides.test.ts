import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics.js';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { mtimes } from '../helpers/tree.js';

/** Per-project agent MCP overrides (`autoClaude.agents.<type>.mcp`), through the real CLI. */

const CONFIG = 'version: 1\ndefaults:\n  targets: [auto-claude]\n';
const QA_CONFIG = 'mcp_servers: [context7, graphiti, auto-claude, browser, docs]\n';
const PROJECT = `path: ../app
components:
  agent-configs: [qa_reviewer]
autoClaude:
  customMcpServers:
    - {id: docs, name: Docs, type: http, url: "https://docs.example/mcp"}
  agents:
    qa_reviewer:
      mcp:
        add: [puppeteer]
        remove: [context7, docs]
    coder:
      mcp:
        add: [linear, graphiti-memory]
`;

function repo(project: string, qaConfig = QA_CONFIG): { base: string; config: string; app: string } {
  const base = tempDir();
  const config = tempTree({
    'ccm.config.yaml': CONFIG,
    'components/auto-claude/agent-configs/qa_reviewer.yaml': qaConfig,
    'projects/app.yaml': project,
  }, join(base, 'config'));
  return { base, config, app: join(base, 'app') };
}

const diagnosticsOf = (stdout: string): Diagnostic[] => (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics;

describe('autoClaude.agents.<type>.mcp', () => {
  it('writes the exact-case AGENT_MCP_<agent_type>_* keys on top of the selected agent config, and a second build writes nothing', async () => {
    const { config, app } = repo(PROJECT);
    const build = await ccm(['build', '--cwd', config]);
    expect(build.code, build.stderr).toBe(0);
    const keys = readFileSync(join(app, '.auto-claude/.env'), 'utf8').split('\n').filter((l) => l.startsWith('AGENT_MCP_'));
    // The agent config adds docs; the project takes docs and context7 away again and adds puppeteer.
    expect(keys).toEqual([
      'AGENT_MCP_coder_ADD=linear,graphiti-memory',
      'AGENT_MCP_qa_reviewer_ADD=puppeteer',
      'AGENT_MCP_qa_reviewer_REMOVE=context7,docs',
    ]);
    const before = mtimes(app);
    const again = await ccm(['build', '--cwd', config]);
    expect(again.stdout).toMatch(/0 created, 0 updated, 0 deleted/);
    expect(mtimes(app)).toEqual(before);
  });

  it('reports unknown agent types, unmappable names and wrong-case keys at their position, in validate as in build, and writes nothing', async () => {
    const { config, app } = repo(`path: ../app
components:
  agent-configs: [qa_reviewer]
autoClaude:
  agents:
    qa_reviewr:
      mcp: {add: [context7]}
    coder:
      mcp:
        add: [browser]
  env:
    AGENT_MCP_QA_REVIEWER_ADD: puppeteer
`, 'mcp_servers: [context7, graphiti, auto-claude]\n');
    const validate = await ccm(['validate', '--json', '--cwd', config]);
    const build = await ccm(['build', '--json', '--cwd', config]);
    expect(validate.code).toBe(1);
    expect(build.code).toBe(1);
    const summary = (ds: Diagnostic[]): unknown[] => ds.filter((d) => d.severity === 'error').map((d) => [d.code, d.file, d.line, d.col]);
    expect(summary(diagnosticsOf(validate.stdout))).toEqual([
      ['AC_UNKNOWN_AGENT_TYPE', 'projects/app.yaml', 6, 5],
      ['AC_MCP_NAME_UNMAPPED', 'projects/app.yaml', 10, 15],
      ['AC_WRONG_CASE_KEY', 'projects/app.yaml', 12, 5],
    ]);
    expect(summary(diagnosticsOf(build.stdout))).toEqual(summary(diagnosticsOf(validate.stdout)));
    const [unknown, browser, wrongCase] = diagnosticsOf(validate.stdout).filter((d) => d.severity === 'error');
    expect(unknown!.hint).toMatch(/^did you mean "qa_reviewer"\? Otherwise agent types: spec_gatherer, .*qa_reviewer/);
    expect(browser!.hint).toMatch(/name electron or puppeteer instead.*names it can map: context7, linear, graphiti, graphiti-memory, electron, puppeteer, auto-claude/);
    expect(wrongCase!.message).toMatch(/reads the exact-case key AGENT_MCP_qa_reviewer_ADD/);
    expect(wrongCase!.hint).toBe('move the list to autoClaude.agents.qa_reviewer.mcp.add (add: [puppeteer]), which ccm writes in the right case');
    expect(existsSync(app)).toBe(false);
  });

  it('refuses browser left out of a QA agent config, whose REMOVE the runtime would ignore', async () => {
    const { config } = repo('path: ../app\ncomponents:\n  agent-configs: [qa_reviewer]\n', 'mcp_servers: [context7, graphiti, auto-claude]\n');
    const r = await ccm(['validate', '--cwd', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^components\/auto-claude\/agent-configs\/qa_reviewer\.yaml:1:1: error AC_MCP_NAME_UNMAPPED: agent config "qa_reviewer" leaves "browser" out of mcp_servers, which would be AGENT_MCP_qa_reviewer_REMOVE=browser/m);
  });

  it('import reads each project\'s AGENT_MCP_* back into its own project file, and the build gives the same values back', async () => {
    const base = tempTree({
      'backend/prompts/planner.md': '# Planner\n',
      'backend/agents/tools_pkg/models.py': 'AGENT_CONFIGS = {}\n',
      'web/.auto-claude/.env': 'AGENT_MCP_qa_reviewer_ADD=puppeteer,docs\nAGENT_MCP_qa_reviewer_REMOVE=context7\nCUSTOM_MCP_SERVERS=[{"id":"docs","name":"Docs","type":"http","url":"https://d.example/mcp"}]\n',
      // The same agent type changed differently in a second project.
      'api/.auto-claude/.env': 'AGENT_MCP_qa_reviewer_REMOVE=graphiti\nAGENT_MCP_coder_ADD=linear\n',
    });
    const config = join(base, 'config');
    mkdirSync(config);
    const imported = await ccm(['import', 'auto-claude', '../backend', '--project', '../web', '--project', '../api', '--yes'], { cwd: config });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).not.toMatch(/IMPORT_NOT_EXACT/);
    const agents = (name: string): unknown => (parse(readFileSync(join(config, `projects/${name}.yaml`), 'utf8')) as { autoClaude: { agents: unknown } }).autoClaude.agents;
    expect(agents('web')).toEqual({ qa_reviewer: { mcp: { add: ['puppeteer', 'docs'], remove: ['context7'] } } });
    expect(agents('api')).toEqual({ coder: { mcp: { add: ['linear'] } }, qa_reviewer: { mcp: { remove: ['graphiti'] } } });

    for (const p of ['web', 'api']) renameSync(join(base, p), join(base, `${p}.orig`));
    const build = await ccm(['build', '--cwd', config]);
    expect(build.code, build.stderr).toBe(0);
    for (const p of ['web', 'api']) {
      const lines = (dir: string): string[] => readFileSync(join(base, dir, '.auto-claude/.env'), 'utf8').split('\n').filter((l) => l.startsWith('AGENT_MCP_')).sort();
      expect(lines(p), p).toEqual(lines(`${p}.orig`));
    }
  });
});
