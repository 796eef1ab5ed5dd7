import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv'; // draft-07, as SchemaStore's schema (the default export is not constructable under NodeNext types)
import * as addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ccm, tempCopy, tempDir, tempTree } from '../helpers/cli.js';
import { schemastoreDir } from './shared-dir.js';

const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

function schemaStoreValidator(): ReturnType<Ajv['compile']> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(schemastoreDir(), 'claude-code-settings.schema.json'), 'utf8')) as object);
}

describe('settings.json that ccm writes validates against SchemaStore\'s published Claude Code settings schema', () => {
  it('for every project of the bundled example', async () => {
    const base = tempCopy('examples');
    rmSync(join(base, 'out'), { recursive: true, force: true });
    expect((await ccm(['build', '--cwd', join(base, 'team-config')])).code).toBe(0);
    const validate = schemaStoreValidator();
    const projects = readdirSync(join(base, 'out')).filter((p) => p !== 'auto-claude');
    expect(projects.length).toBeGreaterThan(0);
    for (const p of projects) {
      const settings: unknown = JSON.parse(readFileSync(join(base, 'out', p, '.claude/settings.json'), 'utf8'));
      expect(validate(settings), `${p}: ${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
    }
  });

  it('with every hook type, an http hook with a secret header, and the main settings keys', async () => {
    const repo = tempTree({
      'ccm.config.yaml': 'version: 1\n',
      'projects/app.yaml': 'path: ../out\ntargets: [claude-code]\ncomponents:\n  settings: [base]\n  hooks: [all]\n  mcp-servers: [github]\n',
      'components/mcp-servers/github.yaml': 'command: npx\nargs: [-y, github-mcp]\n',
      'components/settings/base.yaml': [
        '$schema: https://json.schemastore.org/claude-code-settings.json',
        'permissions:',
        '  allow: [Bash(npm run *), mcp__github, Read]',
        '  deny: [Read(./.env)]',
        '  defaultMode: acceptEdits',
        '  additionalDirectories: [../shared-docs]',
        'env: { NODE_ENV: development }',
        'model: sonnet',
        'effortLevel: high',
        'statusLine: { type: command, command: ./status.sh, padding: 0 }',
        'enabledMcpjsonServers: [github]',
        'sandbox: { enabled: true, network: { allowedDomains: [registry.npmjs.org] } }',
        'attribution: { commit: "", pr: "" }',
        'cleanupPeriodDays: 30',
        'spinnerTipsEnabled: false',
        '',
      ].join('\n'),
      'components/hooks/all.yaml': [
        'hooks:',
        '  PreToolUse:',
        '    - matcher: Bash',
        '      hooks:',
        '        - { type: command, command: ./check.sh, timeout: 30, if: "Bash(git *)" }',
        '        - { type: mcp_tool, server: github, tool: lint, input: { file: "${tool_input.file_path}" } }',
        '  Stop:',
        '    - hooks:',
        '        - { type: prompt, prompt: "Done? $ARGUMENTS" }',
        '        - { type: agent, prompt: "Verify $ARGUMENTS" }',
        '  Notification:',
        '    - hooks:',
        '        - { type: http, url: "https://hooks.example.com/claude", headers: { X-Team: platform } }',
        '',
      ].join('\n'),
    }, join(tempDir(), 'config'));
    const r = await ccm(['build'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    const settings: unknown = JSON.parse(readFileSync(join(repo, '../out/.claude/settings.json'), 'utf8'));
    const validate = schemaStoreValidator();
    expect(validate(settings), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });
});
