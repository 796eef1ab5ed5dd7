import { describe, expect, it } from 'vitest';
import { warning, type Diagnostic } from '../../src/diagnostics.js';
import { memoized, renderFingerprint, type RenderMemo } from '../../src/render/memo.js';

const file = (context: object) => ({ template: 'claude-code/agent.md.hbs', path: '.claude/agents/a.md', context, sources: ['components/subagents/a.yaml'] });

function memo(known: Record<string, string> = {}): RenderMemo {
  return { known: (path, fp) => known[`${path} ${fp}`], templateKey: (name) => `builtin:${name}` };
}

describe('render fingerprints', () => {
  it('change with anything the template sees: values, key order, undefined against a missing key, template, path', () => {
    const base = renderFingerprint('builtin:t', 'p', { a: 1, b: 'x' });
    expect(renderFingerprint('builtin:t', 'p', { a: 1, b: 'x' })).toBe(base);
    expect(renderFingerprint('builtin:t', 'p', { a: 2, b: 'x' })).not.toBe(base);
    expect(renderFingerprint('builtin:t', 'p', { b: 'x', a: 1 })).not.toBe(base);
    expect(renderFingerprint('builtin:t', 'p', { a: 1, b: 'x', c: undefined })).not.toBe(base);
    expect(renderFingerprint('override:abc', 'p', { a: 1, b: 'x' })).not.toBe(base);
    expect(renderFingerprint('builtin:t', 'q', { a: 1, b: 'x' })).not.toBe(base);
  });
});

describe('memoized renders', () => {
  it('render at once without a memo, and carry no fingerprint', () => {
    const out = memoized(undefined, file({ a: 1 }), [], () => 'text\n');
    expect(out).toEqual({ path: '.claude/agents/a.md', content: 'text\n', sources: ['components/subagents/a.yaml'] });
  });

  it('carry the fingerprint of a clean render, and none when the render reported anything', () => {
    const clean = memoized(memo(), file({ a: 1 }), [], () => 'text\n');
    expect(clean?.fingerprint).toBe(renderFingerprint('builtin:claude-code/agent.md.hbs', '.claude/agents/a.md', { a: 1 }));
    const diagnostics: Diagnostic[] = [];
    const noisy = memoized(memo(), file({ a: 1 }), diagnostics, (found) => {
      found.push(warning('UNKNOWN_FIELD', 'a warning', { file: 't' }));
      return 'text\n';
    });
    expect(noisy?.content).toBe('text\n');
    expect(noisy?.fingerprint).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_FIELD']);
  });

  it('reuse a known fingerprint without rendering until the content is read', () => {
    const fp = renderFingerprint('builtin:claude-code/agent.md.hbs', '.claude/agents/a.md', { a: 1 });
    let renders = 0;
    const out = memoized(memo({ [`.claude/agents/a.md ${fp}`]: 'f00d' }), file({ a: 1 }), [], () => {
      renders++;
      return 'text\n';
    });
    expect(out?.reused).toEqual({ sha256: 'f00d' });
    expect(renders).toBe(0);
    expect(out?.content).toBe('text\n');
    expect(out?.content).toBe('text\n');
    expect(renders).toBe(1);
  });
});
