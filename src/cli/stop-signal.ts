// How a long-running command (`ccm watch`, `ccm ui`) learns that it should stop.

/** Resolves with the name of the first SIGINT or SIGTERM (or "abort" from the caller); only listens while the command runs. */
export function stopSignal(abort: AbortSignal | undefined): { promise: Promise<string>; cancel: () => void } {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  let handler: (signal: string) => void = () => undefined;
  const onAbort = (): void => handler('abort');
  const cancel = (): void => {
    for (const s of signals) process.removeListener(s, handler);
    abort?.removeEventListener('abort', onAbort);
  };
  const promise = new Promise<string>((resolve) => {
    handler = (signal) => {
      cancel();
      resolve(signal);
    };
    for (const s of signals) process.once(s, handler);
    if (abort?.aborted) onAbort();
    else abort?.addEventListener('abort', onAbort);
  });
  return { promise, cancel };
}
