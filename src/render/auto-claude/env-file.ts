import { error, warning, type Diagnostic, type SourcePosition } from '../../diagnostics.js';
import type { PathSegment } from '../../load/yaml-file.js';
import type { ResolvedProject } from '../../resolve/types.js';
import type { TemplateEngine } from '../engine.js';
import { finalizeText } from '../final-text.js';
import type { OutputFile, SecretLookup } from '../types.js';
import { FIELD_KEYS } from '../../core/auto-claude/env-reach.js';
import { agentMcpDeltas } from './agent-mcp.js';
import { reachDiagnostic, type ReachContext } from './env-reach-warnings.js';
import { customMcpServers } from './custom-mcp.js';
import { formatEnvJson, formatEnvValue, hasLineBreak } from './dotenv.js';
import { formatPosition, isMapping, ValueResolver } from './values.js';
import type { AutoClaudeProject } from '../../generated/index.js';

export const ENV_TEMPLATE = 'auto-claude/env.hbs';
export const ENV_PATH = '.auto-claude/.env';

/** autoClaude.mcp field → .env key, in the order the keys are written (the reach table's). */
const MCP_TOGGLES: readonly (readonly [string, string])[] = FIELD_KEYS.filter((r) => r.field[0] === 'mcp').map((r) => [r.field[1]!, r.key]);

/** autoClaude.integrations.<name>.<field> → .env key, groups in this order, keys in the reach table's. */
const INTEGRATIONS = [['linear', 'Linear'], ['github', 'GitHub'], ['gitlab', 'GitLab']].map(([name, title]) => ({
  name: name!, title: title!,
  keys: FIELD_KEYS.filter((r) => r.field[0] === 'integrations' && r.field[1] === name).map((r) => [r.field[2]!, r.key] as const),
}));

interface EnvEntry {
  key: string;
  /** The value as written to the file (quoted where needed). */
  value: string;
}

interface EnvGroup {
  title: string;
  entries: EnvEntry[];
}

/** Where a key was set, for CONFLICT messages. */
interface Place {
  what: string;
  at: SourcePosition;
}

/**
 * `.auto-claude/.env` of one project. Keys are written in groups, in this fixed order:
 * 1. USE_CLAUDE_MD;
 * 2. MCP toggles CONTEXT7_ENABLED, LINEAR_MCP_ENABLED, ELECTRON_MCP_ENABLED, PUPPETEER_MCP_ENABLED (those set);
 * 3. AGENT_MCP_<agent_type>_ADD then _REMOVE per selected agent config, by agent type (non-empty lists only);
 * 4. CUSTOM_MCP_SERVERS (one line of JSON);
 * 5. Linear, GitHub and GitLab keys, each in the order of the integrations table above;
 * 6. autoClaude.env in the order written.
 * A key that two of these set is a CONFLICT; the first one is kept. Returns no file when no key
 * is set at all, so that ccm never creates `.auto-claude/` (the app's "initialised" marker) for nothing.
 */
