/**
 * The kinds of YAML document in a config repo and where each lives. This table is the one place
 * that ties folders, schemas and profile selection keys together.
 */
export type ComponentKind =
  | 'mcp-server'
  | 'subagent'
  | 'skill'
  | 'command'
  | 'hook'
  | 'settings'
  | 'claude-md'
  | 'output-style'
  | 'rule'
  | 'auto-claude-prompt'
  | 'auto-claude-agent-config'
  | 'auto-claude-model-profile';

export type DocumentKind = ComponentKind | 'ccm.config' | 'profile' | 'project';

/** Keys of a `components:` selection in profiles and projects. */
export type SelectionKey =
  | 'mcp-servers'
  | 'subagents'
  | 'skills'
  | 'commands'
  | 'hooks'
  | 'settings'
  | 'claude-md'
  | 'output-styles'
  | 'rules'
  | 'agent-configs';

export interface KindInfo {
  kind: ComponentKind;
  /** Folder below the repo root. */
  folder: string;
  /** Subfolders become part of the name (`git/commit`). */
  nested: boolean;
  /** A Markdown body beside the YAML (`x.yaml` + `x.md`). */
  body: boolean;
  /** The key that selects it in a profile, when profiles select it. */
  selectionKey?: SelectionKey;
  /** Singular noun for messages. */
  noun: string;
}

export const COMPONENT_KINDS: readonly KindInfo[] = [
  { kind: 'mcp-server', folder: 'components/mcp-servers', nested: false, body: false, selectionKey: 'mcp-servers', noun: 'MCP server' },
  { kind: 'subagent', folder: 'components/subagents', nested: false, body: true, selectionKey: 'subagents', noun: 'subagent' },
  { kind: 'skill', folder: 'components/skills', nested: false, body: true, selectionKey: 'skills', noun: 'skill' },
  { kind: 'command', folder: 'components/commands', nested: true, body: true, selectionKey: 'commands', noun: 'command' },
  { kind: 'hook', folder: 'components/hooks', nested: false, body: false, selectionKey: 'hooks', noun: 'hooks component' },
  { kind: 'settings', folder: 'components/settings', nested: false, body: false, selectionKey: 'settings', noun: 'settings fragment' },
  { kind: 'claude-md', folder: 'components/claude-md', nested: false, body: true, selectionKey: 'claude-md', noun: 'CLAUDE.md section' },
  { kind: 'output-style', folder: 'components/output-styles', nested: false, body: true, selectionKey: 'output-styles', noun: 'output style' },
  { kind: 'rule', folder: 'components/rules', nested: true, body: true, selectionKey: 'rules', noun: 'rule' },
  { kind: 'auto-claude-prompt', folder: 'components/auto-claude/prompts', nested: true, body: true, noun: 'Auto-Claude prompt' },
  { kind: 'auto-claude-agent-config', folder: 'components/auto-claude/agent-configs', nested: false, body: false, selectionKey: 'agent-configs', noun: 'Auto-Claude agent config' },
  { kind: 'auto-claude-model-profile', folder: 'components/auto-claude/model-profiles', nested: false, body: false, noun: 'Auto-Claude model profile' },
];

export const KIND_INFO: Readonly<Record<ComponentKind, KindInfo>> = Object.fromEntries(
  COMPONENT_KINDS.map((k) => [k.kind, k]),
) as Record<ComponentKind, KindInfo>;

export const SELECTION_KINDS: Readonly<Record<SelectionKey, ComponentKind>> = Object.fromEntries(
  COMPONENT_KINDS.filter((k) => k.selectionKey).map((k) => [k.selectionKey, k.kind]),
) as Record<SelectionKey, ComponentKind>;

export const CONFIG_FILE = 'ccm.config.yaml';
export const SCHEMA_FILE: Readonly<Record<DocumentKind, string>> = {
  'ccm.config': 'ccm.config.schema.json',
  profile: 'profile.schema.json',
  project: 'project.schema.json',
  'mcp-server': 'mcp-server.schema.json',
  subagent: 'subagent.schema.json',
  skill: 'skill.schema.json',
  command: 'command.schema.json',
  hook: 'hook.schema.json',
  settings: 'settings.schema.json',
  'claude-md': 'claude-md.schema.json',
  'output-style': 'output-style.schema.json',
  rule: 'rule.schema.json',
  'auto-claude-prompt': 'auto-claude-prompt.schema.json',
  'auto-claude-agent-config': 'auto-claude-agent-config.schema.json',
  'auto-claude-model-profile': 'auto-claude-model-profile.schema.json',
};

/** One path segment of a component name: no `/`, no `..`, no drive letter, no leading dot. */
export const NAME_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const SECRET_NAME = /^[A-Z_][A-Z0-9_]*$/;

export function isValidName(name: string, nested: boolean): boolean {
  const segments = name.split('/');
  if (!nested && segments.length > 1) return false;
  return segments.every((s) => NAME_SEGMENT.test(s) && !s.includes('..'));
}

/** Folders of a config repo that ccm reads; anything else at the top level is the user's business. */
export const READ_ROOTS = ['components', 'profiles', 'projects', 'secrets', 'templates'] as const;
