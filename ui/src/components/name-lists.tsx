// Editors for the name lists of profiles and projects (`extends`, `profiles`, `components.<key>`).
// They only propose field edits; the page saves them, so comments and layout stay in the server's
// hands (the yaml Document API).
import type { ComponentChildren } from 'preact';
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

/** The names of the documents of one kind, as the repo has them now (empty while loading). */
export function useNames(kind: DocumentKind): string[] {
  return useApi(() => api.list(kind), [kind]).data?.items.map((i) => i.name) ?? [];
}

/** One selected name: a link to it and a button that removes it. */
function NameChip({ name, to, from, busy, onRemove }: { name: string; to: string | undefined; from: string; busy: boolean; onRemove: () => void }) {
  return (
    <span class="chip">
      {to ? <a href={to}>{name}</a> : name}{' '}
      <button type="button" class="icon" disabled={busy} aria-label={`Remove ${name} from ${from}`} onClick={onRemove}>×</button>
    </span>
  );
}

/** A field that adds one name, with `options` as suggestions; `children` come before it (a key to add to). */
function AddName({ id, label, options, busy, onAdd, children }: { id: string; label: string; options: string[]; busy: boolean; onAdd: (name: string) => void; children?: ComponentChildren }) {
  const [adding, setAdding] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const name = adding.trim();
    if (!name) return;
    onAdd(name);
    setAdding('');
  };
  return (
    <form class="inline-form" onSubmit={add}>
      {children}
      <label for={id}>{label}</label>{' '}
      <input id={id} list={`${id}-options`} value={adding} onInput={(e) => setAdding(e.currentTarget.value)} />
      <datalist id={`${id}-options`}>{options.map((n) => <option key={n} value={n} />)}</datalist>{' '}
      <button type="submit" disabled={busy || !adding.trim()}>Add</button>
    </form>
  );
}

/**
 * The names of `kind` in `path`, each a link with a remove button, and a field (with the existing
 * names as suggestions) that adds one.
 */
export function NameListEditor({ id, label, kind, path, names, exclude = [], busy, onEdit }: {
  id: string; label: string; kind: DocumentKind; path: string[]; names: string[]; exclude?: string[]; busy: boolean; onEdit: (edits: FieldEdit[]) => void;
}) {
  const options = useNames(kind).filter((n) => !names.includes(n) && !exclude.includes(n));
  return (
    <div>
      <p>
        {names.map((n) => (
          <NameChip key={n} name={n} to={kind === 'profile' ? href('profiles', n) : href('components', kind, n)} from={label} busy={busy}
            onRemove={() => onEdit([listEdit(path, names.filter((x) => x !== n))])} />
        ))}
        {!names.length && <span class="muted">none</span>}
      </p>
      <AddName id={id} label={`Add to ${label}`} options={options} busy={busy} onAdd={(name) => names.includes(name) || onEdit([listEdit(path, [...names, name])])} />
    </div>
  );
}

/** A `components:` selection by key: the chosen names per key, and a form that adds one of any key. */
export function SelectionEditor({ components, busy, onEdit }: { components: Record<string, unknown>; busy: boolean; onEdit: (edits: FieldEdit[]) => void }) {
  const [key, setKey] = useState<SelectionKey>('subagents');
  const options = useNames(SELECTION_KINDS[key]).filter((n) => !asList(components[key]).includes(n));
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
                <NameChip key={item} name={item} to={isSelectionKey(k) ? href('components', SELECTION_KINDS[k], item) : undefined} from={k} busy={busy}
                  onRemove={() => onEdit([listEdit(['components', k], asList(components[k]).filter((n) => n !== item))])} />
              ))}</td>
            </tr>
          ))}
          {!keys.length && <tr><td colSpan={2} class="muted">No components selected here.</td></tr>}
        </tbody>
      </table>
      <AddName id="add-name" label="component" options={options} busy={busy} onAdd={(name) => onEdit([listEdit(['components', key], [...asList(components[key]), name])])}>
        <label for="add-key">Add to</label>{' '}
        <select id="add-key" value={key} onChange={(e) => setKey(e.currentTarget.value as SelectionKey)}>{SELECTION_KEYS.map((k) => <option key={k}>{k}</option>)}</select>{' '}
      </AddName>
    </>
  );
}

function isSelectionKey(k: string): k is SelectionKey {
  return k in SELECTION_KINDS;
}
