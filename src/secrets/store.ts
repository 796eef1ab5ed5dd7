import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CONFIG_FILE, SECRET_NAME } from '../core/kinds.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { CcmError, usageError } from '../errors.js';
import { parseYaml, positionOf, type YamlFile } from '../load/yaml-file.js';
import { recipientProblem } from './crypto.js';

/** `secrets/NAME.age`, repo-relative. */
export function secretRelPath(name: string): string {
  return `secrets/${name}.age`;
}

export function secretAbsPath(root: string, name: string): string {
  return join(root, 'secrets', `${name}.age`);
}

/** Throws a usage error unless `name` is an environment-variable name. */
export function checkSecretName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw usageError('name the secret, e.g. `ccm secrets set LINEAR_API_KEY`');
  if (!SECRET_NAME.test(name)) {
    throw usageError(`secret name "${name}" is not an environment-variable name (${SECRET_NAME.source})`,
      `use upper-case letters, digits and "_", not starting with a digit, e.g. ${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_').replace(/^(\d)/, '_$1')}`);
  }
  return name;
}

export interface Recipients {
  recipients: string[];
  config?: YamlFile;
  /** Errors in ccm.config.yaml that stop encryption: syntax, or a recipient age rejects. */
  diagnostics: Diagnostic[];
}

/** `secrets.recipients` of ccm.config.yaml, each checked by age, with positioned diagnostics. */
export async function readRecipients(root: string): Promise<Recipients> {
  const bytes = await readFile(join(root, CONFIG_FILE));
  const { file, diagnostics } = parseYaml(CONFIG_FILE, bytes);
  if (!file) return { recipients: [], diagnostics };
  const secrets = file.value['secrets'];
  const list = secrets && typeof secrets === 'object' && !Array.isArray(secrets) ? (secrets as Record<string, unknown>)['recipients'] : undefined;
  const recipients: string[] = [];
  const out = diagnostics.filter((d) => d.severity === 'error');
  if (list === undefined) return { recipients, config: file, diagnostics: out };
  if (!Array.isArray(list)) {
    out.push(error('SCHEMA_TYPE', 'secrets.recipients must be a list of age public keys (age1…)', positionOf(file, ['secrets', 'recipients'])));
    return { recipients, config: file, diagnostics: out };
  }
  for (const [i, r] of list.entries()) {
    const at = positionOf(file, ['secrets', 'recipients', i]);
    if (typeof r !== 'string') {
      out.push(error('INVALID_RECIPIENT', 'a recipient must be an age public key string (age1…)', at));
      continue;
    }
    const problem = await recipientProblem(r);
    if (problem !== undefined) {
      out.push(error('INVALID_RECIPIENT', `"${r}" is not a valid age recipient: ${problem}`, at,
        'copy the public key exactly as `ccm secrets keygen` or `age-keygen -y` prints it (age1…)'));
      continue;
    }
    recipients.push(r);
  }
  return { recipients, config: file, diagnostics: out };
}

/** Recipients for encrypting, or the reason there are none. */
export async function requireRecipients(root: string): Promise<{ recipients: string[]; diagnostics: Diagnostic[] }> {
  const r = await readRecipients(root);
  if (r.diagnostics.length > 0) return { recipients: [], diagnostics: r.diagnostics };
  if (r.recipients.length === 0) {
    throw new CcmError('NO_RECIPIENTS', `${CONFIG_FILE} lists no secrets.recipients, so there is no one to encrypt to`,
      { hint: 'run `ccm secrets keygen --add-recipient` to create your key and add it, or add age public keys under secrets.recipients' });
  }
  return r;
}

/** Names of the `secrets/*.age` files whose names are valid, sorted. */
export async function listSecretNames(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(join(root, 'secrets'));
  } catch {
    return [];
  }
  return entries
    .filter((f) => f.endsWith('.age'))
    .map((f) => f.slice(0, -'.age'.length))
    .filter((n) => SECRET_NAME.test(n))
    .sort();
}

/** The bytes of a secret file, or undefined when it does not exist. */
export async function readSecretFile(root: string, name: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(secretAbsPath(root, name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CcmError('IO', `cannot read ${secretRelPath(name)}: ${(err as Error).message}`);
  }
}

/**
 * Writes a file atomically: into a temp file beside it (created exclusively, `mode`), then renamed
 * over the target, so a reader sees the old or the new file and never half of one. With
 * `exclusive`, fails (EEXIST) instead of replacing an existing target.
 */
export async function writeAtomic(path: string, content: string, options: { mode?: number; dirMode?: number; exclusive?: boolean } = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true, ...(options.dirMode === undefined ? {} : { mode: options.dirMode }) });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      // link() fails when the target exists, where rename() would replace it.
      await link(temp, path);
      await rm(temp, { force: true });
    } else {
      await rename(temp, path);
    }
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
