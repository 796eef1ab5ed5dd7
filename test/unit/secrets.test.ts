import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecipientToConfig } from '../../src/secrets/config-edit.js';
import {
  decryptValue,
  encryptValue,
  generateKeyPair,
  identityFileText,
  parseIdentities,
  readHeader,
  recipientOf,
  recipientProblem,
  scrub,
  SecretCryptoError,
} from '../../src/secrets/crypto.js';
import { defaultKeyFile, findIdentity } from '../../src/secrets/identity.js';
import { projectSecretRefs, renderedSecretRefs, secretRefs } from '../../src/secrets/refs.js';
import { repoSecretSource } from '../../src/secrets/source.js';
import { writeAtomic } from '../../src/secrets/store.js';
import { resolveProject } from '../../src/resolve/resolve.js';
import { PROJECT_ROOT, tempDir, tempTree } from '../helpers/cli.js';
import { memoryRepo } from '../helpers/memory-repo.js';

const FIXTURES = join(PROJECT_ROOT, 'test/fixtures/age');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const IDENTITY = parseIdentities(fixture('identity.txt').toString()).identities;
const OTHER = parseIdentities(fixture('other-identity.txt').toString()).identities;
const RECIPIENT = fixture('recipient.txt').toString().trim();
const enc = new TextEncoder();

async function failure(p: Promise<unknown>): Promise<SecretCryptoError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SecretCryptoError);
    return err as SecretCryptoError;
  }
  throw new Error('expected a failure');
}

describe('age encryption of values', () => {
  it('round-trips through an armored file encrypted to several recipients', async () => {
    const other = await recipientOf(OTHER[0]!);
    const armored = await encryptValue('tok-ÄÖ ü\n second line', [RECIPIENT, other]);
    expect(armored).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n[\s\S]+-----END AGE ENCRYPTED FILE-----\n$/);
    expect(await decryptValue(enc.encode(armored), IDENTITY)).toBe('tok-ÄÖ ü\n second line');
    expect(await decryptValue(enc.encode(armored), OTHER)).toBe('tok-ÄÖ ü\n second line');
    expect(await readHeader(enc.encode(armored))).toEqual({ stanzas: 2, types: ['X25519'] });
  });

  it('reads files the age command-line tool wrote, armored and binary', async () => {
    expect(await decryptValue(fixture('armored.age'), IDENTITY)).toBe('value from the age CLI');
    expect(await decryptValue(fixture('binary.age'), IDENTITY)).toBe('binary value');
    expect(await decryptValue(fixture('two-recipients.age'), OTHER)).toBe('two recipients');
    expect(await readHeader(fixture('two-recipients.age'))).toEqual({ stanzas: 2, types: ['X25519'] });
    expect(await readHeader(fixture('binary.age'))).toEqual({ stanzas: 1, types: ['X25519'] });
  });

  it('tells a wrong identity, a damaged file and a file that is not age apart', async () => {
    const armored = fixture('armored.age').toString();
    expect((await failure(decryptValue(fixture('armored.age'), OTHER))).kind).toBe('wrong-identity');
    expect((await failure(decryptValue(enc.encode(armored.slice(0, armored.length / 2)), IDENTITY))).kind).toBe('corrupt');
    const binary = new Uint8Array(fixture('binary.age'));
    binary[binary.length - 3]! ^= 1;
    expect((await failure(decryptValue(binary, IDENTITY))).kind).toBe('corrupt');
    expect((await failure(decryptValue(binary.subarray(0, binary.length - 10), IDENTITY))).kind).toBe('corrupt');
    expect((await failure(decryptValue(enc.encode('API_KEY=plaintext\n'), IDENTITY))).kind).toBe('not-age');
    expect((await failure(decryptValue(new Uint8Array(), IDENTITY))).kind).toBe('not-age');
    expect(await readHeader(enc.encode('not age'))).toBeUndefined();
  });

  it('never puts key material into an error message', async () => {
    const bad = 'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ';
    const err = await failure(decryptValue(fixture('armored.age'), [bad]));
    expect(err.kind).toBe('bad-identity');
    expect(err.message).not.toContain('QQQQ');
    expect(scrub(`oops ${IDENTITY[0]!} and ${IDENTITY[0]!.toLowerCase()}`)).toBe('oops [identity] and [identity]');
  });

  it('checks recipient strings the way age does', async () => {
    expect(await recipientProblem(RECIPIENT)).toBeUndefined();
    expect(await recipientProblem(RECIPIENT.slice(0, -1) + (RECIPIENT.endsWith('q') ? 'p' : 'q'))).toMatch(/checksum/i);
    expect(await recipientProblem('age1abc')).toBeDefined();
    expect(await recipientProblem('ssh-rsa AAAA')).toBeDefined();
  });

  it('generates X25519 identities in age-keygen\'s file format', async () => {
    const { identity, recipient } = await generateKeyPair();
    expect(identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(recipient).toMatch(/^age1[0-9a-z]{58}$/);
    const text = identityFileText(identity, recipient, new Date('2025-01-02T03:04:05.678Z'));
    expect(text).toBe(`# created: 2025-01-02T03:04:05Z\n# public key: ${recipient}\n${identity}\n`);
    expect(parseIdentities(text)).toEqual({ identities: [identity], invalid: 0 });
    expect(parseIdentities('garbage\n\n# c\n').invalid).toBe(1);
  });
});

