import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_DIR } from '../../src/cache/store.js';
import { loadRepo } from '../../src/load/load-repo.js';
import { ParseCache } from '../../src/load/parse-cache.js';
import { CachedYamlFile, positionOf } from '../../src/load/yaml-file.js';
import { validateRepo } from '../../src/validate/validate.js';
import { TemplateBody } from '../../src/render/claude-code/shared.js';
import { tempDir, tempTree } from '../helpers/cli.js';

const AGENT = 'components/subagents/rev.yaml';
const CACHE_FILE = join(CACHE_DIR, 'parse.json');

function repo(extra: Record<string, string> = {}): string {
  return tempTree({
    'ccm.config.yaml': 'version: 1\n',
    [AGENT]: 'description: one\n',
    'components/subagents/rev.md': 'You review.\n',
    // A BOM (a parse warning the cache must give back) and a schema error (positions from a lazy parse).
    'components/subagents/bom.yaml': '\uFEFFdescription: bom\n',
    'components/subagents/bom.md': 'Body.\n',
    'components/subagents/bad.yaml': 'description: bad\ntools: 3\nmodel:\n  - x\n',
    'components/subagents/bad.md': 'Body.\n',
    'profiles/all.yaml': 'components:\n  subagents: [rev]\n',
    ...extra,
  });
}

/** A writing build's load: what `ccm build` and watch do (compileLocked writes the cache once it is sure to write). */
async function load(root: string): ReturnType<typeof loadRepo> {
  const cache = new ParseCache();
  const loaded = await loadRepo(root, cache);
  cache.persist();
  return loaded;
}

async function everything(root: string): Promise<unknown> {
  const { repo: model, diagnostics } = await load(root);
  const values = Object.fromEntries([...model.components.subagent].map(([name, c]) => [name, c.file.value]));
  return { values, diagnostics: [...diagnostics, ...validateRepo(model)] };
}

/** Rewrites the persisted cache, keeping its identity, then gives it the mtime the test needs. */
function editCache(root: string, edit: (data: { files: Record<string, unknown[]> }) => void, mtimeMs: number): void {
  const path = join(root, CACHE_FILE);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { identity: string; data: { files: Record<string, unknown[]> } };
  edit(json.data);
  writeFileSync(path, JSON.stringify(json));
  utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
}

/** Waits until the clock has moved past every file just written, as between two commands. */
const tick = () => new Promise((r) => setTimeout(r, 30));

