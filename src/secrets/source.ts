import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { SecretLookup } from '../render/types.js';
import { decryptValue, SecretCryptoError } from './crypto.js';
import { findIdentity, type Env, type FoundIdentity, type IdentityProblem } from './identity.js';
import { isRedactable, MIN_REDACTED_LENGTH, registerSecret } from './redact.js';
import { secretPlaceholder } from './refs.js';
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
  /** True for a secret rendered as `${NAME}` because it could not be decrypted (`withoutValues` only). */
  uncompared(name: string): boolean;
}

export interface SecretSourceOptions {
  /**
   * For checks that write nothing (`ccm status`, `ccm build --check`): a secret that cannot be
   * decrypted is rendered as `${NAME}` with a SECRET_NOT_COMPARED warning instead of an error, and
   * the plan compares the files holding it with their secret values left out.
   */
  withoutValues?: boolean;
}

/** Secrets of the config repo at `root`, decrypted with the identity the environment names. */
export function repoSecretSource(root: string, env: Env, options: SecretSourceOptions = {}): SecretSource {
  const values = new Map<string, string | undefined>();
  const placeholders = new Set<string>();
  let identity: Promise<FoundIdentity | IdentityProblem> | undefined;
  let identityReported = false;

  const unavailable = (name: string, problem: string, hint: string): Diagnostic => {
    const file = secretRelPath(name);
    if (!options.withoutValues) return error('SECRET_UNAVAILABLE', `secret ${name} cannot be decrypted: ${problem}`, { file }, hint);
    placeholders.add(name);
    values.set(name, secretPlaceholder(name));
    return warning('SECRET_NOT_COMPARED', `secret ${name} cannot be decrypted (${problem}), so its value was not compared: the files holding it were compared with their secret values left out`,
      { file }, `to compare the values too, ${hint.replace(/^./, (c) => c.toLowerCase())}`);
  };

  const decryptOne = async (name: string, diagnostics: Diagnostic[]): Promise<void> => {
    const file = secretRelPath(name);
    values.set(name, undefined);
    const found = await (identity ??= findIdentity(env));
    if ('problem' in found) {
      diagnostics.push(unavailable(name, found.problem, found.hint));
      return;
    }
    if (!identityReported) {
      identityReported = true;
      diagnostics.push(...found.warnings);
    }
    const bytes = await readSecretFile(root, name);
    if (bytes === undefined) return; // validate reports UNKNOWN_SECRET
    let value: string;
    try {
      value = await decryptValue(bytes, found.identities);
    } catch (err) {
      if (!(err instanceof SecretCryptoError)) throw err;
      diagnostics.push(unavailable(name, err.message, decryptHint(err.kind, name, found.origin)));
      return;
    }
    registerSecret(name, value);
    values.set(name, value);
    if (!isRedactable(value)) {
      diagnostics.push(warning('SECRET_TOO_SHORT', `the value of secret ${name} is shorter than ${MIN_REDACTED_LENGTH} characters, so ccm cannot hide it from its output if it ever appears there`,
        { file }, `a value this short is easy to guess: store the full credential with \`ccm secrets set ${name}\``));
    }
  };

  return {
    async prepare(names) {
      const diagnostics: Diagnostic[] = [];
      for (const name of names) if (!values.has(name)) await decryptOne(name, diagnostics);
      return diagnostics;
    },
    lookup: (name) => values.get(name),
    uncompared: (name) => placeholders.has(name),
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
