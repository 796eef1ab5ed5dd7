import type { Diagnostic } from '../../diagnostics.js';
import { ALLOWLIST_PATH, fileKeyOf, SHARED_JSON_FILES } from '../../core/auto-claude/project-files.js';
import type { ResolvedProject } from '../../resolve/types.js';
import type { TemplateEngine } from '../engine.js';
import { finalizeText } from '../final-text.js';
import type { JsonFilePatch, OutputFile, SecretLookup } from '../types.js';
import { ValueResolver } from './values.js';

export const ALLOWLIST_TEMPLATE = 'auto-claude/allowlist.hbs';

/**
 * `autoClaude.github` / `autoClaude.gitlab` as patches of the runners' config.json: each field set
 * in the YAML becomes the file's snake_case key (src/core/auto-claude/project-files.ts), secret
 * references decrypted. Fields left out of the YAML are the app's, as every key ccm does not know.
 */
export function sharedJsonPatches(project: ResolvedProject, secrets: SecretLookup | undefined, diagnostics: Diagnostic[]): JsonFilePatch[] {
  const ac = project.autoClaude ?? {};
  const patches: JsonFilePatch[] = [];
  for (const file of SHARED_JSON_FILES) {
    // The table names the fields (core/auto-claude/project-files.ts, held to the schema by a test).
    const fields: Readonly<Record<string, unknown>> | undefined = ac[file.field];
    if (!fields) continue;
    const values = new ValueResolver(project.file, secrets, diagnostics, file.path);
    const set: Record<string, unknown> = {};
    const secretKeys: string[] = [];
    for (const field of file.fields) {
      const value = fields[field];
      if (value === undefined) continue;
      const key = fileKeyOf(field);
      if (file.secretFields.includes(field)) {
        const text = values.text(value, ['autoClaude', file.field, field], key);
        if (text === undefined) continue;
        set[key] = text;
        secretKeys.push(key);
      } else set[key] = structuredClone(value);
    }
    if (Object.keys(set).length === 0) continue;
    const patch: JsonFilePatch = { path: file.path, set, sources: [project.file.path] };
    if (secretKeys.length > 0) Object.assign(patch, { secret: true, secretKeys });
    patches.push(patch);
  }
  return patches;
}

/** `.auto-claude-allowlist` from `autoClaude.allowlist`: a file ccm owns, one command per line. */
export function renderAllowlist(project: ResolvedProject, engine: TemplateEngine, diagnostics: Diagnostic[]): OutputFile | undefined {
  const commands = project.autoClaude?.allowlist;
  if (!commands) return undefined;
  const text = engine.render(ALLOWLIST_TEMPLATE, { vars: project.variables, project: project.name, source: project.file.path, commands }, diagnostics);
  if (text === undefined) return undefined;
  return { path: ALLOWLIST_PATH, content: finalizeText(text), sources: [project.file.path, engine.sourceOf(ALLOWLIST_TEMPLATE)] };
}
