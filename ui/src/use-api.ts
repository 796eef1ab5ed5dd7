import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveVersion } from './live.ts';

/** `mutate` puts in an answer the page already has (a save returns the document as now on disk). */
export type Loaded<T> = { data: T | null; error: Error | null; loading: boolean; reload: () => void; mutate: (data: T) => void };

/**
 * Loads `fetcher()` and loads it again when `deps` change, when the live channel reports a change,
 * or on `reload()`. A stale answer is dropped: deps changed meanwhile, or `mutate` put in a newer
 * one (a load that a live event started just before a save could otherwise answer after the save
 * with the document as it was, and the next save would carry that old revision into a 409).
 */
export function useApi<T>(fetcher: () => Promise<T>, deps: unknown[] = [], live = true): Loaded<T> {
  const version = useLiveVersion();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: true });
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    const current = () => generation.current === mine;
    setState((s) => ({ ...s, loading: true }));
    fetcher().then(
      (data) => current() && setState({ data, error: null, loading: false }),
      (error: Error) => current() && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      if (current()) generation.current++;
    };
  }, [...deps, live ? version : 0, tick]);
  const mutate = (data: T) => {
    generation.current++;
    setState({ data, error: null, loading: false });
  };
  return { ...state, reload: () => setTick((t) => t + 1), mutate };
}
