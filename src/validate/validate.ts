import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { DocumentKind } from '../core/kinds.js';
import type { ConfigRepo } from '../load/model.js';
import type { YamlFile } from '../load/yaml-file.js';
import { validatorFor } from './ajv.js';
import { referenceDiagnostics } from './references.js';
import { schemaDiagnostics } from './schema-errors.js';

/**
 * The `validate` stage: schema checks for every document, then cross-references between the
 * documents that passed. Pure; returns every problem rather than the first.
 */
export function validateRepo(repo: ConfigRepo): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const invalid = new Set<YamlFile>();
  const strict = repo.config?.value['strict'] === true;
  const check = (kind: DocumentKind, file: YamlFile | undefined): void => {
    if (!file) return;
    const validate = validatorFor(kind);
    if (!validate(file.value)) {
      const found = schemaDiagnostics(file, validate.errors ?? []).map((d) => (d.code === 'UNKNOWN_FIELD' ? unknownFieldFor(d, strict) : d));
      // Unknown keys in Claude Code's own shapes are only warnings: the document is still usable.
      if (hasErrors(found)) invalid.add(file);
      diagnostics.push(...found);
    }
  };
  check('ccm.config', repo.config);
  for (const file of repo.profiles.values()) check('profile', file);
  for (const file of repo.projects.values()) check('project', file);
  for (const byName of Object.values(repo.components)) {
    for (const c of byName.values()) check(c.kind, c.file);
  }
  diagnostics.push(...referenceDiagnostics(repo, (file) => !invalid.has(file)));
  return sortDiagnostics(diagnostics);
}

/** Under `strict: true` an unknown Claude Code key stops the build like any other schema error. */
function unknownFieldFor(d: Diagnostic, strict: boolean): Diagnostic {
  if (!strict) return { ...d, hint: `${d.hint ?? ''} (\`strict: true\` in ccm.config.yaml makes this an error)` };
  return { ...d, severity: 'error', hint: `${d.hint ?? ''} (ccm.config.yaml sets \`strict: true\`: remove or rename the key)` };
}

export { hasErrors };
