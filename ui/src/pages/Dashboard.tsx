import { api } from '../api.ts';
import { Load, Page } from '../components/common.tsx';
import { COMPONENT_KINDS } from '../kinds.ts';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

/** Projects with targets, counts per kind, what is pending (stale, drifted, uncommitted), last build, doctor problems. */
export function Dashboard() {
  const repo = useApi(() => api.repo());
  const status = useApi(() => api.status());
  return (
    <Page title="Dashboard">
      <Load state={repo}>
        {(r) => (
          <>
            <p class="muted">Config repo <code>{r.root}</code>{r.git && <> · HEAD <code>{r.git.head?.slice(0, 8) ?? 'none'}</code> · {r.git.uncommitted} uncommitted</>}</p>
            <div class="cards">
              <section class="card" aria-labelledby="d-problems">
                <h2 id="d-problems">Problems</h2>
                <p><span class={r.problems.errors ? 'n bad' : 'n'}>{r.problems.errors}</span> errors, <span class="n">{r.problems.warnings}</span> warnings</p>
                {r.doctor.length > 0 && <ul aria-label="Doctor" class="doctor">{r.doctor.map((c) => <li key={c.check} class={`doctor-${c.status}`}><strong>{c.check}</strong> ({c.status}): {c.detail}{c.fix && <div class="hint">{c.fix}</div>}</li>)}</ul>}
                {!r.doctor.length && <p class="ok-note">Doctor: all checks pass.</p>}
              </section>
              <section class="card" aria-labelledby="d-counts">
                <h2 id="d-counts">Components</h2>
                <ul class="kind-counts">
                  {COMPONENT_KINDS.map(({ kind, label }) => <li key={kind}><a href={href('components', kind)}>{label}</a> <span class="n">{r.components[kind] ?? 0}</span></li>)}
                  <li><a href={href('profiles')}>Profiles</a> <span class="n">{r.profiles}</span></li>
                  <li><a href={href('secrets')}>Secrets</a> <span class="n">{r.secrets}</span></li>
                </ul>
              </section>
            </div>
            <h2>Projects</h2>
            <table>
              <thead><tr><th scope="col">Project</th><th scope="col">Targets</th><th scope="col">Profiles</th><th scope="col">Outputs</th><th scope="col">Last build</th></tr></thead>
              <tbody>
                {r.projects.map((p) => {
                  const st = status.data?.roots.find((s) => s.project === p.name);
                  return (
                    <tr key={p.name}>
                      <th scope="row"><a href={href('projects', p.name)}>{p.name}</a><div class="muted small">{p.dir}</div></th>
                      <td>{[p.targets.claudeCode && 'Claude Code', p.targets.autoClaude && 'Auto-Claude'].filter(Boolean).join(', ')}</td>
                      <td>{p.profiles.join(', ')}</td>
                      <td>
                        {st ? (
                          <>
                            {st.upToDate ? <span class="badge ok">up to date</span> : <span class="badge stale">stale: {st.counts.create + st.counts.update + st.counts.delete} to write</span>}{' '}
                            {st.counts.drifted > 0 && <span class="badge drifted">{st.counts.drifted} drifted</span>}{' '}
                            {st.uncommitted && st.uncommitted.length > 0 && <span class="badge">{st.uncommitted.length} uncommitted</span>}
                          </>
                        ) : status.loading ? '…' : '—'}
                      </td>
                      <td>{p.lastBuild ? <>{p.lastBuild.builtFrom ? <code>{p.lastBuild.builtFrom.slice(0, 8)}</code> : 'uncommitted config'}{p.lastBuild.at && <div class="muted small">{p.lastBuild.at}</div>}</> : 'never'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p class="actions"><a class="button" href={href('build')}>Build…</a> <a class="button" href={href('commit')}>Commit…</a></p>
          </>
        )}
      </Load>
    </Page>
  );
}
