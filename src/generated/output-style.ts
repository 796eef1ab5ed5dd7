/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/output-style.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { FrontmatterBoolean, FrontmatterText } from './common.js';

/**
 * A Claude Code output style (components/output-styles/<name>.yaml): the frontmatter of .claude/output-styles/<name>.md; the <name>.md beside it is the style's system prompt and must not be empty. The outputStyle setting chooses a style by its name. Keys ccm does not know are kept and written unchanged, in place, with an UNKNOWN_FIELD warning (an error under strict: true in ccm.config.yaml).
 */
export interface OutputStyle {
  /**
   * Name of the style, which the outputStyle setting names; defaults to the file name.
   */
  name?: string;
  /**
   * Short description Claude Code shows when listing the styles.
   */
  description?: string;
  /**
   * When true, Claude Code keeps its built-in software-engineering instructions and adds the style's prompt to them; when false (the default) the style's prompt replaces them.
   */
  'keep-coding-instructions'?: FrontmatterBoolean;
  /**
   * ccm only: the imported file's original text before the body, kept so that a build reproduces it byte for byte.
   */
  frontmatterText?: FrontmatterText;
}
