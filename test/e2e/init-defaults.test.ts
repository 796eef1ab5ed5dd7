import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AGENT_TYPES } from '../../src/core/auto-claude/agent-defaults.js';
import { ccm, tempDir } from '../helpers/cli.js';

describe('ccm init --defaults', () => {
  it('writes a complete starting point that validates and builds into a working layout', async () => {
    const base = tempDir();
    const config = join(base, 'config');
    const init = await ccm(['init', config, '--defaults']);
    expect(init.code, init.stderr).toBe(0);

    for (const type of AGENT_TYPES) expect(existsSync(join(config, `components/auto-claude/agent-configs/${type}.yaml`)), type).toBe(true);
    const auto = parse(readFileSync(join(config, 'components/auto-claude/model-profiles/auto.yaml'), 'utf8')) as Record<string, unknown>;
    expect(auto).toMatchObject({ model: 'opus', thinkingLevel: 'high', phaseThinking: { spec: 'ultrathink', planning: 'high', coding: 'low', qa: 'low' } });
    for (const id of ['complex', 'balanced', 'quick']) expect(existsSync(join(config, `components/auto-claude/model-profiles/${id}.yaml`))).toBe(true);
    expect(readFileSync(join(config, 'components/auto-claude/prompts/README.md'), 'utf8')).toMatch(/ccm import auto-claude/);

    const validate = await ccm(['validate', '--cwd', config]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).not.toMatch(/warning/);

    const build = await ccm(['build', '--cwd', config]);
    expect(build.code, build.stderr).toBe(0);
    const app = join(base, 'my-app');
    const env = readFileSync(join(app, '.auto-claude/.env'), 'utf8');
    expect(env).toMatch(/^USE_CLAUDE_MD=true$/m);
    expect(env).toMatch(/^CONTEXT7_ENABLED=true$/m);
    // The defaults equal the runtime's own agent configs, so no per-agent MCP overrides are needed.
    expect(env).not.toMatch(/AGENT_MCP_/);
    const settings = JSON.parse(readFileSync(join(app, '.claude/settings.json'), 'utf8')) as Record<string, unknown>;
    expect(settings['$schema']).toBe('https://json.schemastore.org/claude-code-settings.json');
    expect(JSON.stringify(settings['hooks'])).toContain('prettier');
    expect(readFileSync(join(app, 'CLAUDE.md'), 'utf8')).toMatch(/^# My app$/m);
  });

  it('scaffolds the model profiles with the app\'s isAutoProfile, so a balanced task is not shown as "Auto"', async () => {
    const base = tempDir();
    const config = join(base, 'config');
    expect((await ccm(['init', config, '--defaults'])).code).toBe(0);
    const isAuto = (id: string): unknown =>
      (parse(readFileSync(join(config, `components/auto-claude/model-profiles/${id}.yaml`), 'utf8')) as Record<string, unknown>)['isAutoProfile'];
    expect(Object.fromEntries(['auto', 'complex', 'balanced', 'quick'].map((id) => [id, isAuto(id)])))
      .toEqual({ auto: true, complex: false, balanced: false, quick: false });

    // The sample project uses balanced: its spec folders get what the app writes for a balanced task.
    const spec = join(base, 'my-app/.auto-claude/specs/001-task');
    mkdirSync(spec, { recursive: true });
    writeFileSync(join(spec, 'task_metadata.json'), '{"sourceType":"manual"}');
    const build = await ccm(['build', '--cwd', config]);
    expect(build.code, build.stderr).toBe(0);
    const meta = JSON.parse(readFileSync(join(spec, 'task_metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ sourceType: 'manual', model: 'sonnet', thinkingLevel: 'medium', isAutoProfile: false });
  });

  it('refuses to run over an existing config repo', async () => {
    const config = tempDir();
    expect((await ccm(['init', config])).code).toBe(0);
    const again = await ccm(['init', config, '--defaults']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/never overwrites/);
  });
});
