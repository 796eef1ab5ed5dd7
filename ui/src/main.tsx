// The ccm ui client: a shell (skip link, navigation, live status) and one page per route.
// Preact because the editor (CodeMirror) is most of the bundle anyway: Preact adds ~5 KB gzip for
// components, hooks and JSX, where lit would add more and plain DOM would cost a framework's worth of
// hand-written re-rendering code for ten pages.
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import './styles.css';
import type { DocumentKind } from '../../src/ui/api-types.ts';
import { Page } from './components/common.tsx';
import { COMPONENT_KINDS, isComponentKind } from './kinds.ts';
import { useConnected } from './live.ts';
import { Build } from './pages/Build.tsx';
import { Commit } from './pages/Commit.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import type * as EditorPage from './pages/Editor.tsx';
import { Graph } from './pages/Graph.tsx';
import { Import } from './pages/Import.tsx';
import { KindList } from './pages/KindList.tsx';
import { Profiles } from './pages/Profiles.tsx';
import { Projects } from './pages/Projects.tsx';
import { Secrets } from './pages/Secrets.tsx';
import { href, useRoute, type Route } from './router.ts';

const isDocumentKind = (k: string): k is DocumentKind => isComponentKind(k) || k === 'profile' || k === 'project';

function content(route: Route) {
  switch (route.page) {
    case 'dashboard': return <Dashboard />;
    case 'list': return isDocumentKind(route.kind) ? <KindList kind={route.kind} /> : <Unknown what={`kind ${route.kind}`} />;
    case 'editor': return isDocumentKind(route.kind) ? <LazyEditor key={`${route.kind}/${route.name}`} kind={route.kind} name={route.name} /> : <Unknown what={`kind ${route.kind}`} />;
    case 'profiles': return <Profiles {...(route.name ? { name: route.name } : {})} />;
    case 'projects': return <Projects {...(route.name ? { name: route.name } : {})} />;
    case 'graph': return <Graph />;
    case 'import': return <Import />;
    case 'secrets': return <Secrets />;
    case 'build': return <Build />;
    case 'commit': return <Commit />;
    case 'not-found': return <Unknown what={route.path} />;
  }
}

// The editor (CodeMirror, yaml, diff: two thirds of the client) loads with the first editor page, so
// the dashboard and the lists start from a small entry chunk.
type EditorModule = typeof EditorPage;
let editorModule: Promise<EditorModule> | null = null;
function LazyEditor(props: { kind: DocumentKind; name: string }) {
  const [mod, setMod] = useState<EditorModule | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    (editorModule ??= import('./pages/Editor.tsx')).then(setMod, setError);
  }, []);
  if (error) return <Page title="Editor"><p class="error" role="alert">The editor did not load: {error.message}</p></Page>;
  return mod ? <mod.Editor {...props} /> : <p class="muted">Loading the editor…</p>;
}

function Unknown({ what }: { what: string }) {
  return <Page title="Not found"><p>There is no page for <code>{what}</code>. <a href="#/">Go to the dashboard</a>.</p></Page>;
}

const NAV: { label: string; link: string; match: (r: Route) => boolean }[] = [
  { label: 'Dashboard', link: '#/', match: (r) => r.page === 'dashboard' },
  ...COMPONENT_KINDS.map(({ kind, label }) => ({ label, link: href('components', kind), match: (r: Route) => (r.page === 'list' || r.page === 'editor') && r.kind === kind })),
  { label: 'Profiles', link: href('profiles'), match: (r) => r.page === 'profiles' },
  { label: 'Projects', link: href('projects'), match: (r) => r.page === 'projects' },
  { label: 'Graph', link: href('graph'), match: (r) => r.page === 'graph' },
  { label: 'Import', link: href('import'), match: (r) => r.page === 'import' },
  { label: 'Secrets', link: href('secrets'), match: (r) => r.page === 'secrets' },
  { label: 'Build', link: href('build'), match: (r) => r.page === 'build' },
  { label: 'Commit', link: href('commit'), match: (r) => r.page === 'commit' },
];

function App() {
  const route = useRoute();
  const connected = useConnected();
  // A new page moves focus to its heading, so keyboard and screen-reader users land on the content.
  // Not on the first load: there the skip link comes first, as on any page. Keyed on the route the
  // page renders, not on location.hash: the hash changes before the route does, and a render in
  // between (a live event) would focus the old page's heading, which the new page then replaces.
  // A layout effect, in the same task as the render: a plain effect waits for the next frame, and
  // until then the new page shows with the focus still on the link that opened it.
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [route]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('page-title')?.focus(); }}>Skip to content</a>
      <header class="top">
        <a class="brand" href="#/">ccm</a>
        <span class={`live ${connected ? 'up' : 'down'}`} role="status">{connected ? 'live' : 'offline: changes on disk will not show'}</span>
      </header>
      <div class="layout">
        <nav aria-label="Main" class="side">
          <ul>{NAV.map((n) => <li key={n.link}><a href={n.link} aria-current={n.match(route) ? 'page' : undefined}>{n.label}</a></li>)}</ul>
        </nav>
        <main id="main">{content(route)}</main>
      </div>
    </>
  );
}

render(<App />, document.getElementById('app')!);