export function renderEnvFile(project: ResolvedProject, engine: TemplateEngine, secrets: SecretLookup | undefined, diagnostics: Diagnostic[]): OutputFile | undefined {
  const ac: AutoClaudeProject = project.autoClaude ?? {};
  const values = new ValueResolver(project.file, secrets, diagnostics);
  const groups: EnvGroup[] = [];
  const places = new Map<string, Place>();
  let current: EnvGroup | undefined;
  const secretKeys = new Set<string>();
  const keySources: Record<string, string> = {};
  const modelProfile = ac.modelProfile;
  const reach: ReachContext = modelProfile ? { modelProfile: { name: modelProfile, at: values.position(['autoClaude', 'modelProfile']) } } : {};
  // Secrets used since the last `set`: a key's value is evaluated just before `set` receives it.
  let accounted = 0;
  const secretsSinceLastSet = (): string[] => values.secretsUsed.slice(accounted, (accounted = values.secretsUsed.length));

  const group = (title: string): void => {
    current = { title, entries: [] };
    groups.push(current);
  };
  const set = (key: string, raw: string | undefined, place: Place, formatted?: string, secrets = secretsSinceLastSet()): void => {
    if (raw === undefined || !current) return;
    const previous = places.get(key);
    if (previous) {
      diagnostics.push(error('CONFLICT', `"${key}" is set twice: by ${previous.what} (${formatPosition(previous.at)}) and by ${place.what}`, place.at,
        `keep one of the two; ${previous.what} is where ccm expects it`));
      return;
    }
    places.set(key, place);
    keySources[key] = `${place.at.file}:${place.at.line ?? 1}`;
    const unreached = reachDiagnostic(key, raw, place.at, reach);
    if (unreached) diagnostics.push(unreached);
    if (secrets.length > 0) secretKeys.add(key);
    if (formatted !== undefined) {
      current.entries.push({ key, value: formatted });
      return;
    }
    if (hasLineBreak(raw) && secrets.length > 0) {
      const name = secrets[0]!;
      diagnostics.push(error('ENV_VALUE_MULTILINE', `the value of secret ${name} (secrets/${name}.age), used for ${key}, has a line break inside; .auto-claude/.env holds one line per key`, place.at,
        `store the value on one line: \`ccm secrets edit ${name}\` (one final line break is dropped, any other is part of the value)`));
      return;
    }
    if (hasLineBreak(raw)) {
      diagnostics.push(error('ENV_VALUE_MULTILINE', `the value of ${key} has a line break; .auto-claude/.env holds one line per key`, place.at,
        'write the value on one line'));
      return;
    }
    const { text, lossy } = formatEnvValue(raw);
    if (lossy) {
      diagnostics.push(warning('AC_FIELD_NOT_APPLIED', `the value of ${key} mixes quote characters (or quotes and backslashes) so that no .env quoting reads the same everywhere: python-dotenv gets it back exactly, but the Auto-Claude app sees the backslashes ccm added`,
        place.at, 'use only one kind of quote character in this value, and no backslash next to it'));
    }
    current.entries.push({ key, value: text });
  };
  const field = (path: PathSegment[]): Place => ({ what: `autoClaude.${path.join('.')}`, at: values.position(['autoClaude', ...path]) });
  const scalar = (path: PathSegment[], key: string): string | undefined => {
    let v: unknown = ac;
    for (const seg of path) v = isMapping(v) ? v[seg] : undefined;
    return v === undefined ? undefined : values.text(v, ['autoClaude', ...path], key);
  };

  group('CLAUDE.md: append the project\'s CLAUDE.md to every agent\'s system prompt');
  set('USE_CLAUDE_MD', scalar(['useClaudeMd'], 'USE_CLAUDE_MD'), field(['useClaudeMd']));

  group('Built-in MCP servers on or off');
  for (const [name, key] of MCP_TOGGLES) set(key, scalar(['mcp', name], key), field(['mcp', name]));

  const custom = ac.customMcpServers ? customMcpServers(ac.customMcpServers, values) : undefined;
  const customSecrets = secretsSinceLastSet();

  group('MCP servers per agent type: agent configs compared with Auto-Claude\'s built-in AGENT_CONFIGS, then autoClaude.agents');
  const configs = project.components['auto-claude-agent-config'];
  for (const delta of agentMcpDeltas(project, diagnostics)) {
    const place: Place = { what: delta.what, at: delta.at };
    if (delta.add.length > 0) set(`AGENT_MCP_${delta.agentType}_ADD`, delta.add.join(','), place);
    if (delta.remove.length > 0) set(`AGENT_MCP_${delta.agentType}_REMOVE`, delta.remove.join(','), place);
  }

  group('Custom MCP servers: an agent gets one only when its AGENT_MCP_<agent_type>_ADD names the id');
  if (custom) set('CUSTOM_MCP_SERVERS', '', field(['customMcpServers']), formatEnvJson(custom.servers), customSecrets);

  const integrations: Readonly<Record<string, unknown>> = ac.integrations ?? {};
  for (const integration of INTEGRATIONS) {
    group(`${integration.title} integration`);
    if (integrations[integration.name] === undefined) continue;
    for (const [name, key] of integration.keys) {
      const path = ['integrations', integration.name, name];
      set(key, scalar(path, key), field(path));
    }
  }

  group('Other settings (autoClaude.env)');
  for (const [key, v] of Object.entries(ac.env ?? {})) set(key, values.text(v, ['autoClaude', 'env', key], key), field(['env', key]));

  const nonEmpty = groups.filter((g) => g.entries.length > 0);
  if (nonEmpty.length === 0) return undefined;
  const context = { vars: project.variables, project: project.name, source: project.file.path, groups: nonEmpty };
  const text = engine.render(ENV_TEMPLATE, context, diagnostics);
  if (text === undefined) return undefined;
  const sources = [...new Set([project.file.path, ...configs.map((c) => c.file.path), engine.sourceOf(ENV_TEMPLATE)])];
  const file: OutputFile = { path: ENV_PATH, content: finalizeText(text), sources, keySources };
  if (values.usedSecret) {
    file.secret = true;
    file.secretKeys = [...secretKeys].sort();
  }
  return file;
}
