import { useEffect, useState } from 'preact/hooks';
import { useLiveVersion } from './live.ts';

/** `mutate` puts in an answer the page already has (a save returns the document as now on disk). */
export type Loaded<T> = { data: T | null; error: Error | null; loading: boolean; reload: () => void; mutate: (data: T) => void };

/**
 * Loads `fetcher()` and loads it again when `deps` change, when the live channel reports a change,
 * or on `reload()`. A stale answer (deps changed meanwhile) is dropped.
 */
export function useApi<T>(fetcher: () => Promise<T>, deps: unknown[] = [], live = true): Loaded<T> {
  const version = useLiveVersion();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    fetcher().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: Error) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [...deps, live ? version : 0, tick]);
  return { ...state, reload: () => setTick((t) => t + 1), mutate: (data: T) => setState({ data, error: null, loading: false }) };
}
