import { AGENT_DEFAULTS } from '../core/auto-claude/agent-defaults.js';
import { ALWAYS_KEPT_MCP, mapMcpName } from '../core/auto-claude/mcp-names.js';
import { isMapping, secretName } from '../core/values.js';
import { error, hasErrors } from '../diagnostics.js';
import { parseDotenv, type EnvEntry } from '../import/auto-claude/dotenv.js';
import { mapEnv, secretPool } from '../import/auto-claude/env-map.js';
import { SecretRef } from '../import/model.js';
import { positionOf, type PathSegment } from '../load/yaml-file.js';
import { emptyReport, type AdoptContext, type FileReport } from './model.js';

const AGENT_MCP = /^AGENT_MCP_(.+)_(ADD|REMOVE)$/;
const dec = new TextDecoder();

/**
 * Takes a drifted `.auto-claude/.env` back into the YAML. The file is read as the import reads it
 * (python-dotenv rules, then the import's key → `autoClaude` mapping), compared key by key with what
 * the build writes: a changed or new value is taken (secrets into `secrets/`, never into YAML), a
 * key the file lost is reported and stays in the YAML. AGENT_MCP_<type>_* go to the agent config.
 */
export function adoptEnv(ctx: AdoptContext): FileReport {
  const report = emptyReport(ctx.project.name, ctx.output.path);
  const parsed = parseDotenv(dec.decode(ctx.disk), ctx.shown);
  ctx.diagnostics.push(...parsed.diagnostics);
  if (hasErrors(parsed.diagnostics)) return report;
  const rendered = new Map(parseDotenv(typeof ctx.output.content === 'string' ? ctx.output.content : dec.decode(ctx.output.content), ctx.shown).entries.map((e) => [e.key, e]));
  const disk = new Map(parsed.entries.map((e) => [e.key, e]));
  report.dropped = [...rendered.keys()].filter((k) => !disk.has(k));

  const agentTypes = new Map<string, EnvEntry>();
  for (const entry of parsed.entries) {
    const before = rendered.get(entry.key);
    if (before?.value === entry.value) continue;
    if (!before && entry.value === '') {
      report.ignored.push(entry.key);
      continue;
    }
    const agent = AGENT_MCP.exec(entry.key);
    if (agent) {
      if (!agentTypes.has(agent[1]!)) agentTypes.set(agent[1]!, entry);
      continue;
    }
    adoptKey(ctx, entry, before, report);
  }
  // Both lists of a type together: the runtime applies ADD, then REMOVE, to its built-in servers.
  for (const [type, entry] of agentTypes) {
    const list = (suffix: 'ADD' | 'REMOVE'): EnvEntry | undefined => disk.get(`AGENT_MCP_${type}_${suffix}`) ?? rendered.get(`AGENT_MCP_${type}_${suffix}`);
    adoptAgentMcp(ctx, type, list('ADD'), list('REMOVE'), entry, report);
  }
  return report;
}

/** One key other than AGENT_MCP_*: where the import puts its new value, and where its old one is. */
function adoptKey(ctx: AdoptContext, entry: EnvEntry, before: EnvEntry | undefined, report: FileReport): void {
  const next = placement(ctx, entry);
  if (!next) return;
  // The rendered entry is ccm's own output: only where it maps to matters, not what the reader says of it.
  const previous = before ? placement(ctx, before, []) : undefined;
  const file = ctx.project.file;
  const oldYaml = previous ? valueAt(file.value, ['autoClaude', ...previous.path]) : undefined;
  if (previous && oldYaml === undefined) {
    ctx.diagnostics.push(error('ADOPT_CONFLICT', `${entry.key} was changed outside ccm, but its value does not come from autoClaude.${previous.path.join('.')} of ${file.path}, so adopt cannot tell where the change belongs; nothing was adopted`,
      { file: ctx.shown, line: entry.line, col: 1 }, 'put the change into the YAML by hand, or run `ccm build --force` to overwrite the file'));
    return;
  }
  const secretsBefore = report.secretKeys.length;
  const value = withSecrets(ctx, entry.key, next.value, oldYaml, previous?.value, ['autoClaude', ...next.path], report);
  if (value === CONFLICT) return;
  const samePlace = previous !== undefined && samePath(previous.path, next.path);
  if (!samePlace || JSON.stringify(value) !== JSON.stringify(oldYaml)) {
    if (previous && !samePlace) ctx.edits.delete(file, ['autoClaude', ...previous.path]);
    ctx.edits.set(file, ['autoClaude', ...next.path], value);
  }
  const secret = report.secretKeys.length > secretsBefore;
  report.taken.push({ key: entry.key, into: secret && secretName(value) ? `secrets/${secretName(value)!}.age` : `${file.path}: autoClaude.${next.path.join('.')}` });
}

const CONFLICT = Symbol('conflict');

/**
 * The YAML value for a new value: a SecretRef of the import (a secret key) or a value where the YAML
 * holds `{secret: NAME}` becomes `{secret: NAME}`, its value going to secrets/ (an existing secret
 * gets the new value, unless it is used elsewhere too: then it is a conflict). Lists and maps
 * (CUSTOM_MCP_SERVERS with headers) are walked in step with what the YAML holds.
 */
