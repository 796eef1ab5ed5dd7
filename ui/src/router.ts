// A hash router in a few lines: the URL after `#` is the page, so reloads, bookmarks and the back
// button work with a server that serves one index.html.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'dashboard' }
  | { page: 'list'; kind: string }
  | { page: 'editor'; kind: string; name: string }
  | { page: 'profiles'; name?: string }
  | { page: 'projects'; name?: string }
  | { page: 'graph' }
  | { page: 'import' }
  | { page: 'secrets' }
  | { page: 'build' }
  | { page: 'commit' }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, a, b] = parts;
  if (!head) return { page: 'dashboard' };
  if (head === 'components' && a && b) return { page: 'editor', kind: a, name: parts.slice(2).join('/') };
  if (head === 'components' && a) return { page: 'list', kind: a };
  if (head === 'profiles') return a ? { page: 'profiles', name: a } : { page: 'profiles' };
  if (head === 'projects') return a ? { page: 'projects', name: a } : { page: 'projects' };
  if (head === 'graph' || head === 'import' || head === 'secrets' || head === 'build' || head === 'commit') return { page: head };
  return { page: 'not-found', path: parts.join('/') };
}

/** The link to a page; names keep their slashes (nested commands: `git/commit`). */
export function href(...parts: string[]): string {
  return `#/${parts.map((p) => p.split('/').map(encodeURIComponent).join('/')).join('/')}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
