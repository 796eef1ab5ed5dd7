/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/auto-claude-model-profile.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { AutoClaudeModel, PhaseModels, PhaseThinking, ThinkingLevel } from './common.js';

/**
 * An Auto-Claude model profile (components/auto-claude/model-profiles/<id>.yaml); a project's autoClaude.modelProfile writes it into the spec folders' task_metadata.json.
 */
export interface AutoClaudeModelProfile {
  /**
   * Display name of the profile; ccm only.
   */
  name?: string;
  /**
   * What the profile is for; ccm only.
   */
  description?: string;
  /**
   * task_metadata.json 'model': the model for every phase that has no per-phase value.
   */
  model: AutoClaudeModel;
  /**
   * task_metadata.json 'thinkingLevel': the thinking level for every phase that has no per-phase value.
   */
  thinkingLevel: ThinkingLevel;
  /**
   * task_metadata.json 'phaseModels': model per phase, honoured by the backend only when isAutoProfile is true.
   */
  phaseModels?: PhaseModels;
  /**
   * task_metadata.json 'phaseThinking': thinking level per phase, honoured by the backend only when isAutoProfile is true.
   */
  phaseThinking?: PhaseThinking;
  /**
   * task_metadata.json 'isAutoProfile': when true the backend uses phaseModels/phaseThinking; defaults to true when either is given.
   */
  isAutoProfile?: boolean;
}