describe('parse cache', () => {
  it('gives the same values and diagnostics cold, warm, corrupt and from another ccm', async () => {
    const root = repo();
    const cold = await everything(root);
    expect(JSON.stringify(cold)).toContain('BOM');
    expect(JSON.stringify(cold)).toContain('"line":2');
    expect(existsSync(join(root, CACHE_FILE))).toBe(true);
    await tick();
    expect(await everything(root)).toEqual(cold);
    writeFileSync(join(root, CACHE_FILE), 'garbage \u0000 {');
    expect(await everything(root)).toEqual(cold);
    const written = JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')) as { identity: string };
    writeFileSync(join(root, CACHE_FILE), JSON.stringify({ ...written, identity: 'another-ccm' }));
    expect(await everything(root)).toEqual(cold);
    rmSync(join(root, CACHE_DIR), { recursive: true });
    expect(await everything(root)).toEqual(cold);
  });

  it('does not read or parse an unchanged file, and parses it with positions only when a position is asked for', async () => {
    const root = repo();
    const cold = (await load(root)).repo.components.subagent.get('rev')!.file;
    await tick();
    await load(root);
    const warm = (await load(root)).repo.components.subagent.get('rev')!.file;
    expect(warm).toBeInstanceOf(CachedYamlFile);
    expect(warm.value).toEqual(cold.value);
    expect(positionOf(warm, ['description'])).toEqual(positionOf(cold, ['description']));
    expect(warm.text).toBe(cold.text);
  });

  it('writes nothing when nothing changed, and forgets files that are gone', async () => {
    const root = repo();
    await load(root);
    await tick();
    await load(root);
    const before = statSync(join(root, CACHE_FILE));
    await load(root);
    const after = statSync(join(root, CACHE_FILE));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    rmSync(join(root, 'components/subagents/bom.yaml'));
    await load(root);
    const files = (JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')) as { data: { files: Record<string, unknown> } }).data.files;
    expect(Object.keys(files)).not.toContain('components/subagents/bom.yaml');
    expect(Object.keys(files)).toContain(AGENT);
  });

  it('sees an edit that keeps the size and the mtime (touch -d) through the changed ctime', async () => {
    const root = repo();
    const abs = join(root, AGENT);
    // Whole seconds, as `touch -d` sets them, so that restoring the mtime restores it exactly.
    const second = Math.floor(Date.now() / 1000) - 60;
    utimesSync(abs, second, second);
    await load(root);
    const old = lstatSync(abs);
    writeFileSync(abs, 'description: two\n');
    utimesSync(abs, second, second);
    expect(lstatSync(abs).mtimeMs).toBe(old.mtimeMs);
    expect(lstatSync(abs).size).toBe(old.size);
    // The cache file made newer than every stat, so only the ctime can tell.
    const cacheMtime = lstatSync(join(root, CACHE_FILE)).mtimeMs;
    utimesSync(join(root, CACHE_FILE), (cacheMtime + 60_000) / 1000, (cacheMtime + 60_000) / 1000);
    expect((await load(root)).repo.components.subagent.get('rev')!.file.value).toEqual({ description: 'two' });
  });

  it('trusts a matching stat only when the file is older than the cache that recorded it (racy entries are hashed)', async () => {
    const root = repo();
    await load(root);
    const abs = join(root, AGENT);
    writeFileSync(abs, 'description: two\n');
    const now = lstatSync(abs);
    // The entry made to match the edited file's stat exactly, as a same-tick edit on a coarse clock would.
    const lie = (data: { files: Record<string, unknown[]> }): void => {
      const entry = data.files[AGENT]!;
      data.files[AGENT] = [now.size, now.mtimeMs, now.ctimeMs, now.ino, now.mode, entry[5]];
    };
    // Read-only loads, so that the lie stays in the cache for the control below.
    editCache(root, lie, Math.max(now.mtimeMs, now.ctimeMs));
    expect((await loadRepo(root)).repo.components.subagent.get('rev')!.file.value).toEqual({ description: 'two' });
    // Control: recorded long before the cache was written, the same entry is believed without reading the file.
    editCache(root, lie, Math.max(now.mtimeMs, now.ctimeMs) + 60_000);
    expect((await loadRepo(root)).repo.components.subagent.get('rev')!.file.value).toEqual({ description: 'one' });
  });

  it('refuses a file that changed between the load and a later read of it', async () => {
    const root = repo();
    await tick();
    await load(root);
    const { repo: model } = await load(root);
    writeFileSync(join(root, AGENT), 'description: changed\n');
    expect(() => model.components.subagent.get('rev')!.file.text).toThrow(/changed while ccm was reading/);
  });

  it('keeps values JSON cannot carry out of the cache (-0)', async () => {
    const root = repo({ 'components/mcp-servers/zero.yaml': 'command: x\nenv:\n  N: -0\n' });
    await load(root);
    await tick();
    const { repo: model } = await load(root);
    const server = model.components['mcp-server'].get('zero')!.file.value;
    const env = ('env' in server ? server.env : {}) as Record<string, unknown>;
    expect(Object.is(env['N'], -0)).toBe(true);
  });

  it('never writes through a link, and a cache that cannot be written only costs time', async () => {
    const root = repo();
    const elsewhere = tempDir();
    mkdirSync(join(root, '.ccm'));
    symlinkSync(elsewhere, join(root, CACHE_DIR));
    const cold = await everything(root);
    expect(existsSync(join(elsewhere, 'parse.json'))).toBe(false);
    rmSync(join(root, CACHE_DIR));
    writeFileSync(join(root, CACHE_DIR), 'a file where the folder should be');
    expect(await everything(root)).toEqual(cold);
  });

  it('in memory (watch), re-reads only files whose stat changed and keeps unchanged files as they were', async () => {
    const root = repo();
    const cache = new ParseCache();
    const first = await loadRepo(root, cache);
    cache.persist();
    await tick();
    writeFileSync(join(root, AGENT), 'description: two\n');
    const second = await loadRepo(root, cache);
    cache.persist();
    expect(second.repo.components.subagent.get('bom')!.file).toBe(first.repo.components.subagent.get('bom')!.file);
    expect(second.repo.components.subagent.get('rev')!.file.value).toEqual({ description: 'two' });
  });

  it('skips the schema check of a content that passed it before, here or in an earlier build, and never of one that failed', async () => {
    const root = repo();
    const validateWith = async (cache: ParseCache) => {
      const loaded = await loadRepo(root, cache);
      const diagnostics = validateRepo(loaded.repo, loaded.verdicts);
      cache.persist();
      return { loaded, diagnostics };
    };
    const first = await validateWith(new ParseCache());
    expect(first.diagnostics.some((d) => d.file?.endsWith('bad.yaml') && d.severity === 'error')).toBe(true);
    await tick();
    // A later build (a new process) knows the verdicts from .ccm/cache/ and gives the same diagnostics.
    const cache = new ParseCache();
    const again = await validateWith(cache);
    expect(again.diagnostics).toEqual(first.diagnostics);
    const agents = again.loaded.repo.components.subagent;
    expect(cache.passed(agents.get('rev')!.file, 'subagent')).toBe(true);
    expect(cache.passed(agents.get('bad')!.file, 'subagent')).toBe(false);
    // A verdict is the schema's on this content and this kind only.
    expect(cache.passed(agents.get('rev')!.file, 'command')).toBe(false);
    // The same content at another path passes as well; an edited one is checked again, and fails.
    writeFileSync(join(root, 'components/subagents/copy.yaml'), 'description: one\n');
    writeFileSync(join(root, AGENT), 'description: 3\n');
    const edited = await validateWith(cache);
    expect(cache.passed(edited.loaded.repo.components.subagent.get('copy')!.file, 'subagent')).toBe(true);
    expect(edited.diagnostics.some((d) => d.file === AGENT && d.severity === 'error')).toBe(true);
    expect(cache.passed(edited.loaded.repo.components.subagent.get('rev')!.file, 'subagent')).toBe(false);
  });

  it('drops verdicts that are not a list of kinds, and checks those files again', async () => {
    const root = repo();
    const cache = new ParseCache();
    const loaded = await loadRepo(root, cache);
    validateRepo(loaded.repo, loaded.verdicts);
    cache.persist();
    const path = join(root, CACHE_FILE);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { data: { parsed: Record<string, { valid?: unknown }> } };
    for (const entry of Object.values(json.data.parsed)) if (entry.valid) entry.valid = 'subagent';
    writeFileSync(path, JSON.stringify(json));
    const fresh = new ParseCache();
    const reloaded = await loadRepo(root, fresh);
    expect(fresh.passed(reloaded.repo.components.subagent.get('rev')!.file, 'subagent')).toBe(false);
  });

  it('knows an unchanged body by its hash and reads it only when its text is used', async () => {
    const root = repo();
    // Older than the first load by more than a clock tick, so that their stats can be trusted.
    await tick();
    await load(root);
    await tick();
    const { repo: warm } = await load(root);
    const body = warm.components.subagent.get('rev')!.body!;
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Not read during the load: gone from the disk now, its text can no longer be had (and is not made up).
    rmSync(join(root, 'components/subagents/rev.md'));
    expect(() => body.text).toThrow(/changed while ccm was reading/);
    // The render fingerprint stands for it by the hash alone.
    expect(new TemplateBody(warm.components.subagent.get('rev')!).key).toEqual({ sha256: body.sha256 });
  });
});