describe('identity lookup', () => {
  const key = fixture('identity.txt').toString();

  it('prefers CCM_AGE_IDENTITY, then CCM_AGE_KEY_FILE, then the XDG or HOME default', async () => {
    const home = tempDir();
    const xdg = tempDir();
    expect(defaultKeyFile({ HOME: home })).toBe(join(home, '.config/ccm/age/keys.txt'));
    expect(defaultKeyFile({ HOME: home, XDG_CONFIG_HOME: xdg })).toBe(join(xdg, 'ccm/age/keys.txt'));
    expect(defaultKeyFile({ HOME: home, XDG_CONFIG_HOME: 'relative' })).toBe(join(home, '.config/ccm/age/keys.txt'));

    expect(await findIdentity({ HOME: home })).toMatchObject({ problem: expect.stringContaining('no age identity found') });
    mkdirSync(join(xdg, 'ccm/age'), { recursive: true });
    writeFileSync(join(xdg, 'ccm/age/keys.txt'), key, { mode: 0o600 });
    expect(await findIdentity({ HOME: home, XDG_CONFIG_HOME: xdg })).toMatchObject({ origin: join(xdg, 'ccm/age/keys.txt'), warnings: [] });
    const file = join(tempDir(), 'k.txt');
    writeFileSync(file, fixture('other-identity.txt'), { mode: 0o600 });
    expect(await findIdentity({ HOME: home, XDG_CONFIG_HOME: xdg, CCM_AGE_KEY_FILE: file })).toMatchObject({ identities: OTHER, origin: file });
    expect(await findIdentity({ HOME: home, CCM_AGE_KEY_FILE: file, CCM_AGE_IDENTITY: IDENTITY[0] })).toMatchObject({ identities: IDENTITY, origin: 'CCM_AGE_IDENTITY' });
    expect(await findIdentity({ CCM_AGE_KEY_FILE: join(home, 'missing') })).toMatchObject({ problem: expect.stringContaining('CCM_AGE_KEY_FILE names') });
    const bad = await findIdentity({ CCM_AGE_IDENTITY: 'not-a-key-but-maybe-secret' });
    expect(bad).toMatchObject({ problem: 'CCM_AGE_IDENTITY is set but holds no AGE-SECRET-KEY-1… key' });
  });

  it('warns about a key file other users can read', async () => {
    const file = join(tempDir(), 'keys.txt');
    writeFileSync(file, key);
    chmodSync(file, 0o644);
    const found = await findIdentity({ CCM_AGE_KEY_FILE: file });
    expect(found).toMatchObject({ warnings: [{ severity: 'warning', code: 'INSECURE_KEY_FILE', hint: `run \`chmod 600 ${file}\`` }] });
  });
});

