import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGING_DIR } from '../../src/io/staging.js';
import { ccm, tempDir } from '../helpers/cli.js';
import { smallRepo } from '../helpers/small-repo.js';
import { readTreeFiles } from '../helpers/tree.js';

/** The pid of a process that has exited: the owner of a staging folder a kill -9 left behind. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  expect(child.status).toBe(0);
  return child.pid;
}

/** What a build killed after its last rename leaves: its staging folder, a staged copy in it, the folder's `.gitignore`. */
function leaveStaging(staging: string, owner: string): void {
  mkdirSync(join(staging, owner), { recursive: true });
  writeFileSync(join(staging, '.gitignore'), '*\n');
  writeFileSync(join(staging, owner, '0'), 'a staged copy\n');
}

/** A built project, with what the outputs are and what the next build of nothing-changed says. */
async function built(): Promise<{ config: string; app: string; outputs: Map<string, string> }> {
  const { config, app } = await smallRepo({ warns: false });
  for (let i = 0; i < 2; i++) expect((await ccm(['build'], { cwd: config })).code).toBe(0);
  const outputs = new Map([...readTreeFiles(app)].map(([p, b]) => [p, b.toString()]));
  return { config, app, outputs };
}

describe('a staging folder a killed build left in a project whose outputs need no change', () => {
  it('is cleared by the next build, which writes nothing; a folder of a running ccm stays', async () => {
    const { config, app, outputs } = await built();
    const staging = join(app, STAGING_DIR);
    const dead = `${deadPid()}-0a1b2c3d`;
    const live = `${process.pid}-4e5f6a7b`;
    leaveStaging(staging, dead);
    leaveStaging(staging, live);

    // A named project: the whole pipeline, never the no-op shortcut.
    const first = await ccm(['build', 'app'], { cwd: config });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/0 created, 0 updated, 0 deleted/);
    // The running process's folder, and the .gitignore that keeps it out of commits, stay.
    expect(readdirSync(staging).sort()).toEqual(['.gitignore', live]);

    rmSync(join(staging, live), { recursive: true });
    expect((await ccm(['build', 'app'], { cwd: config })).code).toBe(0);
    expect(existsSync(staging)).toBe(false);
    // The manifest is still there: only the staging folder went.
    expect(new Map([...readTreeFiles(app)].map(([p, b]) => [p, b.toString()]))).toEqual(outputs);
  });

  it('is cleared by a build that would otherwise take the no-op shortcut', async () => {
    const { config, app, outputs } = await built();
    leaveStaging(join(app, STAGING_DIR), `${deadPid()}-0a1b2c3d`);
    const run = await ccm(['build'], { cwd: config });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(app, STAGING_DIR))).toBe(false);
    expect(new Map([...readTreeFiles(app)].map(([p, b]) => [p, b.toString()]))).toEqual(outputs);
  });

  it('is left alone when it is a link: nothing through it is removed', async () => {
    const { config, app } = await built();
    const elsewhere = tempDir();
    const dead = `${deadPid()}-0a1b2c3d`;
    leaveStaging(elsewhere, dead);
    symlinkSync(elsewhere, join(app, STAGING_DIR));
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);
    expect(readdirSync(elsewhere).sort()).toEqual(['.gitignore', dead]);
    expect(readFileSync(join(elsewhere, dead, '0'), 'utf8')).toBe('a staged copy\n');
  });
});
