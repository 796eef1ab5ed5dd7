import { describe, expect, it } from 'vitest';
import { didYouMean, didYouMeanOr, nearest, typoTolerance } from '../../src/core/did-you-mean.js';

describe('the did-you-mean rule', () => {
  it('suggests the nearest candidate within a third of its length, at least 2 edits', () => {
    expect(nearest('biuld', ['build', 'validate', 'init'])).toBe('build');
    expect(nearest('--dryrun', ['--dry-run', '--force'])).toBe('--dry-run');
    expect(typoTolerance('ab')).toBe(2);
    expect(typoTolerance('mcp-servers')).toBe(3);
    expect(nearest('mcp-srvrs', ['mcp-servers'])).toBe('mcp-servers');
    expect(nearest('subagent-list', ['mcp-servers', 'subagents'])).toBeUndefined();
  });

  it('ignores case and returns the candidate as it is spelled', () => {
    expect(nearest('planer', ['Planner', 'coder'])).toBe('Planner');
    expect(nearest('BUILD', ['build'])).toBe('build');
  });

  it('has nothing to suggest without candidates or for a word far off', () => {
    expect(nearest('x', [])).toBeUndefined();
    expect(didYouMean('frobnicate', ['build', 'init'])).toBeUndefined();
  });

  it('words the suggestion, with or without a fallback', () => {
    expect(didYouMean('bas', ['base'])).toBe('did you mean "base"?');
    expect(didYouMeanOr('bas', ['base'], 'create profiles/bas.yaml')).toBe('did you mean "base"? Otherwise create profiles/bas.yaml');
    expect(didYouMeanOr('zzzz', ['base'], 'create profiles/zzzz.yaml')).toBe('create profiles/zzzz.yaml');
  });

  it('takes a stricter tolerance where a near miss turns an accepted name into an error', () => {
    const strict = (known: string): number => Math.max(1, Math.floor(known.length / 3));
    expect(nearest('gt', ['git'])).toBe('git');
    expect(nearest('gt', ['git'], strict)).toBe('git');
    expect(nearest('ab', ['xy'])).toBe('xy');
    expect(nearest('ab', ['xy'], strict)).toBeUndefined();
  });
});
