// Profiles: the components each selects (add, remove), what it extends, and its problems (conflicts
// among them are diagnostics of the profile). Edits go through PUT with field edits, so the server's
// yaml Document API keeps the file's comments.
import { useState } from 'preact/hooks';
import type { FieldEdit } from '../../../src/ui/api-types.ts';
import { api } from '../api.ts';
import { Diagnostics, ErrorBox, Load, Page } from '../components/common.tsx';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

const SELECTION_KEYS = ['settings', 'hooks', 'claude-md', 'mcp-servers', 'subagents', 'commands', 'skills', 'output-styles', 'rules', 'auto-claude-prompts', 'auto-claude-agent-configs'];

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export function Profiles({ name }: { name?: string }) {
  const list = useApi(() => api.list('profile'));
  return (
    <Page title={name ? `Profile: ${name}` : 'Profiles'}>
      <div class="split">
        <nav aria-label="Profiles" class="sublist">
          <Load state={list}>{(l) => <ul>{l.items.map((p) => <li key={p.name}><a href={href('profiles', p.name)} aria-current={p.name === name ? 'page' : undefined}>{p.name}</a>{p.errors > 0 && <span class="badge bad">{p.errors}</span>}</li>)}</ul>}</Load>
        </nav>
        <div>{name ? <ProfileDetail name={name} /> : <p class="muted">Choose a profile.</p>}</div>
      </div>
    </Page>
  );
}

function ProfileDetail({ name }: { name: string }) {
  const doc = useApi(() => api.read('profile', name), [name]);
  const [error, setError] = useState<Error | null>(null);
  const [addKey, setAddKey] = useState('subagents');
  const [addName, setAddName] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Load state={doc}>
      {(d) => {
        const fields = d.fields ?? {};
        const components = (fields.components ?? {}) as Record<string, unknown>;
        const edit = async (edits: FieldEdit[]) => {
          setError(null);
          setBusy(true);
          try {
            // The answer is the document as now on disk, with its new revision for the next edit.
            doc.mutate((await api.save('profile', name, { edits, baseRevision: d.revision })).document);
          } catch (e) {
            setError(e as Error);
          } finally {
            setBusy(false);
          }
        };
        const remove = (key: string, item: string) => {
          const rest = asList(components[key]).filter((n) => n !== item);
          void edit([rest.length ? { path: ['components', key], value: rest } : { path: ['components', key], delete: true }]);
        };
        const add = (e: Event) => {
          e.preventDefault();
          if (!addName) return;
          void edit([{ path: ['components', addKey], value: [...asList(components[addKey]), addName] }]);
          setAddName('');
        };
        return (
          <>
            <p>{String(fields.description ?? '')}</p>
            <p><a href={href('components', 'profile', name)}>Edit the source</a> · <code>{d.path}</code></p>
            <h2>Extends</h2>
            <p>{asList(fields.extends).map((p) => <a key={p} href={href('profiles', p)} class="chip">{p}</a>)}{!asList(fields.extends).length && <span class="muted">nothing</span>}</p>
            <h2>Components</h2>
            <table>
              <thead><tr><th scope="col">Kind</th><th scope="col">Selected</th></tr></thead>
              <tbody>
                {Object.keys(components).map((key) => (
                  <tr key={key}>
                    <th scope="row">{key}</th>
                    <td>{asList(components[key]).map((item) => (
                      <span class="chip" key={item}>{item} <button type="button" class="icon" disabled={busy} aria-label={`Remove ${item} from ${key}`} onClick={() => remove(key, item)}>×</button></span>
                    ))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <form class="inline-form" onSubmit={add}>
              <label for="add-key">Add to</label>{' '}
              <select id="add-key" value={addKey} onChange={(e) => setAddKey(e.currentTarget.value)}>{SELECTION_KEYS.map((k) => <option key={k}>{k}</option>)}</select>{' '}
              <label for="add-name">component</label> <input id="add-name" value={addName} onInput={(e) => setAddName(e.currentTarget.value)} /> <button type="submit" disabled={busy}>Add</button>
            </form>
            <ErrorBox error={error} />
            <h2>Problems and conflicts</h2>
            {d.diagnostics.length ? <Diagnostics items={d.diagnostics} /> : <p class="ok-note">None.</p>}
          </>
        );
      }}
    </Load>
  );
}
