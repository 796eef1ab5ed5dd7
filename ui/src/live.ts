// The live channel: one EventSource on /api/events for the whole page. Pages subscribe to what
// they show; a change on disk (any editor) or a build elsewhere makes them fetch again.
import { useEffect, useState } from 'preact/hooks';
import type { ServerEvent } from '../../src/ui/api-types.ts';

type Listener = (event: ServerEvent) => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let connected = false;
const statusListeners = new Set<(up: boolean) => void>();

function connect(): void {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/events');
  source.onopen = () => setConnected(true);
  source.onerror = () => setConnected(false); // EventSource reconnects by itself
  const deliver = (msg: MessageEvent<string>) => {
    let event: ServerEvent;
    try {
      event = JSON.parse(msg.data) as ServerEvent;
    } catch {
      return;
    }
    for (const l of listeners) l(event);
  };
  // The server names each event by its type (`event: build`), and EventSource hands a named event
  // only to a listener for that name, never to onmessage.
  for (const type of EVENT_TYPES) source.addEventListener(type, deliver);
}

const EVENT_TYPES: readonly ServerEvent['type'][] = ['hello', 'changed', 'build'];

function setConnected(up: boolean): void {
  connected = up;
  for (const l of statusListeners) l(up);
}

export function onServerEvent(listener: Listener): () => void {
  connect();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A counter that goes up whenever config files change or a build finishes: a dependency for data loads. */
export function useLiveVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => onServerEvent((e) => {
    if (e.type === 'changed' || (e.type === 'build' && e.phase !== 'started')) setVersion((v) => v + 1);
  }), []);
  return version;
}

export function useConnected(): boolean {
  const [up, setUp] = useState(connected);
  useEffect(() => {
    connect();
    statusListeners.add(setUp);
    return () => statusListeners.delete(setUp);
  }, []);
  return up;
}
