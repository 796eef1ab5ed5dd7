// Editors for the name lists of profiles and projects (`extends`, `profiles`, `components.<key>`).
// They only propose field edits; the page saves them, so comments and layout stay in the server's
// hands (the yaml Document API).
import { useState } from 'preact/hooks';
import { SELECTION_KINDS, type SelectionKey } from '../../../src/core/kinds.ts';
import type { DocumentKind, FieldEdit } from '../../../src/ui/api-types.ts';
import { api } from '../api.ts';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

export const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** The edit that makes `path` hold `names`: an empty list is removed rather than written as `[]`. */
export function listEdit(path: string[], names: string[]): FieldEdit {
  return names.length ? { path, value: names } : { path, delete: true };
}

const SELECTION_KEYS = Object.keys(SELECTION_KINDS) as SelectionKey[];

function useNames(kind: DocumentKind) {
  return useApi(() => api.list(kind), [kind]).data?.items.map((i) => i.name) ?? [];
}

/**
 * The names of `kind` in `path`, each a link with a remove button, and a field (with the existing
 * names as suggestions) that adds one.
 */
export function NameListEditor({ id, label, kind, path, names, exclude = [], busy, onEdit }: {
  id: string; label: string; kind: DocumentKind; path: string[]; names: string[]; exclude?: string[]; busy: boolean; onEdit: (edits: FieldEdit[]) => void;
}) {
  const [adding, setAdding] = useState('');
  const options = useNames(kind).filter((n) => !names.includes(n) && !exclude.includes(n));
  const add = (e: Event) => {
    e.preventDefault();
    const name = adding.trim();
    if (!name || names.includes(name)) return;
    onEdit([listEdit(path, [...names, name])]);
    setAdding('');
  };
  return (
    <div>
      <p>
        {names.map((n) => (
          <span class="chip" key={n}>
            <a href={kind === 'profile' ? href('profiles', n) : href('components', kind, n)}>{n}</a>{' '}
            <button type="button" class="icon" disabled={busy} aria-label={`Remove ${n} from ${label}`} onClick={() => onEdit([listEdit(path, names.filter((x) => x !== n))])}>×</button>
          </span>
        ))}
        {!names.length && <span class="muted">none</span>}
      </p>
      <form class="inline-form" onSubmit={add}>
        <label for={id}>Add to {label}</label>{' '}
        <input id={id} list={`${id}-options`} value={adding} onInput={(e) => setAdding(e.currentTarget.value)} />
        <datalist id={`${id}-options`}>{options.map((n) => <option key={n} value={n} />)}</datalist>{' '}
        <button type="submit" disabled={busy || !adding.trim()}>Add</button>
      </form>
    </div>
  );
}

/** A `components:` selection by key: the chosen names per key, and a form that adds one of any key. */
export function SelectionEditor({ components, busy, onEdit }: { components: Record<string, unknown>; busy: boolean; onEdit: (edits: FieldEdit[]) => void }) {
  const [key, setKey] = useState<SelectionKey>('subagents');
  const [adding, setAdding] = useState('');
  const options = useNames(SELECTION_KINDS[key]).filter((n) => !asList(components[key]).includes(n));
  const add = (e: Event) => {
    e.preventDefault();
    const name = adding.trim();
    if (!name) return;
    onEdit([listEdit(['components', key], [...asList(components[key]), name])]);
    setAdding('');
  };
  const keys = Object.keys(components);
  return (
    <>
      <table>
        <thead><tr><th scope="col">Kind</th><th scope="col">Selected</th></tr></thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{asList(components[k]).map((item) => (
                <span class="chip" key={item}>
                  {isSelectionKey(k) ? <a href={href('components', SELECTION_KINDS[k], item)}>{item}</a> : item}{' '}
                  <button type="button" class="icon" disabled={busy} aria-label={`Remove ${item} from ${k}`} onClick={() => onEdit([listEdit(['components', k], asList(components[k]).filter((n) => n !== item))])}>×</button>
                </span>
              ))}</td>
            </tr>
          ))}
          {!keys.length && <tr><td colSpan={2} class="muted">No components selected here.</td></tr>}
        </tbody>
      </table>
      <form class="inline-form" onSubmit={add}>
        <label for="add-key">Add to</label>{' '}
        <select id="add-key" value={key} onChange={(e) => setKey(e.currentTarget.value as SelectionKey)}>{SELECTION_KEYS.map((k) => <option key={k}>{k}</option>)}</select>{' '}
        <label for="add-name">component</label>{' '}
        <input id="add-name" list="add-name-options" value={adding} onInput={(e) => setAdding(e.currentTarget.value)} />
        <datalist id="add-name-options">{options.map((n) => <option key={n} value={n} />)}</datalist>{' '}
        <button type="submit" disabled={busy || !adding.trim()}>Add</button>
      </form>
    </>
  );
}

function isSelectionKey(k: string): k is SelectionKey {
  return k in SELECTION_KINDS;
}
