import { describe, expect, it } from 'vitest';
import { emptyManifest, type Manifest } from '../../src/plan/manifest.js';
import { planRoot } from '../../src/plan/plan.js';
import type { RootState } from '../../src/plan/disk-state.js';
import type { OutputFile, OutputRoot } from '../../src/render/types.js';

const root: OutputRoot = { kind: 'project', project: 'app', dir: '/p' };
const enc = new TextEncoder();
const env = (key: string): OutputFile => ({ path: '.auto-claude/.env', content: `TEAM=web\nLINEAR_API_KEY=${key}\n`, sources: ['projects/app.yaml'], secret: true, secretKeys: ['LINEAR_API_KEY'] });

function state(manifest: Manifest, disk?: string): RootState {
  const files = new Map<string, { kind: 'file'; bytes: Uint8Array }>();
  if (disk !== undefined) files.set('.auto-claude/.env', { kind: 'file', bytes: enc.encode(disk) });
  return { dir: '/p', exists: true, manifest, files, stats: new Map(), escapes: new Set(), specs: [] };
}

function build(key: string, before: Manifest, disk?: string, secretValuesUnknown = false): ReturnType<typeof planRoot> {
  return planRoot(root, [env(key)], undefined, state(before, disk), { force: false, secretValues: [{ name: 'LINEAR_API_KEY', value: key }], secretValuesUnknown });
}

describe('manifests of files that hold secrets', () => {
  it('record the names of the secret keys and a hash without their values: nothing about a value', () => {
    const short = build('lin_old_123', emptyManifest()).plan.manifest.files['.auto-claude/.env']!;
    const long = build('lin_a_much_longer_value_4567', emptyManifest()).plan.manifest.files['.auto-claude/.env']!;
    expect(short).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, redacted: true, secretKeys: ['LINEAR_API_KEY'] });
    // Neither the length nor the value changes the entry.
    expect(long).toEqual(short);
  });

  it('recognise a file written with an earlier value as ccm\'s own, so a changed secret is an update, not drift', () => {
    const first = build('lin_old_123', emptyManifest()).plan.manifest;
    const { plan, diagnostics } = build('lin_new_longer_4567', first, 'TEAM=web\nLINEAR_API_KEY=lin_old_123\n');
    expect(diagnostics).toEqual([]);
    expect(plan.files[0]).toMatchObject({ action: 'update', secret: true });
  });

  it('still report a hand edit of another line after the value changed', () => {
    const first = build('lin_old_123', emptyManifest()).plan.manifest;
    const { plan, diagnostics } = build('lin_new_4567', first, 'TEAM=mobile\nLINEAR_API_KEY=lin_old_123\n');
    expect(plan.files[0]!.action).toBe('drifted');
    expect(diagnostics.map((d) => d.code)).toEqual(['DRIFTED']);
    expect(JSON.stringify(diagnostics)).not.toContain('lin_');
  });

  it('compare the redacted forms when the values are unknown (no age key)', () => {
    const first = build('lin_old_123', emptyManifest()).plan.manifest;
    expect(build('${LINEAR_API_KEY}', first, 'TEAM=web\nLINEAR_API_KEY=lin_old_123\n', true).plan.files[0]!.action).toBe('unchanged');
    expect(build('${LINEAR_API_KEY}', first, 'TEAM=mobile\nLINEAR_API_KEY=lin_old_123\n', true).plan.files[0]!.action).toBe('drifted');
  });

  it('take an entry of an older ccm (value spans) as ccm\'s own, to be rewritten once', () => {
    const legacy: Manifest = { ...emptyManifest(), files: { '.auto-claude/.env': { sha256: 'f'.repeat(64), redacted: true, spans: [[24, 11, 'LINEAR_API_KEY']] } } };
    const { plan, diagnostics } = build('lin_new_4567', legacy, 'TEAM=web\nLINEAR_API_KEY=lin_old_123\n');
    expect(diagnostics).toEqual([]);
    expect(plan.files[0]!.action).toBe('update');
    expect(plan.manifest.files['.auto-claude/.env']!.spans).toBeUndefined();
    expect(plan.manifestChanged).toBe(true);
  });
});
