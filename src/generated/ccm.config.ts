/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/ccm.config.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { Name, NameList, Target, TargetList } from './common.js';

/**
 * The repository configuration (ccm.config.yaml at the root of a ccm config repository).
 */
export interface CcmConfig {
  /**
   * Format version of the config repository; ccm refuses a version it does not know.
   */
  version: 1;
  /**
   * When true, what ccm accepts on trust becomes an error: keys it does not know in files it writes for Claude Code (UNKNOWN_FIELD) and references to MCP servers, skills or agents defined outside the repo (EXTERNAL_REFERENCE).
   */
  strict?: boolean;
  /**
   * Where the Auto-Claude backend lives.
   */
  autoClaude?: {
    /**
     * Auto-Claude backend folder (the one holding prompts/), relative to the config repository or absolute; ccm writes the prompts there.
     */
    backendPath?: string;
  };
  /**
   * How secrets in secrets/*.age are encrypted.
   */
  secrets?: {
    /**
     * age public keys (age1...) every secret is encrypted to; 'ccm secrets rotate' re-encrypts to the current list.
     */
    recipients?: string[];
  };
  /**
   * Defaults that apply to every project.
   */
  defaults?: {
    /**
     * Profiles every project uses before its own profiles.
     */
    profiles?: NameList;
    /**
     * Targets of projects that do not name their own; both when omitted.
     */
    targets?: TargetList;
  };
}
