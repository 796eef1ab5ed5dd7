import type { ComponentKind } from '../core/kinds.js';
import type { Scan } from './model.js';

/** What the wizard offers to import, one checkbox each; also the values of `--only`. */
export const GROUPS = [
  'prompts', 'agent-configs', 'model-profiles', 'subagents', 'commands', 'skills', 'mcp-servers', 'hooks', 'settings', 'claude-md', 'output-styles', 'rules', 'projects',
] as const;
export type ImportGroup = (typeof GROUPS)[number];

export const GROUP_OF: Readonly<Record<ComponentKind, ImportGroup>> = {
  'auto-claude-prompt': 'prompts',
  'auto-claude-agent-config': 'agent-configs',
  'auto-claude-model-profile': 'model-profiles',
  subagent: 'subagents',
  command: 'commands',
  skill: 'skills',
  'mcp-server': 'mcp-servers',
  hook: 'hooks',
  settings: 'settings',
  'claude-md': 'claude-md',
  'output-style': 'output-styles',
  rule: 'rules',
};

export const GROUP_LABEL: Readonly<Record<ImportGroup, string>> = {
  prompts: 'Auto-Claude prompts',
  'agent-configs': 'Auto-Claude agent configs',
  'model-profiles': 'Auto-Claude model profiles',
  subagents: 'subagents',
  commands: 'slash commands',
  skills: 'skills',
  'mcp-servers': 'MCP servers',
  hooks: 'hooks components',
  settings: 'settings fragments',
  'claude-md': 'CLAUDE.md sections (the root CLAUDE.md and those in subdirectories)',
  'output-styles': 'output styles',
  rules: 'rules (.claude/rules)',
  projects: 'projects (with their profile, .auto-claude/.env settings and secrets)',
};

/** How many of each group a scan found; groups with nothing are left out. */
export function countGroups(scan: Scan): Map<ImportGroup, number> {
  const counts = new Map<ImportGroup, number>();
  for (const c of scan.components) counts.set(GROUP_OF[c.kind], (counts.get(GROUP_OF[c.kind]) ?? 0) + 1);
  if (scan.projects.length > 0) counts.set('projects', scan.projects.length);
  return new Map(GROUPS.filter((g) => counts.has(g)).map((g) => [g, counts.get(g)!]));
}

export function parseGroups(text: string): ImportGroup[] | string {
  const out: ImportGroup[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(GROUPS as readonly string[]).includes(raw)) return raw;
    out.push(raw as ImportGroup);
  }
  return out;
}
