import { useState } from 'preact/hooks';
import type { DocumentKind } from '../../../src/ui/api-types.ts';
import { api } from '../api.ts';
import { ErrorBox, Load, Page } from '../components/common.tsx';
import { kindLabel } from '../kinds.ts';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

/** The documents of a kind: search by name or description, filter by the profile or project that selects it. */
export function KindList({ kind }: { kind: DocumentKind }) {
  const list = useApi(() => api.list(kind), [kind]);
  const [query, setQuery] = useState('');
  const [usedBy, setUsedBy] = useState('');
  const [newName, setNewName] = useState('');
  const [createError, setCreateError] = useState<Error | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      // A description is what every kind needs first (it is required for most): the editor opens next.
      const text = `description: New ${kind} ${newName}\n`;
      const r = await api.create(kind, { name: newName, text });
      location.hash = kind === 'profile' ? href('profiles', r.document.name) : kind === 'project' ? href('projects', r.document.name) : href('components', kind, r.document.name);
    } catch (err) {
      setCreateError(err as Error);
    }
  };
  return (
    <Page title={kindLabel(kind)}>
      <Load state={list}>
        {(l) => {
          const owners = [...new Set(l.items.flatMap((i) => i.usedBy))].sort();
          const q = query.toLowerCase();
          const shown = l.items.filter((i) => (!q || i.name.toLowerCase().includes(q) || (i.description ?? '').toLowerCase().includes(q)) && (!usedBy || i.usedBy.includes(usedBy)));
          return (
            <>
              <p class="muted">In <code>{l.folder}/</code>{l.hasBody && ' (YAML + Markdown body)'}</p>
              <div class="filters" role="search">
                <label for="q">Search</label> <input id="q" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />{' '}
                <label for="used-by">Used by</label>{' '}
                <select id="used-by" value={usedBy} onChange={(e) => setUsedBy(e.currentTarget.value)}>
                  <option value="">any profile or project</option>
                  {owners.map((o) => <option key={o} value={o}>{o}</option>)}
                </select>
              </div>
              <p aria-live="polite" class="muted">{shown.length} of {l.items.length}</p>
              <table>
                <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Used by</th><th scope="col">Problems</th></tr></thead>
                <tbody>
                  {shown.map((i) => (
                    <tr key={i.name}>
                      <th scope="row"><a href={kind === 'profile' ? href('profiles', i.name) : kind === 'project' ? href('projects', i.name) : href('components', kind, i.name)}>{i.name}</a></th>
                      <td>{i.description}</td>
                      <td>{i.usedBy.join(', ') || <span class="muted">nobody</span>}</td>
                      <td>{i.errors ? <span class="badge bad">{i.errors} errors</span> : null} {i.warnings ? <span class="badge warn">{i.warnings} warnings</span> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </Load>
      <form class="inline-form" onSubmit={create}>
        <label for="new-name">New {kind} named</label> <input id="new-name" required value={newName} onInput={(e) => setNewName(e.currentTarget.value)} /> <button type="submit">Create</button>
      </form>
      <ErrorBox error={createError} />
    </Page>
  );
}
