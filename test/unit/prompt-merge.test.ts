import { describe, expect, it } from 'vitest';
import { conflictMarkerLine } from '../../src/core/auto-claude/conflict-markers.js';
import { mergePrompt } from '../../src/import/auto-claude/prompt-merge.js';

const BASE = '# P\n\none\n\ntwo\n\nthree\n';

describe('mergePrompt (three-way, line by line)', () => {
  it('keeps ours when upstream did not change, takes theirs when we did not', () => {
    expect(mergePrompt(BASE.replace('one', 'ONE'), BASE, BASE)).toEqual({ kind: 'unchanged' });
    expect(mergePrompt(BASE, BASE, BASE.replace('two', 'TWO'))).toEqual({ kind: 'taken', text: BASE.replace('two', 'TWO') });
  });

  it('merges changes to different lines, keeping the final newline', () => {
    expect(mergePrompt(BASE.replace('one', 'ONE'), BASE, BASE.replace('three', 'THREE'))).toEqual({ kind: 'merged', text: BASE.replace('one', 'ONE').replace('three', 'THREE') });
  });

  it('marks changes to the same line with labelled git-style markers', () => {
    const merged = mergePrompt(BASE.replace('two', 'ours'), BASE, BASE.replace('two', 'theirs'));
    expect(merged.kind).toBe('conflict');
    if (merged.kind !== 'conflict') return;
    expect(merged.conflicts).toBe(1);
    expect(merged.firstLine).toBe(5);
    expect(merged.text).toBe('# P\n\none\n\n<<<<<<< ours (config repo)\nours\n||||||| base (upstream at the last import)\ntwo\n=======\ntheirs\n>>>>>>> theirs (new upstream)\n\nthree\n');
    expect(conflictMarkerLine(merged.text)).toBe(5);
  });

  it('without a base, any difference is a conflict', () => {
    expect(mergePrompt(BASE.replace('one', 'ONE'), undefined, BASE.replace('three', 'THREE')).kind).toBe('conflict');
    expect(mergePrompt(BASE, undefined, BASE)).toEqual({ kind: 'unchanged' });
  });

  it('finds no marker in a text without one (a line that only looks like it does not count)', () => {
    expect(conflictMarkerLine('a\n<<<<<<<< eight\n <<<<<<< indented\n')).toBe(0);
  });
});
