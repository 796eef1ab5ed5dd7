/**
 * Milliseconds on a monotonic clock, for durations, as `performance.now()` counts them but without
 * loading perf_hooks, which is about 3 ms of a short run such as a build that finds nothing to do.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
