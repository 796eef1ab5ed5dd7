/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/auto-claude-model-profile.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

/**
 * An Auto-Claude model: a shorthand (opus, sonnet, haiku) that the backend maps to a model ID, or a full model ID passed through unchanged.
 */
export type AutoClaudeModel = string;
/**
 * Auto-Claude thinking level; the backend maps it to a token budget (none = off, low 1024, medium 4096, high 16384, ultrathink 63999).
 */
export type ThinkingLevel = 'none' | 'low' | 'medium' | 'high' | 'ultrathink';

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
/**
 * Model per Auto-Claude phase; the backend uses it only when isAutoProfile is true, and a missing phase falls back to the profile's model.
 */
export interface PhaseModels {
  /**
   * Model for spec creation; the Auto-Claude UI passes it to spec_runner.py as --model.
   */
  spec?: AutoClaudeModel;
  /**
   * Model for the planner session that builds the implementation plan.
   */
  planning?: AutoClaudeModel;
  /**
   * Model for the coder sessions that implement subtasks.
   */
  coding?: AutoClaudeModel;
  /**
   * Model for the QA reviewer and QA fixer sessions.
   */
  qa?: AutoClaudeModel;
}
/**
 * Thinking level per Auto-Claude phase; the backend uses it only when isAutoProfile is true, and a missing phase falls back to the profile's thinkingLevel.
 */
export interface PhaseThinking {
  /**
   * Thinking level for spec creation; the Auto-Claude UI passes it to spec_runner.py as --thinking-level.
   */
  spec?: ThinkingLevel;
  /**
   * Thinking level for the planner session.
   */
  planning?: ThinkingLevel;
  /**
   * Thinking level for the coder sessions.
   */
  coding?: ThinkingLevel;
  /**
   * Thinking level for the QA reviewer and QA fixer sessions.
   */
  qa?: ThinkingLevel;
}
