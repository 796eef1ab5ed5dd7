/**
 * Auto-Claude's phases and the app's built-in agent profiles (frontend `DEFAULT_AGENT_PROFILES`,
 * v2.7.5), as facts: `ccm init --defaults` scaffolds them and `ccm import auto-claude` falls back to
 * them when the frontend source is not beside the backend. A conformance test holds them to the
 * runtime's own tables.
 */
import type { ThinkingLevel } from './agent-defaults.js';

/** The phases of `phaseModels` / `phaseThinking`, in the backend's order. */
export const PHASES = ['spec', 'planning', 'coding', 'qa'] as const;
export type Phase = (typeof PHASES)[number];

export interface AppModelProfile {
  id: string;
  name: string;
  /** ccm's own words: the app's descriptions are UI copy. */
  description: string;
  model: string;
  thinkingLevel: ThinkingLevel;
  phaseModels: Record<Phase, string>;
  phaseThinking: Record<Phase, ThinkingLevel>;
  /**
   * What the app writes into task_metadata.json (`profileId === 'auto'`): false for the others,
   * although they have per-phase maps, so the UI does not show their tasks as "Auto (Optimized)".
   */
  isAutoProfile: boolean;
}

const phases = <T extends string>(spec: T, planning: T, coding: T, qa: T): Record<Phase, T> => ({ spec, planning, coding, qa });
const every = <T extends string>(v: T): Record<Phase, T> => phases(v, v, v, v);

export const APP_MODEL_PROFILES: readonly AppModelProfile[] = [
  {
    id: 'auto', name: 'Auto (Optimized)', description: 'Opus in every phase; deep thinking for the spec and plan, light thinking for coding and QA',
    model: 'opus', thinkingLevel: 'high', phaseModels: every('opus'), phaseThinking: phases('ultrathink', 'high', 'low', 'low'), isAutoProfile: true,
  },
  {
    id: 'complex', name: 'Complex Tasks', description: 'Opus with the deepest thinking in every phase',
    model: 'opus', thinkingLevel: 'ultrathink', phaseModels: every('opus'), phaseThinking: every('ultrathink'), isAutoProfile: false,
  },
  {
    id: 'balanced', name: 'Balanced', description: 'Sonnet with medium thinking in every phase',
    model: 'sonnet', thinkingLevel: 'medium', phaseModels: every('sonnet'), phaseThinking: every('medium'), isAutoProfile: false,
  },
  {
    id: 'quick', name: 'Quick Edits', description: 'Haiku with light thinking in every phase',
    model: 'haiku', thinkingLevel: 'low', phaseModels: every('haiku'), phaseThinking: every('low'), isAutoProfile: false,
  },
];

/** A profile as the fields of a model-profile component (the YAML ccm writes for it). */
export function modelProfileFields(p: AppModelProfile): Record<string, unknown> {
  return {
    name: p.name, description: p.description, model: p.model, thinkingLevel: p.thinkingLevel,
    phaseModels: { ...p.phaseModels }, phaseThinking: { ...p.phaseThinking }, isAutoProfile: p.isAutoProfile,
  };
}
