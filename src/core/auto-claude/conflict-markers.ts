/**
 * The conflict markers a prompt upgrade leaves in a body (git's style, labelled), in one place for
 * the merge that writes them and the validation that refuses to build a prompt that still has them.
 */
export const MARKER_LABELS = { a: 'ours (config repo)', o: 'base (upstream at the last import)', b: 'theirs (new upstream)' } as const;

const CONFLICT_START = /^<{7} /m;

/** Line (1-based) of the first conflict start marker in a text, or 0 when there is none. */
export function conflictMarkerLine(text: string): number {
  const m = CONFLICT_START.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : 0;
}

/** How many conflicts a text has (start markers). */
export function conflictCount(text: string): number {
  return text.split('\n').filter((l) => l.startsWith('<<<<<<< ')).length;
}
