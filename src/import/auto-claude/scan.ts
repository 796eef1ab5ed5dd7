import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AGENT_DEFAULTS, normalizeMcpName } from '../../core/auto-claude/agent-defaults.js';
import { NAME_SEGMENT } from '../../core/kinds.js';
import { error, warning, type Diagnostic } from '../../diagnostics.js';
import { usageError } from '../../errors.js';
import {
  decodeSource, displayPath, isDirectory, isFile, listFiles, readSource, safeName,
  type ComponentDraft, type ProjectDraft, type RoundTripCheck, type Scan,
} from '../model.js';
import { parseDotenv } from './dotenv.js';
import { mapEnv, secretPool, type AgentMcpOverride, type SecretPool } from './env-map.js';
import { importAllowlist, importSharedJson } from './project-files.js';
import { ALLOWLIST_PATH, SHARED_JSON_FILES } from '../../core/auto-claude/project-files.js';
import { readAgentProfiles, readAgentRegistry, REFERENCE_PROFILES, type ProfileRead } from './registry.js';

export const REGISTRY_PATH = 'agents/tools_pkg/models.py';
/** Python's bytecode caches sit beside prompts in a used installation; they are not prompts. */
const PYTHON_CACHE = new Set(['__pycache__', '.DS_Store']);
export const FRONTEND_MODELS = 'src/shared/constants/models.ts';

/**
 * Reads an Auto-Claude installation (the backend folder holding `prompts/` and
 * `agents/tools_pkg/models.py`) and the given projects. Reads files only; runs nothing.
 */
