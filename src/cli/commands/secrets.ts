import { existsSync } from 'node:fs';
import { CONFIG_FILE } from '../../core/kinds.js';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics.js';
import { CcmError, usageError } from '../../errors.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { readHeader, secretValueOf } from '../../secrets/crypto.js';
import { editInPrivateFile } from '../../secrets/edit-file.js';
import { lastChanges } from '../../secrets/git-log.js';
import { addRecipient, decryptSecret, ensureIdentity, removeSecret, rotateSecrets, storeSecret } from '../../secrets/operations.js';
import { requireIdentity, type FoundIdentity } from '../../secrets/identity.js';
import {
  checkSecretName,
  listSecretNames,
  readRecipients,
  readSecretFile,
  requireRecipients,
  secretAbsPath,
  secretRelPath,
} from '../../secrets/store.js';
import type { CommandContext, CommandResult } from '../context.js';
import { plural } from '../output.js';
import { stdinIsTerminal } from './adopt.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { SECRETS_EDIT, SECRETS_GET, SECRETS_KEYGEN, SECRETS_LIST, SECRETS_RM, SECRETS_ROTATE, SECRETS_SET } from './index.js';

export interface SecretsKeygenData {
  publicKey: string;
  keyFile: string;
  created: boolean;
  addedToConfig: boolean;
}
export interface SecretsSetData {
  name: string;
  file: string;
  created: boolean;
  recipients: number;
}
export interface SecretRow {
  name: string;
  file: string;
  /** Recipients the file is encrypted for; null when it is not a readable age file. */
  recipients: number | null;
  stanzaTypes: string[];
  lastChange: { date: string; author: string; commit: string } | null;
}
export interface SecretsListData {
  secrets: SecretRow[];
  /** Recipients in ccm.config.yaml. */
  recipients: number;
}
export interface SecretsRmData {
  name: string;
  file: string;
}
export interface SecretsRotateData {
  rotated: string[];
  recipients: number;
}
export interface SecretsEditData {
  name: string;
  file: string;
  changed: boolean;
}

/** `ccm secrets get` has no data: it prints the bare value and refuses --json. */
export type SecretsGetData = never;

export const secretsKeygen: CommandImpl<InputOf<typeof SECRETS_KEYGEN>, SecretsKeygenData> = (ctx, { addRecipient }) => keygen(ctx, addRecipient);
export const secretsSet: CommandImpl<InputOf<typeof SECRETS_SET>, SecretsSetData> = (ctx, { name }) => set(ctx, checkSecretName(name));
export const secretsGet: CommandImpl<InputOf<typeof SECRETS_GET>, SecretsGetData> = (ctx, { name }) => get(ctx, checkSecretName(name));
export const secretsList: CommandImpl<InputOf<typeof SECRETS_LIST>, SecretsListData> = (ctx) => list(ctx);
export const secretsRm: CommandImpl<InputOf<typeof SECRETS_RM>, SecretsRmData> = (ctx, { name }) => remove(ctx, checkSecretName(name));
export const secretsRotate: CommandImpl<InputOf<typeof SECRETS_ROTATE>, SecretsRotateData> = (ctx) => rotate(ctx);
export const secretsEdit: CommandImpl<InputOf<typeof SECRETS_EDIT>, SecretsEditData> = (ctx, { name }) => edit(ctx, checkSecretName(name));

const NOTHING_WRITTEN = 'Nothing was written: fix the errors below and try again.';

