import { AGENT_DEFAULTS, AGENT_TYPES } from '../../core/auto-claude/agent-defaults.js';
import { FIELD_KEYS, type EnvShape } from '../../core/auto-claude/env-reach.js';
import { ALWAYS_KEPT_MCP, mapMcpName, unmappedMcpName } from '../../core/auto-claude/mcp-names.js';
import { CUSTOM_MCP_COMMANDS, CUSTOM_MCP_FIELDS, isCodeRunningArg } from '../../core/auto-claude/custom-mcp-rules.js';
import { NAME_SEGMENT, SECRET_NAME } from '../../core/kinds.js';
import { error, warning, type Diagnostic } from '../../diagnostics.js';
import { SecretRef, type SecretDraft } from '../model.js';
import type { EnvEntry } from './dotenv.js';

/** Keys whose values are secrets (the (S) keys of Auto-Claude's environment). */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'LINEAR_API_KEY', 'GITHUB_TOKEN', 'GITHUB_BOT_TOKEN', 'GITLAB_TOKEN',
  'OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY', 'VOYAGE_API_KEY', 'GOOGLE_API_KEY', 'OPENROUTER_API_KEY', 'GROQ_API_KEY',
]);
/** Any other key that names a credential is treated as one too. */
const SECRET_PATTERN = /(TOKEN|API_KEY|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|CREDENTIALS?)$/;

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key) || SECRET_PATTERN.test(key);
}

const BOOL = /^(true|false)$/;
/** .env key → autoClaude.mcp.<name>, from the reach table. */
const MCP_TOGGLES: Record<string, string> = Object.fromEntries(FIELD_KEYS.filter((r) => r.field[0] === 'mcp').map((r) => [r.key, r.field[1]!]));

type Kind = Exclude<EnvShape, 'list'>;
/** .env key → autoClaude.integrations.<group>.<field>, with the value shape the schema requires (the reach table's). */
const INTEGRATION_KEYS: Record<string, [string, string, Kind]> = Object.fromEntries(
  FIELD_KEYS.filter((r) => r.field[0] === 'integrations').map((r) => [r.key, [r.field[1]!, r.field[2]!, (r.shape ?? 'string') as Kind]]),
);

