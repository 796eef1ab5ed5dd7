import type { ComponentChildren } from 'preact';
import type { ApiDiagnostic } from '../../../src/ui/api-types.ts';
import { ApiFailure } from '../api.ts';
import type { Loaded } from '../use-api.ts';

/** A page: one h1 (the document's title follows it), then its content. */
export function Page({ title, actions, children }: { title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  document.title = `${title} · ccm`;
  return (
    <section aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" tabIndex={-1}>{title}</h1>
        {actions && <div class="actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** What an API failure says, with its hint and located diagnostics. */
export function ErrorBox({ error }: { error: Error | null }) {
  if (!error) return null;
  const body = error instanceof ApiFailure ? error.body.error : null;
  return (
    <div class="error" role="alert">
      <strong>{body?.code ?? 'Error'}</strong>: {error.message}
      {body?.hint && <p class="hint">{body.hint}</p>}
      {body?.diagnostics && <Diagnostics items={body.diagnostics} />}
    </div>
  );
}

/** Shows `render(data)` once loaded; the error and a loading note otherwise. */
export function Load<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  return (
    <>
      <ErrorBox error={state.error} />
      {state.data ? children(state.data) : state.loading ? <p aria-live="polite" class="muted">Loading…</p> : null}
    </>
  );
}

export function where(d: ApiDiagnostic): string {
  return [d.file, d.line, d.col].filter((x) => x !== undefined).join(':');
}

/** Diagnostics as a list; `onPick` jumps to one (the editor moves its cursor there). */
export function Diagnostics({ items, onPick, label = 'Problems' }: { items: ApiDiagnostic[]; onPick?: (d: ApiDiagnostic) => void; label?: string }) {
  if (!items.length) return null;
  return (
    <ul class="diagnostics" aria-label={label}>
      {items.map((d, i) => (
        <li key={i} class={d.severity}>
          <span class="sev">{d.severity}</span> <code>{d.code}</code>{' '}
          {onPick && d.line ? <button type="button" class="link" onClick={() => onPick(d)}>{where(d)}</button> : <span>{where(d)}</span>}{' '}
          {d.message}
          {d.hint && <div class="hint">{d.hint}</div>}
        </li>
      ))}
    </ul>
  );
}

/** A unified diff, each line marked as added, removed or context (colour and a +/- sign, not colour alone). */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  if (!diff.trim()) return <p class="muted">No changes.</p>;
  return (
    <pre class="diff" aria-label={label} tabIndex={0}>
      {diff.split('\n').filter((line) => !/^Index: |^=+$/.test(line)).map((line, i) => {
        const cls = line.startsWith('+++') || line.startsWith('---') ? 'file' : line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : '';
        return <span key={i} class={cls}>{line + '\n'}</span>;
      })}
    </pre>
  );
}

export function Counts({ counts }: { counts: Record<string, number> }) {
  return (
    <ul class="counts">
      {Object.entries(counts).map(([k, v]) => <li key={k} class={v && k !== 'unchanged' ? 'nonzero' : ''}><span class="n">{v}</span> {k}</li>)}
    </ul>
  );
}
