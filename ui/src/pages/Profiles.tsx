// Profiles: the components each selects (add, remove), what it extends, and its problems (conflicts
// among them are diagnostics of the profile). Edits go through PUT with field edits, so the server's
// yaml Document API keeps the file's comments.
import { api } from '../api.ts';
import { Diagnostics, ErrorBox, Load, Page } from '../components/common.tsx';
import { asList, NameListEditor, SelectionEditor } from '../components/name-lists.tsx';
import { href } from '../router.ts';
import { useFieldEdits } from '../field-edits.ts';
import { useApi } from '../use-api.ts';

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
  const { fields, busy, error, edit } = useFieldEdits(doc, 'profile', name);
  return (
    <Load state={doc}>
      {(d) => {
        return (
          <>
            <p>{String(fields.description ?? '')}</p>
            <p><a href={href('components', 'profile', name)}>Edit the source</a> · <code>{d.path}</code></p>
            <h2>Extends</h2>
            <NameListEditor id="extends" label="extends" kind="profile" path={['extends']} names={asList(fields.extends)} exclude={[name]} busy={busy} onEdit={edit} />
            <h2>Components</h2>
            <SelectionEditor components={(fields.components ?? {}) as Record<string, unknown>} busy={busy} onEdit={edit} />
            <ErrorBox error={error} />
            <h2>Problems and conflicts</h2>
            {d.diagnostics.length ? <Diagnostics items={d.diagnostics} /> : <p class="ok-note">None.</p>}
          </>
        );
      }}
    </Load>
  );
}
