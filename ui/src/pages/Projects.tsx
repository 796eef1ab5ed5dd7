// Projects: targets, profiles, variables and the effective component set with provenance; for
// Auto-Claude the MCP toggles, integrations, per-agent MCP overrides and the model profile per phase,
// each setting with its reach (who reads it, what wins over it) from the one table in
// src/core/auto-claude/env-reach.ts.
import { useState } from 'preact/hooks';
import { ENV_REACH, READER_LABELS, reachNote, reachOf, type EnvKeyReach } from '../../../src/core/auto-claude/env-reach.ts';
import type { EffectiveSet } from '../../../src/ui/api-types.ts';
import { api } from '../api.ts';
import { Diagnostics, ErrorBox, Load, Page } from '../components/common.tsx';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const show = (v: unknown): string => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function Projects({ name }: { name?: string }) {
  const repo = useApi(() => api.repo());
  return (
    <Page title={name ? `Project: ${name}` : 'Projects'}>
      <Load state={repo}>
        {(r) => (
          <table>
            <thead><tr><th scope="col">Project</th><th scope="col">Targets</th><th scope="col">Profiles</th><th scope="col">Output roots</th></tr></thead>
            <tbody>{r.projects.map((p) => (
              <tr key={p.name} aria-current={p.name === name ? 'true' : undefined}>
                <th scope="row"><a href={href('projects', p.name)}>{p.name}</a></th>
                <td>{[p.targets.claudeCode && 'Claude Code', p.targets.autoClaude && 'Auto-Claude'].filter(Boolean).join(', ')}</td>
                <td>{p.profiles.map((pr) => <a class="chip" key={pr} href={href('profiles', pr)}>{pr}</a>)}</td>
                <td>{p.outputRoots.map((o) => <div key={o}><code>{o}</code></div>)}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </Load>
      {name && <ProjectDetail name={name} />}
    </Page>
  );
}

function ProjectDetail({ name }: { name: string }) {
  const doc = useApi(() => api.read('project', name), [name]);
  const eff = useApi(() => api.effective(name), [name]);
  const [error, setError] = useState<Error | null>(null);
  return (
    <>
      <ErrorBox error={error} />
      <Load state={doc}>
        {(d) => {
          const f = d.fields ?? {};
          const ac = obj(f.autoClaude);
          const toggle = async (path: (string | number)[], value: boolean) => {
            setError(null);
            try {
              doc.mutate((await api.save('project', name, { edits: [{ path, value }], baseRevision: d.revision })).document);
            } catch (e) {
              setError(e as Error);
            }
          };
          return (
            <>
              <h2>{name}</h2>
              <p>{show(f.description)} · <a href={href('components', 'project', name)}>Edit the source</a> · <code>{d.path}</code></p>
              {d.diagnostics.length > 0 && <Diagnostics items={d.diagnostics} />}
              <h3>Variables</h3>
              <Load state={eff}>{(e) => (
                <table>
                  <thead><tr><th scope="col">Variable</th><th scope="col">Value</th><th scope="col">From</th></tr></thead>
                  <tbody>{e.variables.map((v) => <tr key={v.name}><th scope="row">{v.name}</th><td>{show(v.value)}</td><td><code>{v.source}</code></td></tr>)}</tbody>
                </table>
              )}</Load>
              {f.autoClaude !== undefined && <AutoClaude ac={ac} toggle={toggle} agentMcp={eff.data?.agentMcp ?? []} />}
              <h3>Effective components</h3>
              <Load state={eff}>{(e) => (
                <table>
                  <thead><tr><th scope="col">Kind</th><th scope="col">Name</th><th scope="col">Selected by</th></tr></thead>
                  <tbody>{e.components.map((c) => <tr key={c.kind + c.name}><td>{c.kind}</td><th scope="row"><a href={href('components', c.kind, c.name)}>{c.name}</a></th><td><code>{c.selectedBy}</code></td></tr>)}</tbody>
                </table>
              )}</Load>
            </>
          );
        }}
      </Load>
    </>
  );
}

function Reach({ row }: { row: EnvKeyReach }) {
  const note = reachNote(row);
  return <><code>{row.key}</code> · {READER_LABELS[row.reader]}{note && <div class="hint">{note}</div>}</>;
}

function AutoClaude({ ac, toggle, agentMcp }: { ac: Obj; toggle: (path: (string | number)[], v: boolean) => void; agentMcp: EffectiveSet['agentMcp'] }) {
  const mcpRows = ENV_REACH.filter((r) => r.field[0] === 'mcp');
  const integrations = obj(ac.integrations);
  const env = obj(ac.env);
  const profileName = typeof ac.modelProfile === 'string' ? ac.modelProfile : null;
  return (
    <section aria-labelledby="ac-h">
      <h3 id="ac-h">Auto-Claude</h3>
      <table>
        <caption>Settings and their reach</caption>
        <thead><tr><th scope="col">Setting (<code>autoClaude.…</code>)</th><th scope="col">Value</th><th scope="col">Reach: key · read by · what wins</th></tr></thead>
        <tbody>
          <tr><th scope="row">useClaudeMd</th><td>{show(ac.useClaudeMd)}</td><td><Reach row={reachOf('USE_CLAUDE_MD')} /></td></tr>
          {mcpRows.map((r) => {
            const key = r.field[1]!;
            const on = obj(ac.mcp)[key];
            return (
              <tr key={key}>
                <th scope="row"><label for={`mcp-${key}`}>mcp.{key}</label></th>
                <td><input type="checkbox" id={`mcp-${key}`} checked={on === true} onChange={(e) => toggle(['autoClaude', 'mcp', key], e.currentTarget.checked)} /> {on === undefined ? <span class="muted">(default)</span> : ''}</td>
                <td><Reach row={r} /></td>
              </tr>
            );
          })}
          {Object.entries(integrations).flatMap(([integ, values]) => Object.entries(obj(values)).map(([field, v]) => {
            const row = ENV_REACH.find((r) => r.field[0] === 'integrations' && r.field[1] === integ && r.field[2] === field);
            return <tr key={integ + field}><th scope="row">integrations.{integ}.{field}</th><td>{obj(v).secret ? <span class="muted">secret {show(obj(v).secret)}</span> : show(v)}</td><td>{row ? <Reach row={row} /> : <span class="muted">not an .env key</span>}</td></tr>;
          }))}
          {Object.entries(env).map(([k, v]) => <tr key={k}><th scope="row">env.{k}</th><td>{obj(v).secret ? <span class="muted">secret</span> : show(v)}</td><td><Reach row={reachOf(k)} /></td></tr>)}
        </tbody>
      </table>
      {agentMcp.length > 0 && (
        <table>
          <caption>MCP servers per agent: the agent configs the project selects, then its own <code>autoClaude.agents</code> (written as <code>AGENT_MCP_&lt;agent&gt;_ADD</code> / <code>_REMOVE</code>)</caption>
          <thead><tr><th scope="col">Agent type</th><th scope="col">Adds</th><th scope="col">Removes</th><th scope="col">Set in</th></tr></thead>
          <tbody>{agentMcp.map((a) => <tr key={a.agentType}><th scope="row">{a.agentType}</th><td>{show(a.add)}</td><td>{show(a.remove)}</td><td><code>{a.setIn}</code></td></tr>)}</tbody>
        </table>
      )}
      {profileName && <ModelProfile name={profileName} />}
    </section>
  );
}

function ModelProfile({ name }: { name: string }) {
  const doc = useApi(() => api.read('auto-claude-model-profile', name), [name]);
  return (
    <Load state={doc}>{(d) => {
      const f = d.fields ?? {};
      const models = obj(f.phaseModels);
      const thinking = obj(f.phaseThinking);
      const phases = [...new Set([...Object.keys(models), ...Object.keys(thinking)])];
      return (
        <table>
          <caption>Model profile <a href={href('components', 'auto-claude-model-profile', name)}>{name}</a> per phase (written to task_metadata.json)</caption>
          <thead><tr><th scope="col">Phase</th><th scope="col">Model</th><th scope="col">Thinking</th></tr></thead>
          <tbody>
            {phases.map((p) => <tr key={p}><th scope="row">{p}</th><td>{show(models[p] ?? f.model)}</td><td>{show(thinking[p] ?? f.thinkingLevel)}</td></tr>)}
            {!phases.length && <tr><th scope="row">all</th><td>{show(f.model)}</td><td>{show(f.thinkingLevel)}</td></tr>}
          </tbody>
        </table>
      );
    }}</Load>
  );
}
