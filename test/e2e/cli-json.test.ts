import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '../../src/cli/json-types.js';
import { ccm, tempDir } from '../helpers/cli.js';

async function initRepo(): Promise<string> {
  const repo = join(tempDir(), 'repo');
  expect((await ccm(['init', repo])).code).toBe(0);
  return repo;
}

describe('the --json envelope', () => {
  it('carries the data type of its command, named as typed', async () => {
    const repo = await initRepo();
    const validate = JSON.parse((await ccm(['validate', '--json'], { cwd: repo })).stdout) as CommandEnvelope<'validate'>;
    expect(validate.command).toBe('validate');
    expect(Object.keys(validate.data ?? {}).sort()).toEqual(['components', 'profiles', 'projects', 'root', 'secrets']);

    const list = await ccm(['secrets', 'list', '--json'], { cwd: repo });
    expect(list.code).toBe(0);
    const envelope = JSON.parse(list.stdout) as CommandEnvelope<'secrets list'>;
    expect(envelope).toMatchObject({ ok: true, command: 'secrets list', data: { secrets: [], recipients: 0 } });
  });
});
