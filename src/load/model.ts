import type { ComponentKind } from '../core/kinds.js';
import type {
  AutoClaudeAgentConfig,
  AutoClaudeModelProfile,
  AutoClaudePrompt,
  CcmConfig,
  ClaudeMd,
  Command as CommandComponent,
  Hook,
  McpServer,
  OutputStyle,
  Profile,
  Project,
  Rule,
  Settings,
  Skill,
  Subagent,
} from '../generated/index.js';
import type { YamlFile } from './yaml-file.js';

/** A non-YAML file the repo carries: a Markdown body, a skill's supporting file, a template. */
export interface RawFile {
  /** Repo-relative POSIX path. */
  readonly path: string;
  /** The content; for a file the parse cache knew by its stat, read from disk on first use. */
  readonly bytes: Uint8Array;
  /** Some execute bit is set on disk; a verbatim copy (a skill's script) keeps it. */
  executable?: true;
  /** SHA-256 (hex) of `bytes`, when the stat fast path already knows it. */
  readonly sha256?: string;
}

/**
 * A component's Markdown body. `text` may be read from disk on first use (a body whose content the
 * parse cache knows decoded cleanly before): `sha256`, the hash of its bytes, stands for it where
 * only its identity matters (the render fingerprint).
 */
export interface ComponentBody {
  readonly path: string;
  readonly text: string;
  readonly sha256?: string;
}

/** A component of one kind; its YAML typed as the kind's schema type ({@link ComponentValues}). */
export interface Component<K extends ComponentKind = ComponentKind> {
  kind: K;
  /** Name from the file name; subfolders included for nested kinds (`git/commit`). */
  name: string;
  file: YamlFile<ComponentValues[K]>;
  /** Markdown body beside the YAML, decoded as UTF-8. */
  body?: ComponentBody;
  /** Skills only: supporting files, path relative to the skill folder. */
  files?: { relPath: string; file: RawFile }[];
}

/** Each kind's components by name. */
export type ComponentsByKind = { [K in ComponentKind]: Map<string, Component<K>> };

export interface SecretFile {
  name: string;
  path: string;
}

/**
 * Everything `load` read from a config repo; later stages are pure functions of this. Each YAML
 * value is typed as its schema's generated type: the contract of the pipeline is that only
 * `validate` looks at a repo it has not passed (it checks `value` as unknown data, and its
 * cross-reference checks read only the files that passed their schema), and every later stage runs
 * only on a repo without validation errors, where the types are checked facts.
 */
export interface ConfigRepo {
  /** Absolute path of the config repo root (the folder holding ccm.config.yaml). */
  root: string;
  config?: YamlFile<CcmConfig>;
  components: ComponentsByKind;
  profiles: Map<string, YamlFile<Profile>>;
  projects: Map<string, YamlFile<Project>>;
  secrets: Map<string, SecretFile>;
  /** User template overrides, keyed by path below `templates/`. */
  templates: Map<string, RawFile>;
  /**
   * Names whose file exists but could not be parsed (a YAML syntax error, an empty or binary file).
   * That file carries the one error; a reference to the name is no second mistake.
   */
  unreadable: UnreadableNames;
}

export interface UnreadableNames {
  profiles: Set<string>;
  projects: Set<string>;
  components: Record<ComponentKind, Set<string>>;
}

export function noUnreadableNames(): UnreadableNames {
  const components = Object.fromEntries(Object.keys(emptyComponents()).map((k) => [k, new Set<string>()]));
  return { profiles: new Set(), projects: new Set(), components: components as Record<ComponentKind, Set<string>> };
}

/** A component of this name has a file, readable or not: references to it are not unknown. */
export function hasComponentFile(repo: ConfigRepo, kind: ComponentKind, name: string): boolean {
  return repo.components[kind].has(name) || repo.unreadable.components[kind].has(name);
}

/** A profile of this name has a file, readable or not. */
export function hasProfileFile(repo: ConfigRepo, name: string): boolean {
  return repo.profiles.has(name) || repo.unreadable.profiles.has(name);
}

export function emptyComponents(): ComponentsByKind {
  return {
    'mcp-server': new Map(),
    subagent: new Map(),
    skill: new Map(),
    command: new Map(),
    hook: new Map(),
    settings: new Map(),
    'claude-md': new Map(),
    'output-style': new Map(),
    rule: new Map(),
    'auto-claude-prompt': new Map(),
    'auto-claude-agent-config': new Map(),
    'auto-claude-model-profile': new Map(),
  };
}

/** The schema-generated type of each kind's YAML: what `file.value` holds once validation passed. */
export interface ComponentValues {
  'mcp-server': McpServer;
  subagent: Subagent;
  skill: Skill;
  command: CommandComponent;
  hook: Hook;
  settings: Settings;
  'claude-md': ClaudeMd;
  'output-style': OutputStyle;
  rule: Rule;
  'auto-claude-prompt': AutoClaudePrompt;
  'auto-claude-agent-config': AutoClaudeAgentConfig;
  'auto-claude-model-profile': AutoClaudeModelProfile;
}

/**
 * A parsed YAML file as the document its place in the repo says it is: the one step from what the
 * parser returns to the schema types of {@link ConfigRepo} (see there for why that holds).
 */
export function asDocument<T>(file: YamlFile): YamlFile<T> {
  return file as unknown as YamlFile<T>;
}
