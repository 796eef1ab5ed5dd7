import type { Document } from 'yaml';
import { yamlLib } from '../core/yaml-lib.js';

/**
 * ccm.config.yaml with `recipient` appended to `secrets.recipients`, edited through the YAML
 * document so that the user's comments, key order and flow/block styles stay as written.
 * Returns `changed: false` when the recipient is already listed; throws when the text is not a
 * YAML mapping or `secrets`/`secrets.recipients` has another shape.
 */
export function addRecipientToConfig(text: string, recipient: string): { text: string; changed: boolean } {
  const { isMap, isScalar, isSeq, parseDocument, Scalar } = yamlLib();
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`it is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`);
  if (!isMap(doc.contents)) throw new Error('it is not a YAML mapping');
  const secrets = doc.get('secrets', true);
  if (secrets === undefined || secrets === null || (isScalar(secrets) && secrets.value === null)) {
    const key = new Scalar('secrets');
    // Top-level sections of a config are usually separated by blank lines.
    key.spaceBefore = doc.contents.items.length > 0;
    doc.contents.items.push(doc.createPair(key, { recipients: [recipient] }) as unknown as (typeof doc.contents.items)[number]);
    return { text: stringify(doc), changed: true };
  }
  if (!isMap(secrets)) throw new Error('its `secrets` is not a mapping');
  const list = secrets.get('recipients', true);
  if (list === undefined || list === null || (isScalar(list) && list.value === null)) {
    secrets.set('recipients', doc.createNode([recipient]));
    return { text: stringify(doc), changed: true };
  }
  if (!isSeq(list)) throw new Error('its `secrets.recipients` is not a list');
  if (list.items.some((item) => (isScalar(item) ? item.value : item) === recipient)) return { text, changed: false };
  list.add(doc.createNode(recipient));
  return { text: stringify(doc), changed: true };
}

function stringify(doc: Document): string {
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}
