/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/skill.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { AgentType, ArgumentHint, ClaudeModel, Effort, EnvVarName, FrontmatterBoolean, FrontmatterText, HeaderMap, HookAgent, HookCommand, HookHandler, HookHttp, HookIf, HookMatcherGroup, HookMatcherList, HookMcpTool, HookPrompt, HookTimeout, Hooks, SecretRef, StringOrList, StringOrSecret } from './common.js';

/**
 * A Claude Code skill (components/skills/<name>/skill.yaml): the frontmatter of .claude/skills/<name>/SKILL.md; SKILL.md beside it is the body and every other file in the folder is copied verbatim. Keys ccm does not know are kept and written unchanged, in place, with an UNKNOWN_FIELD warning (an error under strict: true in ccm.config.yaml).
 */
export interface Skill {
  /**
   * Skill name Claude Code registers (also the /name command); defaults to the folder name; at most 64 characters. Claude Code's docs ask for lowercase letters, digits and hyphens, but it also loads other names (such as "Agent Development"), so ccm accepts any.
   */
  name?: string;
  /**
   * What the skill does and when to use it; Claude reads it to decide when to load the skill.
   */
  description?: string;
  /**
   * Extra guidance Claude Code shows the model about when the skill applies.
   */
  when_to_use?: string;
  /**
   * Hint Claude Code shows after the /command name for the expected arguments (a string, or a list written unchanged).
   */
  'argument-hint'?: ArgumentHint;
  /**
   * Names of the skill's arguments, which Claude Code substitutes as $name in the body.
   */
  arguments?: StringOrList;
  /**
   * Tools Claude may use without asking while the skill is active.
   */
  'allowed-tools'?: StringOrList;
  /**
   * Tools Claude may not use while the skill is active.
   */
  'disallowed-tools'?: StringOrList;
  /**
   * Model Claude Code switches to while the skill runs.
   */
  model?: ClaudeModel;
  /**
   * Reasoning effort Claude Code requests while the skill runs.
   */
  effort?: Effort;
  /**
   * 'fork' runs the skill in a forked sub-context instead of the main conversation.
   */
  context?: 'fork';
  /**
   * Subagent type that runs the forked skill (with context: fork): a subagent name or plugin-name:agent-name.
   */
  agent?: AgentType;
  /**
   * Whether a forked skill runs in the background (Claude Code's default for forked skills); false opts out.
   */
  background?: FrontmatterBoolean;
  /**
   * Hooks active only while the skill runs, in the shape of settings.json's hooks.
   */
  hooks?: Hooks;
  /**
   * Shell Claude Code uses for the skill's !`command` expansions: bash or powershell.
   */
  shell?: 'bash' | 'powershell';
  /**
   * When true, only the user can invoke the skill (/name); Claude never loads it on its own.
   */
  'disable-model-invocation'?: FrontmatterBoolean;
  /**
   * When false, the skill does not appear as a /command for the user (default true).
   */
  'user-invocable'?: FrontmatterBoolean;
  /**
   * Glob(s) of files the skill applies to; Claude Code offers the skill when working on matching files.
   */
  paths?: StringOrList;
  /**
   * License of the skill's content, written to the frontmatter as given.
   */
  license?: string;
  /**
   * Environment requirements of the skill (tools, network, runtimes), written to the frontmatter as given.
   */
  compatibility?: string;
  /**
   * Free-form key-value metadata written to the frontmatter as given.
   */
  metadata?: {
    [k: string]: unknown;
  };
  /**
   * ccm only: the imported file's original text before the body, kept so that a build reproduces it byte for byte.
   */
  frontmatterText?: FrontmatterText;
}
