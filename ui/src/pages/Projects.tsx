// Projects: targets, profiles, variables and the effective component set with provenance, each
// editable by field edits (the server keeps the file's comments); for
// Auto-Claude the MCP toggles, integrations, per-agent MCP overrides and the model profile per phase,
// each setting with its reach (who reads it, what wins over it) from the one table in
// src/core/auto-claude/env-reach.ts.
import { useState } from 'preact/hooks';
import { ENV_REACH, READER_LABELS, reachNote, reachOf, type EnvKeyReach } from '../../../src/core/auto-claude/env-reach.ts';
import type { EffectiveSet, FieldEdit } from '../../../src/ui/api-types.ts';
import { api } from '../api.ts';
import { Diagnostics, ErrorBox, Load, Page } from '../components/common.tsx';
import { asList, NameListEditor, SelectionEditor, useNames } from '../components/name-lists.tsx';
import { href } from '../router.ts';
import { useFieldEdits } from '../field-edits.ts';
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
  const { fields: f, busy, error, edit } = useFieldEdits(doc, 'project', name, eff.reload);
  return (
    <>
      <ErrorBox error={error} />
      <Load state={doc}>
        {(d) => {
          const ac = obj(f.autoClaude);
          return (
            <>
              <h2>{name}</h2>
              <p>{show(f.description)} · <a href={href('components', 'project', name)}>Edit the source</a> · <code>{d.path}</code></p>
              {d.diagnostics.length > 0 && <Diagnostics items={d.diagnostics} />}
              <h3>Targets</h3>
              <Load state={eff}>{(e) => <Targets own={f.targets} effective={e.targets} busy={busy} onEdit={edit} />}</Load>
              <h3>Profiles</h3>
              <NameListEditor id="project-profiles" label="profiles" kind="profile" path={['profiles']} names={asList(f.profiles)} busy={busy} onEdit={edit} />
              <h3>Components selected by the project itself</h3>
              <SelectionEditor components={obj(f.components)} busy={busy} onEdit={edit} />
              <h3>Variables</h3>
              {/* The effective set's error and loading note show once, under Targets. */}
              {eff.data && <Variables own={obj(f.variables)} effective={eff.data.variables} projectFile={d.path} busy={busy} onEdit={edit} />}
              {f.autoClaude !== undefined && <AutoClaude ac={ac} busy={busy} onEdit={edit} agentMcp={eff.data?.agentMcp ?? []} />}
              <h3>Effective components</h3>
              {eff.data && (
                <table>
                  <thead><tr><th scope="col">Kind</th><th scope="col">Name</th><th scope="col">Selected by</th></tr></thead>
                  <tbody>{eff.data.components.map((c) => <tr key={c.kind + c.name}><td>{c.kind}</td><th scope="row"><a href={href('components', c.kind, c.name)}>{c.name}</a></th><td><code>{c.selectedBy}</code></td></tr>)}</tbody>
                </table>
              )}
            </>
          );
        }}
      </Load>
    </>
  );
}

const TARGETS = [{ id: 'claude-code', label: 'Claude Code', on: 'claudeCode' }, { id: 'auto-claude', label: 'Auto-Claude', on: 'autoClaude' }] as const;

/** Checkboxes for `targets`; without the key the project takes ccm.config.yaml's defaults, said so. */
function Targets({ own, effective, busy, onEdit }: { own: unknown; effective: EffectiveSet['targets']; busy: boolean; onEdit: (edits: FieldEdit[]) => void }) {
  const chosen: string[] = own === undefined ? TARGETS.filter((t) => effective[t.on]).map((t) => t.id) : asList(own);
  const set = (id: string, on: boolean) => onEdit([{ path: ['targets'], value: TARGETS.map((t) => t.id as string).filter((t) => (t === id ? on : chosen.includes(t))) }]);
  return (
    <p>
      {TARGETS.map((t) => {
        const on = chosen.includes(t.id);
        return (
          <label key={t.id} class="check">
            {/* The schema wants at least one target: the last one checked cannot be unchecked. */}
            <input type="checkbox" checked={on} disabled={busy || (on && chosen.length === 1)} onChange={(e) => set(t.id, e.currentTarget.checked)} /> {t.label}
          </label>
        );
      })}
      {own === undefined && <span class="muted"> (the defaults of ccm.config.yaml)</span>}
    </p>
  );
}

/**
 * The effective variables with where each comes from. A value typed here is written to the
 * project, so it overrides the profiles'; the project's own ones can be removed again.
 */
function Variables({ own, effective, projectFile, busy, onEdit }: {
  own: Obj; effective: EffectiveSet['variables']; projectFile: string; busy: boolean; onEdit: (edits: FieldEdit[]) => void;
}) {
  const [newName, setNewName] = useState('');
  const [newValue, setNewValue] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    if (!newName.trim()) return;
    onEdit([{ path: ['variables', newName.trim()], value: newValue }]);
    setNewName('');
    setNewValue('');
  };
  return (
    <>
      <table>
        <thead><tr><th scope="col">Variable</th><th scope="col">Value</th><th scope="col">From</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>{effective.map((v) => (
          <tr key={v.name}>
            <th scope="row"><label for={`var-${v.name}`}>{v.name}</label></th>
            <td>{typeof v.value === 'string' ? <ValueCell id={`var-${v.name}`} path={['variables', v.name]} value={v.value} busy={busy} onEdit={onEdit} /> : show(v.value)}</td>
            <td><code>{v.source}</code></td>
            <td>{v.name in own && v.source === projectFile && (
              <button type="button" disabled={busy} aria-label={`Remove variable ${v.name} from the project`} onClick={() => onEdit([Object.keys(own).length > 1 ? { path: ['variables', v.name], delete: true } : { path: ['variables'], delete: true }])}>Remove</button>
            )}</td>
          </tr>
        ))}</tbody>
      </table>
      <form class="inline-form" onSubmit={add}>
        <label for="new-var-name">New variable</label> <input id="new-var-name" value={newName} onInput={(e) => setNewName(e.currentTarget.value)} />{' '}
        <label for="new-var-value">value</label> <input id="new-var-value" value={newValue} onInput={(e) => setNewValue(e.currentTarget.value)} />{' '}
        <button type="submit" disabled={busy || !newName.trim()}>Add variable</button>
      </form>
    </>
  );
}

