import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccmProcess, EXAMPLE_STDERR, tempCopy, tempDir, tempTree, type CliRun } from '../helpers/cli.js';
import { exampleWithSecret, FIXTURES, git, hasAge, projectRepo, repoWithKey, secretFiles, set, TEST_RECIPIENT, user, type User } from '../helpers/secrets.js';
import { readTreeFiles, snapshot } from '../helpers/tree.js';

describe('ccm secrets keygen', () => {
  it('creates a private key file, prints the public key and refuses to overwrite it', async () => {
    const u = user();
    const r = await u.run(['secrets', 'keygen']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^age1[0-9a-z]{58}\n$/);
    expect(r.stderr).toContain(`Created your age identity in ${u.keyFile} (mode 0600)`);
    expect(statSync(u.keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(u.home, '.config/ccm/age')).mode & 0o777).toBe(0o700);
    const text = readFileSync(u.keyFile, 'utf8');
    expect(text).toMatch(/^# created: .*\n# public key: age1.*\nAGE-SECRET-KEY-1[0-9A-Z]+\n$/);
    if (hasAge()) expect(execFileSync('age-keygen', ['-y', u.keyFile], { encoding: 'utf8' })).toBe(r.stdout);

    const again = await u.run(['secrets', 'keygen']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`error IDENTITY_EXISTS: an age identity already exists at ${u.keyFile}; ccm never overwrites one`);
    expect(again.stderr).toContain(`its public key is ${r.stdout.trim()}`);
    expect(readFileSync(u.keyFile, 'utf8')).toBe(text);
    expect(readdirSync(join(u.home, '.config/ccm/age'))).toEqual(['keys.txt']);
  });

  it('respects XDG_CONFIG_HOME and CCM_AGE_KEY_FILE', async () => {
    const u = user();
    const xdg = tempDir();
    expect((await u.run(['secrets', 'keygen'], { env: { XDG_CONFIG_HOME: xdg } })).code).toBe(0);
    expect(existsSync(join(xdg, 'ccm/age/keys.txt'))).toBe(true);
    expect(existsSync(u.keyFile)).toBe(false);
    const file = join(tempDir(), 'nested/my-key.txt');
    expect((await u.run(['secrets', 'keygen'], { env: { CCM_AGE_KEY_FILE: file } })).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('with --add-recipient adds the key to ccm.config.yaml, keeping comments and order', async () => {
    const config = '# Team config\nversion: 1\n\ndefaults:\n  # shared\n  profiles: [base]\n';
    const root = tempTree({ 'ccm.config.yaml': config });
    const u = user();
    const r = await u.run(['secrets', 'keygen', '--add-recipient', '--cwd', root]);
    expect(r.code).toBe(0);
    const key = r.stdout.trim();
    expect(readFileSync(join(root, 'ccm.config.yaml'), 'utf8')).toBe(`${config}\nsecrets:\n  recipients:\n    - ${key}\n`);
    expect(r.stderr).toContain('Added it to secrets.recipients in ccm.config.yaml');

    // A second person: their existing key is added, nothing is overwritten.
    const bob = user();
    const bobKey = (await bob.run(['secrets', 'keygen'])).stdout.trim();
    const bobFile = readFileSync(bob.keyFile, 'utf8');
    const again = await bob.run(['secrets', 'keygen', '--add-recipient', '--cwd', root]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Kept the existing identity');
    expect(readFileSync(bob.keyFile, 'utf8')).toBe(bobFile);
    expect(readFileSync(join(root, 'ccm.config.yaml'), 'utf8')).toBe(`${config}\nsecrets:\n  recipients:\n    - ${key}\n    - ${bobKey}\n`);

    // Without the flag the config is left alone, with a hint.
    const carol = user();
    const plain = await carol.run(['secrets', 'keygen', '--cwd', root]);
    expect(plain.stderr).toContain('`ccm secrets keygen --add-recipient`');
    expect(readFileSync(join(root, 'ccm.config.yaml'), 'utf8')).not.toContain(plain.stdout.trim());
  });

  it('refuses --add-recipient outside a config repo, before creating anything', async () => {
    const u = user();
    const r = await u.run(['secrets', 'keygen', '--add-recipient']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--add-recipient adds the key to ccm.config.yaml, but there is none here');
    expect(existsSync(u.keyFile)).toBe(false);
  });
});

describe('ccm secrets set, get, list, rm', () => {
  it('stores values from stdin, prints them only on get, and lists names without values', async () => {
    const { root, alice } = await repoWithKey();
    expect((await set(alice, root, 'API_TOKEN', 'tok-123\n')).stdout).toBe('Stored secrets/API_TOKEN.age (encrypted for 1 recipient).\n');
    // One trailing newline is removed, not more.
    await set(alice, root, 'MULTI', 'line one\nline two\n\n');
    expect(await alice.run(['secrets', 'get', 'API_TOKEN', '--cwd', root])).toEqual({ code: 0, stdout: 'tok-123', stderr: '' });
    expect((await alice.run(['secrets', 'get', 'MULTI', '--cwd', root])).stdout).toBe('line one\nline two\n');
    expect((await set(alice, root, 'API_TOKEN', 'tok-456')).stdout).toBe('Updated secrets/API_TOKEN.age (encrypted for 1 recipient).\n');
    expect(readFileSync(join(root, 'secrets/API_TOKEN.age'), 'utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);

    const list = await alice.run(['secrets', 'list', '--cwd', root]);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('API_TOKEN  encrypted for 1 recipient\nMULTI      encrypted for 1 recipient\n');
    const json = JSON.parse((await alice.run(['secrets', 'list', '--json', '--cwd', root])).stdout) as { data: { secrets: { name: string; recipients: number }[] } };
    expect(json.data.secrets.map((s) => [s.name, s.recipients])).toEqual([['API_TOKEN', 1], ['MULTI', 1]]);
    expect(JSON.stringify(json)).not.toContain('tok-');

    const get = await alice.run(['secrets', 'get', 'API_TOKEN', '--json', '--cwd', root]);
    expect(get.code).toBe(2);
    expect(get.stdout).not.toContain('tok-456');

    expect((await alice.run(['secrets', 'rm', 'MULTI', '--cwd', root])).stdout).toBe('Removed secrets/MULTI.age.\n');
    expect(secretFiles(root)).toEqual(['API_TOKEN.age']);
    const missing = await alice.run(['secrets', 'rm', 'MULTI', '--cwd', root]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error SECRET_NOT_FOUND: there is no secret MULTI (secrets/MULTI.age does not exist)');
    expect(missing.stderr).toContain('hint: secrets in this repo: API_TOKEN');
  });

  it('shows the last change from git and when a file has fewer recipients than the config', async () => {
    const { root, alice } = await repoWithKey();
    git(root, 'init', '-q');
    await set(alice, root, 'COMMITTED', 'a');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'add secret');
    const hash = git(root, 'rev-parse', '--short=7', 'HEAD').trim();
    await set(alice, root, 'NEW_ONE', 'b');
    const bob = user();
    await bob.run(['secrets', 'keygen', '--add-recipient', '--cwd', root]);
    const list = await alice.run(['secrets', 'list', '--cwd', root]);
    const today = new Date().toISOString().slice(0, 10);
    expect(list.stdout).toContain(`COMMITTED  encrypted for 1 recipient (ccm.config.yaml lists 2: run \`ccm secrets rotate\`), last changed ${today.slice(0, 4)}`);
    expect(list.stdout).toMatch(new RegExp(`COMMITTED .* by Test Author \\(${hash}\\)\\n`));
    expect(list.stdout).toContain('NEW_ONE    encrypted for 1 recipient (ccm.config.yaml lists 2: run `ccm secrets rotate`), not committed yet\n');
  });

  it('never reads a value from the command line', async () => {
    const { root, alice } = await repoWithKey();
    const r = await alice.run(['secrets', 'set', 'TOKEN', 'the-value', '--cwd', root]);
    expect(r.code).toBe(2);
    expect(secretFiles(root)).toEqual([]);
  });
});

describe('interoperability with the age command-line tool', () => {
  it('age -d reads what ccm wrote, and ccm reads what age -r -a wrote', async () => {
    expect(hasAge(), 'install the age CLI (apt-get install age) to run this test').toBe(true);
    const { root, alice, publicKey } = await repoWithKey();
    await set(alice, root, 'FROM_CCM', 'written by ccm ✓');
    expect(execFileSync('age', ['-d', '-i', alice.keyFile, join(root, 'secrets/FROM_CCM.age')], { encoding: 'utf8' })).toBe('written by ccm ✓');

    execFileSync('age', ['-r', publicKey, '-a', '-o', join(root, 'secrets/FROM_AGE.age')], { input: 'written by age' });
    expect((await alice.run(['secrets', 'get', 'FROM_AGE', '--cwd', root])).stdout).toBe('written by age');
    execFileSync('age', ['-r', publicKey, '-o', join(root, 'secrets/BINARY.age')], { input: 'binary age file' });
    expect((await alice.run(['secrets', 'get', 'BINARY', '--cwd', root])).stdout).toBe('binary age file');
    expect((await alice.run(['secrets', 'list', '--cwd', root])).stdout).toContain('FROM_AGE  encrypted for 1 recipient');
  });
});

describe('ccm secrets rotate', () => {
  it('re-encrypts every secret to the current recipients, adding and removing teammates', async () => {
    const { root, alice, publicKey: aliceKey } = await repoWithKey();
    await set(alice, root, 'ONE', 'first');
    await set(alice, root, 'TWO', 'second');
    const bob = user();
    await bob.run(['secrets', 'keygen', '--add-recipient', '--cwd', root]);
    const before = await bob.run(['secrets', 'get', 'ONE', '--cwd', root]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('error DECRYPT_FAILED: secrets/ONE.age cannot be decrypted: it is not encrypted to your age identity');

    const r = await alice.run(['secrets', 'rotate', '--cwd', root]);
    expect(r).toMatchObject({ code: 0, stdout: 'Re-encrypted 2 secrets for 2 recipients.\n' });
    expect((await bob.run(['secrets', 'get', 'ONE', '--cwd', root])).stdout).toBe('first');
    expect((await bob.run(['secrets', 'list', '--cwd', root])).stdout).toContain('TWO  encrypted for 2 recipients\n');

    // Alice leaves the team: Bob removes her key and rotates.
    const configPath = join(root, 'ccm.config.yaml');
    const config = readFileSync(configPath, 'utf8');
    expect(config).toContain(`recipients: [${aliceKey}, `);
    writeFileSync(configPath, config.replace(`${aliceKey}, `, ''));
    expect((await bob.run(['secrets', 'rotate', '--cwd', root])).code).toBe(0);
    expect((await alice.run(['secrets', 'get', 'TWO', '--cwd', root])).code).toBe(1);
    expect((await bob.run(['secrets', 'get', 'TWO', '--cwd', root])).stdout).toBe('second');
  });

  it('rewrites nothing when one secret cannot be decrypted', async () => {
    const { root, alice } = await repoWithKey();
    await set(alice, root, 'GOOD', 'fine');
    writeFileSync(join(root, 'secrets/BAD.age'), 'plain text, not age\n');
    const before = snapshot(join(root, 'secrets'));
    const r = await alice.run(['secrets', 'rotate', '--cwd', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('secrets/BAD.age: error SECRET_UNAVAILABLE: secrets/BAD.age cannot be decrypted: it is not an age-encrypted file');
    expect(r.stderr).toContain('Nothing was written');
    expect(snapshot(join(root, 'secrets'))).toEqual(before);
  });
});

describe('ccm secrets edit', () => {
  function editor(dir: string): string {
    const script = join(dir, 'fake-editor.mjs');
    writeFileSync(script, [
      "import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';",
      "import { dirname } from 'node:path';",
      'const f = process.argv[2];',
      'appendFileSync(process.env.EDIT_LOG, JSON.stringify({ file: f, mode: statSync(f).mode & 0o777, dirMode: statSync(dirname(f)).mode & 0o777, before: readFileSync(f, "utf8") }) + "\\n");',
      'if (process.env.EDIT_FAIL) process.exit(3);',
      'writeFileSync(f, process.env.EDIT_VALUE + "\\n");',
    ].join('\n'));
    return `"${process.execPath}" "${script}"`;
  }

  it('edits a private temp copy in $EDITOR and removes it afterwards, also when the editor fails', async () => {
    const { root, alice } = await repoWithKey();
    const log = join(tempDir(), 'edits.jsonl');
    const env = { EDITOR: editor(tempDir()), EDIT_LOG: log };
    const created = await alice.run(['secrets', 'edit', 'NOTES', '--cwd', root], { env: { ...env, EDIT_VALUE: 'v1' } });
    expect(created).toMatchObject({ code: 0, stdout: 'Stored secrets/NOTES.age (encrypted for 1 recipient).\n' });
    const updated = await alice.run(['secrets', 'edit', 'NOTES', '--cwd', root], { env: { ...env, EDIT_VALUE: 'v2' } });
    expect(updated.stdout).toBe('Updated secrets/NOTES.age (encrypted for 1 recipient).\n');
    expect((await alice.run(['secrets', 'get', 'NOTES', '--cwd', root])).stdout).toBe('v2');
    expect((await alice.run(['secrets', 'edit', 'NOTES', '--cwd', root], { env: { ...env, EDIT_VALUE: 'v2' } })).stdout).toBe('NOTES is unchanged.\n');

    const failed = await alice.run(['secrets', 'edit', 'NOTES', '--cwd', root], { env: { ...env, EDIT_VALUE: 'v3', EDIT_FAIL: '1' } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('error EDITOR_FAILED:');
    expect(failed.stderr).toContain('exited with code 3; nothing was saved');
    expect((await alice.run(['secrets', 'get', 'NOTES', '--cwd', root])).stdout).toBe('v2');

    const edits = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; mode: number; dirMode: number; before: string });
    expect(edits.map((e) => e.before)).toEqual(['', 'v1', 'v2', 'v2']);
    for (const e of edits) {
      expect(e.mode).toBe(0o600);
      expect(e.dirMode).toBe(0o700);
      // In memory when the machine has /dev/shm, never in the config repo.
      expect(e.file.startsWith(existsSync('/dev/shm') ? '/dev/shm/ccm-secret-' : alice.tmp)).toBe(true);
      expect(existsSync(dirname(e.file))).toBe(false);
      expect(existsSync(e.file)).toBe(false);
    }
    expect(readdirSync(alice.tmp)).toEqual([]);
    expect(secretFiles(root)).toEqual(['NOTES.age']);
  });

  it('needs an editor and refuses an empty value', async () => {
    const { root, alice } = await repoWithKey();
    expect((await alice.run(['secrets', 'edit', 'X', '--cwd', root])).stderr).toContain('error EDITOR_FAILED: no editor: set $EDITOR (or $VISUAL)');
    const empty = await alice.run(['secrets', 'edit', 'X', '--cwd', root], { env: { EDITOR: 'true' } });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('X is unchanged.\n');
    const cleared = await alice.run(['secrets', 'edit', 'X', '--cwd', root], { env: { EDITOR: editor(tempDir()), EDIT_LOG: join(tempDir(), 'l'), EDIT_VALUE: '' } });
    expect(cleared.stdout).toBe('X is unchanged.\n');
    expect(secretFiles(root)).toEqual([]);
    expect(readdirSync(alice.tmp)).toEqual([]);
  });
});

describe('bad input: a clear message, nothing written', () => {
  it('no identity available', async () => {
    const { root, alice } = await repoWithKey();
    await set(alice, root, 'TOKEN', 'x');
    const nobody = user();
    for (const verb of [['get', 'TOKEN'], ['rotate']]) {
      const r = await nobody.run(['secrets', ...verb, '--cwd', root]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`error NO_IDENTITY: no age identity found (CCM_AGE_IDENTITY and CCM_AGE_KEY_FILE are not set and ${nobody.keyFile} does not exist)`);
      expect(r.stderr).toContain('`ccm secrets keygen`');
    }
    const named = await nobody.run(['secrets', 'get', 'TOKEN', '--cwd', root], { env: { CCM_AGE_KEY_FILE: join(nobody.home, 'nope.txt') } });
    expect(named.stderr).toContain(`error NO_IDENTITY: CCM_AGE_KEY_FILE names ${join(nobody.home, 'nope.txt')}, which does not exist`);
  });

  it('the wrong identity, given as CCM_AGE_IDENTITY or CCM_AGE_KEY_FILE', async () => {
    const { root, alice } = await repoWithKey();
    await set(alice, root, 'TOKEN', 'x');
    const other = readFileSync(join(FIXTURES, 'other-identity.txt'), 'utf8');
    const key = other.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-'))!;
    const r = await alice.run(['secrets', 'get', 'TOKEN', '--cwd', root], { env: { CCM_AGE_IDENTITY: key } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error DECRYPT_FAILED: secrets/TOKEN.age cannot be decrypted: it is not encrypted to your age identity');
    expect(r.stderr).toContain('hint: your identity (CCM_AGE_IDENTITY) is not among its recipients');
    expect(r.stderr).not.toContain(key);
    const file = join(tempDir(), 'other.txt');
    copyFileSync(join(FIXTURES, 'other-identity.txt'), file);
    chmodSync(file, 0o644);
    const viaFile = await alice.run(['secrets', 'get', 'TOKEN', '--cwd', root], { env: { CCM_AGE_KEY_FILE: file } });
    expect(viaFile.stderr).toContain(`${file} can be read by other users (mode 0644)`);
    expect(viaFile.stderr).toContain(`hint: your identity (${file}) is not among its recipients`);
  });

  it('a truncated, a corrupted and a non-age file', async () => {
    const { root, alice } = await repoWithKey();
    await set(alice, root, 'TOKEN', 'x');
    const armored = readFileSync(join(root, 'secrets/TOKEN.age'), 'utf8');
    const cases: [string, string, string][] = [
      ['TRUNCATED', armored.slice(0, Math.floor(armored.length / 2)), 'its ASCII armor is damaged or truncated'],
      ['CORRUPTED', armored.replace(/\n(.)(.)/, (_m, a: string, b: string) => `\n${b}${a}`), 'it is damaged or truncated'],
      ['PLAIN', 'TOKEN=plaintext\n', 'it is not an age-encrypted file'],
    ];
    for (const [name, content, reason] of cases) {
      writeFileSync(join(root, `secrets/${name}.age`), content);
      const r = await alice.run(['secrets', 'get', name, '--cwd', root]);
      expect(r.code, name).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`error DECRYPT_FAILED: secrets/${name}.age cannot be decrypted: ${reason}`);
      expect(r.stderr).toContain(`git checkout -- secrets/${name}.age`);
    }
    expect((await alice.run(['secrets', 'list', '--cwd', root])).stdout).toContain('PLAIN      not a readable age file');
  });

  it('an invalid recipient in ccm.config.yaml: a diagnostic at its line', async () => {
    const bad = TEST_RECIPIENT.slice(0, -1) + (TEST_RECIPIENT.endsWith('q') ? 'p' : 'q');
    const root = tempTree({ 'ccm.config.yaml': `version: 1\nsecrets:\n  recipients:\n    - ${TEST_RECIPIENT}\n    - ${bad}\n    - not-a-key\n` });
    const u = user();
    const r = await u.run(['secrets', 'set', 'TOKEN', '--cwd', root], { input: 'value' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`ccm.config.yaml:5:7: error INVALID_RECIPIENT: "${bad}" is not a valid age recipient: `);
    expect(r.stderr).toContain('ccm.config.yaml:6:7: error INVALID_RECIPIENT: "not-a-key" is not a valid age recipient');
    expect(r.stderr).toContain('Nothing was written');
    expect(secretFiles(root)).toEqual([]);
    const json = JSON.parse((await u.run(['secrets', 'set', 'TOKEN', '--json', '--cwd', root], { input: 'value' })).stdout) as { ok: boolean; diagnostics: { code: string; line: number }[] };
    expect(json.ok).toBe(false);
    expect(json.diagnostics.map((d) => [d.code, d.line])).toEqual([['INVALID_RECIPIENT', 5], ['INVALID_RECIPIENT', 6]]);
  });

  it('no recipients at all', async () => {
    const root = tempTree({ 'ccm.config.yaml': 'version: 1\n' });
    const r = await user().run(['secrets', 'set', 'TOKEN', '--cwd', root], { input: 'value' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error NO_RECIPIENTS: ccm.config.yaml lists no secrets.recipients');
    expect(r.stderr).toContain('ccm secrets keygen --add-recipient');
    expect(secretFiles(root)).toEqual([]);
  });

  it('a value piped into the real CLI process (main.ts gets stdin on first use)', async () => {
    const { root, alice } = await repoWithKey();
    const set = alice.runProcess(['secrets', 'set', 'TOKEN', '--cwd', root], { input: 'piped-value\n' });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout + set.stderr).not.toContain('piped-value');
    const get = alice.runProcess(['secrets', 'get', 'TOKEN', '--cwd', root]);
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout).toBe('piped-value');
  });

  it('an empty value', async () => {
    const { root, alice } = await repoWithKey();
    for (const input of ['', '\n']) {
      const r = await alice.run(['secrets', 'set', 'TOKEN', '--cwd', root], { input });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('error SECRET_EMPTY: the value of TOKEN is empty; nothing was written');
    }
    expect(secretFiles(root)).toEqual([]);
  });

  it('a secret name that is not an environment-variable name', async () => {
    const { root, alice } = await repoWithKey();
    for (const name of ['lower_case', '1ABC', 'A-B', '../ESCAPE']) {
      const r = await alice.run(['secrets', 'set', name, '--cwd', root], { input: 'value' });
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain(`error USAGE: secret name "${name}" is not an environment-variable name (^[A-Z_][A-Z0-9_]*$)`);
    }
    expect((await alice.run(['secrets', 'get', 'lower', '--cwd', root])).code).toBe(2);
    expect(secretFiles(root)).toEqual([]);
    expect(readdirSync(root)).toEqual(['ccm.config.yaml']);
  });
});

describe('secrets in a build', () => {
  const PLANTED = 'lin_api_PLANTED_7f3c9e41d2';

  it('writes the value into .auto-claude/.env only, and it appears on no other channel or file', async () => {
    const { base, config, out, alice } = await exampleWithSecret(PLANTED);
    projectRepo(join(out, 'web-app'), '.auto-claude/\n');
    const outputs: CliRun[] = [];
    const run = async (...args: string[]): Promise<CliRun> => {
      const r = await alice.run([...args, '--cwd', config]);
      outputs.push(r);
      return r;
    };
    await run('diff');
    await run('diff', '--json');
    await run('diff', '--format', 'markdown');
    await run('build', '--dry-run', '--json');
    const built = await run('build');
    expect(built.stderr).toMatch(EXAMPLE_STDERR);
    expect(built.code).toBe(0);
    const env = readFileSync(join(out, 'web-app/.auto-claude/.env'), 'utf8');
    expect(env).toMatch(new RegExp(`^LINEAR_API_KEY=${PLANTED}$`, 'm'));
    expect((await run('build', '--check')).code).toBe(0);
    await run('build', '--json');
    await run('validate', '--json');
    await run('secrets', 'list');
    await run('secrets', 'list', '--json');
    await run('explain', 'web-app', '.auto-claude/.env');

    // A new value: the update diff hides the file's contents.
    await set(alice, config, 'LINEAR_API_KEY', `${PLANTED}_v2`);
    const changed = await run('diff');
    expect(changed.stdout).toContain('.auto-claude/.env\n(contents hidden: this file holds decrypted secrets)');
    await run('diff', '--json');
    await run('build', '--json');
    expect(readFileSync(join(out, 'web-app/.auto-claude/.env'), 'utf8')).toContain(`LINEAR_API_KEY=${PLANTED}_v2`);

    // A hand edit (drift) is reported without showing either value.
    writeFileSync(join(out, 'web-app/.auto-claude/.env'), `${readFileSync(join(out, 'web-app/.auto-claude/.env'), 'utf8')}EXTRA=1\n`);
    await set(alice, config, 'LINEAR_API_KEY', PLANTED);
    const drifted = await run('build');
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toContain('.auto-claude/.env: error DRIFTED');
    await run('diff');
    await run('diff', '--json');
    await run('build', '--force', '--json');
    const exec = alice.runProcess(['exec', '--project', 'web-app', '--cwd', config, '--', process.execPath, '-e', 'process.stdout.write(String(process.env.LINEAR_API_KEY.length))']);
    outputs.push(exec);
    expect(exec.stdout).toBe(String(PLANTED.length));

    for (const r of outputs) {
      expect(r.stdout).not.toContain(PLANTED);
      expect(r.stderr).not.toContain(PLANTED);
    }
    const envFile = join('out/web-app/.auto-claude/.env');
    const roots = [base, alice.home, alice.tmp];
    for (const root of roots) {
      for (const [path, bytes] of readTreeFiles(root)) {
        if (root === base && path === envFile) continue;
        expect(bytes.includes(PLANTED), `${root}/${path}`).toBe(false);
      }
    }
    expect(readTreeFiles(join(out, 'web-app')).has('.auto-claude/.env')).toBe(true);
  });

  it('refuses to write secrets into a file git does not ignore or tracks', async () => {
    const { config, out, alice } = await exampleWithSecret(PLANTED);
    const app = join(out, 'web-app');
    projectRepo(app, 'node_modules/\n');
    const r = await alice.run(['build', '--cwd', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${app}/.auto-claude/.env: error SECRET_IN_TRACKED_FILE: this file would hold decrypted secrets, but git does not ignore it`);
    expect(r.stderr).toContain("add `.auto-claude/` to the project's .gitignore");
    expect(readdirSync(app).sort()).toEqual(['.git', '.gitignore']);
    expect(existsSync(join(out, 'api-service'))).toBe(false);

    mkdirSync(join(app, '.auto-claude'));
    writeFileSync(join(app, '.auto-claude/.env'), 'OLD=1\n');
    git(app, 'add', '.auto-claude/.env');
    writeFileSync(join(app, '.gitignore'), '.auto-claude/\n');
    const tracked = await alice.run(['build', '--cwd', config]);
    expect(tracked.code).toBe(1);
    expect(tracked.stderr).toContain('error SECRET_IN_TRACKED_FILE: this file would hold decrypted secrets, but git tracks it');
    expect(tracked.stderr).toContain('git rm --cached .auto-claude/.env');
    expect(readFileSync(join(app, '.auto-claude/.env'), 'utf8')).toBe('OLD=1\n');
  });

  it('warns, and writes, when the (existing) project folder is not in a git repository', async () => {
    const { config, out, alice } = await exampleWithSecret(PLANTED);
    // A folder that does not exist yet is refused instead (OUTPUT_ROOT_MISSING, test/e2e/roots.test.ts).
    mkdirSync(join(out, 'web-app'), { recursive: true });
    const r = await alice.run(['build', '--cwd', config]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${out}/web-app/.auto-claude/.env: warning SECRET_UNCHECKED: this file holds decrypted secrets, but its directory is not in a git repository`);
    expect(readFileSync(join(out, 'web-app/.auto-claude/.env'), 'utf8')).toContain(PLANTED);
  });

  it('reports an undecryptable secret at its .age file and its reference, writing nothing', async () => {
    const { config, out, alice, apiKeyLine } = await exampleWithSecret(PLANTED);
    const nobody = user();
    const none = await nobody.run(['build', '--cwd', config]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('secrets/LINEAR_API_KEY.age: error SECRET_UNAVAILABLE: secret LINEAR_API_KEY cannot be decrypted: no age identity found');
    expect(none.stderr).toContain(`projects/web-app.yaml:${apiKeyLine}:`);
    expect(existsSync(out)).toBe(false);

    writeFileSync(join(config, 'secrets/LINEAR_API_KEY.age'), readFileSync(join(config, 'secrets/LINEAR_API_KEY.age'), 'utf8').slice(0, 120));
    const broken = await alice.run(['build', '--cwd', config]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('secrets/LINEAR_API_KEY.age: error SECRET_UNAVAILABLE: secret LINEAR_API_KEY cannot be decrypted: its ASCII armor is damaged or truncated');
    expect(broken.stderr).toContain('ccm secrets set LINEAR_API_KEY');
    expect(existsSync(out)).toBe(false);
    const diff = await alice.run(['diff', '--cwd', config]);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain('SECRET_UNAVAILABLE');
  });

  it('names the component file and line of a reference to a secret that does not exist', async () => {
    const { config, out, alice, apiKeyLine } = await exampleWithSecret(PLANTED);
    rmSync(join(config, 'secrets/LINEAR_API_KEY.age'));
    const r = await alice.run(['build', '--cwd', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`projects/web-app.yaml:${apiKeyLine}:`);
    expect(r.stderr).toMatch(new RegExp(`projects/web-app\\.yaml:${apiKeyLine}:\\d+: error UNKNOWN_SECRET: secret "LINEAR_API_KEY" is referenced but secrets/LINEAR_API_KEY\\.age does not exist`));
    expect(existsSync(out)).toBe(false);
  });

  it('builds the example with no identity when nothing references a secret', async () => {
    const base = tempCopy('examples');
    rmSync(join(base, 'out'), { recursive: true, force: true });
    const r = await user().run(['build', '--cwd', join(base, 'team-config')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(EXAMPLE_STDERR);
  });
});

describe('ccm exec', () => {
  async function execRepo(): Promise<{ root: string; alice: User; app: string }> {
    const { root, alice } = await repoWithKey();
    const app = join(root, 'app');
    mkdirSync(app);
    tempTree({
      'components/mcp-servers/tracker.yaml': 'command: npx\nargs: [-y, tracker-mcp]\nenv:\n  TRACKER_TOKEN: {secret: TRACKER_TOKEN}\n',
      'projects/app.yaml': 'path: app\ntargets: [claude-code]\ncomponents:\n  mcp-servers: [tracker]\n',
      'projects/other.yaml': 'path: other\ntargets: [claude-code]\n',
    }, root);
    await set(alice, root, 'TRACKER_TOKEN', 'tracker-value');
    await set(alice, root, 'UNRELATED', 'must-not-leak');
    return { root, alice, app };
  }
  const PRINT_ENV = 'process.stdout.write(JSON.stringify({ t: process.env.TRACKER_TOKEN ?? null, u: process.env.UNRELATED ?? null, cwd: process.cwd() })); process.exitCode = Number(process.argv[1] ?? 0)';

  it('runs the command with only the project\'s secrets, inherits stdio and passes the exit code through', async () => {
    const { root, alice } = await execRepo();
    const r = alice.runProcess(['exec', '--project', 'app', '--cwd', root, '--', process.execPath, '-e', PRINT_ENV, '7']);
    expect(r.code).toBe(7);
    expect(JSON.parse(r.stdout)).toEqual({ t: 'tracker-value', u: null, cwd: alice.home });
    expect(r.stderr).toBe('Running ' + process.execPath + ' with 1 secret of project app: TRACKER_TOKEN\n');
    const other = alice.runProcess(['exec', '--project', 'other', '--cwd', root, '--', process.execPath, '-e', PRINT_ENV]);
    expect(JSON.parse(other.stdout)).toMatchObject({ t: null, u: null });
    expect(other.code).toBe(0);
  });

  it('does not pass ccm\'s own variables, the private key among them, to the command', async () => {
    const { root, alice } = await execRepo();
    const key = readFileSync(alice.keyFile, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-'))!;
    const show = 'process.stdout.write(JSON.stringify({ t: process.env.TRACKER_TOKEN, ccm: Object.keys(process.env).filter((k) => k.startsWith("CCM_")), keyText: Object.values(process.env).some((v) => v.includes("AGE-SECRET-KEY-")) }))';
    for (const env of [{ CCM_AGE_IDENTITY: key }, { CCM_AGE_KEY_FILE: alice.keyFile, CCM_DEBUG: '1' }]) {
      const r = alice.runProcess(['exec', '--project', 'app', '--cwd', root, '--', process.execPath, '-e', show], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ t: 'tracker-value', ccm: [], keyText: false });
    }
  });

  it('finds the project from the current directory, and needs --project elsewhere', async () => {
    const { root, alice, app } = await execRepo();
    const inside = ccmProcess(['exec', '--cwd', root, '--', process.execPath, '-e', PRINT_ENV], { cwd: app, env: alice.env });
    expect(JSON.parse(inside.stdout)).toMatchObject({ t: 'tracker-value', cwd: app });
    const outside = alice.runProcess(['exec', '--cwd', root, '--', 'true']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('which project? pass --project <name>');
  });

  it('does not start the command when a secret cannot be decrypted, or the command does not exist', async () => {
    const { root, alice } = await execRepo();
    const marker = join(tempDir(), 'started');
    const r = user().runProcess(['exec', '--project', 'app', '--cwd', root, '--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('secrets/TRACKER_TOKEN.age: error SECRET_UNAVAILABLE');
    expect(existsSync(marker)).toBe(false);
    const missing = alice.runProcess(['exec', '--project', 'app', '--cwd', root, '--', 'no-such-command-ccm']);
    expect(missing.code).toBe(1);
  });
});
