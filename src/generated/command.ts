/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/command.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { ClaudeModel, Effort, EnvVarName, FrontmatterText, HeaderMap, HookAgent, HookCommand, HookHandler, HookHttp, HookIf, HookMatcherGroup, HookMatcherList, HookMcpTool, HookPrompt, HookTimeout, Hooks, Name, SecretRef, StringOrList, StringOrSecret } from './common.js';

/**
 * A Claude Code slash command (components/commands/** /<name>.yaml): the frontmatter of .claude/commands/** /<name>.md; subfolders namespace the command and the <name>.md beside it is the body ($ARGUMENTS, $1, !`cmd`, @file pass through).
 */
export interface Command {
  /**
   * Short description Claude Code shows in the /command menu and gives the model.
   */
  description?: string;
  /**
   * Tools Claude may use without asking while running the command.
   */
  'allowed-tools'?: StringOrList;
  /**
   * Tools Claude may not use while running the command.
   */
  'disallowed-tools'?: StringOrList;
  /**
   * Hint Claude Code shows after the command name for the expected arguments.
   */
  'argument-hint'?: string;
  /**
   * Model Claude Code switches to while running the command.
   */
  model?: ClaudeModel;
  /**
   * When true, only the user can run the command; Claude cannot invoke it through the Skill tool.
   */
  'disable-model-invocation'?: boolean;
  /**
   * Reasoning effort Claude Code requests while running the command.
   */
  effort?: Effort;
  /**
   * 'fork' runs the command in a forked sub-context instead of the main conversation.
   */
  context?: 'fork';
  /**
   * Subagent type that runs the forked command (with context: fork).
   */
  agent?: Name;
  /**
   * Hooks active only while the command runs, in the shape of settings.json's hooks.
   */
  hooks?: Hooks;
  /**
   * ccm only: the imported file's original text before the body, kept so that a build reproduces it byte for byte.
   */
  frontmatterText?: FrontmatterText;
}
