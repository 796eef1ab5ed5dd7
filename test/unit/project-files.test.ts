import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowlistCommands, fileKeyOf, SHARED_JSON_FILES } from '../../src/core/auto-claude/project-files.js';
import { isGeneratedLayout } from '../../src/plan/layouts.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas/project.schema.json'), 'utf8')) as {
  $defs: { autoClaudeProject: { properties: Record<string, { properties?: Record<string, { $ref?: string }> }> } };
};

describe('the table of Auto-Claude project files', () => {
  it('names exactly the fields the schema allows, secret fields as secret references', () => {
    for (const file of SHARED_JSON_FILES) {
      const props = schema.$defs.autoClaudeProject.properties[file.field]!.properties!;
      expect(Object.keys(props), file.field).toEqual([...file.fields]);
      for (const field of file.fields) {
        expect(props[field]!.$ref === 'common.schema.json#/$defs/secretRef', `${file.field}.${field}`).toBe(file.secretFields.includes(field));
      }
    }
  });

  it('spells each field as the runners\' snake_case key', () => {
    expect(fileKeyOf('botToken')).toBe('bot_token');
    expect(fileKeyOf('featureCreepThreshold')).toBe('feature_creep_threshold');
    expect(fileKeyOf('model')).toBe('model');
  });

  it('reads an allowlist as structure_analyzer.py does, and owns only the root .auto-claude-allowlist', () => {
    expect(allowlistCommands('# tools\nterraform\r\n\n   kubectl  \n  # indented comment\n')).toEqual(['terraform', 'kubectl']);
    const project = { kind: 'project' as const, project: 'p', dir: '/x' };
    expect(isGeneratedLayout(project, '.auto-claude-allowlist')).toBe(true);
    for (const path of ['sub/.auto-claude-allowlist', '.auto-claude/.auto-claude-allowlist', '.auto-claude/github/config.json', '.auto-claude/gitlab/config.json']) {
      expect(isGeneratedLayout(project, path), path).toBe(false);
    }
  });
});
