import { describe, expect, it } from 'vitest';
import { emptyManifest, type Manifest } from '../../src/plan/manifest.js';
import { planRoot } from '../../src/plan/plan.js';
import type { RootState } from '../../src/plan/disk-state.js';
import type { OutputFile, OutputRoot } from '../../src/render/types.js';

const root: OutputRoot = { kind: 'project', project: 'app', dir: '/p' };
const enc = new TextEncoder();
const env = (key: string): OutputFile => ({ path: '.auto-claude/.env', content: `TEAM=web\nLINEAR_API_KEY=${key}\n`, sources: ['projects/app.yaml'], secret: true });

function state(manifest: Manifest, disk?: string): RootState {
  const files = new Map<string, { kind: 'file'; bytes: Uint8Array }>();
  if (disk !== undefined) files.set('.auto-claude/.env', { kind: 'file', bytes: enc.encode(disk) });
  return { dir: '/p', exists: true, manifest, files, escapes: new Set(), specs: [] };
}

function build(key: string, before: Manifest, disk?: string): ReturnType<typeof planRoot> {
  return planRoot(root, [env(key)], undefined, state(before, disk), { force: false, secretValues: [{ name: 'LINEAR_API_KEY', value: key }] });
}

describe('manifests of files that hold secrets', () => {
  it('hash the file with values redacted and record only where values sit', () => {
    const { plan } = build('lin_old_123', emptyManifest());
    const entry = plan.manifest.files['.auto-claude/.env']!;
    expect(JSON.stringify(plan.manifest)).not.toContain('lin_old_123');
    expect(entry).toMatchObject({ redacted: true, spans: [[24, 11, 'LINEAR_API_KEY']] });
  });

  it('recognise a file written with an earlier value as ccm\'s own, so a changed secret is an update, not drift', () => {
    const first = build('lin_old_123', emptyManifest()).plan.manifest;
    const { plan, diagnostics } = build('lin_new_longer_4567', first, 'TEAM=web\nLINEAR_API_KEY=lin_old_123\n');
    expect(diagnostics).toEqual([]);
    expect(plan.files[0]).toMatchObject({ action: 'update', secret: true });
    // Same structure, so the redacted hash stays: the manifest only records the new span.
    expect(plan.manifest.files['.auto-claude/.env']!.sha256).toBe(first.files['.auto-claude/.env']!.sha256);
  });

  it('still reports a hand edit after the value changed', () => {
    const first = build('lin_old_123', emptyManifest()).plan.manifest;
    const { plan, diagnostics } = build('lin_new_4567', first, 'TEAM=mobile\nLINEAR_API_KEY=lin_old_123\n');
    expect(plan.files[0]!.action).toBe('drifted');
    expect(diagnostics.map((d) => d.code)).toEqual(['DRIFTED']);
    expect(JSON.stringify(diagnostics)).not.toContain('lin_');
  });

  it('ignores spans that do not fit the file', () => {
    const first = build('lin_old_123', emptyManifest()).plan.manifest;
    first.files['.auto-claude/.env']!.spans = [[500, 3, 'LINEAR_API_KEY']];
    const { diagnostics } = build('lin_new_4567', first, 'TEAM=web\nLINEAR_API_KEY=lin_old_123\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['DRIFTED']);
  });
});
