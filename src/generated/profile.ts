/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/profile.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

/**
 * A component name: a letter or digit, then letters, digits, '.', '_' or '-' (no '/', no '..', no drive letter), so it is always a safe single file-name segment.
 */
export type Name = string;
/**
 * A list of component names, each at most once.
 */
export type NameList = Name[];
/**
 * A component name that may include subfolders: '/'-separated segments, each a letter or digit followed by letters, digits, '.', '_' or '-' (so '..' and absolute paths can never match).
 */
export type PathName = string;
/**
 * A list of component names that may include subfolders, each at most once.
 */
export type PathNameList = PathName[];

/**
 * A profile (profiles/<name>.yaml): a named set of components and variables that projects and other profiles build on.
 */
export interface Profile {
  /**
   * What the profile is for; ccm only.
   */
  description?: string;
  /**
   * Profiles whose components and variables this profile includes first, in order.
   */
  extends?: NameList;
  /**
   * Components this profile brings, by kind.
   */
  components?: ComponentSelection;
  /**
   * Template variables ({{vars.name}}); they override those of extended profiles.
   */
  variables?: Variables;
}
/**
 * Components selected by kind; each list names components of that kind by their file name (without .yaml).
 */
export interface ComponentSelection {
  /**
   * MCP servers (components/mcp-servers/<name>.yaml) written into the project's .mcp.json.
   */
  'mcp-servers'?: NameList;
  /**
   * Subagents (components/subagents/<name>.yaml) written to .claude/agents/<name>.md.
   */
  subagents?: NameList;
  /**
   * Skills (components/skills/<name>/) written to .claude/skills/<name>/.
   */
  skills?: NameList;
  /**
   * Slash commands (components/commands/** /<name>.yaml, subfolders included in the name) written to .claude/commands/.
   */
  commands?: PathNameList;
  /**
   * Hooks components (components/hooks/<name>.yaml) whose hooks are merged into .claude/settings.json.
   */
  hooks?: NameList;
  /**
   * Settings fragments (components/settings/<name>.yaml) merged into .claude/settings.json.
   */
  settings?: NameList;
  /**
   * CLAUDE.md sections (components/claude-md/<name>.yaml) concatenated into the project's CLAUDE.md.
   */
  'claude-md'?: NameList;
  /**
   * Auto-Claude agent configs (components/auto-claude/agent-configs/<agent_type>.yaml) whose MCP membership is written as AGENT_MCP_<agent_type>_ADD/_REMOVE in .auto-claude/.env.
   */
  'agent-configs'?: NameList;
}
/**
 * Template variables, available to Handlebars templates as {{vars.<name>}}.
 */
export interface Variables {
  [k: string]: string | number | boolean;
}
