/**
 * Diagnostics are data: validation collects all of them instead of stopping at the first, and
 * the CLI decides how to print them. Every diagnostic about a file names the file (repo-relative,
 * POSIX separators) and, where known, the 1-based line and column.
 */
export type Severity = 'error' | 'warning';

export interface SourcePosition {
  file: string;
  line?: number;
  col?: number;
}

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  col?: number;
}

export type DiagnosticCode =
  // reading files
  | 'YAML_SYNTAX'
  | 'YAML_NOT_A_MAP'
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'FILE_TOO_LARGE'
  | 'BOM'
  | 'SYMLINK_OUTSIDE_REPO'
  | 'UNREADABLE_FILE'
  | 'NUMBER_NOT_FINITE'
  | 'YAML_TAG'
  | 'UNKNOWN_FOLDER'
  | 'UNKNOWN_FILE'
  | 'MISSING_CONFIG'
  | 'ORPHAN_BODY'
  // schema
  | 'SCHEMA_UNKNOWN_KEY'
  | 'UNKNOWN_FIELD'
  | 'SCHEMA_REQUIRED'
  | 'SCHEMA_TYPE'
  | 'SCHEMA_ENUM'
  | 'SCHEMA_PATTERN'
  | 'SCHEMA_INVALID'
  | 'HOOK_NOT_FOR_EVENT'
  | 'SETTINGS_SCHEMA_URL'
  // names and references
  | 'INVALID_NAME'
  | 'DUPLICATE_NAME'
  | 'UNKNOWN_COMPONENT'
  | 'UNKNOWN_PROFILE'
  | 'UNKNOWN_SKILL'
  | 'UNKNOWN_MCP_SERVER'
  | 'UNKNOWN_MODEL_PROFILE'
  | 'UNKNOWN_SECRET'
  | 'PERMISSION_UNKNOWN_MCP'
  | 'EXTERNAL_REFERENCE'
  | 'PROFILE_CYCLE'
  | 'AC_UNKNOWN_AGENT_TYPE'
  | 'AC_FIELD_NOT_APPLIED'
  | 'AC_INJECTION_POINT_MISSING'
  | 'AC_BACKEND_MISSING'
  | 'AC_MCP_NAME_UNMAPPED'
  | 'AC_WRONG_CASE_KEY'
  | 'AC_NO_EFFECT'
  | 'AC_OVERRIDDEN'
  | 'SKILL_SHADOWS_COMMAND'
  | 'UNKNOWN_OUTPUT_STYLE'
  | 'OUTPUT_STYLE_NOT_SELECTED'
  | 'MISSING_BODY'
  | 'INVALID_GLOB'
  | 'INVALID_DIRECTORY'
  // resolve / render / plan
  | 'CONFLICT'
  | 'EMPTY_PROJECT'
  | 'TEMPLATE_ERROR'
  | 'ENV_VALUE_MULTILINE'
  | 'OUTPUT_TOO_LARGE'
  | 'OUTPUT_PATH_ESCAPES'
  | 'OUTPUT_CLASH'
  | 'OUTPUT_ROOT_UNSAFE'
  | 'OUTPUT_ROOT_NOT_FOLDER'
  | 'OUTPUT_ROOT_NOT_WRITABLE'
  | 'OUTPUT_ROOT_MISSING'
  | 'MANIFEST_ENTRY_IGNORED'
  | 'PATH_TILDE_EXPANDED'
  | 'OUTPUT_NOT_OWNED'
  | 'DRIFTED'
  | 'SECRET_IN_TRACKED_FILE'
  | 'SECRET_UNCHECKED'
  | 'SECRET_UNAVAILABLE'
  | 'SECRET_NOT_COMPARED'
  | 'SECRET_TOO_SHORT'
  | 'SECRET_OUTSIDE_ENTRY'
  // secrets
  | 'INVALID_RECIPIENT'
  | 'INSECURE_KEY_FILE'
  // import (positions are in the source being imported)
  | 'IMPORT_SYNTAX'
  | 'FRONTMATTER_NOT_YAML'
  | 'FRONTMATTER_REWRITTEN'
  | 'IMPORT_SKIPPED'
  | 'IMPORT_NOT_EXACT'
  | 'IMPORT_CLASH'
  // adopt (positions in the drifted output or the YAML it maps to) and prompt upgrades
  | 'ADOPT_CONFLICT'
  | 'ADOPT_UNREADABLE'
  | 'ADOPT_UNSUPPORTED'
  | 'UPGRADE_CONFLICT'
  | 'UPGRADE_NO_BASE';

export function error(code: DiagnosticCode, message: string, at?: SourcePosition, hint?: string): Diagnostic {
  return make('error', code, message, at, hint);
}

export function warning(code: DiagnosticCode, message: string, at?: SourcePosition, hint?: string): Diagnostic {
  return make('warning', code, message, at, hint);
}

function make(severity: Severity, code: DiagnosticCode, message: string, at?: SourcePosition, hint?: string): Diagnostic {
  const d: Diagnostic = { severity, code, message };
  if (hint !== undefined) d.hint = hint;
  if (at) {
    d.file = at.file;
    if (at.line !== undefined) d.line = at.line;
    if (at.col !== undefined) d.col = at.col;
  }
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Stable order (by file, position, code) so output does not depend on load order; exact repeats
 * (the same component checked once per project that uses it) are reported once.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const unique = new Map(diagnostics.map((d) => [JSON.stringify([d.severity, d.code, d.file, d.line, d.col, d.message]), d]));
  return [...unique.values()].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

/** `file:line:col: error CODE: message` — the form editors and CI annotators understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.col ? `:${d.col}` : ''}` : ''}: ` : '';
  const head = `${where}${d.severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}
