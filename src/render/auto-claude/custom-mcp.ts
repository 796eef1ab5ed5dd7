import { error, type Diagnostic, type DiagnosticCode } from '../../diagnostics.js';
import type { PathSegment } from '../../load/yaml-file.js';
import { codeRunningArgProblem, CUSTOM_MCP_COMMANDS, CUSTOM_MCP_FIELDS, customMcpLabel, isCodeRunningArg } from '../../core/auto-claude/custom-mcp-rules.js';
import { isMapping, secretName, type Obj, type ValueResolver } from './values.js';

export interface CustomMcpResult {
  /** The entries that pass the runtime's checks, fields in runtime order, secrets decrypted. */
  servers: Obj[];
  /** Ids of every entry, valid or not (agent configs may name them). */
  ids: Set<string>;
}

/**
 * CUSTOM_MCP_SERVERS re-checked against the backend's `_validate_custom_mcp_server` (which
 * silently drops an entry that breaks a rule): required id/name/type, type `command` or `http`,
 * a bare allowed command, no code-running args, `http` with a url, string header values, no
 * other fields. Each violation is an error at the offending field; the entry is left out.
 */
export function customMcpServers(list: unknown[], values: ValueResolver, diagnostics: Diagnostic[]): CustomMcpResult {
  const base: PathSegment[] = ['autoClaude', 'customMcpServers'];
  const servers: Obj[] = [];
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  list.forEach((entry, i) => {
    const at = [...base, i];
    const problems: { code: DiagnosticCode; message: string; path: PathSegment[]; key?: boolean; hint?: string }[] = [];
    const fail = (code: DiagnosticCode, message: string, path: PathSegment[], hint?: string, key = false): void => {
      problems.push(hint === undefined ? { code, message, path, key } : { code, message, path, key, hint });
    };
    if (!isMapping(entry)) {
      diagnostics.push(error('SCHEMA_TYPE', 'a custom MCP server must be a mapping with id, name and type', values.position(at)));
      return;
    }
    const id = entry['id'];
    const label = customMcpLabel(entry, i);
    for (const field of ['id', 'name', 'type'] as const) {
      const v = entry[field];
      if (v === undefined) fail('SCHEMA_REQUIRED', `${label} has no "${field}"; Auto-Claude drops it`, at);
      else if (typeof v !== 'string' || v === '') fail('SCHEMA_TYPE', `${label}: "${field}" must be a non-empty string`, [...at, field]);
    }
    if (typeof id === 'string' && id) {
      ids.add(id);
      const first = seen.get(id);
      if (first !== undefined) fail('SCHEMA_INVALID', `${label} is defined twice (entries ${first + 1} and ${i + 1})`, [...at, 'id'], 'give each custom MCP server its own id');
      else seen.set(id, i);
    }
    for (const key of Object.keys(entry)) {
      if (!(CUSTOM_MCP_FIELDS as readonly string[]).includes(key)) {
        fail('SCHEMA_UNKNOWN_KEY', `${label}: Auto-Claude accepts only ${CUSTOM_MCP_FIELDS.join(', ')}, not "${key}", and drops the server`, [...at, key], undefined, true);
      }
    }
    const type = entry['type'];
    if (typeof type === 'string' && type !== '' && type !== 'command' && type !== 'http') {
      fail('SCHEMA_ENUM', `${label}: type must be "command" or "http", not ${JSON.stringify(type)}`, [...at, 'type']);
    }
    if (type === 'command') checkCommand(entry, at, label, fail);
    let headers: Obj | undefined;
    if (type === 'http') {
      const url = entry['url'];
      if (typeof url !== 'string' || url === '') fail(url === undefined ? 'SCHEMA_REQUIRED' : 'SCHEMA_TYPE', `${label}: an http server needs a "url" string`, url === undefined ? at : [...at, 'url']);
    }
    if (entry['headers'] !== undefined) {
      const raw = entry['headers'];
      if (!isMapping(raw)) {
        fail('SCHEMA_TYPE', `${label}: "headers" must map header names to strings`, [...at, 'headers']);
      } else {
        headers = {};
        for (const [name, v] of Object.entries(raw)) {
          const path = [...at, 'headers', name];
          if (typeof v !== 'string' && secretName(v) === undefined) {
            fail('SCHEMA_TYPE', `${label}: header "${name}" must be a string or a secret reference`, path);
            continue;
          }
          // An undecryptable secret is reported by the resolver; the header is left out.
          const text = values.text(v, path, `header "${name}" of ${label}`);
          if (text !== undefined) Object.defineProperty(headers, name, { value: text, enumerable: true, writable: true, configurable: true });
        }
      }
    }
    if (entry['description'] !== undefined && typeof entry['description'] !== 'string') fail('SCHEMA_TYPE', `${label}: "description" must be a string`, [...at, 'description']);

    for (const p of problems) diagnostics.push(error(p.code, p.message, values.position(p.path, p.key), p.hint));
    if (problems.length > 0) return;
    const out: Obj = {};
    for (const field of CUSTOM_MCP_FIELDS) {
      const v = field === 'headers' ? headers : entry[field];
      if (v !== undefined) out[field] = v;
    }
    servers.push(out);
  });
  return { servers, ids };
}

function checkCommand(entry: Obj, at: PathSegment[], label: string, fail: (code: DiagnosticCode, message: string, path: PathSegment[], hint?: string) => void): void {
  const command = entry['command'];
  if (command === undefined) {
    fail('SCHEMA_REQUIRED', `${label}: a command server needs a "command"`, at);
  } else if (typeof command !== 'string' || !CUSTOM_MCP_COMMANDS.includes(command)) {
    fail('SCHEMA_ENUM', `${label}: Auto-Claude starts only ${CUSTOM_MCP_COMMANDS.join(', ')} (bare names, no path), not ${JSON.stringify(command)}`, [...at, 'command'],
      'run the server through one of these, e.g. `command: npx` with the package in args');
  }
  const args = entry['args'];
  if (args === undefined) return;
  if (!Array.isArray(args)) {
    fail('SCHEMA_TYPE', `${label}: "args" must be a list of strings`, [...at, 'args']);
    return;
  }
  args.forEach((arg, j) => {
    if (typeof arg !== 'string') fail('SCHEMA_TYPE', `${label}: every arg must be a string`, [...at, 'args', j]);
    else if (isCodeRunningArg(arg)) {
      const problem = codeRunningArgProblem(label, arg);
      fail('SCHEMA_INVALID', problem.message, [...at, 'args', j], problem.hint);
    }
  });
}
