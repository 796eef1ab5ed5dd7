import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { DocumentKind } from '../core/kinds.js';
import type { ConfigRepo } from '../load/model.js';
import type { YamlFile } from '../load/yaml-file.js';
import type { SchemaVerdicts } from '../load/parse-cache.js';
import { validatorFor } from './ajv.js';
import { instructionFileDiagnostics } from './instruction-files.js';
import { customMcpDiagnostics } from './custom-mcp.js';
import { agentOverrideDiagnostics } from './agent-overrides.js';
import { referenceDiagnostics } from './references.js';
import { settingsRuleDiagnostics } from './settings-rules.js';
import { schemaDiagnostics } from './schema-errors.js';
import { strictness } from './strict.js';

/**
 * The `validate` stage: schema checks for every document, then cross-references between the
 * documents that passed. Pure but for `verdicts`, which only skips schema checks that passed
 * before on the same content (the load's parse cache); returns every problem rather than the first.
 */
export function validateRepo(repo: ConfigRepo, verdicts?: SchemaVerdicts): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const invalid = new Set<YamlFile>();
  const check = (kind: DocumentKind, file: YamlFile | undefined): void => {
    if (!file || verdicts?.passed(file, kind)) return;
    const validate = validatorFor(kind);
    if (validate(file.value)) verdicts?.recordPass(file, kind);
    else {
      const found = schemaDiagnostics(file, validate.errors ?? []);
      // Unknown keys in Claude Code's own shapes (`x-ccm-open`) are only warnings: the document is still usable.
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
  const usable = (file: YamlFile): boolean => !invalid.has(file);
  diagnostics.push(...referenceDiagnostics(repo, usable));
  diagnostics.push(...settingsRuleDiagnostics(repo, usable));
  diagnostics.push(...instructionFileDiagnostics(repo, usable));
  diagnostics.push(...customMcpDiagnostics(repo, usable));
  diagnostics.push(...agentOverrideDiagnostics(repo, usable));
  return sortDiagnostics(strictness(repo, diagnostics));
}

export { hasErrors };
