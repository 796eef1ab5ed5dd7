import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGeneratedLayout } from '../../src/plan/layouts.js';
import { ccm, PROJECT_ROOT, tempCopy, tempDir } from '../helpers/cli.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The bundled example, without the outputs a build of the clone itself may have left in examples/out/. */
function example(): { config: string; out: string } {
  const base = tempCopy('examples');
  rmSync(join(base, 'out'), { recursive: true, force: true });
  return { config: join(base, 'team-config'), out: join(base, 'out') };
}

describe('a manifest from a pull request', () => {
  it('is trusted only for paths ccm generates: a listed README.md or .git/config is left alone, reported, and forgotten', async () => {
    const { config, out } = example();
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const app = join(out, 'web-app');
    mkdirSync(join(app, '.git'), { recursive: true });
    writeFileSync(join(app, 'README.md'), '# Web app\n');
    writeFileSync(join(app, '.git/config'), '[core]\n');
    const manifestPath = join(app, '.ccm/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, { sha256: string }> };
    manifest.files['README.md'] = { sha256: sha('# Web app\n') };
    manifest.files['.git/config'] = { sha256: sha('[core]\n') };
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

    const r = await ccm(['build', '--cwd', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/web-app\/\.ccm\/manifest\.json: warning MANIFEST_ENTRY_IGNORED: the manifest lists "README\.md", a path ccm never generates/);
    expect(r.stderr).toMatch(/MANIFEST_ENTRY_IGNORED: the manifest lists "\.git\/config"/);
    expect(readFileSync(join(app, 'README.md'), 'utf8')).toBe('# Web app\n');
    expect(readFileSync(join(app, '.git/config'), 'utf8')).toBe('[core]\n');
    const after = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(after.files)).not.toContain('README.md');
    expect(Object.keys(after.files)).not.toContain('.git/config');
  });

  it('every file the bundled example generates is a path the layout table knows', () => {
    const golden = join(PROJECT_ROOT, 'test/golden/team-config');
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
    const projects = readdirSync(golden).filter((p) => existsSync(join(golden, p, '.ccm/manifest.json')));
    expect(projects.length).toBeGreaterThan(1);
    for (const p of projects) {
      const listed = Object.keys((JSON.parse(readFileSync(join(golden, p, '.ccm/manifest.json'), 'utf8')) as { files: Record<string, unknown> }).files);
      expect(listed.length).toBeGreaterThan(5);
      for (const path of listed) expect(isGeneratedLayout({ kind: 'project', project: p, dir: '/x' }, path), path).toBe(true);
    }
    const prompts = files(join(golden, 'auto-claude')).filter((f) => f.includes('prompts/'));
    expect(prompts.length).toBeGreaterThan(0);
    for (const f of prompts) expect(isGeneratedLayout({ kind: 'backend', dir: '/x' }, f.slice(f.indexOf('prompts/'))), f).toBe(true);
  });
});

describe('spec folders behind a symbolic link', () => {
  it('get no task_metadata.json: a linked .auto-claude/specs is not walked, and the build says so', async () => {
    const { config, out } = example();
    const outside = tempDir();
    mkdirSync(join(outside, '.ssh'));
    mkdirSync(join(outside, 'other'));
    const project = join(out, 'api-service');
    mkdirSync(join(project, '.auto-claude'), { recursive: true });
    symlinkSync(outside, join(project, '.auto-claude/specs'));
    const r = await ccm(['build', '--cwd', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/api-service\/\.auto-claude\/specs: warning OUTPUT_PATH_ESCAPES: \.auto-claude\/specs is a symbolic link, so ccm writes the model profile into no task_metadata\.json/);
    expect(readdirSync(join(outside, '.ssh'))).toEqual([]);
    expect(readdirSync(join(outside, 'other'))).toEqual([]);
  });

  it('the same for a linked .auto-claude', async () => {
    const { config, out } = example();
    const outside = tempDir();
    mkdirSync(join(outside, 'specs/001-x'), { recursive: true });
    const project = join(out, 'api-service');
    mkdirSync(project, { recursive: true });
    symlinkSync(outside, join(project, '.auto-claude'));
    const r = await ccm(['build', '--cwd', config]);
    // The project's .auto-claude/.env would go through the link too: that is an error, so nothing is written.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/warning OUTPUT_PATH_ESCAPES: \.auto-claude is a symbolic link/);
    expect(r.stderr).toMatch(/\.auto-claude\/\.env: error OUTPUT_PATH_ESCAPES/);
    expect(readdirSync(join(outside, 'specs/001-x'))).toEqual([]);
  });
});
