/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/auto-claude-prompt.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

/**
 * An Auto-Claude prompt (components/auto-claude/prompts/** /<name>.yaml); the <name>.md beside it is written to <backendPath>/prompts/** /<name>.md, subfolders kept.
 */
export interface AutoClaudePrompt {
  /**
   * What the prompt is for; ccm only, not written to the backend.
   */
  description?: string;
  /**
   * When true, ccm renders the body with Handlebars first; when false (default) the body reaches the backend byte for byte, so the runtime's own {{BASE_BRANCH}} survives.
   */
  template?: boolean;
  /**
   * Strings the body must keep because the backend replaces them at run time; validation warns when the body lost one.
   */
  injectionPoints?: string[];
}
