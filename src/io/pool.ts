/**
 * Runs `fn` over `items`, at most `limit` at a time, and returns the results in the order of the
 * items. The bound keeps open handles flat however many files a step syncs (durability.ts).
 *
 * After the first failure no further item is started, and the failure is thrown only once every
 * started call has settled: a caller's clean-up (removing the staging folder) must not race a
 * call still in flight on a file in it.
 */
export async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  if (failure) throw failure.err;
  return results;
}
