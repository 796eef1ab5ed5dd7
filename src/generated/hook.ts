/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/hook.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { ClaudeModel, EnvVarName, HeaderMap, HookAgent, HookCommand, HookHandler, HookHttp, HookIf, HookMatcherGroup, HookMatcherList, HookMcpTool, HookPrompt, HookTimeout, Hooks, SecretRef, StringOrSecret } from './common.js';

/**
 * A hooks component (components/hooks/<name>.yaml): hooks that ccm merges into the 'hooks' key of .claude/settings.json for every project that selects it.
 */
export interface Hook {
  /**
   * What these hooks are for; ccm only, not written to settings.json.
   */
  description?: string;
  /**
   * Hooks by event, exactly the shape of settings.json's 'hooks'; matcher groups of all selected components are appended per event.
   */
  hooks: Hooks;
}