function Reach({ row }: { row: EnvKeyReach }) {
  const note = reachNote(row);
  return <><code>{row.key}</code> · {READER_LABELS[row.reader]}{note && <div class="hint">{note}</div>}</>;
}

function AutoClaude({ ac, busy, onEdit, agentMcp }: { ac: Obj; busy: boolean; onEdit: (edits: FieldEdit[]) => void; agentMcp: EffectiveSet['agentMcp'] }) {
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
          <tr><th scope="row"><label for="use-claude-md">useClaudeMd</label></th><td><ValueCell id="use-claude-md" path={['autoClaude', 'useClaudeMd']} value={ac.useClaudeMd ?? false} busy={busy} onEdit={onEdit} />{ac.useClaudeMd === undefined && <span class="muted"> (default)</span>}</td><td><Reach row={reachOf('USE_CLAUDE_MD')} /></td></tr>
          {mcpRows.map((r) => {
            const key = r.field[1]!;
            const on = obj(ac.mcp)[key];
            return (
              <tr key={key}>
                <th scope="row"><label for={`mcp-${key}`}>mcp.{key}</label></th>
                <td><ValueCell id={`mcp-${key}`} path={['autoClaude', 'mcp', key]} value={on === true} busy={busy} onEdit={onEdit} /> {on === undefined ? <span class="muted">(default)</span> : ''}</td>
                <td><Reach row={r} /></td>
              </tr>
            );
          })}
          {Object.entries(integrations).flatMap(([integ, values]) => Object.entries(obj(values)).map(([field, v]) => {
            const row = ENV_REACH.find((r) => r.field[0] === 'integrations' && r.field[1] === integ && r.field[2] === field);
            const id = `integ-${integ}-${field}`;
            return <tr key={integ + field}><th scope="row"><label for={id}>integrations.{integ}.{field}</label></th><td><ValueCell id={id} path={['autoClaude', 'integrations', integ, field]} value={v} busy={busy} onEdit={onEdit} /></td><td>{row ? <Reach row={row} /> : <span class="muted">not an .env key</span>}</td></tr>;
          }))}
          {Object.entries(env).map(([k, v]) => <tr key={k}><th scope="row"><label for={`env-${k}`}>env.{k}</label></th><td><ValueCell id={`env-${k}`} path={['autoClaude', 'env', k]} value={v} busy={busy} onEdit={onEdit} /></td><td><Reach row={reachOf(k)} /></td></tr>)}
        </tbody>
      </table>
      {agentMcp.length > 0 && (
        <table>
          <caption>MCP servers per agent: the agent configs the project selects, then its own <code>autoClaude.agents</code> (written as <code>AGENT_MCP_&lt;agent&gt;_ADD</code> / <code>_REMOVE</code>)</caption>
          <thead><tr><th scope="col">Agent type</th><th scope="col">Adds</th><th scope="col">Removes</th><th scope="col">Set in</th></tr></thead>
          <tbody>{agentMcp.map((a) => <tr key={a.agentType}><th scope="row">{a.agentType}</th><td>{show(a.add)}</td><td>{show(a.remove)}</td><td><code>{a.setIn}</code></td></tr>)}</tbody>
        </table>
      )}
      <p class="inline-form">
        <label for="model-profile">Model profile</label>{' '}
        <ModelProfileSelect current={profileName} busy={busy} onPick={(v) => onEdit([v ? { path: ['autoClaude', 'modelProfile'], value: v } : { path: ['autoClaude', 'modelProfile'], delete: true }])} />
      </p>
      {profileName && <ModelProfile name={profileName} />}
    </section>
  );
}

/**
 * One setting's value, editable where a click or a line of text can say it: a checkbox for a
 * boolean, a text field for text (uncontrolled and keyed by the value on disk, so a live reload
 * keeps what is being typed unless that value itself changed).
 * A secret reference shows its name only; other shapes are for the source editor.
 */
function ValueCell({ id, path, value, busy, onEdit }: { id: string; path: string[]; value: unknown; busy: boolean; onEdit: (edits: FieldEdit[]) => void }) {
  if (obj(value).secret !== undefined) return <span class="muted">secret {show(obj(value).secret)}</span>;
  if (typeof value === 'boolean') return <input type="checkbox" id={id} checked={value} disabled={busy} onChange={(e) => onEdit([{ path, value: e.currentTarget.checked }])} />;
  if (typeof value === 'string') return <input id={id} key={value} defaultValue={value} disabled={busy} onChange={(e) => e.currentTarget.value !== value && onEdit([{ path, value: e.currentTarget.value }])} />;
  return <>{show(value)}</>;
}

function ModelProfileSelect({ current, busy, onPick }: { current: string | null; busy: boolean; onPick: (name: string) => void }) {
  const names = useNames('auto-claude-model-profile');
  return (
    <select id="model-profile" value={current ?? ''} disabled={busy} onChange={(e) => onPick(e.currentTarget.value)}>
      <option value="">none (task_metadata.json is left alone)</option>
      {[...new Set([...(current ? [current] : []), ...names])].map((n) => <option key={n} value={n}>{n}</option>)}
    </select>
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