async function keygen(ctx: CommandContext, addToConfig: boolean): Promise<CommandResult<SecretsKeygenData>> {
  const env = ctx.io.env;
  let root: string | undefined;
  try {
    root = findRepoRoot(ctx.options.cwd);
  } catch {
    root = undefined;
  }
  if (addToConfig && !root) throw usageError(`--add-recipient adds the key to ${CONFIG_FILE}, but there is none here or in any parent folder`, 'run it inside the config repo, or pass --cwd <config repo>');
  const { recipient, file, created } = await ensureIdentity(env, addToConfig);

  ctx.print(recipient);
  ctx.note(created ? `Created your age identity in ${file} (mode 0600); its public key is above.` : `Kept the existing identity in ${file}.`);
  if (env['CCM_AGE_IDENTITY']) ctx.note('Note: CCM_AGE_IDENTITY is set, and ccm uses it instead of this file.');
  let added = false;
  if (root && addToConfig) {
    added = await addRecipient(root, recipient);
    if (added) {
      ctx.note(`Added it to secrets.recipients in ${CONFIG_FILE}; commit that change.`);
      if ((await listSecretNames(root)).length > 0) {
        ctx.note('Existing secrets are not encrypted to it yet: someone who can decrypt them runs `ccm secrets rotate`.');
      }
    } else {
      ctx.note(`It is already in secrets.recipients of ${CONFIG_FILE}.`);
    }
  } else if (root) {
    ctx.note(`To let it read this repo's secrets: \`ccm secrets keygen --add-recipient\` (or add it under secrets.recipients in ${CONFIG_FILE}), then \`ccm secrets rotate\` by someone who can decrypt them.`);
  }
  return { data: { publicKey: recipient, keyFile: file, created, addedToConfig: added } };
}

async function set(ctx: CommandContext, name: string): Promise<CommandResult<SecretsSetData>> {
  const root = findRepoRoot(ctx.options.cwd);
  const { recipients, diagnostics } = await requireRecipients(root);
  if (diagnostics.length > 0) return refuse(ctx, diagnostics);
  const { created } = await storeSecret(root, name, await readValue(ctx, name), recipients);
  ctx.print(`${created ? 'Stored' : 'Updated'} ${secretRelPath(name)} (encrypted for ${plural(recipients.length, 'recipient')}).`);
  return { data: { name, file: secretRelPath(name), created, recipients: recipients.length } };
}

async function get(ctx: CommandContext, name: string): Promise<CommandResult<never>> {
  if (ctx.options.json) throw usageError('`ccm secrets get` prints the bare value and has no --json form, so that values never end up in JSON logs');
  const root = findRepoRoot(ctx.options.cwd);
  const identity = await requireIdentity(ctx.io.env);
  const warnings = identityWarnings(ctx, identity);
  const value = await decryptSecret(root, name, identity);
  ctx.unredacted.stdout.write(ctx.io.isTTY ? `${value}\n` : value);
  return { diagnostics: warnings };
}

async function list(ctx: CommandContext): Promise<CommandResult<SecretsListData>> {
  const root = findRepoRoot(ctx.options.cwd);
  const names = await listSecretNames(root);
  const configured = await readRecipients(root);
  const current = configured.recipients.length;
  const changes = names.length > 0 ? await lastChanges(root, names.map(secretRelPath)) : undefined;
  const rows: SecretRow[] = [];
  for (const name of names) {
    const file = secretRelPath(name);
    const header = await readHeader((await readSecretFile(root, name)) ?? new Uint8Array());
    rows.push({ name, file, recipients: header?.stanzas ?? null, stanzaTypes: header?.types ?? [], lastChange: changes?.get(file) ?? null });
  }
  if (rows.length === 0) ctx.note('No secrets yet: `ccm secrets set NAME` stores one.');
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  for (const r of rows) {
    const enc = r.recipients === null ? 'not a readable age file' : `encrypted for ${plural(r.recipients, 'recipient')}`;
    const stale = r.recipients !== null && r.recipients !== current ? ` (${CONFIG_FILE} lists ${current}: run \`ccm secrets rotate\`)` : '';
    const when = changes === undefined ? '' : r.lastChange ? `, last changed ${r.lastChange.date.slice(0, 10)} by ${r.lastChange.author} (${r.lastChange.commit.slice(0, 7)})` : ', not committed yet';
    ctx.print(`${r.name.padEnd(width)}  ${enc}${stale}${when}`);
  }
  return { data: { secrets: rows, recipients: current }, diagnostics: configured.diagnostics.map((d) => ({ ...d, severity: 'warning' as const })) };
}

