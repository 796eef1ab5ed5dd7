/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/command.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { AgentType, ArgumentHint, ClaudeModel, Effort, EnvVarName, FrontmatterBoolean, FrontmatterText, HeaderMap, HookAgent, HookCommand, HookHandler, HookHttp, HookIf, HookMatcherGroup, HookMatcherList, HookMcpTool, HookPrompt, HookTimeout, Hooks, SecretRef, StringOrList, StringOrSecret } from './common.js';

/**
 * A Claude Code slash command (components/commands/** /<name>.yaml): the frontmatter of .claude/commands/** /<name>.md; subfolders namespace the command and the <name>.md beside it is the body ($ARGUMENTS, $1, !`cmd`, @file pass through). Claude Code reads commands as skills, so they take the same fields. Keys ccm does not know are kept and written unchanged, in place, with an UNKNOWN_FIELD warning (an error under strict: true in ccm.config.yaml).
 */
export interface Command {
  /**
   * Name Claude Code shows for the command; the file name (with its folders as namespace) is what /name runs.
   */
  name?: string;
  /**
   * Short description Claude Code shows in the /command menu and gives the model.
   */
  description?: string;
  /**
   * Extra guidance Claude Code shows the model about when the command applies.
   */
  when_to_use?: string;
  /**
   * Tools Claude may use without asking while running the command.
   */
  'allowed-tools'?: StringOrList;
  /**
   * Tools Claude may not use while running the command.
   */
  'disallowed-tools'?: StringOrList;
  /**
   * Hint Claude Code shows after the command name for the expected arguments (a string, or a list written unchanged).
   */
  'argument-hint'?: ArgumentHint;
  /**
   * Names of the command's arguments, which Claude Code substitutes as $name in the body.
   */
  arguments?: StringOrList;
  /**
   * Model Claude Code switches to while running the command.
   */
  model?: ClaudeModel;
  /**
   * When true, only the user can run the command; Claude cannot invoke it through the Skill tool.
   */
  'disable-model-invocation'?: FrontmatterBoolean;
  /**
   * When false, the command does not appear in the / menu for the user (default true).
   */
  'user-invocable'?: FrontmatterBoolean;
  /**
   * Reasoning effort Claude Code requests while running the command.
   */
  effort?: Effort;
  /**
   * 'fork' runs the command in a forked sub-context instead of the main conversation.
   */
  context?: 'fork';
  /**
   * Subagent type that runs the forked command (with context: fork): a subagent name or plugin-name:agent-name.
   */
  agent?: AgentType;
  /**
   * Whether a forked command runs in the background (Claude Code's default when forked); false opts out.
   */
  background?: FrontmatterBoolean;
  /**
   * Hooks active only while the command runs, in the shape of settings.json's hooks.
   */
  hooks?: Hooks;
  /**
   * Shell Claude Code uses for the command's !`command` expansions: bash or powershell.
   */
  shell?: 'bash' | 'powershell';
  /**
   * Glob(s) of files the command applies to; Claude Code offers it when working on matching files.
   */
  paths?: StringOrList;
  /**
   * License of the command's content, written to the frontmatter as given.
   */
  license?: string;
  /**
   * Environment requirements of the command (tools, network, runtimes), written to the frontmatter as given.
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
