// The import wizard: where from → scan (a dry run: what would be written) → apply.
import { useState } from 'preact/hooks';
import type { ImportRequest, ImportResponse } from '../../../src/ui/api-types.ts';
import { api } from '../api.ts';
import { Diagnostics, ErrorBox, Page } from '../components/common.tsx';

export function Import() {
  const [req, setReq] = useState<ImportRequest>({ source: 'claude', path: '', onClash: 'skip' });
  const [scan, setScan] = useState<ImportResponse | null>(null);
  const [applied, setApplied] = useState<ImportResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const step = applied ? 3 : scan ? 2 : 1;
  return (
    <Page title="Import">
      <ol class="steps" aria-label="Steps">
        {['Source', 'Review', 'Done'].map((s, i) => <li key={s} aria-current={step === i + 1 ? 'step' : undefined}>{s}</li>)}
      </ol>
      <form onSubmit={(e) => { e.preventDefault(); void run(async () => { setApplied(null); setScan(await api.importScan(req)); }); }}>
        <fieldset>
          <legend>What to import</legend>
          <div class="field">
            <span id="src-label">Source</span>
            <div role="radiogroup" aria-labelledby="src-label">
              <label><input type="radio" name="source" checked={req.source === 'claude'} onChange={() => setReq({ ...req, source: 'claude' })} /> A project's .claude/ folder</label>{' '}
              <label><input type="radio" name="source" checked={req.source === 'auto-claude'} onChange={() => setReq({ ...req, source: 'auto-claude' })} /> An Auto-Claude backend</label>
            </div>
          </div>
          <div class="field">
            <label for="imp-path">{req.source === 'claude' ? 'Project folder' : 'Backend folder'}</label>
            <input id="imp-path" required value={req.path} onInput={(e) => setReq({ ...req, path: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="imp-clash">When a name exists</label>
            <select id="imp-clash" value={req.onClash} onChange={(e) => setReq({ ...req, onClash: e.currentTarget.value as ImportRequest['onClash'] })}>
              <option value="skip">skip it</option><option value="rename">rename the new one</option><option value="overwrite">overwrite</option>
            </select>
          </div>
          <button type="submit" disabled={busy}>Scan</button>
        </fieldset>
      </form>
      <ErrorBox error={error} />
      {scan && !applied && (
        <section aria-labelledby="imp-review">
          <h2 id="imp-review">Review</h2>
          <Summary r={scan} />
          <button type="button" class="primary" disabled={busy} onClick={() => void run(async () => setApplied(await api.importApply(req)))}>Import these files</button>
        </section>
      )}
      {applied && (
        <section aria-labelledby="imp-done" role="status">
          <h2 id="imp-done">Imported</h2>
          <Summary r={applied} />
        </section>
      )}
    </Page>
  );
}

function Summary({ r }: { r: ImportResponse }) {
  return (
    <>
      <pre class="summary">{r.summary.join('\n')}</pre>
      <p>Round trip: {r.roundTrip.exact} of {r.roundTrip.checked} outputs reproduced exactly.</p>
      <table>
        <thead><tr><th scope="col">Group</th><th scope="col">Name</th><th scope="col">Action</th><th scope="col">From</th></tr></thead>
        <tbody>{r.outcomes.map((o) => <tr key={o.group + o.name}><td>{o.group}</td><th scope="row">{o.finalName}{o.finalName !== o.name && <span class="muted"> (was {o.name})</span>}</th><td>{o.action}{o.detail && <div class="hint">{o.detail}</div>}</td><td><code>{o.source}</code></td></tr>)}</tbody>
      </table>
      {r.notes.length > 0 && <ul>{r.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
      <Diagnostics items={r.diagnostics} />
    </>
  );
}
