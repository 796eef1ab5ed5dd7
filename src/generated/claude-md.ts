/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/claude-md.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

/**
 * A CLAUDE.md section (components/claude-md/<name>.yaml); the <name>.md beside it is the section text that ccm concatenates into the project's CLAUDE.md, or into <directory>/CLAUDE.md when the section names a directory.
 */
export interface ClaudeMd {
  /**
   * What the section covers; ccm only, not written to CLAUDE.md.
   */
  description?: string;
  /**
   * Sort key: ccm writes sections in ascending order, then by name.
   */
  order?: number;
  /**
   * Subdirectory of the project whose CLAUDE.md gets this section (Claude Code loads it when it works there): a relative POSIX path such as packages/api, without . or .. segments, empty segments, backslashes, a .git segment, or .claude/.auto-claude as first segment. Sections with the same directory are concatenated by the same order rules; without it the section goes into the project root's CLAUDE.md.
   */
  directory?: string;
  /**
   * When true, ccm renders the body with Handlebars and the project's variables ({{vars.name}}); when false the body is copied byte for byte.
   */
  template?: boolean;
}