async function remove(ctx: CommandContext, name: string): Promise<CommandResult<SecretsRmData>> {
  const root = findRepoRoot(ctx.options.cwd);
  await removeSecret(root, name);
  ctx.print(`Removed ${secretRelPath(name)}.`);
  ctx.note('Its encrypted value stays in git history: if it may have leaked, revoke it where it was issued. `ccm validate` shows where it is still referenced.');
  return { data: { name, file: secretRelPath(name) } };
}

async function rotate(ctx: CommandContext): Promise<CommandResult<SecretsRotateData>> {
  const root = findRepoRoot(ctx.options.cwd);
  const { recipients, diagnostics } = await requireRecipients(root);
  if (diagnostics.length > 0) return refuse(ctx, diagnostics);
  const names = await listSecretNames(root);
  if (names.length === 0) {
    ctx.print('No secrets to re-encrypt.');
    return { data: { rotated: [], recipients: recipients.length } };
  }
  const identity = await requireIdentity(ctx.io.env);
  const warnings = identityWarnings(ctx, identity);
  const { failures } = await rotateSecrets(root, recipients, identity);
  if (failures.length > 0) return refuse(ctx, [...warnings, ...failures]);
  ctx.print(`Re-encrypted ${plural(names.length, 'secret')} for ${plural(recipients.length, 'recipient')}.`);
  return { data: { rotated: names, recipients: recipients.length }, diagnostics: warnings };
}

async function edit(ctx: CommandContext, name: string): Promise<CommandResult<SecretsEditData>> {
  const root = findRepoRoot(ctx.options.cwd);
  const env = ctx.io.env;
  const { recipients, diagnostics } = await requireRecipients(root);
  if (diagnostics.length > 0) return refuse(ctx, diagnostics);
  const editor = env['VISUAL'] || env['EDITOR'];
  if (!editor) throw new CcmError('EDITOR_FAILED', 'no editor: set $EDITOR (or $VISUAL)', { hint: `or pipe the value in: \`ccm secrets set ${name} < file\`` });
  let before = '';
  let warnings: Diagnostic[] = [];
  if (existsSync(secretAbsPath(root, name))) {
    const identity = await requireIdentity(env);
    warnings = identityWarnings(ctx, identity);
    before = await decryptSecret(root, name, identity);
  }
  const after = await editInPrivateFile(name, before, editor, env);
  if (secretValueOf(after) === before) {
    ctx.print(`${name} is unchanged.`);
    return { data: { name, file: secretRelPath(name), changed: false }, diagnostics: warnings };
  }
  await storeSecret(root, name, after, recipients);
  ctx.print(`${before === '' ? 'Stored' : 'Updated'} ${secretRelPath(name)} (encrypted for ${plural(recipients.length, 'recipient')}).`);
  return { data: { name, file: secretRelPath(name), changed: true }, diagnostics: warnings };
}

/**
 * Warnings about the identity (a key file others can read). They are printed at once, because a
 * failure that follows ends the command with an error and would drop them; under --json they
 * go into the envelope's diagnostics instead.
 */
function identityWarnings(ctx: CommandContext, identity: FoundIdentity): Diagnostic[] {
  if (ctx.options.json) return identity.warnings;
  for (const w of identity.warnings) ctx.note(formatDiagnostic(w));
  return [];
}

/** A config problem that stops an encrypting verb: diagnostics, exit 1, nothing written. */
function refuse(ctx: CommandContext, diagnostics: Diagnostic[]): CommandResult<never> {
  ctx.note(NOTHING_WRITTEN);
  return { exitCode: 1, diagnostics };
}

/** The value from stdin or, on a terminal, from a hidden prompt. */
async function readValue(ctx: CommandContext, name: string): Promise<string> {
  const stdin = ctx.io.stdin;
  if (!stdin) throw usageError(`no input: pipe the value of ${name} into \`ccm secrets set ${name}\``);
  if (stdinIsTerminal(stdin)) {
    const { password } = await import('@inquirer/prompts');
    const output = ctx.unredacted.stderr as unknown as NodeJS.WritableStream;
    return password({ message: `Value of ${name} (hidden):`, mask: false }, { input: stdin, output });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  // Stored as typed: reading drops one final line break (secretValueOf), for files made with `age` too.
  return Buffer.concat(chunks).toString('utf8');
}