export function scanAutoClaude(backendArg: string, projectArgs: readonly string[], cwd: string): Scan {
  const backend = resolve(cwd, backendArg);
  const show = (abs: string): string => displayPath(cwd, abs);
  checkBackend(backend, backendArg);

  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const components: ComponentDraft[] = [];
  const checks: RoundTripCheck[] = [];

  // Prompts: every .md below prompts/, subfolders included.
  const promptsDir = join(backend, 'prompts');
  const skipped: string[] = [];
  for (const rel of listFiles(promptsDir, diagnostics, show, PYTHON_CACHE)) {
    const abs = join(promptsDir, rel);
    if (!rel.endsWith('.md')) {
      skipped.push(rel);
      continue;
    }
    const name = rel.slice(0, -3);
    if (!name.split('/').every((s) => NAME_SEGMENT.test(s))) {
      diagnostics.push(error('IMPORT_SKIPPED', `"${name}" cannot be a prompt name in ccm (letters, digits, ".", "_", "-", starting with a letter or digit); it is not imported`, { file: show(abs), line: 1, col: 1 }));
      continue;
    }
    const bytes = readSource(abs, show(abs), diagnostics);
    const text = bytes && decodeSource(bytes, show(abs), diagnostics);
    if (text === undefined) continue;
    components.push({ kind: 'auto-claude-prompt', name, value: promptFields(text), body: text, source: show(abs) });
    checks.push({ path: `prompts/${rel}`, abs, mode: 'bytes' });
  }
  if (skipped.length > 0) notes.push(`prompts/: ${skipped.length} file(s) that are not Markdown were left alone (${listSome(skipped)})`);

  // Agent configs, from the registry literal.
  const registryAbs = join(backend, REGISTRY_PATH);
  const registryBytes = readSource(registryAbs, show(registryAbs), diagnostics);
  const registryText = registryBytes && decodeSource(registryBytes, show(registryAbs), diagnostics);
  const agentConfigs = new Map<string, ComponentDraft>();
  if (registryText !== undefined) {
    const { agents, problems } = readAgentRegistry(registryText);
    for (const p of problems) diagnostics.push(error('IMPORT_SKIPPED', p.message, { file: show(registryAbs), line: p.line, col: 1 }));
    for (const agent of agents) {
      if (!AGENT_DEFAULTS[agent.type]) {
        diagnostics.push(warning('IMPORT_SKIPPED', `agent type "${agent.type}" is not one ccm knows (it knows the ${Object.keys(AGENT_DEFAULTS).length} types of Auto-Claude v2.7.5), so it is not imported`,
          { file: show(registryAbs), line: agent.line, col: 1 }, 'ccm validate rejects unknown agent types; this one keeps its registry value in Auto-Claude'));
        continue;
      }
      const draft: ComponentDraft = { kind: 'auto-claude-agent-config', name: agent.type, value: { description: `Auto-Claude agent "${agent.type}", as registered in AGENT_CONFIGS`, ...agent.fields }, source: `${show(registryAbs)}:${agent.line}` };
      agentConfigs.set(agent.type, draft);
      components.push(draft);
    }
  }

  // Model profiles: the frontend's DEFAULT_AGENT_PROFILES when its source sits beside the backend.
  const frontendAbs = join(dirname(backend), 'frontend', FRONTEND_MODELS);
  let profiles: readonly ProfileRead[] = REFERENCE_PROFILES;
  let profileSource = 'ccm reference table';
  if (isFile(frontendAbs)) {
    const bytes = readSource(frontendAbs, show(frontendAbs), diagnostics);
    const text = bytes && decodeSource(bytes, show(frontendAbs), diagnostics);
    if (text !== undefined) {
      const read = readAgentProfiles(text);
      for (const p of read.problems) diagnostics.push(error('IMPORT_SKIPPED', p.message, { file: show(frontendAbs), line: p.line, col: 1 }));
      profiles = read.profiles;
      profileSource = show(frontendAbs);
      notes.push(`model profiles: read from ${show(frontendAbs)} (DEFAULT_AGENT_PROFILES)`);
    }
  } else {
    notes.push(`model profiles: ${show(frontendAbs)} does not exist, so the four built-in profiles (auto, complex, balanced, quick) come from ccm's reference table of Auto-Claude v2.7.5`);
  }
  for (const p of profiles) {
    components.push({ kind: 'auto-claude-model-profile', name: p.id, value: { ...p.value }, source: p.line ? `${profileSource}:${p.line}` : profileSource });
  }

  // Projects: .auto-claude/.env and CLAUDE.md.
  const secrets = secretPool();
  const projects: ProjectDraft[] = [];
  const overrides: { project: ProjectDraft; override: AgentMcpOverride; file: string }[] = [];
  for (const arg of projectArgs) {
    const dir = resolve(cwd, arg);
    if (!isDirectory(dir)) throw usageError(`--project ${arg}: ${dir} is not a folder`, 'name the project folder that holds .auto-claude/');
    const name = safeName(basename(dir));
    if (projects.some((p) => p.name === name)) throw usageError(`two --project folders are both named "${name}"`, 'import them one at a time, or rename one of the folders');
    const project: ProjectDraft = { name, dir, description: `${basename(dir)} (imported from Auto-Claude)`, targets: ['auto-claude'], selection: [], source: show(dir) };
    projects.push(project);
    const envAbs = join(dir, '.auto-claude', '.env');
    if (isFile(envAbs)) {
      const bytes = readSource(envAbs, show(envAbs), diagnostics);
      const text = bytes && decodeSource(bytes, show(envAbs), diagnostics);
      if (text !== undefined) {
        const parsed = parseDotenv(text, show(envAbs));
        diagnostics.push(...parsed.diagnostics);
        const mapped = mapEnv(parsed.entries, show(envAbs), name, secrets);
        diagnostics.push(...mapped.diagnostics);
        if (Object.keys(mapped.autoClaude).length > 0) project.autoClaude = mapped.autoClaude;
        for (const override of mapped.agentMcp) overrides.push({ project, override, file: show(envAbs) });
        checks.push({ project, path: '.auto-claude/.env', abs: envAbs, mode: 'env' });
      }
    } else {
      notes.push(`${name}: ${show(envAbs)} does not exist; the project gets no Auto-Claude settings`);
    }
    importProjectFiles(project, secrets, diagnostics, checks, show);
    const claudeMd = join(dir, 'CLAUDE.md');
    if (isFile(claudeMd)) {
      const bytes = readSource(claudeMd, show(claudeMd), diagnostics);
      const text = bytes && decodeSource(bytes, show(claudeMd), diagnostics);
      if (text !== undefined) {
        const section: ComponentDraft = { kind: 'claude-md', name, value: { description: `CLAUDE.md of ${basename(dir)}` }, body: text, source: show(claudeMd) };
        components.push(section);
        project.selection.push(section);
        project.targets = ['claude-code', 'auto-claude'];
        checks.push({ project, path: 'CLAUDE.md', abs: claudeMd, mode: 'bytes' });
      }
    }
  }

  foldAgentMcp(overrides, agentConfigs, components, diagnostics);
  return { source: 'auto-claude', components, projects, secrets: secrets.all(), backendDir: backend, diagnostics, notes, checks };
}