export interface MappedEnv {
  autoClaude: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/** Secrets found so far in this import, so that one value under one name is stored once. */
export interface SecretPool {
  add(name: string, value: string, source: string, project: string): SecretDraft;
  all(): SecretDraft[];
}

export function secretPool(): SecretPool {
  const drafts: SecretDraft[] = [];
  return {
    add(name, value, source, project) {
      const same = drafts.find((d) => d.value === value && (d.name === name || d.name.startsWith(`${name}_`)));
      if (same) return same;
      let wanted = name;
      if (drafts.some((d) => d.name === wanted)) wanted = `${name}_${secretSegment(project)}`;
      for (let n = 2; drafts.some((d) => d.name === wanted); n++) wanted = `${name}_${secretSegment(project)}_${n}`;
      const draft = { name: wanted, value, source };
      drafts.push(draft);
      return draft;
    },
    all: () => drafts,
  };
}

/** Upper-case letters, digits and `_`: a fragment usable in a secret name. */
export function secretSegment(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'X';
}

/**
 * Turns a project's .env entries into its `autoClaude` mapping. A value goes into its typed field
 * (`useClaudeMd`, `mcp.*`, `integrations.*`) only when the build would write it back exactly
 * (`true`/`false` for booleans, a canonical integer, the schema's patterns); anything else goes
 * into `env` as the string it is. Secret values become `{secret: NAME}` references (the value goes
 * to the pool, never into YAML). AGENT_MCP_* entries become `agents.<type>.mcp.add/remove`.
 */
export function mapEnv(entries: readonly EnvEntry[], file: string, project: string, secrets: SecretPool): MappedEnv {
  const diagnostics: Diagnostic[] = [];
  const ac: Record<string, unknown> = {};
  const env: Record<string, unknown> = {};
  const agentMcp: EnvEntry[] = [];
  const group = (name: string): Record<string, unknown> => (ac[name] ??= {}) as Record<string, unknown>;
  const secretRef = (name: string, value: string, line: number): SecretRef => new SecretRef(secrets.add(name, value, `${file}:${line}`, project));
  const toEnv = (e: EnvEntry): void => {
    if (!SECRET_NAME.test(e.key)) {
      diagnostics.push(error('IMPORT_SKIPPED', `${e.key} is not an environment-variable name ccm can hold (upper-case letters, digits and "_"); it is not imported`,
        { file, line: e.line, col: 1 }, 'rename the key, or set it another way'));
      return;
    }
    Object.defineProperty(env, e.key, { value: isSecretKey(e.key) && e.value !== '' ? secretRef(e.key, e.value, e.line) : e.value, enumerable: true, writable: true, configurable: true });
  };

  for (const e of entries) {
    if (/^AGENT_MCP_.+_(ADD|REMOVE)$/i.test(e.key)) {
      agentMcp.push(e);
      continue;
    }
    if (e.key === 'USE_CLAUDE_MD' && BOOL.test(e.value)) {
      ac['useClaudeMd'] = e.value === 'true';
      continue;
    }
    const toggle = MCP_TOGGLES[e.key];
    if (toggle && BOOL.test(e.value)) {
      group('mcp')[toggle] = e.value === 'true';
      continue;
    }
    if (e.key === 'CUSTOM_MCP_SERVERS' && e.value.trim() !== '') {
      const servers = customServers(e, file, project, secrets, diagnostics);
      if (servers) ac['customMcpServers'] = servers;
      continue;
    }
    const integration = INTEGRATION_KEYS[e.key];
    if (integration) {
      const [name, field, kind] = integration;
      const v = typed(e.value, kind);
      if (v !== undefined) {
        const integrations = group('integrations');
        const target = (integrations[name] ??= {}) as Record<string, unknown>;
        target[field] = kind === 'secret' ? secretRef(e.key, e.value, e.line) : v;
        continue;
      }
    }
    toEnv(e);
  }
  const servers = Array.isArray(ac['customMcpServers']) ? (ac['customMcpServers'] as Record<string, unknown>[]) : [];
  const agents = agentOverrides(agentMcp, new Set(servers.map((s) => s['id'] as string)), file, diagnostics);
  if (Object.keys(agents).length > 0) ac['agents'] = agents;
  if (Object.keys(env).length > 0) ac['env'] = env;
  return { autoClaude: orderAutoClaude(ac), diagnostics };
}

/**
 * AGENT_MCP_<agent_type>_ADD/_REMOVE as `agents.<type>.mcp.add/remove`, each name as written and
 * in its order, which the build writes back unchanged. What the runtime ignores is reported and
 * left out (so the YAML validates and means what the file meant): a key in another case than the
 * agent type's, an unknown agent type, a name it cannot map that is no custom server id, a
 * REMOVE of auto-claude, an ADD of a name the same REMOVE takes away again.
 */
function agentOverrides(entries: readonly EnvEntry[], customIds: ReadonlySet<string>, file: string, diagnostics: Diagnostic[]): Record<string, unknown> {
  const lists = new Map<string, { add?: { e: EnvEntry; names: string[] }; remove?: { e: EnvEntry; names: string[] } }>();
  const dropped = (e: EnvEntry, name: string, why: string): void => {
    diagnostics.push(warning('IMPORT_NOT_EXACT', `${e.key} names "${name}", ${why}; it is left out`, { file, line: e.line, col: 1 }));
  };
  const server = (n: string): string => mapMcpName(n) ?? n;
  for (const e of entries) {
    const m = /^AGENT_MCP_(.+)_(ADD|REMOVE)$/i.exec(e.key)!;
    const written = m[1]!;
    const list = m[2]!.toUpperCase() === 'ADD' ? 'add' : 'remove';
    if (!AGENT_DEFAULTS[written] || m[2] !== m[2]!.toUpperCase()) {
      const type = AGENT_TYPES.find((t) => t.toLowerCase() === written.toLowerCase());
      diagnostics.push(error('IMPORT_SKIPPED', type
        ? `${e.key} is never read: Auto-Claude reads the exact-case key AGENT_MCP_${type}_${list.toUpperCase()}; it is not imported`
        : `${e.key} names agent type "${written}", which ccm does not know (it knows Auto-Claude v2.7.5's agent types); it is not imported`,
      { file, line: e.line, col: 1 }, type ? `to keep it, add autoClaude.agents.${type}.mcp.${list} to the project after the import` : undefined));
      continue;
    }
    const names: string[] = [];
    for (const name of e.value.split(',').map((n) => n.trim()).filter(Boolean)) {
      if (!NAME_SEGMENT.test(name)) dropped(e, name, 'which cannot be a server name in ccm');
      else if (unmappedMcpName(name, customIds)) dropped(e, name, 'which Auto-Claude cannot map and which is no CUSTOM_MCP_SERVERS id, so the runtime ignores it');
      else if (list === 'remove' && server(name) === ALWAYS_KEPT_MCP) dropped(e, name, 'which Auto-Claude never removes');
      else if (!names.some((n) => server(n) === server(name))) names.push(name);
    }
    lists.set(written, { ...lists.get(written), [list]: { e, names } });
  }
  const agents: Record<string, { mcp: { add?: string[]; remove?: string[] } }> = {};
  for (const [type, { add, remove }] of [...lists].sort(([a], [b]) => a.localeCompare(b))) {
    const removed = new Set((remove?.names ?? []).map(server));
    // The runtime applies ADD, then REMOVE: a name in both ends up removed.
    for (const n of (add?.names ?? []).filter((n) => removed.has(server(n)))) dropped(add!.e, n, `which ${remove!.e.key} removes again`);
    const mcp: { add?: string[]; remove?: string[] } = {};
    const kept = (add?.names ?? []).filter((n) => !removed.has(server(n)));
    if (kept.length > 0) mcp.add = kept;
    if (remove && remove.names.length > 0) mcp.remove = remove.names;
    if (mcp.add || mcp.remove) agents[type] = { mcp };
  }
  return agents;
}

function typed(value: string, kind: Kind): unknown {
  if (value === '') return undefined;
  if (kind === 'string' || kind === 'secret') return value;
  if (kind === 'bool') return BOOL.test(value) ? value === 'true' : undefined;
  if (kind === 'int') return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
  return kind.test(value) ? value : undefined;
}


/**
 * CUSTOM_MCP_SERVERS as `customMcpServers`: entries the runtime would drop (and ccm's schema
 * rejects) are reported and left out; every header value becomes a secret.
 */
function customServers(e: EnvEntry, file: string, project: string, secrets: SecretPool, diagnostics: Diagnostic[]): unknown[] | undefined {
  const at = { file, line: e.line, col: 1 };
  let list: unknown;
  try {
    list = JSON.parse(e.value);
  } catch (cause) {
    diagnostics.push(error('IMPORT_SYNTAX', `CUSTOM_MCP_SERVERS is not valid JSON (${(cause as Error).message}); it is not imported`, at));
    return undefined;
  }
  if (!Array.isArray(list)) {
    diagnostics.push(error('IMPORT_SYNTAX', 'CUSTOM_MCP_SERVERS is not a JSON array; it is not imported', at));
    return undefined;
  }
  const out: unknown[] = [];
  list.forEach((entry, i) => {
    const problem = customServerProblem(entry);
    const label = typeof entry === 'object' && entry !== null && typeof (entry as Record<string, unknown>)['id'] === 'string' ? `"${(entry as Record<string, unknown>)['id'] as string}"` : `#${i + 1}`;
    if (problem) {
      diagnostics.push(warning('IMPORT_SKIPPED', `custom MCP server ${label} in CUSTOM_MCP_SERVERS ${problem}; Auto-Claude drops such an entry, so it is not imported`, at));
      return;
    }
    const server = entry as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(server)) {
      if (k !== 'headers') {
        copy[k] = v;
        continue;
      }
      const headers: Record<string, unknown> = {};
      for (const [h, hv] of Object.entries(v as Record<string, string>)) {
        headers[h] = hv === '' ? hv : new SecretRef(secrets.add(`${secretSegment(server['id'] as string)}_${secretSegment(h)}`, hv, `${file}:${e.line}`, project));
      }
      copy[k] = headers;
    }
    out.push(copy);
  });
  return out;
}

function customServerProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'is not an object';
  const s = entry as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!(CUSTOM_MCP_FIELDS as readonly string[]).includes(k)) return `has the field "${k}"`;
  if (typeof s['id'] !== 'string' || !NAME_SEGMENT.test(s['id'])) return 'has no usable id';
  if (typeof s['name'] !== 'string' || s['name'] === '') return 'has no name';
  if (s['description'] !== undefined && typeof s['description'] !== 'string') return 'has a description that is not a string';
  if (s['type'] === 'command') {
    if (typeof s['command'] !== 'string' || !CUSTOM_MCP_COMMANDS.includes(s['command'])) return `has the command ${JSON.stringify(s['command'])}, not one of ${CUSTOM_MCP_COMMANDS.join(', ')}`;
    if (s['args'] !== undefined && (!Array.isArray(s['args']) || s['args'].some((a) => typeof a !== 'string' || isCodeRunningArg(a)))) return 'has args that are not strings or run inline code';
    if (s['url'] !== undefined || s['headers'] !== undefined) return 'is a command server with url or headers';
    return undefined;
  }
  if (s['type'] === 'http') {
    if (typeof s['url'] !== 'string' || !/^https?:\/\/\S+$/.test(s['url'])) return 'has no http(s) url';
    if (s['command'] !== undefined || s['args'] !== undefined) return 'is an http server with command or args';
    const h = s['headers'];
    if (h !== undefined && (typeof h !== 'object' || h === null || Array.isArray(h) || Object.values(h).some((v) => typeof v !== 'string'))) return 'has headers that are not strings';
    return undefined;
  }
  return `has the type ${JSON.stringify(s['type'])}, not "command" or "http"`;
}

/** autoClaude keys in the schema's order, so that files read the same way whatever the .env order. */
function orderAutoClaude(ac: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['useClaudeMd', 'mcp', 'customMcpServers', 'agents', 'integrations', 'env']) {
    if (ac[key] === undefined) continue;
    out[key] = key === 'mcp' ? pick(ac[key] as Record<string, unknown>, ['context7', 'linear', 'electron', 'puppeteer'])
      : key === 'integrations' ? pick(ac[key] as Record<string, unknown>, ['linear', 'github', 'gitlab'])
        : ac[key];
  }
  return out;
}

function pick(map: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (map[k] !== undefined) out[k] = map[k];
  return out;
}
