/**
 * age encryption of single secret values, as armored files the `age` command-line tool reads and
 * writes too. Pure: strings and bytes in and out, no files, no environment. `age-encryption` is
 * imported on first use only, so commands that touch no secret never load it.
 */
import type * as AgeEncryption from 'age-encryption';

type AgeModule = typeof AgeEncryption;
let age: Promise<AgeModule> | undefined;
const loadAge = (): Promise<AgeModule> => (age ??= import('age-encryption'));

const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const BINARY_MAGIC = 'age-encryption.org/v1\n';
const IDENTITY_LINE = /^AGE-SECRET-KEY-1[0-9A-Z]+$/;

/** Why a file could not be decrypted; each kind has its own advice. */
export type DecryptFailure = 'not-age' | 'corrupt' | 'wrong-identity' | 'bad-identity';

export class SecretCryptoError extends Error {
  constructor(
    readonly kind: DecryptFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SecretCryptoError';
  }
}

/** Encrypts `value` to every recipient; returns the armored file (ending in a newline). */
export async function encryptValue(value: string, recipients: readonly string[]): Promise<string> {
  if (recipients.length === 0) throw new Error('encryptValue needs at least one recipient');
  const { Encrypter, armor } = await loadAge();
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return armor.encode(await e.encrypt(value));
}

/**
 * Decrypts an age file (armored or binary) with the given identities (`AGE-SECRET-KEY-1…`).
 * Returns the value by the rule of `secretValueOf`. Throws SecretCryptoError; its message never
 * holds key material or plaintext.
 */
export async function decryptValue(file: Uint8Array, identities: readonly string[]): Promise<string> {
  const { Decrypter } = await loadAge();
  const binary = await toBinary(file);
  const d = new Decrypter();
  for (const id of identities) {
    try {
      d.addIdentity(id);
    } catch {
      throw new SecretCryptoError('bad-identity', 'the age identity is not a valid AGE-SECRET-KEY-1… key');
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await d.decrypt(binary);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/no identity matched/i.test(message)) throw new SecretCryptoError('wrong-identity', 'it is not encrypted to your age identity');
    if (/invalid version line|invalid header|unexpected end|stanza/i.test(message) && !hasAgeMagic(binary)) {
      throw new SecretCryptoError('not-age', 'it is not an age-encrypted file');
    }
    throw new SecretCryptoError('corrupt', `it is damaged or truncated (${scrub(message)})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SecretCryptoError('corrupt', 'its decrypted value is not UTF-8 text');
  }
  return secretValueOf(text);
}

/**
 * The one rule for where a value ends: the text without ONE trailing line ending (`\n` or
 * `\r\n`), as `$(…)` drops a command's final newline, so that `echo value | age -r … -a` stores
 * `value`. Applied to every decrypted file and to every value typed in (stdin, the editor).
 * Any other line break is part of the value.
 */
export function secretValueOf(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** An armored file decoded to binary; a binary age file as is; anything else is not age. */
async function toBinary(file: Uint8Array): Promise<Uint8Array> {
  const text = latin1(file.subarray(0, 64)).trimStart();
  if (text.startsWith(ARMOR_BEGIN)) {
    const { armor } = await loadAge();
    try {
      return armor.decode(new TextDecoder().decode(file));
    } catch (err) {
      throw new SecretCryptoError('corrupt', `its ASCII armor is damaged or truncated (${scrub(err instanceof Error ? err.message : String(err))})`);
    }
  }
  if (!hasAgeMagic(file)) throw new SecretCryptoError('not-age', 'it is not an age-encrypted file');
  return file;
}

function hasAgeMagic(binary: Uint8Array): boolean {
  return latin1(binary.subarray(0, BINARY_MAGIC.length)) === BINARY_MAGIC;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export interface HeaderInfo {
  /** Recipient stanzas in the header: one per recipient the file was encrypted to. */
  stanzas: number;
  /** Stanza types (`X25519`, `mlkem768x25519`, `ssh-ed25519`, …), sorted, each once. */
  types: string[];
}

/**
 * What the header of an age file says about its recipients. X25519 stanzas name a recipient only
 * by an ephemeral share, so the count is all that can be known without the identities.
 * Returns undefined when the file is not a readable age file.
 */
export async function readHeader(file: Uint8Array): Promise<HeaderInfo | undefined> {
  let binary: Uint8Array;
  try {
    binary = await toBinary(file);
  } catch {
    return undefined;
  }
  const headerText = latin1(binary.subarray(0, Math.min(binary.length, 64 * 1024)));
  const macAt = headerText.indexOf('\n--- ');
  if (macAt < 0) return undefined;
  const lines = headerText.slice(0, macAt).split('\n');
  if (lines[0] !== BINARY_MAGIC.trimEnd()) return undefined;
  const stanzaLines = lines.filter((l) => l.startsWith('-> '));
  const types = [...new Set(stanzaLines.map((l) => l.slice(3).split(' ')[0] ?? ''))].filter(Boolean).sort();
  return { stanzas: stanzaLines.length, types };
}

/** The problem with a recipient string, or undefined when age accepts it. */
export async function recipientProblem(recipient: string): Promise<string | undefined> {
  const { Encrypter } = await loadAge();
  try {
    const e = new Encrypter();
    e.addRecipient(recipient);
    await e.encrypt('');
    return undefined;
  } catch (err) {
    return scrub(err instanceof Error ? err.message : String(err));
  }
}

/** A new X25519 identity (the kind the `age` tool makes) and its public key. */
export async function generateKeyPair(): Promise<{ identity: string; recipient: string }> {
  const { generateX25519Identity, identityToRecipient } = await loadAge();
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The public key of an identity; throws SecretCryptoError('bad-identity') for anything else. */
export async function recipientOf(identity: string): Promise<string> {
  const { identityToRecipient } = await loadAge();
  try {
    return await identityToRecipient(identity);
  } catch {
    throw new SecretCryptoError('bad-identity', 'the age identity is not a valid AGE-SECRET-KEY-1… key');
  }
}

/**
 * The identities in an age identity file (or in the text of CCM_AGE_IDENTITY): every line that
 * is an `AGE-SECRET-KEY-1…` key; blank lines and `#` comments are skipped. Lines that are
 * neither are counted as `invalid` (never echoed: they may be key material).
 */
export function parseIdentities(text: string): { identities: string[]; invalid: number } {
  const identities: string[] = [];
  let invalid = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (IDENTITY_LINE.test(line.toUpperCase())) identities.push(line.toUpperCase());
    else invalid++;
  }
  return { identities, invalid };
}

/** The text of an identity file as `age-keygen` writes it. */
export function identityFileText(identity: string, recipient: string, created: Date): string {
  return `# created: ${created.toISOString().replace(/\.\d{3}Z$/, 'Z')}\n# public key: ${recipient}\n${identity}\n`;
}

/** Removes anything that looks like an age private key from a message. */
export function scrub(message: string): string {
  return message.replace(/AGE-SECRET-KEY-[0-9A-Z-]+/gi, '[identity]');
}
