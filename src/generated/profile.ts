/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/profile.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { ComponentSelection, Name, NameList, PathName, PathNameList, Variables } from './common.js';

/**
 * A profile (profiles/<name>.yaml): a named set of components and variables that projects and other profiles build on.
 */
export interface Profile {
  /**
   * What the profile is for; ccm only.
   */
  description?: string;
  /**
   * Profiles whose components and variables this profile includes first, in order.
   */
  extends?: NameList;
  /**
   * Components this profile brings, by kind.
   */
  components?: ComponentSelection;
  /**
   * Template variables ({{vars.name}}); they override those of extended profiles.
   */
  variables?: Variables;
}
