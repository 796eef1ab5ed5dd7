import type { ComponentKind } from '../core/kinds.js';
import type { AutoClaudeProject, Project } from '../generated/index.js';
import type { Component } from '../load/model.js';
import type { YamlFile } from '../load/yaml-file.js';

export type Scalar = string | number | boolean;

/** One project after its profiles are merged: exactly what render needs, with where it came from. */
export interface ResolvedProject {
  name: string;
  /** projects/<name>.yaml */
  file: YamlFile<Project>;
  /** Absolute project directory: the root of every Claude Code and per-project Auto-Claude output. */
  dir: string;
  targets: { claudeCode: boolean; autoClaude: boolean };
  /** Profiles applied, in order (defaults first, parents before children). */
  profiles: string[];
  variables: Record<string, Scalar>;
  /** Variable name → file that set it. */
  variableSources: Record<string, string>;
  /** Selected components per kind, sorted by name. Prompts and model profiles are not selected here. */
  components: { [K in ComponentKind]: Component<K>[] };
  /** Component → the profile or project file that selected it first. */
  selectedBy: Map<Component, string>;
  /** The project's `autoClaude` mapping as written. */
  autoClaude: AutoClaudeProject | undefined;
  modelProfile: Component<'auto-claude-model-profile'> | undefined;
}

/** The Auto-Claude backend installation named in ccm.config.yaml, with every prompt of the repo. */
export interface ResolvedBackend {
  /** Absolute path of the backend folder (holding prompts/). */
  dir: string;
  prompts: Component<'auto-claude-prompt'>[];
}
