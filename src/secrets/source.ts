import { error, type Diagnostic } from '../diagnostics.js';
import type { SecretLookup } from '../render/types.js';
import { decryptValue, SecretCryptoError } from './crypto.js';
import { findIdentity, type Env, type FoundIdentity, type IdentityProblem } from './identity.js';
import { readSecretFile, secretRelPath } from './store.js';

/**
 * Secrets for a build. Render stages are synchronous and call `lookup`; decryption is not, so
 * compile first `prepare`s the names a project references. Each secret is decrypted at most once,
 * and the identity is looked up only when a first secret is needed.
 */
export interface SecretSource {
  /** Decrypts the named secrets not yet tried; returns diagnostics for this call's failures. */
  prepare(names: readonly string[]): Promise<Diagnostic[]>;
  lookup: SecretLookup;
}

/** Secrets of the config repo at `root`, decrypted with the identity the environment names. */
export function repoSecretSource(root: string, env: Env): SecretSource {
  const values = new Map<string, string | undefined>();
  let identity: Promise<FoundIdentity | IdentityProblem> | undefined;
  let identityReported = false;

  const decryptOne = async (name: string, diagnostics: Diagnostic[]): Promise<void> => {
    const file = secretRelPath(name);
    values.set(name, undefined);
    const found = await (identity ??= findIdentity(env));
    if ('problem' in found) {
      diagnostics.push(error('SECRET_UNAVAILABLE', `secret ${name} cannot be decrypted: ${found.problem}`, { file }, found.hint));
      return;
    }
    if (!identityReported) {
      identityReported = true;
      diagnostics.push(...found.warnings);
    }
    const bytes = await readSecretFile(root, name);
    if (bytes === undefined) return; // validate reports UNKNOWN_SECRET
    try {
      values.set(name, await decryptValue(bytes, found.identities));
    } catch (err) {
      if (!(err instanceof SecretCryptoError)) throw err;
      diagnostics.push(error('SECRET_UNAVAILABLE', `secret ${name} cannot be decrypted: ${err.message}`, { file }, decryptHint(err.kind, name, found.origin)));
    }
  };

  return {
    async prepare(names) {
      const diagnostics: Diagnostic[] = [];
      for (const name of names) if (!values.has(name)) await decryptOne(name, diagnostics);
      return diagnostics;
    },
    lookup: (name) => values.get(name),
  };
}

/** What to do about a file that could not be decrypted. */
export function decryptHint(kind: SecretCryptoError['kind'], name: string, origin: string): string {
  switch (kind) {
    case 'wrong-identity':
      return `your identity (${origin}) is not among its recipients: ask someone who can decrypt it to add your public key to secrets.recipients and run \`ccm secrets rotate\``;
    case 'bad-identity':
      return `fix the identity in ${origin}: it should hold an AGE-SECRET-KEY-1… line`;
    case 'not-age':
    case 'corrupt':
      return `restore it from git (\`git checkout -- ${secretRelPath(name)}\`) or store the value again with \`ccm secrets set ${name}\``;
  }
}
