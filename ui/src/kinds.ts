import type { ComponentKind, DocumentKind } from '../../src/ui/api-types.ts';

/** Every component kind, in the order the navigation shows them, with a plural label. */
export const COMPONENT_KINDS: readonly { kind: ComponentKind; label: string }[] = [
  { kind: 'subagent', label: 'Subagents' },
  { kind: 'command', label: 'Commands' },
  { kind: 'skill', label: 'Skills' },
  { kind: 'mcp-server', label: 'MCP servers' },
  { kind: 'hook', label: 'Hooks' },
  { kind: 'settings', label: 'Settings' },
  { kind: 'claude-md', label: 'CLAUDE.md' },
  { kind: 'output-style', label: 'Output styles' },
  { kind: 'rule', label: 'Rules' },
  { kind: 'auto-claude-prompt', label: 'Auto-Claude prompts' },
  { kind: 'auto-claude-agent-config', label: 'Auto-Claude agents' },
  { kind: 'auto-claude-model-profile', label: 'Model profiles' },
];

export function kindLabel(kind: DocumentKind): string {
  if (kind === 'profile') return 'Profiles';
  if (kind === 'project') return 'Projects';
  return COMPONENT_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

export function isComponentKind(kind: string): kind is ComponentKind {
  return COMPONENT_KINDS.some((k) => k.kind === kind);
}
