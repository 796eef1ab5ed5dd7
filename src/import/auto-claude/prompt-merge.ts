import { mergeDiff3 } from 'node-diff3';
import { conflictCount, conflictMarkerLine, MARKER_LABELS } from '../../core/auto-claude/conflict-markers.js';

export type MergeOutcome =
  | { kind: 'unchanged' }
  | { kind: 'taken'; text: string }
  | { kind: 'merged'; text: string }
  | { kind: 'conflict'; text: string; conflicts: number; firstLine: number };

/**
 * Three-way merge of one prompt: `ours` is the repo's body, `base` the upstream text recorded at the
 * last import (undefined when none was: then every difference is a conflict), `theirs` the new
 * upstream text. Line-based (diff3, node-diff3); conflicts carry git-style markers with labels.
 */
export function mergePrompt(ours: string, base: string | undefined, theirs: string): MergeOutcome {
  if (ours === theirs || base === theirs) return { kind: 'unchanged' };
  if (base !== undefined && ours === base) return { kind: 'taken', text: theirs };
  const merged = mergeDiff3(ours.split('\n'), (base ?? '').split('\n'), theirs.split('\n'), { label: MARKER_LABELS });
  const text = merged.result.join('\n');
  if (!merged.conflict) return { kind: 'merged', text };
  return { kind: 'conflict', text, conflicts: conflictCount(text), firstLine: conflictMarkerLine(text) };
}
