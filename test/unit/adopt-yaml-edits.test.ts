import { describe, expect, it } from 'vitest';
import { YamlEdits } from '../../src/adopt/yaml-edits.js';
import { parseYaml } from '../../src/load/yaml-file.js';

const TEXT = `# Project
autoClaude:
  useClaudeMd: true     # aligned comment
  mcp:
    context7: true
  integrations:
    linear:
      teamId: "WEB"   # quoted on purpose
  env: {A: one}
`;

const file = () => parseYaml('projects/p.yaml', new TextEncoder().encode(TEXT)).file!;

describe('YamlEdits', () => {
  it('replaces scalars in the text itself: quoting, comments and their spacing stay', () => {
    const edits = new YamlEdits();
    const f = file();
    edits.set(f, ['autoClaude', 'useClaudeMd'], false);
    edits.set(f, ['autoClaude', 'integrations', 'linear', 'teamId'], 'SHOP');
    expect(edits.files()).toEqual([{ path: 'projects/p.yaml', before: TEXT, after: TEXT.replace('true     #', 'false     #').replace('"WEB"', '"SHOP"') }]);
  });

  it('adds nested keys as block maps and removes a map a deletion empties', () => {
    const edits = new YamlEdits();
    const f = file();
    edits.delete(f, ['autoClaude', 'mcp', 'context7']);
    edits.set(f, ['autoClaude', 'integrations', 'github', 'token'], { secret: 'GITHUB_TOKEN' });
    const after = edits.files()[0]!.after;
    expect(after).not.toContain('mcp:');
    expect(after).toContain('    linear:\n      teamId: "WEB"   # quoted on purpose\n    github:\n      token:\n        secret: GITHUB_TOKEN\n');
    expect(after).toContain('useClaudeMd: true     # aligned comment');
  });

  it('reports no file when nothing changed', () => {
    const edits = new YamlEdits();
    edits.set(file(), ['autoClaude', 'mcp', 'context7'], true);
    expect(edits.files()).toEqual([]);
  });
});
