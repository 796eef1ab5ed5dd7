// Build: what a build would do (the plan), then the build itself with its progress as the server
// reports it on /api/events (started, compiling, writing N files, finished; builds started elsewhere
// show too).
import { useEffect, useState } from 'preact/hooks';
import type { BuildResult } from '../../../src/ui/api-types.ts';
import { api } from '../api.ts';
import { Counts, Diagnostics, ErrorBox, Load, Page } from '../components/common.tsx';
import { onServerEvent } from '../live.ts';
import { useApi } from '../use-api.ts';

export function Build() {
  const plan = useApi(() => api.plan());
  const [running, setRunning] = useState(false);
  const [step, setStep] = useState('Building…');
  const [log, setLog] = useState<string[]>([]);
  const [result, setResult] = useState<BuildResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [force, setForce] = useState(false);
  useEffect(() => onServerEvent((e) => {
    if (e.type !== 'build') return;
    const at = new Date().toLocaleTimeString();
    if (e.phase === 'started') {
      setRunning(true);
      setLog((l) => [...l, `${at} started ${e.projects.join(', ') || 'all projects'}`]);
    } else if (e.phase === 'progress') {
      const now = e.step === 'compiling' ? 'Reading and rendering the config…' : `Writing ${e.files} file${e.files === 1 ? '' : 's'}…`;
      setStep(now);
      setLog((l) => [...l, `${at} ${now}`]);
    } else if (e.phase === 'finished') {
      setRunning(false);
      setResult(e.result);
      setLog((l) => [...l, `${at} finished in ${e.result.ms} ms: ${e.result.ok ? 'ok' : 'failed'}`]);
    } else {
      setLog((l) => [...l, `${at} a build elsewhere wrote ${e.roots.join(', ')}`]);
    }
  }), []);
  const build = async () => {
    setError(null);
    setResult(null);
    setStep('Building…');
    setRunning(true);
    try {
      setResult(await api.build({ force }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setRunning(false);
      plan.reload();
    }
  };
  return (
    <Page title="Build">
      <h2>Plan</h2>
      <Load state={plan}>
        {(p) => (
          <>
            <Counts counts={p.counts} />
            {p.changes.length ? <pre class="summary" tabIndex={0} aria-label="Planned changes">{p.changes.join('\n')}</pre> : <p class="ok-note">Everything is up to date.</p>}
            <Diagnostics items={p.diagnostics} />
          </>
        )}
      </Load>
      <p class="actions">
        <label><input type="checkbox" checked={force} onChange={(e) => setForce(e.currentTarget.checked)} /> Overwrite drifted files (--force)</label>{' '}
        <button type="button" class="primary" onClick={build} disabled={running}>Build</button>
      </p>
      <div aria-live="polite">
        {running && <p><progress aria-label="Building" /> {step}</p>}
        {result && (
          <section role="status" aria-labelledby="b-result">
            <h2 id="b-result">{result.ok ? 'Built' : 'Build failed'}{result.changed ? '' : ': nothing to write'}</h2>
            <Counts counts={result.counts} />
            {result.changes.length > 0 && <pre class="summary" tabIndex={0} aria-label="Written">{result.changes.join('\n')}</pre>}
            <Diagnostics items={result.diagnostics} />
          </section>
        )}
      </div>
      <ErrorBox error={error} />
      {log.length > 0 && <><h2>Progress</h2><ol class="log">{log.map((l, i) => <li key={i}>{l}</li>)}</ol></>}
    </Page>
  );
}
