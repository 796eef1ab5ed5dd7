import { closest, distance } from 'fastest-levenshtein';

/**
 * The one "did you mean" rule of ccm, for names in YAML files and words on the command line alike:
 * the known word nearest by edit distance, ignoring case, counts as meant when at most a third of
 * its length (and at least 2) edits away.
 */
export function typoTolerance(known: string): number {
  return Math.max(2, Math.floor(known.length / 3));
}

/** The candidate `word` is most likely a typo of, or undefined when none is close enough. */
export function nearest(word: string, candidates: readonly string[], tolerance: (known: string) => number = typoTolerance): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = candidates.map((c) => c.toLowerCase());
  const best = closest(word.toLowerCase(), lower);
  const meant = candidates[lower.indexOf(best)];
  return meant !== undefined && distance(word.toLowerCase(), best) <= tolerance(meant) ? meant : undefined;
}

/** `did you mean "x"? Otherwise <fallback>` when a candidate is close, else the fallback alone. */
export function didYouMeanOr(word: string, candidates: readonly string[], fallback: string): string {
  const meant = nearest(word, candidates);
  return meant === undefined ? fallback : `did you mean "${meant}"? Otherwise ${fallback}`;
}

/** `did you mean "x"?`, or undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const meant = nearest(word, candidates);
  return meant === undefined ? undefined : `did you mean "${meant}"?`;
}
