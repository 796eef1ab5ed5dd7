import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempCopy } from '../helpers/cli.js';
import { readTreeFiles } from '../helpers/tree.js';
import { UiProcess } from '../helpers/ui-server.js';
import type { ApiErrorBody, DocumentList, DocumentRead, PreviewResponse, SaveResponse, StaleErrorBody, ValidateResponse } from '../../src/ui/api-types.js';

/*
 * Documents over real HTTP: read, save (by field edits and by text), create, rename, delete, and the
 * bad inputs: a stale base (409, both versions, nothing written), a name that climbs out of its
 * folder, an unknown kind, malformed YAML (located diagnostics), a body over the limit (413).
 * Every refused request leaves the config repo byte for byte as it was.
 */

const AGENT = 'components/subagents/test-writer.yaml';
const AGENT_URL = '/api/components/subagent/test-writer';

let config: string;
let ui: UiProcess;

beforeAll(async () => {
  config = join(tempCopy('examples'), 'team-config');
  ui = await UiProcess.start(config);
});

async function read(url = AGENT_URL): Promise<DocumentRead> {
  const r = await ui.ask(url);
  expect(r.status, r.text).toBe(200);
  return r.json<DocumentRead>();
}

/** Runs `refused` and checks that the config repo is byte for byte what it was. */
async function writesNothing(refused: () => Promise<void>): Promise<void> {
  const before = readTreeFiles(config);
  await refused();
  const after = readTreeFiles(config);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true);
}

