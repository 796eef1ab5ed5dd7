// Order statistics of timing samples. Nearest-rank percentiles: with 30 samples p95 is the 29th
// smallest, a value that was actually observed.
export function percentile(samples, p) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(samples) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of a_i / b_i: on a noisy machine each pair shares its moment's load, a ratio of medians does not. */
export function medianRatio(a, b) {
  return median(a.map((x, i) => x / b[i]));
}
