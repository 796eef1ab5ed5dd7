import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWithSecret, projectRepo } from '../helpers/secrets.js';
import { UiProcess, type Reply } from '../helpers/ui-server.js';
import type { PreviewResponse, SecretsResponse } from '../../src/ui/api-types.js';

/*
 * A secret value never leaves `ccm ui`: with a planted value in web-app's .env (a real age file,
 * a real identity), every route that reads, renders, diffs, builds or lists answers without it, and
 * so does every live event; `POST /api/secrets/:name` takes a new value and never returns it.
 */

const PLANTED = 'lin_api_PLANTED_UI_5b7d3a90c1';
const NEW_VALUE = 'ghp_NEWLY_SET_UI_0e9f8a7b6c';

describe('ccm ui and secrets', () => {
  it('never puts a secret value in any response or event', async () => {
    const example = await exampleWithSecret(PLANTED);
    const app = join(example.out, 'web-app');
    projectRepo(app, '.auto-claude/\n');
    const ui = await UiProcess.start(example.config, [], example.alice.env);
    const events = ui.events();
    const replies: Reply[] = [];
    const ask = async (path: string, options?: Parameters<UiProcess['ask']>[1]): Promise<Reply> => {
      const r = await ui.ask(path, options);
      replies.push(r);
      return r;
    };

    // A real build: the value is decrypted and written where it belongs (git-ignored .env) ...
    const build = await ask('/api/build', { body: {} });
    expect(build.status, build.text).toBe(200);
    expect(readFileSync(join(app, '.auto-claude/.env'), 'utf8')).toContain(PLANTED);
    // ... and every view afterwards, of every kind, goes without it.
    for (const path of ['/api/repo', '/api/status', '/api/plan', '/api/diff', '/api/doctor', '/api/secrets', '/api/projects/web-app', '/api/projects/web-app/effective',
      '/api/components/mcp-servers', '/api/git/status', '/api/schema/project']) {
      const r = await ask(path);
      expect(r.status, `${path}: ${r.text}`).toBeLessThan(500);
    }
    const project = (await ask('/api/projects/web-app')).json<{ text: string }>();
    const preview = await ask('/api/preview', { body: { project: 'web-app', drafts: [{ path: 'projects/web-app.yaml', text: project.text.replace('Storefront Web', 'Storefront') }] } });
    expect(preview.status, preview.text).toBe(200);
    const env = preview.json<PreviewResponse>().files.find((f) => f.path === '.auto-claude/.env');
    expect(env).toMatchObject({ secret: true, content: null });
    // The value pasted into a file that is not secret is shown as «secret NAME», as the CLI shows it.
    const pasted = await ask('/api/validate', { body: { path: 'components/claude-md/pasted.yaml', text: `title: ${PLANTED}\n` } });
    expect(pasted.status).toBe(200);
    expect(pasted.text).toContain('«secret LINEAR_API_KEY»');

    // Setting a value: it goes in, never comes back (not in the answer, not in the list, not in an event).
    const set = await ask('/api/secrets/GITHUB_TOKEN', { body: { value: NEW_VALUE } });
    expect(set.status, set.text).toBe(200);
    expect(set.json()).toMatchObject({ name: 'GITHUB_TOKEN', file: 'secrets/GITHUB_TOKEN.age', created: true, recipients: 1 });
    expect(existsSync(join(example.config, 'secrets/GITHUB_TOKEN.age'))).toBe(true);
    const list = (await ask('/api/secrets')).json<SecretsResponse>();
    expect(list.secrets.map((s) => s.name)).toEqual(['GITHUB_TOKEN', 'LINEAR_API_KEY']);
    expect(list.secrets.find((s) => s.name === 'LINEAR_API_KEY')?.referencedBy).toEqual(['web-app']);
    expect((await ask('/api/secrets/lower-case', { body: { value: 'x' } })).status).toBe(400);
    await ask('/api/git/diff');
    await new Promise((r) => setTimeout(r, 300));
    events.close();

    expect(replies.length).toBeGreaterThan(15);
    for (const r of replies) {
      expect(r.text).not.toContain(PLANTED);
      expect(r.text).not.toContain(NEW_VALUE);
    }
    expect(events.received.length).toBeGreaterThan(1);
    expect(JSON.stringify(events.received)).not.toContain(PLANTED);
    expect(JSON.stringify(events.received)).not.toContain(NEW_VALUE);
    expect(ui.stderr).not.toContain(PLANTED);
  });
});