function withSecrets(ctx: AdoptContext, key: string, next: unknown, oldYaml: unknown, oldValue: unknown, at: PathSegment[], report: FileReport): unknown {
  const existing = secretName(oldYaml);
  if (next instanceof SecretRef || (typeof next === 'string' && existing !== undefined)) {
    const value = next instanceof SecretRef ? next.draft.value : next;
    if (!report.secretKeys.includes(key)) report.secretKeys.push(key);
    if (existing === undefined) return { secret: ctx.secrets.create(next instanceof SecretRef ? next.draft.name : key, ctx.project.name, value) };
    const old = oldValue instanceof SecretRef ? oldValue.draft.value : oldValue;
    if (old === value) return { secret: existing };
    const uses = ctx.sharing.secretUses(existing);
    if (uses.projects.length > 1 || uses.inAutoClaude > 1) {
      ctx.diagnostics.push(error('ADOPT_CONFLICT', `${key} has a new value in ${ctx.shown}, but its secret ${existing} (secrets/${existing}.age) is used ${uses.projects.length > 1 ? `by the projects ${uses.projects.join(', ')}` : 'in more than one place'}; taking the value would change those too, so nothing was adopted`,
        positionOf(ctx.project.file, [...at, 'secret']), `give this project its own secret (\`ccm secrets set NAME\`, then \`${key}: {secret: NAME}\`), or run \`ccm build --force\` to keep the shared value`));
      return CONFLICT;
    }
    ctx.secrets.update(existing, value);
    return { secret: existing };
  }
  if (Array.isArray(next)) {
    const out: unknown[] = [];
    for (let i = 0; i < next.length; i++) {
      const v = withSecrets(ctx, key, next[i], Array.isArray(oldYaml) ? oldYaml[i] : undefined, Array.isArray(oldValue) ? oldValue[i] : undefined, [...at, i], report);
      if (v === CONFLICT) return CONFLICT;
      out.push(v);
    }
    return out;
  }
  if (isMapping(next)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) {
      const w = withSecrets(ctx, key, v, isMapping(oldYaml) ? oldYaml[k] : undefined, isMapping(oldValue) ? oldValue[k] : undefined, [...at, k], report);
      if (w === CONFLICT) return CONFLICT;
      Object.defineProperty(out, k, { value: w, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return next;
}

/**
 * AGENT_MCP_<type>_ADD/_REMOVE become the `mcp_servers` of the project's `<type>` agent config, as
 * the import folds them, provided no other project selects that config.
 */
function adoptAgentMcp(ctx: AdoptContext, type: string, add: EnvEntry | undefined, remove: EnvEntry | undefined, changed: EnvEntry, report: FileReport): void {
  const config = ctx.project.components['auto-claude-agent-config'].find((c) => c.name === type);
  const at = { file: ctx.shown, line: changed.line, col: 1 };
  if (!AGENT_DEFAULTS[type] || !config) {
    ctx.diagnostics.push(error('ADOPT_CONFLICT', `${changed.key} was changed outside ccm, but project "${ctx.project.name}" selects no agent config "${type}" to hold it, so the change cannot be expressed; nothing was adopted`,
      at, `add components/auto-claude/agent-configs/${type}.yaml (\`ccm import auto-claude\` writes them), select it in the project, and adopt again`));
    return;
  }
  const users = ctx.sharing.projectsSelecting(config);
  if (users.length > 1) {
    ctx.diagnostics.push(error('ADOPT_CONFLICT', `${changed.key} was changed in ${ctx.shown}:${changed.line}, but agent config "${type}" is selected by the projects ${users.join(', ')}; taking the change would change them all, so nothing was adopted`,
      positionOf(config.file, ['mcp_servers'], true), `give project "${ctx.project.name}" its own agent config for "${type}", or run \`ccm build --force\` to keep the shared servers`));
    return;
  }
  const membership = applyOverride(AGENT_DEFAULTS[type].mcp_servers, add, remove);
  const current = Array.isArray(config.file.value['mcp_servers']) ? (config.file.value['mcp_servers'] as string[]).map(serverOf) : undefined;
  if (!current || [...current].sort().join(',') !== [...membership].sort().join(',')) ctx.edits.set(config.file, ['mcp_servers'], membership);
  for (const e of [add, remove]) if (e) report.taken.push({ key: e.key, into: `${config.file.path}: mcp_servers` });
}

/** The runtime's order of operations: the registered list, then ADD appended, then REMOVE taken out (never auto-claude). */
function applyOverride(registered: readonly string[], add: EnvEntry | undefined, remove: EnvEntry | undefined): string[] {
  const out = registered.map(serverOf);
  for (const s of names(add)) if (!out.includes(s)) out.push(s);
  const removed = new Set(names(remove).filter((s) => s !== ALWAYS_KEPT_MCP));
  return out.filter((s) => !removed.has(s));
}

function names(entry: EnvEntry | undefined): string[] {
  return (entry?.value ?? '').split(',').map((s) => serverOf(s.trim())).filter(Boolean);
}

function serverOf(name: string): string {
  return mapMcpName(name) ?? name;
}

/** Where the import puts one entry: the path below `autoClaude` and the value (SecretRefs for secrets). */
function placement(ctx: AdoptContext, entry: EnvEntry, diagnostics = ctx.diagnostics): { path: string[]; value: unknown } | undefined {
  const mapped = mapEnv([entry], ctx.shown, ctx.project.name, secretPool());
  diagnostics.push(...mapped.diagnostics);
  if (hasErrors(mapped.diagnostics)) return undefined;
  const path: string[] = [];
  let value: unknown = mapped.autoClaude;
  // The import's mapping of one entry is a chain of one-key maps down to the value.
  while (isMapping(value) && !(value instanceof SecretRef) && Object.keys(value).length === 1) {
    const [k, v] = Object.entries(value)[0]!;
    path.push(k);
    value = v;
  }
  return path.length > 0 ? { path, value } : undefined;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) v = isMapping(v) ? v[seg as string] : Array.isArray(v) ? v[seg as number] : undefined;
  return v;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
