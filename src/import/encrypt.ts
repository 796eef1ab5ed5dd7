import type { FileWrite } from '../io/transaction.js';
import { CONFIG_FILE } from '../core/kinds.js';
import { CcmError } from '../errors.js';
import { parseYaml } from '../load/yaml-file.js';
import { addRecipientToConfig } from '../secrets/config-edit.js';
import type { Env } from '../secrets/identity.js';
import type { ImportPlan } from './plan.js';

/** The age recipients of the config the plan leaves (secrets.recipients). */
export function plannedRecipients(plan: ImportPlan): string[] {
  const value = parseYaml(CONFIG_FILE, plan.config.bytes).file?.value;
  const secrets = value?.['secrets'];
  const list = typeof secrets === 'object' && secrets !== null ? (secrets as Record<string, unknown>)['recipients'] : undefined;
  return Array.isArray(list) ? list.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * The config repo files of a plan, secrets encrypted (so that a missing recipient stops the import
 * before any file is written); with no recipient in ccm.config.yaml, the public key of the user's
 * own age identity is added as the first one. Writes nothing: the files go through the build's
 * apply (io/apply.ts) with the manifests of the files the import takes over.
 */
export async function importWrites(plan: ImportPlan, env: Env): Promise<{ writes: FileWrite[]; addedRecipient?: string }> {
  const result: { addedRecipient?: string } = {};
  const encrypted: { name: string; text: string }[] = [];
  if (plan.secrets.length > 0) {
    const { encryptValue, recipientOf, recipientProblem } = await import('../secrets/crypto.js');
    const { findIdentity, KEYGEN_HINT } = await import('../secrets/identity.js');
    let recipients = plannedRecipients(plan);
    for (const r of recipients) {
      const problem = await recipientProblem(r);
      if (problem !== undefined) throw new CcmError('SECRET', `secrets.recipients in ${CONFIG_FILE} lists "${r}", which is not a valid age recipient (${problem}); nothing was imported`);
    }
    if (recipients.length === 0) {
      const identity = await findIdentity(env);
      if ('problem' in identity) {
        throw new CcmError('NO_RECIPIENTS', `the import found ${plan.secrets.length} secret value(s) to encrypt, but ${CONFIG_FILE} lists no secrets.recipients and ${identity.problem}; nothing was imported`,
          { hint: `run \`ccm secrets keygen --add-recipient\` in the config repo first (or ${KEYGEN_HINT}), then import again` });
      }
      const recipient = await recipientOf(identity.identities[0]!);
      const text = new TextDecoder().decode(plan.config.bytes);
      const edited = addRecipientToConfig(text, recipient).text;
      plan.config = { path: CONFIG_FILE, bytes: new TextEncoder().encode(edited) };
      const write = plan.writes.find((w) => w.path === CONFIG_FILE);
      if (write) write.content = edited;
      else plan.writes.push({ path: CONFIG_FILE, content: edited });
      recipients = [recipient];
      result.addedRecipient = recipient;
    }
    for (const s of plan.secrets) encrypted.push({ name: s.name, text: await encryptValue(s.value, recipients) });
  }
  const { secretRelPath } = await import('../secrets/store.js');
  const writes: FileWrite[] = [
    ...plan.writes.map((w) => ({ path: w.path, content: w.content, ...(w.executable ? { mode: 0o755 } : {}) })),
    ...encrypted.map((s) => ({ path: secretRelPath(s.name), content: s.text })),
  ];
  return { writes, ...result };
}
