import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AGENT_DEFAULTS } from '../../core/auto-claude/agent-defaults.js';
import { NAME_SEGMENT } from '../../core/kinds.js';
import { error, warning, type Diagnostic } from '../../diagnostics.js';
import { usageError } from '../../errors.js';
import {
  decodeSource, displayPath, isDirectory, isFile, readSource, safeName,
  type ComponentDraft, type ProjectDraft, type RoundTripCheck, type Scan,
} from '../model.js';
import { regularFiles } from '../walk.js';
import { parseDotenv } from './dotenv.js';
import { mapEnv, secretPool, type SecretPool } from './env-map.js';
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
  for (const rel of regularFiles(promptsDir, diagnostics, show, true).filter((r) => !r.split('/').some((s) => PYTHON_CACHE.has(s)))) {
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
    const bytes = readSource(abs, show(abs), diagnostics, backend);
    const text = bytes && decodeSource(bytes, show(abs), diagnostics);
    if (text === undefined) continue;
    components.push({ kind: 'auto-claude-prompt', name, value: promptFields(text), body: text, source: show(abs) });
    checks.push({ path: `prompts/${rel}`, abs, mode: 'bytes' });
  }
  if (skipped.length > 0) notes.push(`prompts/: ${skipped.length} file(s) that are not Markdown were left alone (${listSome(skipped)})`);

  // Agent configs, from the registry literal.
  const registryAbs = join(backend, REGISTRY_PATH);
  const registryBytes = readSource(registryAbs, show(registryAbs), diagnostics, backend);
  const registryText = registryBytes && decodeSource(registryBytes, show(registryAbs), diagnostics);
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
      components.push(draft);
    }
  }

  // Model profiles: the frontend's DEFAULT_AGENT_PROFILES when its source sits beside the backend.
  const frontendAbs = join(dirname(backend), 'frontend', FRONTEND_MODELS);
  let profiles: readonly ProfileRead[] = REFERENCE_PROFILES;
  let profileSource = 'ccm reference table';
  if (isFile(frontendAbs)) {
    const bytes = readSource(frontendAbs, show(frontendAbs), diagnostics, dirname(backend));
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
  for (const arg of projectArgs) {
    const dir = resolve(cwd, arg);
    if (!isDirectory(dir)) throw usageError(`--project ${arg}: ${dir} is not a folder`, 'name the project folder that holds .auto-claude/');
    const name = safeName(basename(dir));
    if (projects.some((p) => p.name === name)) throw usageError(`two --project folders are both named "${name}"`, 'import them one at a time, or rename one of the folders');
    const project: ProjectDraft = { name, dir, description: `${basename(dir)} (imported from Auto-Claude)`, targets: ['auto-claude'], selection: [], source: show(dir) };
    projects.push(project);
    const envAbs = join(dir, '.auto-claude', '.env');
    if (isFile(envAbs)) {
      const bytes = readSource(envAbs, show(envAbs), diagnostics, dir);
      const text = bytes && decodeSource(bytes, show(envAbs), diagnostics);
      if (text !== undefined) {
        const parsed = parseDotenv(text, show(envAbs));
        diagnostics.push(...parsed.diagnostics);
        const mapped = mapEnv(parsed.entries, show(envAbs), name, secrets);
        diagnostics.push(...mapped.diagnostics);
        if (Object.keys(mapped.autoClaude).length > 0) project.autoClaude = mapped.autoClaude;
        checks.push({ project, path: '.auto-claude/.env', abs: envAbs, mode: 'env' });
      }
    } else {
      notes.push(`${name}: ${show(envAbs)} does not exist; the project gets no Auto-Claude settings`);
    }
    importProjectFiles(project, secrets, diagnostics, checks, show);
    const claudeMd = join(dir, 'CLAUDE.md');
    if (isFile(claudeMd)) {
      const bytes = readSource(claudeMd, show(claudeMd), diagnostics, dir);
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

  return { source: 'auto-claude', components, projects, secrets: secrets.all(), backendDir: backend, diagnostics, notes, checks };
}

/** The GitHub/GitLab runner settings and the allowlist of a project (src/core/auto-claude/project-files.ts). */
function importProjectFiles(project: ProjectDraft, secrets: SecretPool, diagnostics: Diagnostic[], checks: RoundTripCheck[], show: (abs: string) => string): void {
  const read = (abs: string): string | undefined => {
    if (!isFile(abs)) return undefined;
    const bytes = readSource(abs, show(abs), diagnostics, project.dir);
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

function listSome(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
