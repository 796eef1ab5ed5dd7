// Secrets by name: recipients, last change, who references them. A value can be set, never read:
// the field is cleared as soon as the server has it.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Diagnostics, ErrorBox, Load, Page } from '../components/common.tsx';
import { useApi } from '../use-api.ts';

export function Secrets() {
  const list = useApi(() => api.secrets());
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNote(null);
    try {
      const r = await api.setSecret(name, value);
      setNote(`${r.created ? 'Created' : 'Updated'} ${r.name} (${r.file}, ${r.recipients} recipients).`);
      list.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setValue('');
    }
  };
  return (
    <Page title="Secrets">
      <Load state={list}>
        {(s) => (
          <>
            <p class="muted">{s.recipients} recipients in ccm.config.yaml. Values are never shown here.</p>
            {s.recipients === 0 && (
              <p class="warn">No one to encrypt to yet: run <code>ccm secrets keygen --add-recipient</code> in a terminal (it creates your age key and adds its public key to <code>secrets.recipients</code>), or add your team's age public keys there.</p>
            )}
            <table>
              <thead><tr><th scope="col">Name</th><th scope="col">File</th><th scope="col">Recipients</th><th scope="col">Last change</th><th scope="col">Referenced by</th></tr></thead>
              <tbody>{s.secrets.map((r) => (
                <tr key={r.name}>
                  <th scope="row"><button type="button" class="link" onClick={() => setName(r.name)} aria-label={`Set a new value for ${r.name}`}>{r.name}</button></th>
                  <td><code>{r.file}</code></td>
                  <td>{r.recipients ?? <span class="badge bad">not an age file</span>}</td>
                  <td>{r.lastChange ? <>{r.lastChange.date} · {r.lastChange.author}</> : <span class="muted">uncommitted</span>}</td>
                  <td>{r.referencedBy.join(', ')}</td>
                </tr>
              ))}
              {s.secrets.length === 0 && <tr><td colSpan={5} class="muted">No secrets yet.</td></tr>}</tbody>
            </table>
            {s.missing.length > 0 && <p class="warn">Referenced but missing: {s.missing.map((m) => <button type="button" class="link" key={m} onClick={() => setName(m)}>{m}</button>)}</p>}
            <Diagnostics items={s.diagnostics} />
          </>
        )}
      </Load>
      <h2 id="set-h">Set a value</h2>
      <form class="inline-form" onSubmit={submit} autocomplete="off" aria-labelledby="set-h">
        <div class="field"><label for="s-name">Name</label><input id="s-name" required pattern="[A-Z][A-Z0-9_]*" title="UPPER_SNAKE_CASE" value={name} onInput={(e) => setName(e.currentTarget.value)} /></div>
        <div class="field"><label for="s-value">Value</label><input id="s-value" type="password" required autocomplete="new-password" value={value} onInput={(e) => setValue(e.currentTarget.value)} /></div>
        <button type="submit">Encrypt and save</button>
      </form>
      {note && <p role="status" class="ok-note">{note}</p>}
      <ErrorBox error={error} />
    </Page>
  );
}
