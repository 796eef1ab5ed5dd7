// The editor's form fields write into the YAML source (ui/src/editor/yaml-fields.ts): only the edited
// value changes; comments, key order and the formatting of every other key stay byte for byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFields, writeField } from '../../ui/src/editor/yaml-fields.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

const reviewer = readFileSync(join(PROJECT_ROOT, 'examples/team-config/components/subagents/code-reviewer.yaml'), 'utf8');
const writer = readFileSync(join(PROJECT_ROOT, 'examples/team-config/components/subagents/test-writer.yaml'), 'utf8');

/** The lines of `after` that are not in `before`, and those gone, as a rough line diff. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describe('writeField', () => {
  it('replaces a plain scalar and nothing else', () => {
    const out = writeField(reviewer, 'model', 'opus');
    expect(changedLines(reviewer, out)).toEqual({ added: ['model: opus'], removed: ['model: sonnet'] });
  });

  it('keeps a folded description folded, and the comment after it', () => {
    const out = writeField(reviewer, 'description', 'Reviews diffs.');
    expect(out).toContain('description: >-\n  Reviews diffs.\n# Read-only by design');
    expect(out.replace(/description: >-\n {2}Reviews diffs.\n/, '')).toBe(reviewer.replace(/description: >-\n(?: {2}.*\n)+/, ''));
  });

  it('keeps a flow list a flow list, unpadded, and a comma string a string', () => {
    expect(changedLines(reviewer, writeField(reviewer, 'tools', 'Read, Grep'))).toEqual({ added: ['tools: [Read, Grep]'], removed: ['tools: [Read, Grep, Glob, Bash]'] });
    expect(changedLines(writer, writeField(writer, 'tools', 'Read,Edit'))).toEqual({ added: ['tools: Read, Edit'], removed: ['tools: Read, Write, Edit, Bash, Grep, Glob'] });
  });

  it('removes a key for an empty value and adds a missing one at the end', () => {
    const without = writeField(reviewer, 'model', '');
    expect(changedLines(reviewer, without)).toEqual({ added: [], removed: ['model: sonnet'] });
    expect(writeField(without, 'model', 'haiku')).toBe(`${without}model: haiku\n`);
  });

  it('quotes what YAML would misread', () => {
    const out = writeField(reviewer, 'model', 'a: b');
    expect(readFields(out)?.model).toBe('a: b');
  });

  it('leaves unparseable source alone, and readFields says it cannot read it', () => {
    const broken = 'description: [unclosed\n';
    expect(writeField(broken, 'model', 'opus')).toBe(broken);
    expect(readFields(broken)).toBeNull();
  });
});
