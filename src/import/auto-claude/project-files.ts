import { error, warning, type Diagnostic } from '../../diagnostics.js';
import { allowlistCommands, fileKeyOf, type SharedJsonFile } from '../../core/auto-claude/project-files.js';
import { validatorFor } from '../../validate/ajv.js';
import { SecretRef } from '../model.js';
import type { SecretPool } from './env-map.js';

/**
 * The runner settings the app wrote (`.auto-claude/github/config.json`, `gitlab/config.json`) as
 * `autoClaude.github` / `autoClaude.gitlab`: every key ccm manages whose value the schema accepts,
 * as the same JSON value (so the build writes it back exactly), secrets into the pool. Keys ccm
 * does not manage stay the app's: the build keeps them in the file, so nothing is lost either way.
 */
export function importSharedJson(file: SharedJsonFile, text: string, shown: string, project: string, secrets: SecretPool): { fields?: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    diagnostics.push(error('IMPORT_SYNTAX', `not valid JSON (${err instanceof Error ? err.message : String(err)}); this file is not imported`, { file: shown, line: 1, col: 1 }));
    return { diagnostics };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    diagnostics.push(error('IMPORT_SYNTAX', 'not a JSON object; this file is not imported', { file: shown, line: 1, col: 1 }));
    return { diagnostics };
  }
  const json = parsed as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const field of file.fields) {
    const key = fileKeyOf(field);
    const value = json[key];
    // The app writes `bot_token: null` (or leaves it out) when there is none.
    if (value === undefined || value === null) continue;
    if (file.secretFields.includes(field)) {
      if (typeof value !== 'string' || value === '') {
        diagnostics.push(warning('IMPORT_SKIPPED', `${key} is not a non-empty string; it is not imported`, { file: shown, line: lineOf(text, key), col: 1 }));
        continue;
      }
      fields[field] = new SecretRef(secrets.add(secretNameOf(file, field), value, `${shown}:${lineOf(text, key)}`, project));
      continue;
    }
    if (!fitsSchema(file, field, value)) {
      diagnostics.push(warning('IMPORT_SKIPPED', `${key} = ${JSON.stringify(value)} is not a value ccm accepts for autoClaude.${file.field}.${field}; it is not imported and stays the app's`,
        { file: shown, line: lineOf(text, key), col: 1 }, `see the description of autoClaude.${file.field}.${field} in schemas/project.schema.json`));
      continue;
    }
    fields[field] = value;
  }
  return Object.keys(fields).length > 0 ? { fields, diagnostics } : { diagnostics };
}

/** `.auto-claude-allowlist` as `autoClaude.allowlist`: its commands as the backend reads them (comments and blank lines are not values). */
export function importAllowlist(text: string): string[] {
  return [...new Set(allowlistCommands(text))];
}

/** `GITHUB_BOT_TOKEN` for github's `botToken`: the name the runtime and the app use for it. */
function secretNameOf(file: SharedJsonFile, field: string): string {
  return `${file.field}_${fileKeyOf(field)}`.toUpperCase();
}

/** Whether the schema (the one rule for these fields) takes the value, so the imported repo validates. */
function fitsSchema(file: SharedJsonFile, field: string, value: unknown): boolean {
  return validatorFor('project')({ path: '.', autoClaude: { [file.field]: { [field]: value } } }) === true;
}

function lineOf(text: string, key: string): number {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}
