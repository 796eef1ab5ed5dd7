/**
 * Writing values into `.auto-claude/.env` so that every program that reads the file gets the same
 * string. Three readers matter, and none of them is a full shell parser:
 *
 * - the Electron app (`parseEnvFile` in ipc-handlers/utils.ts and agent-process.ts): trims the
 *   line, splits at the first `=`, removes ONE matching pair of surrounding `"` or `'`, and does
 *   no escape processing and no inline-comment stripping;
 * - the backend's `load_project_mcp_config` (core/client.py, MCP keys only): `value.strip().strip("\"'")`,
 *   i.e. removes every quote character at both ends, again with no escapes;
 * - python-dotenv: unquoted values lose a ` #…` tail and surrounding blanks; `"…"` decodes
 *   `\\ \' \" \a \b \f \n \r \t \v`; `'…'` decodes only `\\` and `\'`.
 *
 * So a value is written
 * 1. bare when it is non-empty and has no whitespace, `#`, `"`, `'` or `=` (all three read it as is);
 * 2. else in double quotes when it has no `"` and no `\` (nothing for python-dotenv to decode);
 * 3. else in single quotes when it has no `'` and no `\\` (python-dotenv decodes nothing else there);
 * 4. else (both quote kinds, or a backslash next to a quote) no spelling reads the same
 *    everywhere: it goes into double quotes with `\` and `"` escaped, which python-dotenv reads
 *    back exactly, and the caller warns that the Auto-Claude app will see the backslashes.
 *
 * JSON (CUSTOM_MCP_SERVERS) always goes in single quotes, after `'` and `\` inside its strings are
 * re-spelt as the JSON escapes `\u0027` and `\u005c`: the text then has neither `'` nor `\\`, so
 * rule 3 holds for any content and all three readers hand the same JSON to `json.loads`/`JSON.parse`.
 */

export interface FormattedValue {
  text: string;
  /** Rule 4 was needed: the Electron app will read the escapes literally. */
  lossy: boolean;
}

const BARE = /^[^\s#"'=]+$/;

export function formatEnvValue(value: string): FormattedValue {
  if (BARE.test(value)) return { text: value, lossy: false };
  if (!value.includes('"') && !value.includes('\\')) return { text: `"${value}"`, lossy: false };
  if (!value.includes("'") && !value.includes('\\\\')) return { text: `'${value}'`, lossy: false };
  return { text: `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`, lossy: true };
}

/** A JSON value as one single-quoted dotenv value (see rule for JSON above). */
export function formatEnvJson(value: unknown): string {
  const json = JSON.stringify(value).replace(/\\\\|'/g, (m) => (m === "'" ? '\\u0027' : '\\u005c'));
  return `'${json}'`;
}

/** A line break cannot be written: every reader takes one line per key. */
export function hasLineBreak(value: string): boolean {
  return /[\r\n]/.test(value);
}