/** The GitHub/GitLab runner settings and the allowlist of a project (src/core/auto-claude/project-files.ts). */
function importProjectFiles(project: ProjectDraft, secrets: SecretPool, diagnostics: Diagnostic[], checks: RoundTripCheck[], show: (abs: string) => string): void {
  const read = (abs: string): string | undefined => {
    if (!isFile(abs)) return undefined;
    const bytes = readSource(abs, show(abs), diagnostics);
    return bytes && decodeSource(bytes, show(abs), diagnostics);
  };
  for (const file of SHARED_JSON_FILES) {
    const abs = join(project.dir, file.path);
    const text = read(abs);
    if (text === undefined) continue;
    const imported = importSharedJson(file, text, show(abs), project.name, secrets);
    diagnostics.push(...imported.diagnostics);
    if (imported.fields) (project.autoClaude ??= {})[file.field] = imported.fields;
  }
  const allowlistAbs = join(project.dir, ALLOWLIST_PATH);
  const allowlist = read(allowlistAbs);
  if (allowlist !== undefined) {
    (project.autoClaude ??= {})['allowlist'] = importAllowlist(allowlist);
    checks.push({ project, path: ALLOWLIST_PATH, abs: allowlistAbs, mode: 'allowlist' });
  }
}

function checkBackend(backend: string, arg: string): void {
  const expected = 'an Auto-Claude backend folder holding prompts/ and agents/tools_pkg/models.py (e.g. Auto-Claude/apps/backend)';
  if (!isDirectory(backend)) throw usageError(`${arg} is not a folder; expected ${expected}`);
  const missing = ['prompts', REGISTRY_PATH].filter((p) => (p === 'prompts' ? !isDirectory(join(backend, p)) : !isFile(join(backend, p))));
  if (missing.length === 0) return;
  const candidates = [join('apps', 'backend'), ...listDirs(backend).map((d) => join(d, 'apps', 'backend')), 'backend'];
  const found = candidates.find((c) => isDirectory(join(backend, c, 'prompts')) && isFile(join(backend, c, REGISTRY_PATH)));
  const hint = found ? `did you mean ${join(arg, found)}?` : 'point ccm at the folder of the Auto-Claude checkout that holds prompts/ (apps/backend)';
  throw usageError(`${arg} is not an Auto-Claude backend: it has no ${missing.join(' and no ')}; expected ${expected}`, hint);
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}


const PLACEHOLDER = /\{\{[A-Z][A-Z0-9_]*\}\}/g;
const MARKER = /<!--[^\n]*?INJECTED HERE[^\n]*?-->/g;

