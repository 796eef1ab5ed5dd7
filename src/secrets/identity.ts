import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { warning, type Diagnostic } from '../diagnostics.js';
import { CcmError } from '../errors.js';
import { homeFolder } from '../run-environment.js';
import { parseIdentities } from './crypto.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Where the identity came from, for messages: `CCM_AGE_IDENTITY` or a key file path. */
export interface FoundIdentity {
  identities: string[];
  origin: string;
  /** A key file others can read, and similar. */
  warnings: Diagnostic[];
}

export interface IdentityProblem {
  problem: string;
  hint: string;
}

export const KEYGEN_HINT =
  'set CCM_AGE_IDENTITY (the key itself) or CCM_AGE_KEY_FILE (a file holding it), or run `ccm secrets keygen` to create ~/.config/ccm/age/keys.txt';

/**
 * The environment for a program ccm starts (`ccm exec`'s command, `ccm secrets edit`'s editor):
 * ccm's own variables (every `CCM_*`, among them the private key in CCM_AGE_IDENTITY and its file
 * in CCM_AGE_KEY_FILE) are left out, so that the key never reaches a program that did not ask for it.
 */
export function childEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.startsWith('CCM_')) out[k] = v;
  return out;
}

/** `$XDG_CONFIG_HOME/ccm/age/keys.txt`, else `~/.config/ccm/age/keys.txt`. */
export function defaultKeyFile(env: Env): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const config = xdg && isAbsolute(xdg) ? xdg : join(env['HOME'] || homeFolder(), '.config');
  return join(config, 'ccm', 'age', 'keys.txt');
}

/** The key file keygen writes: CCM_AGE_KEY_FILE when set, else the default. */
export function keyFileFor(env: Env): string {
  return env['CCM_AGE_KEY_FILE'] || defaultKeyFile(env);
}

/**
 * The age identity, looked up in order: CCM_AGE_IDENTITY (the key text), CCM_AGE_KEY_FILE (a
 * file), the default key file. Never throws; never puts key material into a message.
 */
export async function findIdentity(env: Env): Promise<FoundIdentity | IdentityProblem> {
  const inline = env['CCM_AGE_IDENTITY'];
  if (inline !== undefined && inline.trim() !== '') {
    const { identities } = parseIdentities(inline);
    if (identities.length === 0) return { problem: 'CCM_AGE_IDENTITY is set but holds no AGE-SECRET-KEY-1… key', hint: 'set it to the key line of an age identity file, or unset it' };
    return { identities, origin: 'CCM_AGE_IDENTITY', warnings: [] };
  }
  const named = env['CCM_AGE_KEY_FILE'];
  const file = named || defaultKeyFile(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return named
        ? { problem: `CCM_AGE_KEY_FILE names ${file}, which does not exist`, hint: 'point it at your age identity file, or unset it' }
        : { problem: `no age identity found (CCM_AGE_IDENTITY and CCM_AGE_KEY_FILE are not set and ${file} does not exist)`, hint: KEYGEN_HINT };
    }
    return { problem: `cannot read the age identity file ${file} (${code ?? 'error'})`, hint: 'check that it is a readable file' };
  }
  const { identities } = parseIdentities(text);
  if (identities.length === 0) return { problem: `${file} holds no AGE-SECRET-KEY-1… key`, hint: 'it should be an age identity file, as `ccm secrets keygen` or `age-keygen` writes' };
  return { identities, origin: file, warnings: await permissionWarnings(file) };
}

/** findIdentity for commands that cannot go on without one. */
export async function requireIdentity(env: Env): Promise<FoundIdentity> {
  const found = await findIdentity(env);
  if ('problem' in found) throw new CcmError('NO_IDENTITY', found.problem, { hint: found.hint });
  return found;
}

async function permissionWarnings(file: string): Promise<Diagnostic[]> {
  if (process.platform === 'win32') return [];
  try {
    const mode = (await stat(file)).mode & 0o777;
    if ((mode & 0o077) === 0) return [];
    return [warning('INSECURE_KEY_FILE', `the age identity file ${file} can be read by other users (mode ${mode.toString(8).padStart(4, '0')})`, undefined,
      `run \`chmod 600 ${file}\``)];
  } catch {
    return [];
  }
}