describe('ccm ui: documents', () => {
  it('lists a kind with descriptions, who uses each, and problem counts', async () => {
    const list = (await ui.ask('/api/components/subagents')).json<DocumentList>();
    expect(list.kind).toBe('subagent');
    expect(list.hasBody).toBe(true);
    const item = list.items.find((i) => i.name === 'test-writer');
    expect(item).toMatchObject({ path: AGENT, bodyPath: 'components/subagents/test-writer.md', usedBy: ['profiles/web'], errors: 0 });
    expect(item?.description).toMatch(/^Writes and repairs/);
    const profiles = (await ui.ask('/api/profiles')).json<DocumentList>();
    expect(profiles.items.map((i) => i.name)).toEqual(['base', 'web']);
  });

  it('reads a component: its YAML text, parsed fields, Markdown body, diagnostics and revision; nested names URL-encoded', async () => {
    const doc = await read();
    expect(doc.text).toBe(readFileSync(join(config, AGENT), 'utf8'));
    expect(doc.fields).toMatchObject({ model: 'sonnet', maxTurns: 40 });
    expect(doc.body?.text).toBe(readFileSync(join(config, 'components/subagents/test-writer.md'), 'utf8'));
    expect(doc.revision).toMatch(/^[0-9a-f]{32}$/);
    const nested = await read('/api/components/commands/git%2Fcommit');
    expect(nested.path).toBe('components/commands/git/commit.yaml');
    expect((await ui.ask('/api/components/subagent/nobody')).status).toBe(404);
  });

  it('saves field edits through the yaml Document API: comments, key order and untouched formatting stay', async () => {
    const doc = await read();
    const r = await ui.ask(AGENT_URL, { method: 'PUT', body: { edits: [{ path: ['description'], value: 'Writes tests.' }, { path: ['maxTurns'], value: 12 }], baseRevision: doc.revision } });
    expect(r.status, r.text).toBe(200);
    const saved = r.json<SaveResponse>();
    const text = readFileSync(join(config, AGENT), 'utf8');
    expect(text).toBe(doc.text.replace(/description: >-\n.*\n.*\n/, 'description: Writes tests.\n').replace('maxTurns: 40', 'maxTurns: 12'));
    expect(text).toContain('# A comma-separated string works as well as a list.\n');
    expect(saved.document.revision).not.toBe(doc.revision);
    expect(saved.written).toContain(AGENT);
  });

  it('saves a whole text as sent, and a body beside it', async () => {
    const doc = await read();
    const text = `${doc.text}# a note the user typed\n`;
    const r = await ui.ask(AGENT_URL, { method: 'PUT', body: { text, body: 'You write tests.\n', baseRevision: doc.revision } });
    expect(r.status, r.text).toBe(200);
    expect(readFileSync(join(config, AGENT), 'utf8')).toBe(text);
    expect(readFileSync(join(config, 'components/subagents/test-writer.md'), 'utf8')).toBe('You write tests.\n');
  });

  it('refuses a save whose base changed on disk: 409 with both versions, and the other editor\'s file stays', async () => {
    const doc = await read();
    const elsewhere = doc.text.replace('model: sonnet', 'model: opus');
    writeFileSync(join(config, AGENT), elsewhere);
    await writesNothing(async () => {
      const r = await ui.ask(AGENT_URL, { method: 'PUT', body: { text: doc.text.replace('model: sonnet', 'model: haiku'), baseRevision: doc.revision } });
      expect(r.status).toBe(409);
      const body = r.json<StaleErrorBody>();
      expect(body.error.code).toBe('STALE_REVISION');
      expect(body.current?.text).toBe(elsewhere);
      expect(body.yours.text).toContain('model: haiku');
    });
    expect(readFileSync(join(config, AGENT), 'utf8')).toBe(elsewhere);
    // A delete or rename on the stale base is refused as well.
    await writesNothing(async () => {
      expect((await ui.ask(`${AGENT_URL}?baseRevision=${doc.revision}`, { method: 'DELETE' })).status).toBe(409);
      expect((await ui.ask(`${AGENT_URL}/rename`, { body: { to: 'x', baseRevision: doc.revision } })).status).toBe(409);
    });
  });

  it('refuses malformed YAML with located diagnostics and writes nothing', async () => {
    const doc = await read();
    await writesNothing(async () => {
      const r = await ui.ask(AGENT_URL, { method: 'PUT', body: { text: 'description: ok\ntools: [Read, Grep\nmodel: sonnet\n', baseRevision: doc.revision } });
      expect(r.status).toBe(422);
      const { error } = r.json<ApiErrorBody>();
      expect(error.code).toBe('INVALID_DRAFT');
      expect(error.diagnostics?.[0]).toMatchObject({ severity: 'error', code: 'YAML_SYNTAX', file: AGENT, line: 2 });
      expect(error.diagnostics?.[0]?.col).toBeGreaterThan(0);
    });
    await writesNothing(async () => {
      const r = await ui.ask(AGENT_URL, { method: 'PUT', body: { text: 'description: ok\nmaxTurns: many\n', baseRevision: doc.revision } });
      expect(r.status).toBe(422);
      expect(r.json<ApiErrorBody>().error.diagnostics?.some((d) => d.line === 2 && d.file === AGENT)).toBe(true);
    });
  });

  it('refuses a name that climbs out of its folder (400) and an unknown kind, writing nothing', async () => {
    await writesNothing(async () => {
      // `..` and `%2E%2E` are `..` to the URL parser itself, which would send the request to another
      // route: the path as sent is refused first, on every route, the static pages included.
      for (const path of ['/api/components/subagent/%2E%2E', '/api/components/subagent/..', '/api/profiles/../projects/web-app', '/api/components/subagent/./code-reviewer', '/assets/../../../etc/passwd', '/api/components/subagent/.%2e/x']) {
        const r = await ui.ask(path, { method: 'PUT', body: { text: 'description: x\n', baseRevision: 'r' } });
        expect(r.status, path).toBe(400);
        expect(r.json<ApiErrorBody>().error, path).toMatchObject({ code: 'INVALID_PATH', message: expect.stringContaining('".." segment') });
      }
      for (const name of ['..%2F..%2Fccm.config', '..%2Fescape', 'a%5Cb', '%2Fetc%2Fpasswd', 'a%2F..%2Fb', 'x%00y']) {
        const r = await ui.ask(`/api/components/subagent/${name}`, { method: 'PUT', body: { text: 'description: x\n', baseRevision: 'r' } });
        expect(r.status, name).toBe(400);
        expect(r.json<ApiErrorBody>().error.code, name).toBe('INVALID_NAME');
      }
      for (const name of ['../../evil', '../profiles/x', 'sub/dir', '.hidden', '']) {
        const r = await ui.ask('/api/components/subagent', { body: { name, text: 'description: x\n' } });
        expect(r.status, name).toBe(400);
      }
      const nested = await ui.ask('/api/components/command', { body: { name: 'git/../../../escape', text: 'description: x\n' } });
      expect(nested.status).toBe(400);
      const renamed = await ui.ask(`${AGENT_URL}/rename`, { body: { to: '../../../escape', baseRevision: (await read()).revision } });
      expect(renamed.status).toBe(400);
      const kind = await ui.ask('/api/components/widgets');
      expect(kind.status).toBe(400);
      expect(kind.json<ApiErrorBody>().error).toMatchObject({ code: 'UNKNOWN_KIND' });
      expect(kind.json<ApiErrorBody>().error.hint).toContain('subagent');
      const draft = await ui.ask('/api/validate', { body: { path: '../../etc/passwd.yaml', text: 'a: 1\n' } });
      expect(draft.status).toBe(400);
      expect((await ui.ask('/api/validate', { body: { path: 'secrets/X.age', text: 'a' } })).status).toBe(400);
    });
  });

  it('refuses a body over the size limit (413) and writes nothing', async () => {
    const doc = await read();
    await writesNothing(async () => {
      const r = await ui.ask(AGENT_URL, { method: 'PUT', body: { text: `description: ${'x'.repeat(5 * 1024 * 1024)}\n`, baseRevision: doc.revision } });
      expect(r.status).toBe(413);
      expect(r.json<ApiErrorBody>().error.code).toBe('BODY_TOO_LARGE');
    });
    await writesNothing(async () => {
      expect((await ui.ask(AGENT_URL, { method: 'PUT', raw: '{"text": ', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    });
  });

  it('creates, renames and deletes a document', async () => {
    const created = await ui.ask('/api/components/subagent', { body: { name: 'doc-writer', text: '# docs\ndescription: Writes docs.\n', body: 'You write docs.\n' } });
    expect(created.status, created.text).toBe(201);
    expect(readFileSync(join(config, 'components/subagents/doc-writer.md'), 'utf8')).toBe('You write docs.\n');
    expect((await ui.ask('/api/components/subagent', { body: { name: 'doc-writer', text: 'description: again\n' } })).status).toBe(409);
    const doc = created.json<SaveResponse>().document;
    const renamed = await ui.ask('/api/components/subagent/doc-writer/rename', { body: { to: 'docs-writer', baseRevision: doc.revision } });
    expect(renamed.status, renamed.text).toBe(200);
    const files = [...readTreeFiles(join(config, 'components/subagents')).keys()];
    expect(files).toContain('docs-writer.yaml');
    expect(files).toContain('docs-writer.md');
    expect(files).not.toContain('doc-writer.yaml');
    expect(files).not.toContain('doc-writer.md');
    const moved = renamed.json<SaveResponse>().document;
    const gone = await ui.ask(`/api/components/subagent/docs-writer?baseRevision=${moved.revision}`, { method: 'DELETE' });
    expect(gone.status, gone.text).toBe(200);
    expect([...readTreeFiles(join(config, 'components/subagents')).keys()].filter((f) => f.startsWith('doc'))).toEqual([]);
  });

  it('validates a draft through the real pipeline, with line and column, writing nothing', async () => {
    await writesNothing(async () => {
      const r = await ui.ask('/api/validate', { body: { path: AGENT, text: 'description: fine\nmaxTurns: -3\n' } });
      expect(r.status, r.text).toBe(200);
      const v = r.json<ValidateResponse>();
      const d = v.diagnostics.find((x) => x.line === 2);
      expect(d).toMatchObject({ severity: 'error', file: AGENT, line: 2 });
      expect(d?.col).toBeGreaterThan(0);
      // A reference the draft breaks elsewhere: the profile that selects a subagent now missing.
      const broken = (await ui.ask('/api/validate', { body: { path: 'profiles/web.yaml', text: 'description: x\ncomponents:\n  subagents: [no-such-agent]\n' } })).json<ValidateResponse>();
      expect(broken.diagnostics.some((x) => x.file === 'profiles/web.yaml' && x.severity === 'error' && x.line === 3)).toBe(true);
    });
  });

  it('previews the rendered outputs of a project for a draft, with the diff against disk, writing nothing', async () => {
    const base = join(config, '..');
    await writesNothing(async () => {
      const doc = await read();
      const draft = doc.text.replace(/^description:.*(\n {2}.*)*$/m, 'description: Previewed description.');
      const r = await ui.ask('/api/preview', { body: { project: 'web-app', drafts: [{ path: AGENT, text: draft }] } });
      expect(r.status, r.text).toBe(200);
      const p = r.json<PreviewResponse>();
      const file = p.files.find((f) => f.path === '.claude/agents/test-writer.md');
      expect(file?.content).toContain('description: Previewed description.');
      expect(file?.diff).toContain('+description: Previewed description.');
      expect(file?.sources).toContain(AGENT);
      expect((await ui.ask('/api/preview', { body: { project: 'nope', drafts: [] } })).status).toBe(404);
    });
    expect(readTreeFiles(join(base, 'out')).size).toBe(0);
  });

  it('renames a component with the profiles that select it, and a profile with who extends or uses it', async () => {
    const base = readFileSync(join(config, 'profiles/base.yaml'), 'utf8');
    expect(base).toMatch(/subagents: \[[^\]]*code-reviewer/);
    const doc = await read('/api/components/subagent/code-reviewer');
    const r = await ui.ask('/api/components/subagent/code-reviewer/rename', { body: { to: 'reviewer', baseRevision: doc.revision } });
    expect(r.status, r.text).toBe(200);
    const saved = r.json<SaveResponse>();
    expect(saved.written).toContain('profiles/base.yaml');
    expect(saved.elsewhere).toEqual([]);
    const after = readFileSync(join(config, 'profiles/base.yaml'), 'utf8');
    expect(after).toBe(base.replace(/(subagents: \[[^\]]*)code-reviewer/, '$1reviewer'));

    const profile = await read('/api/profiles/base');
    const p = await ui.ask('/api/profiles/base/rename', { body: { to: 'common', baseRevision: profile.revision } });
    expect(p.status, p.text).toBe(200);
    expect(readFileSync(join(config, 'profiles/web.yaml'), 'utf8')).toContain('extends: [common]');
    expect(readFileSync(join(config, 'projects/api-service.yaml'), 'utf8')).toMatch(/profiles: \[common/);
    expect(readFileSync(join(config, 'ccm.config.yaml'), 'utf8')).toContain('  profiles: [common]\n');
    expect(p.json<SaveResponse>().elsewhere).toEqual([]);
  });

  it('renames a component with the components that name it: subagents, settings, permission rules', async () => {
    const files = ['components/subagents/db-migrator.yaml', 'components/settings/base.yaml', 'components/settings/web.yaml'];
    const before = new Map(files.map((f) => [f, readFileSync(join(config, f), 'utf8')]));
    const rename = async (url: string, to: string) => {
      const r = await ui.ask(`${url}/rename`, { body: { to, baseRevision: (await read(url)).revision } });
      expect(r.status, r.text).toBe(200);
      return r.json<SaveResponse>();
    };
    // The earlier test renamed code-reviewer to reviewer; its file kept the reference to github.
    const agent = ['components/subagents/code-reviewer.yaml', 'components/subagents/reviewer.yaml'].find((f) => existsSync(join(config, f)))!;
    const agentBefore = readFileSync(join(config, agent), 'utf8');
    const server = await rename('/api/components/mcp-server/github', 'gh');
    expect(server.elsewhere).toEqual([]);
    expect(readFileSync(join(config, agent), 'utf8')).toBe(agentBefore.replace('mcpServers: [github]', 'mcpServers: [gh]'));
    // Only the names change: comments, the other rules and the domain that merely contains "github" stay.
    expect(readFileSync(join(config, 'components/settings/base.yaml'), 'utf8')).toBe(before.get('components/settings/base.yaml')!
      .replace('- mcp__github\n', '- mcp__gh\n').replace('mcp__github__create_pull_request', 'mcp__gh__create_pull_request'));
    expect(readFileSync(join(config, 'components/settings/web.yaml'), 'utf8')).toBe(before.get('components/settings/web.yaml')!
      .replace('enabledMcpjsonServers: [context7, github,', 'enabledMcpjsonServers: [context7, gh,'));

    const skill = await rename('/api/components/skill/release-notes', 'notes');
    expect(skill.elsewhere).toEqual([]);
    expect(readFileSync(join(config, 'components/subagents/db-migrator.yaml'), 'utf8')).toBe(before.get('components/subagents/db-migrator.yaml')!.replace('skills: [release-notes]', 'skills: [notes]'));

    const style = await rename('/api/components/output-style/reviewer', 'findings');
    expect(style.elsewhere).toEqual([]);
    expect(readFileSync(join(config, 'components/settings/web.yaml'), 'utf8')).toContain('\noutputStyle: findings\n');
  });
});
