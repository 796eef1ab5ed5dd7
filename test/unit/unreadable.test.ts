import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../helpers/memory-repo.js';

/**
 * The load keeps the names of files it could not parse, so that validate reports each such file
 * once (its own error) and never "unknown …" where another file names it. Every way one document
 * names another is broken here at the named end.
 */
const BROKEN = 'description: "no closing quote\n';

describe('unreadable files', () => {
  it('are known by name and kind, and nothing that names them is reported', () => {
    const { repo, diagnostics } = memoryRepo({
      'ccm.config.yaml': 'version: 1\ndefaults:\n  profiles: [base]\n',
      'profiles/base.yaml': BROKEN,
      'profiles/child.yaml': 'extends: [base]\ncomponents:\n  subagents: [a]\n  output-styles: [terse]\n',
      'projects/app.yaml': 'path: out\nprofiles: [child]\nautoClaude:\n  modelProfile: fast\n',
      'projects/other.yaml': BROKEN,
      'components/subagents/a.yaml': BROKEN,
      'components/subagents/a.md': 'You help.\n',
      'components/subagents/b.yaml': 'description: B\nskills: [s]\nmcpServers: [m]\n',
      'components/skills/s/skill.yaml': BROKEN,
      'components/skills/s/SKILL.md': 'Do it.\n',
      'components/mcp-servers/m.yaml': BROKEN,
      'components/output-styles/terse.yaml': '',
      'components/auto-claude/model-profiles/fast.yaml': BROKEN,
      'components/settings/p.yaml': 'outputStyle: terse\nagent: a\npermissions:\n  allow: [mcp__m, Agent(a), Skill(s)]\n',
      'components/hooks/h.yaml': 'hooks:\n  Stop:\n    - hooks:\n        - type: mcp_tool\n          server: m\n          tool: ping\n',
    });
    expect(repo.unreadable.profiles).toEqual(new Set(['base']));
    expect(repo.unreadable.projects).toEqual(new Set(['other']));
    expect(repo.unreadable.components.subagent).toEqual(new Set(['a']));
    expect(repo.unreadable.components.skill).toEqual(new Set(['s']));
    expect(repo.unreadable.components['mcp-server']).toEqual(new Set(['m']));
    expect(repo.unreadable.components['output-style']).toEqual(new Set(['terse']));
    expect(repo.unreadable.components['auto-claude-model-profile']).toEqual(new Set(['fast']));
    expect(diagnostics.map((d) => `${d.file}: ${d.code}`).sort()).toEqual([
      'components/auto-claude/model-profiles/fast.yaml: YAML_SYNTAX',
      'components/mcp-servers/m.yaml: YAML_SYNTAX',
      'components/output-styles/terse.yaml: EMPTY_FILE',
      'components/skills/s/skill.yaml: YAML_SYNTAX',
      'components/subagents/a.yaml: YAML_SYNTAX',
      'profiles/base.yaml: YAML_SYNTAX',
      'projects/other.yaml: YAML_SYNTAX',
    ]);
  });

  it('still leave a name no file has unknown', () => {
    const { diagnostics } = memoryRepo({
      'profiles/child.yaml': 'extends: [base]\n',
      'profiles/bsae.yaml': BROKEN,
    });
    expect(diagnostics.map((d) => `${d.file}: ${d.code}`).sort()).toEqual(['profiles/bsae.yaml: YAML_SYNTAX', 'profiles/child.yaml: UNKNOWN_PROFILE']);
  });
});
