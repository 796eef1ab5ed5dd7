import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import type { ConfigRepo } from '../load/model.js';

/**
 * What ccm accepts on trust by default and refuses under `strict: true` in ccm.config.yaml, with
 * what to do about it once it is an error.
 */
const LENIENT: ReadonlyMap<DiagnosticCode, { fix: string; refused: (message: string) => string }> = new Map([
  ['UNKNOWN_FIELD', { fix: 'remove or rename the key', refused: (m: string) => m.replace(/ is kept and written as is$/, ' is not allowed') }],
  ['EXTERNAL_REFERENCE', { fix: 'define it in this repo or remove the reference', refused: (m: string) => m.replace(/: assumed to exist outside it .*$/, '') }],
]);

/**
 * `strict: true` turns the warnings about unknown Claude Code keys and external references into
 * errors; without it, each such warning says that the setting exists.
 */
export function strictness(repo: ConfigRepo, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const strict = repo.config?.value.strict === true;
  return diagnostics.map((d) => {
    const lenient = d.severity === 'warning' ? LENIENT.get(d.code) : undefined;
    if (lenient === undefined) return d;
    const hint = d.hint ? `${d.hint} ` : '';
    return strict
      ? { ...d, severity: 'error' as const, message: lenient.refused(d.message), hint: `${hint}(ccm.config.yaml sets \`strict: true\`: ${lenient.fix})` }
      : { ...d, hint: `${hint}(\`strict: true\` in ccm.config.yaml makes this an error)` };
  });
}
