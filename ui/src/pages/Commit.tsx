// The commit dialog: the config repo's changes (what will be committed) and the generated-files diff
// they lead to (what the next build writes), then a message and the commit.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { DiffView, ErrorBox, Load, Page } from '../components/common.tsx';
import { useApi } from '../use-api.ts';

export function Commit() {
  const status = useApi(() => api.gitStatus());
  const configDiff = useApi(() => api.gitDiff());
  const generated = useApi(() => api.diff());
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const commit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.commit({ message });
      setDone(`Committed ${r.commit.slice(0, 8)}: ${r.files.length} file(s).`);
      setMessage('');
      status.reload();
      configDiff.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <Page title="Commit">
      <Load state={status}>
        {(s) => !s.repo ? <p class="warn">The config repo is not in a git repository.</p> : (
          <>
            <p class="muted">Branch <code>{s.branch ?? '(detached)'}</code> at <code>{s.head?.slice(0, 8) ?? 'no commits'}</code> · {s.files.length} changed file(s)</p>
            <ul aria-label="Changed files">{s.files.map((f) => <li key={f.path}><code>{f.index}{f.workingDir}</code> {f.path}</li>)}</ul>
          </>
        )}
      </Load>
      <h2>Config changes</h2>
      <Load state={configDiff}>{(d) => <DiffView diff={d.diff} label="Config repo diff" />}</Load>
      <h2>Generated files</h2>
      <Load state={generated}>{(g) => (
        <>
          {g.risks.length > 0 && <ul aria-label="Behaviour changes to review" class="risks">{g.risks.map((r, i) => <li key={i} class={r.severity}><strong>{r.kind}</strong> {r.project}: <code>{r.path}</code> — {r.detail}</li>)}</ul>}
          {g.files.length ? g.files.map((f) => (
            <details key={f.project + f.path}>
              <summary>{f.project}: <code>{f.path}</code> <span class={`badge ${f.action}`}>{f.action}</span></summary>
              <DiffView diff={f.diff} label={`Generated diff of ${f.path}`} />
            </details>
          )) : <p class="ok-note">The generated files match the disk.</p>}
        </>
      )}</Load>
      <form onSubmit={commit} class="commit-form">
        <label for="c-msg">Commit message</label>
        <textarea id="c-msg" rows={3} required value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={!message.trim()}>Commit</button>
      </form>
      {done && <p role="status" class="ok-note">{done}</p>}
      <ErrorBox error={error} />
    </Page>
  );
}