/** `description` from the first heading (or line) and the injection points the body holds. */
export function promptFields(text: string): Record<string, unknown> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const heading = lines.find((l) => /^#{1,6}\s+\S/.test(l));
  const first = heading ?? lines.find((l) => l.trim() !== '' && !l.trim().startsWith('<!--'));
  const value: Record<string, unknown> = {};
  if (first) {
    const text1 = first.replace(/^#{1,6}\s+/, '').replace(/[*_`]/g, '').trim();
    value['description'] = text1.length > 120 ? `${text1.slice(0, 117)}...` : text1;
  }
  const points = [...new Set([...(text.match(PLACEHOLDER) ?? []), ...(text.match(MARKER) ?? [])])];
  if (points.length > 0) value['injectionPoints'] = points;
  return value;
}

/**
 * Per-project AGENT_MCP_<type>_ADD/_REMOVE become the `mcp_servers` of the `<type>` agent config,
 * selected by the projects that have them. ccm holds one config per agent type, so when projects
 * override one type differently, the largest group of agreeing projects wins (the first in
 * --project order on a tie) and the others are reported. An override is folded only when the build
 * would write exactly the same lists back (a registry that differs from ccm's built-in table, or
 * a list that names a server twice, cannot be).
 */
function foldAgentMcp(
  overrides: readonly { project: ProjectDraft; override: AgentMcpOverride; file: string }[],
  configs: Map<string, ComponentDraft>,
  components: ComponentDraft[],
  diagnostics: Diagnostic[],
): void {
  const byType = new Map<string, typeof overrides[number][]>();
  for (const o of overrides) byType.set(o.override.agentType, [...(byType.get(o.override.agentType) ?? []), o]);
  for (const [type, list] of byType) {
    const defaults = AGENT_DEFAULTS[type]!;
    const draft = configs.get(type);
    const registered = draft && Array.isArray(draft.value['mcp_servers']) ? (draft.value['mcp_servers'] as string[]) : [...defaults.mcp_servers];
    const groups = new Map<string, { membership: string[]; members: typeof list }>();
    for (const o of list) {
      const membership = applyOverride(registered, o.override);
      const exact = renderedOverride(type, membership);
      const asWritten = { add: listOf(o.override.add?.value), remove: listOf(o.override.remove?.value) };
      const line = (o.override.add ?? o.override.remove)!.line;
      if (exact.add !== asWritten.add || exact.remove !== asWritten.remove) {
        diagnostics.push(warning('IMPORT_NOT_EXACT', `AGENT_MCP_${type}_* of project "${o.project.name}" cannot be expressed as agent config "${type}": ccm would write ADD=${exact.add || '(none)'} REMOVE=${exact.remove || '(none)'} (computed against Auto-Claude v2.7.5's built-in servers); it is not imported`,
          { file: o.file, line, col: 1 }, 'set the servers in components/auto-claude/agent-configs/' + type + '.yaml and select it in the project'));
        continue;
      }
      const key = [...membership].sort().join(',');
      const g = groups.get(key) ?? { membership, members: [] };
      g.members.push(o);
      groups.set(key, g);
    }
    const ranked = [...groups.values()].sort((a, b) => b.members.length - a.members.length);
    const winner = ranked[0];
    if (!winner) continue;
    const target: ComponentDraft = draft ?? { kind: 'auto-claude-agent-config', name: type, value: { description: `Auto-Claude agent "${type}"` }, source: winner.members[0]!.file };
    if (!draft) {
      configs.set(type, target);
      components.push(target);
    }
    target.value = withMcp(target.value, winner.membership);
    target.value['description'] = `Auto-Claude agent "${type}", with the MCP servers that project${winner.members.length > 1 ? 's' : ''} ${winner.members.map((m) => m.project.name).join(', ')} configure${winner.members.length > 1 ? '' : 's'} (AGENT_MCP_${type}_*)`;
    for (const m of winner.members) m.project.selection.push(target);
    for (const loser of ranked.slice(1).flatMap((g) => g.members)) {
      diagnostics.push(warning('IMPORT_NOT_EXACT', `project "${loser.project.name}" sets the MCP servers of agent "${type}" differently from ${winner.members.map((m) => `"${m.project.name}"`).join(', ')}; ccm holds one agent config per type, so this project's AGENT_MCP_${type}_* is not imported`,
        { file: loser.file, line: (loser.override.add ?? loser.override.remove)!.line, col: 1 },
        'make the projects agree, or keep this override out of ccm'));
    }
  }
}

function withMcp(value: Record<string, unknown>, membership: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'mcp_servers') {
      out[k] = membership;
      placed = true;
    } else if (!placed && (k === 'mcp_servers_optional' || k === 'auto_claude_tools' || k === 'thinking_default')) {
      out['mcp_servers'] = membership;
      placed = true;
      out[k] = v;
    } else {
      out[k] = v;
    }
  }
  if (!placed) out['mcp_servers'] = membership;
  return out;
}

/** The runtime's order of operations: the registered list, then ADD appended, then REMOVE taken out. */
function applyOverride(registered: readonly string[], o: AgentMcpOverride): string[] {
  const out = registered.map(normalizeMcpName);
  for (const s of splitList(o.add?.value)) if (!out.includes(s)) out.push(s);
  const remove = new Set(splitList(o.remove?.value).filter((s) => s !== 'auto-claude'));
  return out.filter((s) => !remove.has(s));
}

/** What the build writes for a membership: the lists the render stage computes, sorted. */
function renderedOverride(type: string, membership: readonly string[]): { add: string; remove: string } {
  const builtIn = new Set(AGENT_DEFAULTS[type]!.mcp_servers.map(normalizeMcpName));
  const configured = new Set(membership);
  return {
    add: [...configured].filter((s) => !builtIn.has(s)).sort().join(','),
    remove: [...builtIn].filter((s) => !configured.has(s) && s !== 'auto-claude').sort().join(','),
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => normalizeMcpName(s.trim())).filter(Boolean);
}

/** A list as the comparison sees it: names normalised, sorted, each once. */
function listOf(value: string | undefined): string {
  return [...new Set(splitList(value))].sort().join(',');
}

function listSome(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
