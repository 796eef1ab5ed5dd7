import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../core/kinds.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { CcmError } from '../errors.js';
import { removeFile, writeFilesAtomically } from '../io/transaction.js';
import { addRecipientToConfig } from './config-edit.js';
import { decryptValue, encryptValue, generateKeyPair, identityFileText, parseIdentities, recipientOf, SecretCryptoError, secretValueOf } from './crypto.js';
import { keyFileFor, type Env, type FoundIdentity } from './identity.js';
import { registerSecret } from './redact.js';
import { decryptHint } from './source.js';
import { listSecretNames, readSecretFile, secretAbsPath, secretRelPath, writeAtomic } from './store.js';

/**
 * What the `ccm secrets` verbs do, without the printing: each takes the repo root (and identity or
 * recipients) and returns what happened, so the CLI only reads input and reports.
 */

/** Decrypts secrets/NAME.age; every failure is a CcmError that names the file and the fix. */
export async function decryptSecret(root: string, name: string, identity: FoundIdentity): Promise<string> {
  const bytes = await readSecretFile(root, name);
  if (bytes === undefined) throw secretNotFound(name, await listSecretNames(root));
  let value: string;
  try {
    value = await decryptValue(bytes, identity.identities);
  } catch (err) {
    if (!(err instanceof SecretCryptoError)) throw err;
    throw new CcmError('DECRYPT_FAILED', `${secretRelPath(name)} cannot be decrypted: ${err.message}`, { hint: decryptHint(err.kind, name, identity.origin) });
  }
  registerSecret(name, value);
  return value;
}

export function secretNotFound(name: string, names: readonly string[]): CcmError {
  return new CcmError('SECRET_NOT_FOUND', `there is no secret ${name} (${secretRelPath(name)} does not exist)`, {
    hint: names.length ? `secrets in this repo: ${names.join(', ')}` : `store it with \`ccm secrets set ${name}\``,
  });
}

/** Encrypts a value (as typed: see secretValueOf) to the recipients into secrets/NAME.age; `created` when the file is new. */
export async function storeSecret(root: string, name: string, value: string, recipients: readonly string[]): Promise<{ created: boolean }> {
  if (secretValueOf(value) === '') throw new CcmError('SECRET_EMPTY', `the value of ${name} is empty; nothing was written`, { hint: `to delete a secret, run \`ccm secrets rm ${name}\`` });
  const created = !existsSync(secretAbsPath(root, name));
  await writeFilesAtomically(root, [{ path: secretRelPath(name), content: await encryptValue(value, recipients), mode: 0o644 }]);
  return { created };
}

export async function removeSecret(root: string, name: string): Promise<void> {
  if (!existsSync(secretAbsPath(root, name))) throw secretNotFound(name, await listSecretNames(root));
  await removeFile(root, secretRelPath(name));
}

/**
 * Re-encrypts every secret to the current recipients, all or nothing: everything is decrypted
 * first (one unreadable file stops the rotation before any write), then all files are replaced in
 * one atomic step. Returns the names rotated, or the failures that stopped it.
 */
export async function rotateSecrets(root: string, recipients: readonly string[], identity: FoundIdentity): Promise<{ rotated: string[]; failures: Diagnostic[] }> {
  const names = await listSecretNames(root);
  const values = new Map<string, string>();
  const failures: Diagnostic[] = [];
  for (const name of names) {
    try {
      values.set(name, await decryptSecret(root, name, identity));
    } catch (err) {
      if (!(err instanceof CcmError)) throw err;
      failures.push(error('SECRET_UNAVAILABLE', err.message, { file: secretRelPath(name) }, err.hint));
    }
  }
  if (failures.length > 0) return { rotated: [], failures };
  const writes = [];
  for (const [name, value] of values) writes.push({ path: secretRelPath(name), content: await encryptValue(value, recipients), mode: 0o644 });
  await writeFilesAtomically(root, writes);
  return { rotated: names, failures };
}

/**
 * The user's age identity for `keygen`: the existing one when `reuse` allows it, else a new key
 * file (0600, in a 0700 folder). Never overwrites a key file.
 */
export async function ensureIdentity(env: Env, reuse: boolean): Promise<{ recipient: string; file: string; created: boolean }> {
  const file = keyFileFor(env);
  if (existsSync(file)) {
    const { identities } = parseIdentities(await readFile(file, 'utf8').catch(() => ''));
    const existing = identities[0] === undefined ? undefined : await recipientOf(identities[0]).catch(() => undefined);
    if (!reuse || existing === undefined) {
      throw new CcmError('IDENTITY_EXISTS', `an age identity already exists at ${file}; ccm never overwrites one`, {
        hint: existing ? `its public key is ${existing}; \`ccm secrets keygen --add-recipient\` (in a config repo) adds it there` : 'move it away first if you really want a new one',
      });
    }
    return { recipient: existing, file, created: false };
  }
  const pair = await generateKeyPair();
  try {
    await writeAtomic(file, identityFileText(pair.identity, pair.recipient, new Date()), { mode: 0o600, exclusive: true, dirMode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CcmError('IDENTITY_EXISTS', `an age identity already exists at ${file}; ccm never overwrites one`);
    throw new CcmError('IO', `cannot write ${file}: ${(err as Error).message}`);
  }
  return { recipient: pair.recipient, file, created: true };
}

/** Adds a public key to secrets.recipients of ccm.config.yaml, keeping comments and order; false when it is there already. */
export async function addRecipient(root: string, recipient: string): Promise<boolean> {
  const path = join(root, CONFIG_FILE);
  let edited: { text: string; changed: boolean };
  try {
    edited = addRecipientToConfig(await readFile(path, 'utf8'), recipient);
  } catch (err) {
    throw new CcmError('INVALID_CONFIG', `cannot add the key to ${CONFIG_FILE}: ${(err as Error).message}`, { hint: `fix ${CONFIG_FILE}, or add ${recipient} under secrets.recipients yourself` });
  }
  if (edited.changed) await writeFilesAtomically(root, [{ path: CONFIG_FILE, content: edited.text, mode: (await stat(path)).mode & 0o777 }]);
  return edited.changed;
}