describe('secret references', () => {
  const files = {
    'ccm.config.yaml': 'version: 1\n',
    'components/mcp-servers/linear.yaml': 'command: npx\nenv:\n  LINEAR_TOKEN: {secret: MCP_TOKEN}\n',
    'projects/app.yaml': [
      'path: /tmp/app',
      'components: {mcp-servers: [linear]}',
      'autoClaude:',
      '  integrations: {linear: {apiKey: {secret: LINEAR_API_KEY}}, github: {token: {secret: GH}}}',
      '  env: {A: {secret: GH}, B: plain}',
      '',
    ].join('\n'),
    'secrets/MCP_TOKEN.age': 'x',
    'secrets/LINEAR_API_KEY.age': 'x',
    'secrets/GH.age': 'x',
    'secrets/UNUSED.age': 'x',
  };

  it('finds the ones rendered into .env and every one the project uses, each once', () => {
    const { repo, diagnostics } = memoryRepo(files);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const project = resolveProject(repo, 'app').project!;
    expect(renderedSecretRefs(project)).toEqual(['GH', 'LINEAR_API_KEY']);
    expect(projectSecretRefs(project)).toEqual(['GH', 'LINEAR_API_KEY', 'MCP_TOKEN']);
    expect(secretRefs({ a: [{ secret: 'X' }, { secret: 'Y', other: 1 }] }, 'no')).toEqual(['X']);
  });

  it('decrypts each secret once, lazily, and reports failures at the .age file', async () => {
    const root = tempTree({
      'secrets/GOOD.age': await encryptValue('good value', [RECIPIENT]),
      'secrets/BROKEN.age': 'not age at all',
    });
    const source = repoSecretSource(root, { CCM_AGE_IDENTITY: IDENTITY[0] });
    expect(source.lookup('GOOD')).toBeUndefined();
    expect(await source.prepare(['GOOD', 'BROKEN'])).toEqual([
      expect.objectContaining({ severity: 'error', code: 'SECRET_UNAVAILABLE', file: 'secrets/BROKEN.age', message: 'secret BROKEN cannot be decrypted: it is not an age-encrypted file' }),
    ]);
    expect(source.lookup('GOOD')).toBe('good value');
    expect(await source.prepare(['GOOD', 'BROKEN'])).toEqual([]);
  });

  it('does not look for an identity when nothing is referenced', async () => {
    const source = repoSecretSource(tempDir(), { HOME: tempDir() });
    expect(await source.prepare([])).toEqual([]);
  });
});

describe('editing ccm.config.yaml', () => {
  it('adds a recipient and keeps comments, order and styles', () => {
    const base = '# top comment\nversion: 1\n\ndefaults:\n  # keep me\n  profiles: [base]\n';
    const added = addRecipientToConfig(base, 'age1new');
    expect(added).toEqual({ changed: true, text: `${base}\nsecrets:\n  recipients:\n    - age1new\n` });

    const flow = '# c\nversion: 1\nsecrets:\n  # team keys\n  recipients: [age1a] # alice\n';
    expect(addRecipientToConfig(flow, 'age1b').text).toBe('# c\nversion: 1\nsecrets:\n  # team keys\n  recipients: [age1a, age1b] # alice\n');
    const block = 'version: 1\nsecrets:\n  recipients:\n    - age1a # alice\n';
    expect(addRecipientToConfig(block, 'age1b').text).toBe('version: 1\nsecrets:\n  recipients:\n    - age1a # alice\n    - age1b\n');
    expect(addRecipientToConfig(block, 'age1a')).toEqual({ changed: false, text: block });
    expect(addRecipientToConfig('version: 1\nsecrets:\n  recipients:\n', 'age1b').text).toBe('version: 1\nsecrets:\n  recipients:\n    - age1b\n');
    expect(() => addRecipientToConfig('version: 1\nsecrets: [x]\n', 'age1b')).toThrow(/not a mapping/);
    expect(() => addRecipientToConfig('version: [\n', 'age1b')).toThrow(/not valid YAML/);
  });
});

describe('atomic writes', () => {
  it('replaces a file whole, or refuses to when exclusive, and leaves no temp file behind', async () => {
    const dir = tempDir();
    const path = join(dir, 'sub/keys.txt');
    await writeAtomic(path, 'one', { mode: 0o600, dirMode: 0o700, exclusive: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);
    await expect(writeAtomic(path, 'two', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(path, 'utf8')).toBe('one');
    await writeAtomic(path, 'three');
    expect(readFileSync(path, 'utf8')).toBe('three');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['keys.txt']);
  });
});
