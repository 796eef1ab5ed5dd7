import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCopy, tempDir } from '../helpers/cli.js';
import { UiProcess } from '../helpers/ui-server.js';
import type { ApiErrorBody, ImportResponse } from '../../src/ui/api-types.js';

/* The import wizard's two steps over real HTTP: scan (a dry run that writes nothing), then apply, through `ccm import`'s own flow. */

describe('ccm ui: import', () => {
  it('scans a Claude Code project without writing, then imports it', async () => {
    const config = join(tempCopy('examples'), 'team-config');
    const app = tempDir();
    mkdirSync(join(app, '.claude/agents'), { recursive: true });
    writeFileSync(join(app, '.claude/agents/translator.md'), '---\nname: translator\ndescription: Translates UI strings.\n---\n\nYou translate.\n');
    const ui = await UiProcess.start(config);

    const scan = await ui.ask('/api/import/scan', { body: { source: 'claude', path: app, name: 'translations' } });
    expect(scan.status, scan.text).toBe(200);
    const found = scan.json<ImportResponse>();
    expect(found.dryRun).toBe(true);
    expect(found.found['subagents']).toBe(1);
    expect(found.outcomes.some((o) => o.group === 'subagents' && o.name === 'translator')).toBe(true);
    expect(found.summary.join('\n')).toContain('Dry run: nothing was written.');
    expect(existsSync(join(config, 'components/subagents/translator.yaml'))).toBe(false);

    const apply = await ui.ask('/api/import/apply', { body: { source: 'claude', path: app, name: 'translations' } });
    expect(apply.status, apply.text).toBe(200);
    expect(apply.json<ImportResponse>().dryRun).toBe(false);
    expect(existsSync(join(config, 'components/subagents/translator.yaml'))).toBe(true);
    expect(existsSync(join(config, 'projects/translations.yaml'))).toBe(true);

    const bad = await ui.ask('/api/import/scan', { body: { source: 'cursor', path: app } });
    expect(bad.status).toBe(400);
    expect(bad.json<ApiErrorBody>().error.hint).toContain('auto-claude');
  });
});
