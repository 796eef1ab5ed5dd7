import { describe, expect, it } from 'vitest';
import { emptyRootState, type RootState } from '../../src/plan/disk-state.js';
import { sha256 } from '../../src/core/sha256.js';
import { planTakeover } from '../../src/plan/takeover.js';
import type { OutputRoot } from '../../src/render/types.js';

const root: OutputRoot = { kind: 'project', project: 'web', dir: '/work/web' };
const enc = new TextEncoder();
const ENV = 'LINEAR_API_KEY=lin_api_0123456789abcdef\nDEFAULT_BRANCH=main\n';

/** A root as readRootState leaves it: these files on disk, this manifest. */
function state(files: Record<string, string>, manifest: Record<string, { sha256: string }> = {}, extra: Partial<RootState> = {}): RootState {
  const s = emptyRootState(root.dir, true);
  for (const [path, text] of Object.entries(files)) s.files.set(path, { kind: 'file', bytes: enc.encode(text), executable: false });
  s.manifest.files = { ...manifest };
  return Object.assign(s, extra);
}

describe('planTakeover: files on disk recorded in the manifest as they are, nothing written', () => {
  it('takes files the manifest does not list, a secret one hashed without its values, and writes no output', () => {
    const s = state({ '.claude/agents/a.md': 'agent\n', '.auto-claude/.env': ENV });
    const { plan, taken } = planTakeover(root, s, [
      { path: '.claude/agents/a.md' },
      { path: '.auto-claude/.env', secret: true, secretKeys: ['LINEAR_API_KEY'] },
    ], [{ name: 'LINEAR_API_KEY', value: 'lin_api_0123456789abcdef' }], 'unlisted');
    expect(taken).toEqual(['.claude/agents/a.md', '.auto-claude/.env']);
    expect(plan.files).toEqual([]);
    expect(plan.manifestChanged).toBe(true);
    expect(plan.manifest.files['.claude/agents/a.md']).toEqual({ sha256: sha256('agent\n') });
    const env = plan.manifest.files['.auto-claude/.env']!;
    expect(env).toMatchObject({ redacted: true, secretKeys: ['LINEAR_API_KEY'] });
    expect(JSON.stringify(plan.manifest)).not.toContain('lin_api_0123456789abcdef');
    expect(env.sha256).not.toBe(sha256(ENV));
    // The state it was planned from is left as it was.
    expect(s.manifest.files).toEqual({});
  });

  it('leaves alone a listed file (unlisted), a missing one, one behind a link, one changed since it was read, and one whose secret would be hashed', () => {
    const s = state({ 'listed.md': 'new\n', 'changed.md': 'edited meanwhile\n', '.auto-claude/.env': 'TOKEN=tok_0123456789abcdef\n# tok_0123456789abcdef\n' },
      { 'listed.md': { sha256: sha256('old\n') } }, { escapes: new Set(['linked/x.md']) });
    const { plan, taken } = planTakeover(root, s, [
      { path: 'listed.md' }, { path: 'missing.md' }, { path: 'linked/x.md' },
      { path: 'changed.md', bytes: enc.encode('as read\n') },
      { path: '.auto-claude/.env', secret: true, secretKeys: ['TOKEN'] },
    ], [{ name: 'TOKEN', value: 'tok_0123456789abcdef' }], 'unlisted');
    expect(taken).toEqual([]);
    expect(plan.manifestChanged).toBe(false);
    expect(plan.manifest.files).toEqual({ 'listed.md': { sha256: sha256('old\n') } });
  });

  it('listed: sets the entries of the files the manifest lists to the disk, and takes no other', () => {
    const s = state({ 'prompts/coder.md': 'updated upstream\n', 'prompts/new.md': 'new\n' }, { 'prompts/coder.md': { sha256: sha256('as ccm wrote it\n') } });
    const { plan, taken } = planTakeover({ kind: 'backend', dir: '/work/backend' }, s, [{ path: 'prompts/coder.md' }, { path: 'prompts/new.md' }], [], 'listed');
    expect(taken).toEqual(['prompts/coder.md']);
    expect(plan.manifest.files).toEqual({ 'prompts/coder.md': { sha256: sha256('updated upstream\n') } });
  });

  it('takes nothing in a root whose manifest is not ccm\'s, and writes a manifest recovered from an intent record even with nothing to take', () => {
    const foreign = planTakeover(root, state({ 'a.md': 'a\n' }, {}, { manifestProblem: '.ccm/manifest.json is not a ccm manifest' }), [{ path: 'a.md' }], [], 'unlisted');
    expect(foreign.taken).toEqual([]);
    expect(foreign.plan.manifestChanged).toBe(false);
    const recovered = planTakeover(root, state({}, {}, { recovered: true }), [], [], 'unlisted');
    expect(recovered.plan.manifestChanged).toBe(true);
  });
});
