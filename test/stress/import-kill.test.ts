// kill -9 during an import (test/e2e/import-write.test.ts has the rest): the next import waits out the
// killed one's stale lock (10 s), so it runs with the stress suite, not in `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ccm, tempDir, tempTree } from '../helpers/cli.js';
import { readTreeFiles } from '../helpers/tree.js';

/** Files below `dir` outside ccm's own folders (the lock, staging). */
function userFiles(dir: string): Map<string, Buffer> {
  return new Map([...readTreeFiles(dir)].filter(([path]) => !path.startsWith('.ccm/')));
}

describe('ccm import writes as a build writes', () => {
  it('killed while writing, leaves every file whole (old or new), and the next import finishes the job with no leftovers', async () => {
    const base = tempDir();
    const agents: Record<string, string> = {};
    for (let i = 0; i < 400; i++) agents[`.claude/agents/agent-${i}.md`] = `---\nname: agent-${i}\ndescription: Agent number ${i}\n---\n\nYou are agent ${i}.\n`;
    tempTree(agents, join(base, 'shop'));
    const reference = join(base, 'reference');
    const repo = join(base, 'config');
    mkdirSync(reference);
    mkdirSync(repo);
    expect((await ccm(['import', 'claude', '../shop', '--yes'], { cwd: reference })).code).toBe(0);
    const wanted = userFiles(reference);
    const wantedManifest = readTreeFiles(join(base, 'shop')).get('.ccm/manifest.json');
    expect(wantedManifest).toBeDefined();
    rmSync(join(base, 'shop/.ccm'), { recursive: true });

    const child = spawn(process.execPath, [CLI, 'import', 'claude', '../shop', '--yes'], { cwd: repo, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    const staging = join(repo, '.ccm/staging');
    const end = Date.now() + 20_000;
    while (!existsSync(staging) && Date.now() < end) await new Promise((r) => setImmediate(r));
    child.kill('SIGKILL');
    // Killed while it ran (its staging folder was there), not after it had finished.
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(join(repo, 'ccm.config.yaml')) && userFiles(repo).size === wanted.size && existsSync(join(base, 'shop/.ccm/manifest.json'))).toBe(false);

    // Each file is renamed into place whole: whatever the kill left is the import's final text or absent.
    for (const [path, bytes] of userFiles(repo)) expect(bytes.equals(wanted.get(path) ?? Buffer.alloc(0)), path).toBe(true);
    const manifest = readTreeFiles(join(base, 'shop')).get('.ccm/manifest.json');
    if (manifest) expect(manifest.equals(wantedManifest!)).toBe(true);

    // The killed import's lock is stale after 10 s; the next import takes it over and writes the rest.
    const again = await ccm(['import', 'claude', '../shop', '--yes'], { cwd: repo });
    expect(again.code, again.stderr).toBe(0);
    expect(userFiles(repo)).toEqual(wanted);
    expect(readTreeFiles(join(base, 'shop')).get('.ccm/manifest.json')?.equals(wantedManifest!)).toBe(true);
    expect([...readTreeFiles(repo).keys(), ...readTreeFiles(join(base, 'shop')).keys()].filter((p) => p.startsWith('.ccm/staging/') || p.includes('intent'))).toEqual([]);
  }, 60_000);
});
