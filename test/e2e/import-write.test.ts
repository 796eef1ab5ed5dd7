import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/secrets/crypto.js';
import { ccm, tempTree } from '../helpers/cli.js';
import { readTreeFiles } from '../helpers/tree.js';
import { autoClaudeInstallation } from '../fixtures/import/auto-claude.js';

const AUTO_CLAUDE = ['import', 'auto-claude', '../Auto-Claude/apps/backend', '--project', '../projects/web-app', '--project', '../projects/orders-api', '--yes'];

/** Files below `dir` outside ccm's own folders (the lock, staging). */
describe('ccm import writes as a build writes', () => {
  it('is all or nothing: a project root that cannot be written stops the import with nothing written anywhere', async () => {
    const { identity } = await generateKeyPair();
    const env = { CCM_AGE_IDENTITY: identity };
    const base = tempTree(autoClaudeInstallation());
    const repo = join(base, 'config');
    mkdirSync(repo);
    const webApp = join(base, 'projects/web-app');
    const ordersApi = join(base, 'projects/orders-api');
    const before = { webApp: readTreeFiles(webApp), ordersApi: readTreeFiles(ordersApi) };
    // The import takes over orders-api's .auto-claude/.env; a file where its staging folder goes
    // fails that root's write after web-app's manifest and before the config repo's files are staged.
    mkdirSync(join(ordersApi, '.ccm'));
    writeFileSync(join(ordersApi, '.ccm/staging'), 'in the way\n');

    const failed = await ccm(AUTO_CLAUDE, { cwd: repo, env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(join(ordersApi, '.ccm/staging'));
    expect(readTreeFiles(repo)).toEqual(new Map());
    expect(readTreeFiles(webApp)).toEqual(before.webApp);
    expect(existsSync(join(webApp, '.ccm'))).toBe(false);
    expect(existsSync(join(ordersApi, '.ccm/manifest.json'))).toBe(false);

    rmSync(join(ordersApi, '.ccm'), { recursive: true });
    const done = await ccm(AUTO_CLAUDE, { cwd: repo, env });
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(join(repo, 'ccm.config.yaml'))).toBe(true);
    expect(Object.keys(JSON.parse(readTreeFiles(ordersApi).get('.ccm/manifest.json')!.toString('utf8')).files as object)).toContain('.auto-claude/.env');
  });
});
