import type { ResolvedProject } from '../../resolve/types.js';
import type { SpecMetadataPatch } from '../types.js';
import { PHASES, type Phase } from '../../core/auto-claude/model-profiles.js';

/**
 * The project's model profile as the `task_metadata.json` keys the backend reads (§3 of the
 * runtime notes): `model`, `thinkingLevel`, `isAutoProfile`, and `phaseModels` / `phaseThinking`
 * when the profile has them. `isAutoProfile` is the profile's own value, else true exactly when it
 * has per-phase values, because the backend ignores those unless it is true. The plan stage
 * applies the patch to the spec folders that `specs` selects.
 */
export function modelProfilePatch(project: ResolvedProject): SpecMetadataPatch | undefined {
  const profile = project.modelProfile;
  if (!profile) return undefined;
  const v = profile.file.value;
  const { phaseModels, phaseThinking } = v;
  const set: Record<string, unknown> = {
    model: v.model,
    thinkingLevel: v.thinkingLevel,
    isAutoProfile: v.isAutoProfile ?? (phaseModels !== undefined || phaseThinking !== undefined),
  };
  if (set['isAutoProfile'] === true) {
    // With isAutoProfile the backend takes each phase from these maps and falls back to its own
    // defaults (sonnet) for a missing phase, so every phase is written: the profile's flat value
    // stands in for a phase it leaves out, and maps left by the app cannot outlive the profile.
    set['phaseModels'] = fillPhases(phaseModels, v.model);
    set['phaseThinking'] = fillPhases(phaseThinking, v.thinkingLevel);
  } else {
    if (phaseModels) set['phaseModels'] = { ...phaseModels };
    if (phaseThinking) set['phaseThinking'] = { ...phaseThinking };
  }
  const specs = project.autoClaude?.specs ?? 'incomplete';
  return { set, specs, sources: [project.file.path, profile.file.path] };
}

function fillPhases(map: Partial<Record<Phase, string>> | undefined, fallback: string): Record<string, string> {
  return Object.fromEntries(PHASES.map((phase) => [phase, map?.[phase] ?? fallback]));
}
