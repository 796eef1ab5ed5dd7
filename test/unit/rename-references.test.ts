import { describe, expect, it } from 'vitest';
import { YamlEdits } from '../../src/adopt/yaml-edits.js';
import { renameInComponents } from '../../src/ui/rename-references.js';
import { memoryRepo } from '../helpers/memory-repo.js';

const HOOK = 'components/hooks/notify.yaml';
const SETTINGS = 'components/settings/base.yaml';

function renamed(files: Record<string, string>, kind: 'mcp-server' | 'subagent', name: string, to: string): Record<string, string> {
  const { repo } = memoryRepo(files);
  const edits = new YamlEdits();
  renameInComponents(repo, kind, name, to, edits, `components/${kind === 'subagent' ? 'subagents' : 'mcp-servers'}/${name}.yaml`);
  return Object.fromEntries(edits.files().map((f) => [f.path, f.after]));
}

describe('a rename in ccm ui rewrites what other components call it', () => {
  it('an MCP server: mcp_tool hooks and every form of permission rule, nothing that only looks alike', () => {
    const out = renamed({
      'components/mcp-servers/gh.yaml': 'command: gh-mcp\n',
      [HOOK]: 'hooks:\n  PostToolUse:\n    - hooks:\n        - type: mcp_tool\n          server: gh   # the server\n          tool: notify\n',
      [SETTINGS]: 'permissions:\n  allow: [mcp__gh, "mcp__gh__create_issue", mcp__gh(repo:x), mcp__ghost, Bash(gh *)]\n',
    }, 'mcp-server', 'gh', 'github');
    expect(out[HOOK]).toBe('hooks:\n  PostToolUse:\n    - hooks:\n        - type: mcp_tool\n          server: github   # the server\n          tool: notify\n');
    expect(out[SETTINGS]).toBe('permissions:\n  allow: [mcp__github, "mcp__github__create_issue", mcp__github(repo:x), mcp__ghost, Bash(gh *)]\n');
  });

  it('a subagent: settings agent and Agent() rules, unless it has a name of its own', () => {
    const settings = 'agent: rev\npermissions:\n  deny: [Agent(rev), Agent(reviewer)]\n';
    expect(renamed({ 'components/subagents/rev.yaml': 'description: r\n', [SETTINGS]: settings }, 'subagent', 'rev', 'critic')[SETTINGS])
      .toBe('agent: critic\npermissions:\n  deny: [Agent(critic), Agent(reviewer)]\n');
    expect(renamed({ 'components/subagents/rev.yaml': 'description: r\nname: rev\n', [SETTINGS]: settings }, 'subagent', 'rev', 'critic')).toEqual({});
  });
});
