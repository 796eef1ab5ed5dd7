/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/claude-md.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

/**
 * A CLAUDE.md section (components/claude-md/<name>.yaml); the <name>.md beside it is the section text that ccm concatenates into the project's CLAUDE.md.
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
   * When true, ccm renders the body with Handlebars and the project's variables ({{vars.name}}); when false the body is copied byte for byte.
   */
  template?: boolean;
}
