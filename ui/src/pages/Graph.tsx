// profiles → components → projects, as plain SVG in three columns: an edge from the profile that
// selected a component (provenance from /api/projects/:name/effective) and from the component to
// each project that gets it. No graph library: three columns need no layout engine.
import type { EffectiveSet } from '../../../src/ui/api-types.ts';
import { api } from '../api.ts';
import { Load, Page } from '../components/common.tsx';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

const ROW = 26;
const COL_W = 230;

export function Graph() {
  const sets = useApi(async () => {
    const repo = await api.repo();
    return Promise.all(repo.projects.map((p) => api.effective(p.name)));
  });
  return (
    <Page title="Graph">
      <p class="muted">Which profile selects each component, and which projects get it. Components selected by a project directly hang from the project.</p>
      <Load state={sets}>{(s) => <GraphSvg sets={s} />}</Load>
    </Page>
  );
}

function GraphSvg({ sets }: { sets: EffectiveSet[] }) {
  const profiles = [...new Set(sets.flatMap((s) => s.components.map((c) => c.selectedBy)))].sort();
  const components = [...new Set(sets.flatMap((s) => s.components.map((c) => `${c.kind}/${c.name}`)))].sort();
  const projects = sets.map((s) => s.project);
  const height = Math.max(profiles.length, components.length, projects.length) * ROW + 40;
  const y = (list: string[], item: string) => 30 + list.indexOf(item) * ROW + ROW / 2 + (height - 40 - list.length * ROW) / 2;
  const x = [10, 10 + COL_W + 120, 10 + 2 * (COL_W + 120)] as const;
  const edges1 = new Set<string>();
  const edges2 = new Set<string>();
  for (const s of sets) for (const c of s.components) {
    edges1.add(`${c.selectedBy}\u0000${c.kind}/${c.name}`);
    edges2.add(`${c.kind}/${c.name}\u0000${s.project}`);
  }
  const curve = (x1: number, y1: number, x2: number, y2: number) => `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
  const label = (s: string) => s.replace(/^(profiles|projects)\//, '').replace(/\.yaml$/, '');
  return (
    <div class="graph" tabIndex={0} aria-label="Graph of profiles, components and projects (scrollable)">
      <svg width={x[2] + COL_W + 10} height={height} role="img" aria-labelledby="graph-title">
        <title id="graph-title">{`${profiles.length} profiles, ${components.length} components, ${projects.length} projects`}</title>
        {['Selected by', 'Components', 'Projects'].map((t, i) => <text key={t} x={x[i as 0 | 1 | 2]} y={16} class="col-head">{t}</text>)}
        {[...edges1].map((e) => {
          const [p, c] = e.split('\u0000') as [string, string];
          return <path key={e} class="edge" d={curve(x[0] + COL_W, y(profiles, p), x[1], y(components, c))} />;
        })}
        {[...edges2].map((e) => {
          const [c, p] = e.split('\u0000') as [string, string];
          return <path key={e} class="edge" d={curve(x[1] + COL_W, y(components, c), x[2], y(projects, p))} />;
        })}
        {profiles.map((p) => <Node key={p} x={x[0]} y={y(profiles, p)} text={label(p)} link={p.startsWith('profiles/') ? href('profiles', label(p)) : href('projects', label(p))} />)}
        {components.map((c) => <Node key={c} x={x[1]} y={y(components, c)} text={c} link={href('components', ...splitKind(c))} />)}
        {projects.map((p) => <Node key={p} x={x[2]} y={y(projects, p)} text={p} link={href('projects', p)} />)}
      </svg>
    </div>
  );
}

function splitKind(id: string): [string, string] {
  const i = id.indexOf('/');
  return [id.slice(0, i), id.slice(i + 1)];
}

function Node({ x, y, text, link }: { x: number; y: number; text: string; link: string }) {
  return (
    <a href={link}>
      <rect x={x} y={y - 10} width={COL_W} height={20} rx={4} class="node" />
      <text x={x + 6} y={y + 4} class="node-label">{text.length > 34 ? `${text.slice(0, 33)}…` : text}</text>
    </a>
  );
}
