import { dictKey, evaluate, LiteralError, scopeOf, type LiteralNode } from '../literal.js';
import { readPythonModule } from '../python.js';
import { readTsModule } from '../typescript.js';
import { APP_MODEL_PROFILES, modelProfileFields, PHASES } from '../../core/auto-claude/model-profiles.js';

export interface ReadProblem {
  line: number;
  message: string;
}

/** The fields of one AGENT_CONFIGS entry that ccm has a place for, as read. */
export interface RegistryAgent {
  type: string;
  line: number;
  fields: Record<string, unknown>;
}

export const AGENT_FIELDS = ['tools', 'mcp_servers', 'mcp_servers_optional', 'auto_claude_tools', 'thinking_default'] as const;
const THINKING = ['none', 'low', 'medium', 'high', 'ultrathink'];

/**
 * AGENT_CONFIGS of Auto-Claude's `agents/tools_pkg/models.py`, read as a literal (never run). An
 * entry or field that cannot be read is left out and reported with its line; the rest is kept.
 */
export function readAgentRegistry(text: string): { agents: RegistryAgent[]; problems: ReadProblem[] } {
  const problems: ReadProblem[] = [];
  const module = readPythonModule(text);
  if (module.error) problems.push({ line: module.error.line, message: `${module.error.message}; nothing after it could be read` });
  const index = findLast(module.assignments, 'AGENT_CONFIGS');
  if (index < 0) {
    problems.push({ line: 1, message: 'no module-level `AGENT_CONFIGS = {…}` assignment found' });
    return { agents: [], problems };
  }
  const assignment = module.assignments[index]!;
  const scope = scopeOf(module.assignments, index);
  const node = assignment.node;
  if (node.t !== 'dict') {
    problems.push({ line: assignment.line, message: node.t === 'bad' ? `AGENT_CONFIGS could not be read: ${node.why}` : 'AGENT_CONFIGS is not a dict literal' });
    return { agents: [], problems };
  }
  const agents: RegistryAgent[] = [];
  // A constant that cannot be read is reported once, with every field it kept out.
  const viaConstant = new Map<string, { line: number; why: string; fields: string[] }>();
  const readField = (value: LiteralNode, where: string): unknown => {
    try {
      return evaluate(value, scope);
    } catch (err) {
      if (err instanceof LiteralError && err.via) {
        const v = viaConstant.get(err.via.name) ?? { line: err.via.line, why: err.via.why, fields: [] };
        v.fields.push(where);
        viaConstant.set(err.via.name, v);
      } else {
        problems.push({ line: err instanceof LiteralError ? err.line : value.line, message: `${where} could not be read: ${reason(err)}` });
      }
      return undefined;
    }
  };
  for (const entry of node.entries) {
    let type: string;
    try {
      type = dictKey(entry, scope);
    } catch (err) {
      problems.push({ line: entry.line, message: `an AGENT_CONFIGS entry could not be read: ${reason(err)}` });
      continue;
    }
    const where = `AGENT_CONFIGS["${type}"]`;
    // A dict literal is read field by field; anything else (a constant) must evaluate to a dict.
    let pairs: { key: string; line: number; value: () => unknown }[];
    if (entry.value.t === 'dict') {
      pairs = [];
      for (const field of entry.value.entries) {
        try {
          const key = dictKey(field, scope);
          pairs.push({ key, line: field.line, value: () => readField(field.value, `${where}["${key}"]`) });
        } catch (err) {
          problems.push({ line: field.line, message: `a field of ${where} could not be read: ${reason(err)}` });
        }
      }
    } else {
      let whole: unknown;
      try {
        whole = evaluate(entry.value, scope);
      } catch (err) {
        problems.push({ line: err instanceof LiteralError ? err.line : entry.value.line, message: `${where} could not be read: ${reason(err)}` });
        continue;
      }
      if (typeof whole !== 'object' || whole === null || Array.isArray(whole)) {
        problems.push({ line: entry.value.line, message: `${where} is not a dict` });
        continue;
      }
      pairs = Object.entries(whole).map(([key, v]) => ({ key, line: entry.value.line, value: () => v }));
    }
    const fields: Record<string, unknown> = {};
    for (const field of pairs) {
      const key = field.key;
      const value = field.value();
      if (value === undefined) continue;
      if (!(AGENT_FIELDS as readonly string[]).includes(key)) {
        problems.push({ line: field.line, message: `${where} has a field "${key}" that ccm's agent configs have no place for; it is not imported` });
        continue;
      }
      const problem = checkField(key, value);
      if (problem) {
        problems.push({ line: field.line, message: `${where}["${key}"] ${problem}; it is not imported` });
        continue;
      }
      fields[key] = value;
    }
    agents.push({ type, line: entry.line, fields });
  }
  for (const [name, v] of viaConstant) {
    const shown = v.fields.length > 3 ? `${v.fields.slice(0, 3).join(', ')} and ${v.fields.length - 3} more` : v.fields.join(', ');
    problems.push({ line: v.line, message: `${name} could not be read (${v.why}), so the fields that use it are not imported: ${shown}` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { agents, problems };
}

function checkField(key: string, value: unknown): string | undefined {
  if (key === 'thinking_default') {
    if (typeof value !== 'string') return 'is not a string';
    return THINKING.includes(value) ? undefined : `is "${value}", not one of ${THINKING.join(', ')}`;
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) return 'is not a list of strings';
  return undefined;
}

/** One entry of the frontend's DEFAULT_AGENT_PROFILES, mapped onto a model-profile component. */
export interface ProfileRead {
  id: string;
  line: number;
  value: Record<string, unknown>;
}

/** AgentProfile keys that only the app's UI uses. */
const UI_ONLY = new Set(['icon']);

/**
 * DEFAULT_AGENT_PROFILES of the frontend's `src/shared/constants/models.ts`, read as a literal.
 * `isAutoProfile` is taken when the entry sets it, else true for `auto` only (the app sets
 * `isAutoProfile = profileId === 'auto'` in task_metadata.json).
 */
export function readAgentProfiles(text: string): { profiles: ProfileRead[]; problems: ReadProblem[] } {
  const problems: ReadProblem[] = [];
  const module = readTsModule(text);
  if (module.error) problems.push({ line: module.error.line, message: `${module.error.message}; nothing after it could be read` });
  const index = findLast(module.assignments, 'DEFAULT_AGENT_PROFILES');
  if (index < 0) {
    problems.push({ line: 1, message: 'no top-level `const DEFAULT_AGENT_PROFILES = [...]` found' });
    return { profiles: [], problems };
  }
  const assignment = module.assignments[index]!;
  const scope = scopeOf(module.assignments, index);
  if (assignment.node.t !== 'list') {
    problems.push({ line: assignment.line, message: assignment.node.t === 'bad' ? `DEFAULT_AGENT_PROFILES could not be read: ${assignment.node.why}` : 'DEFAULT_AGENT_PROFILES is not an array literal' });
    return { profiles: [], problems };
  }
  const profiles: ProfileRead[] = [];
  for (const item of assignment.node.items) {
    let raw: unknown;
    try {
      raw = evaluate(item, scope);
    } catch (err) {
      problems.push({ line: err instanceof LiteralError ? err.line : item.line, message: `a DEFAULT_AGENT_PROFILES entry could not be read: ${reason(err)}` });
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ line: item.line, message: 'a DEFAULT_AGENT_PROFILES entry is not an object' });
      continue;
    }
    const entry = raw as Record<string, unknown>;
    const id = entry['id'];
    if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
      problems.push({ line: item.line, message: `a DEFAULT_AGENT_PROFILES entry has no usable id (${JSON.stringify(id)})` });
      continue;
    }
    const value: Record<string, unknown> = {};
    for (const key of ['name', 'description', 'model', 'thinkingLevel']) {
      if (typeof entry[key] === 'string') value[key] = entry[key];
    }
    if (typeof value['model'] !== 'string' || typeof value['thinkingLevel'] !== 'string') {
      problems.push({ line: item.line, message: `profile "${id}" has no model or thinkingLevel string; it is not imported` });
      continue;
    }
    for (const key of ['phaseModels', 'phaseThinking']) {
      const map = entry[key];
      if (map === undefined) continue;
      if (typeof map !== 'object' || map === null || Array.isArray(map) || !Object.entries(map).every(([k, v]) => (PHASES as readonly string[]).includes(k) && typeof v === 'string')) {
        problems.push({ line: item.line, message: `profile "${id}": ${key} is not a map of the phases ${PHASES.join(', ')} to strings; it is left out` });
        continue;
      }
      value[key] = map;
    }
    value['isAutoProfile'] = typeof entry['isAutoProfile'] === 'boolean' ? entry['isAutoProfile'] : id === 'auto';
    for (const key of Object.keys(entry)) {
      if (!['id', 'name', 'description', 'model', 'thinkingLevel', 'phaseModels', 'phaseThinking', 'isAutoProfile'].includes(key) && !UI_ONLY.has(key)) {
        problems.push({ line: item.line, message: `profile "${id}" has a field "${key}" that ccm's model profiles have no place for; it is left out` });
      }
    }
    profiles.push({ id, line: item.line, value });
  }
  return { profiles, problems };
}

/** The four built-in profiles of Auto-Claude v2.7.5, for installations whose frontend source is not beside the backend. */
export const REFERENCE_PROFILES: readonly ProfileRead[] = APP_MODEL_PROFILES.map((p) => ({ id: p.id, line: 0, value: modelProfileFields(p) }));

function findLast(assignments: readonly { name: string }[], name: string): number {
  for (let i = assignments.length - 1; i >= 0; i--) if (assignments[i]!.name === name) return i;
  return -1;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
