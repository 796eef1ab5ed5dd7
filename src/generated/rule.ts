/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/rule.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { FrontmatterText } from './common.js';

/**
 * A Claude Code rule (components/rules/** /<name>.yaml): the frontmatter of .claude/rules/** /<name>.md, a memory file; subfolders become part of the name and of the output path, and the <name>.md beside it is the rule's text. Without fields the rule is written as plain Markdown (no frontmatter block) and always loads. Keys ccm does not know are kept and written unchanged, in place, with an UNKNOWN_FIELD warning (an error under strict: true in ccm.config.yaml).
 */
export interface Rule {
  /**
   * Glob(s) of project files, relative to the project root: Claude Code loads the rule only while it works on a matching file. A glob may not be empty, absolute, contain a .. segment or a backslash, or leave [ ] or { } unbalanced. Written in the form given.
   */
  paths?: string | string[];
  /**
   * ccm only: the imported file's original text before the body, kept so that a build reproduces it byte for byte.
   */
  frontmatterText?: FrontmatterText;
}
