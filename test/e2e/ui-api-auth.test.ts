import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCopy } from '../helpers/cli.js';
import { UiProcess, until } from '../helpers/ui-server.js';

/*
 * Who may talk to `ccm ui`: only its own page, with this run's token. Over real HTTP on loopback:
 * a request without the token, with a wrong one, for a foreign Host (DNS rebinding), from a foreign
 * Origin or marked cross-site gets 403 and changes nothing; no CORS header is ever sent.
 */

const PROFILE = 'profiles/base.yaml';

describe('ccm ui: the guard', () => {
  it('prints its URL with a token, listens on 127.0.0.1 only, and stops on Ctrl-C with exit 0', async () => {
    const config = join(tempCopy('examples'), 'team-config');
    const ui = await UiProcess.start(config);
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
    expect((await ui.ask('/api/repo')).status).toBe(200);
    expect(await ui.stop()).toBe(0);
  });

  it('turns the token in the URL into an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const ui = await UiProcess.start(join(tempCopy('examples'), 'team-config'));
    const first = await ui.ask(`/?token=${ui.token}`, { auth: 'none' });
    expect(first.status).toBe(303);
    expect(first.headers['location']).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`ccm_ui_token=${ui.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    // The page itself: the built client, or the page that says it is not built.
    const page = await ui.ask('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses (403) every request without the right token, from a foreign host or origin, or cross-site; writes nothing', async () => {
    const config = join(tempCopy('examples'), 'team-config');
    const before = readFileSync(join(config, PROFILE), 'utf8');
    const ui = await UiProcess.start(config);
    const origin = ui.origin;
    const cases: [string, Parameters<UiProcess['ask']>[1]][] = [
      ['no token', { auth: 'none' }],
      ['no token on the page', { auth: 'none' }],
      ['wrong token (cookie)', { auth: 'none', headers: { cookie: 'ccm_ui_token=not-the-token' } }],
      ['wrong token (bearer)', { auth: 'none', headers: { authorization: 'Bearer not-the-token' } }],
      ['foreign Host (DNS rebinding)', { headers: { host: `evil.example:${ui.port}` } }],
      ['Host on another port', { headers: { host: '127.0.0.1:1' } }],
      ['foreign Origin', { headers: { origin: 'http://evil.example' } }],
      ['Origin on another port', { headers: { origin: 'http://127.0.0.1:1' } }],
      ['cross-site', { headers: { 'sec-fetch-site': 'cross-site' } }],
      ['same-site (another port)', { headers: { 'sec-fetch-site': 'same-site' } }],
    ];
    for (const [what, options] of cases) {
      const path = what.endsWith('on the page') ? '/' : '/api/repo';
      const r = await ui.ask(path, options);
      expect(r.status, what).toBe(403);
      expect(r.json<{ error: { code: string } }>().error.code, what).toBe('FORBIDDEN');
      expect(r.headers['access-control-allow-origin'], what).toBeUndefined();
    }
    // A wrong token in the URL sets no cookie.
    const wrong = await ui.ask('/?token=nope', { auth: 'none' });
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // A write from a foreign origin is refused before it is read.
    const doc = (await ui.ask(`/api/${PROFILE.replace('.yaml', '')}`)).json<{ revision: string }>();
    const write = await ui.ask(`/api/${PROFILE.replace('.yaml', '')}`, { method: 'PUT', body: { text: 'description: pwned\n', baseRevision: doc.revision }, headers: { origin: 'http://evil.example' } });
    expect(write.status).toBe(403);
    // No preflight answer either: there is no CORS.
    const preflight = await ui.ask('/api/repo', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // The same request as the page makes it passes: the checks refuse only what they should.
    const ok = await ui.ask('/api/repo', { headers: { origin, 'sec-fetch-site': 'same-origin' } });
    expect(ok.status).toBe(200);
    expect((await ui.ask('/api/repo', { headers: { host: `localhost:${ui.port}` } })).status).toBe(200);
    expect(readFileSync(join(config, PROFILE), 'utf8')).toBe(before);
  });

  it('refuses a body that is not JSON (no HTML form can post to it)', async () => {
    const ui = await UiProcess.start(join(tempCopy('examples'), 'team-config'));
    const r = await ui.ask('/api/validate', { method: 'POST', raw: 'path=x&text=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
  });

  it('--no-token warns, and still refuses foreign hosts and origins', async () => {
    const config = join(tempCopy('examples'), 'team-config');
    const ui = await UiProcess.start(config, ['--no-token']);
    expect(ui.url).not.toContain('token=');
    await until('the --no-token warning', () => /warning: --no-token/.test(ui.stderr));
    expect((await ui.ask('/api/repo', { auth: 'none' })).status).toBe(200);
    expect((await ui.ask('/api/repo', { auth: 'none', headers: { host: `evil.example:${ui.port}` } })).status).toBe(403);
    expect((await ui.ask('/api/repo', { auth: 'none', headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect(existsSync(join(config, '.ccm/build.lock'))).toBe(false);
  });

  it('--port takes the port asked for; a bad one is a usage error', async () => {
    const config = join(tempCopy('examples'), 'team-config');
    const probe = await UiProcess.start(config);
    const port = probe.port;
    await probe.stop();
    const ui = await UiProcess.start(config, ['--port', String(port)]);
    expect(ui.port).toBe(port);
    const bad = new UiProcess(config, ['--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.stdout).toMatch(/--port must be a whole number/);
  });
});
