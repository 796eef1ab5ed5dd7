// While a field edit is being saved, the page shows the fields as withEdits (ui/src/with-edits.ts)
// says they will be. That must be what the server then writes (its YamlEdits), or a checkbox or a
// chip would jump when the answer arrives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { YamlEdits } from '../../src/adopt/yaml-edits.js';
import { parseYaml } from '../../src/load/yaml-file.js';
import type { FieldEdit } from '../../src/ui/api-types.js';
import { withEdits } from '../../ui/src/with-edits.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

const project = readFileSync(join(PROJECT_ROOT, 'examples/team-config/projects/web-app.yaml'), 'utf8');

function serverWrites(text: string, edits: FieldEdit[]): unknown {
  const file = parseYaml('projects/web-app.yaml', new TextEncoder().encode(text)).file!;
  const yaml = new YamlEdits();
  for (const e of edits) {
    if ('delete' in e) yaml.delete(file, e.path);
    else yaml.set(file, e.path, e.value);
  }
  return parse(yaml.files()[0]?.after ?? text);
}

const cases: [string, FieldEdit[]][] = [
  ['a checkbox deep in a mapping', [{ path: ['autoClaude', 'mcp', 'electron'], value: true }]],
  ['a new key under a missing parent', [{ path: ['components', 'subagents'], value: ['code-reviewer'] }]],
  ['a list replaced', [{ path: ['profiles'], value: ['web', 'base'] }, { path: ['targets'], value: ['claude-code'] }]],
  ['a key deleted', [{ path: ['variables', 'projectName'], delete: true }]],
  ['a whole mapping deleted', [{ path: ['autoClaude'], delete: true }]],
];

describe('the fields a page shows while saving', () => {
  it.each(cases)('match what the server writes: %s', (_, edits) => {
    const before = parse(project) as Record<string, unknown>;
    expect(withEdits(before, edits)).toEqual(serverWrites(project, edits));
    expect(before).toEqual(parse(project));
  });
});
