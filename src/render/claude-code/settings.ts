import { error } from '../../diagnostics.js';
import type { Component } from '../../load/model.js';
import { positionOf, type PathSegment, type YamlFile } from '../../load/yaml-file.js';
import type { ResolvedProject } from '../../resolve/types.js';
import type { OutputFile } from '../types.js';
import { canonical, fileLine, hooksForOutput, isMapping, renderFile, setKey, unique, type Obj, type RenderContext } from './shared.js';

export const SETTINGS_TEMPLATE = 'claude-code/settings.json.hbs';
export { SETTINGS_SCHEMA_URL } from '../../core/claude-settings.js';

/** Fields of a settings fragment that are ccm's own (or hooks components' to write) and never come from a fragment. */
export const CCM_ONLY = new Set(['description', 'hooks']);

/** Where a value of the merged settings came from: the file and the path inside it. */
interface Setter {
  file: YamlFile;
  path: PathSegment[];
}

/**
 * `.claude/settings.json`: the selected settings fragments merged (`$schema` first when a fragment
 * sets it, exactly as written; `extra` keys and keys ccm does not know at the top level, unchanged),
 * then the hooks of every selected hooks component (the settings schema keeps `hooks` out of
 * fragments). Selected fragments with nothing in them still give a file: `{}`.
 *
 * Fragment order (it decides list order, key order and which of two conflicting fragments is
 * reported): by the file that selected the fragment first — default and project profiles in the
 * order they apply (parents before children), then the project itself — and by name within one file.
 * Hooks components go in name order.
 */
export function renderSettings(ctx: RenderContext): OutputFile | undefined {
  const { project } = ctx;
  const fragments = selectionOrder(project, project.components.settings);
  const hookComponents = project.components.hook;
  if (fragments.length === 0 && hookComponents.length === 0) return undefined;

  const settings: Obj = {};
  const setters = new Map<string, Setter>();
  const hookSources: { file: YamlFile; hooks: Obj }[] = [];

  for (const fragment of fragments) {
    const file = fragment.file;
    for (const [key, value] of Object.entries(file.value)) {
      if (CCM_ONLY.has(key)) continue;
      if (key === 'extra' && isMapping(value)) {
        for (const [extraKey, extraValue] of Object.entries(value)) {
          if (!CCM_ONLY.has(extraKey)) mergeKey(ctx, settings, setters, [], extraKey, extraValue, { file, path: ['extra', extraKey] });
        }
        continue;
      }
      mergeKey(ctx, settings, setters, [], key, value, { file, path: [key] });
    }
  }
  for (const c of hookComponents) {
    const hooks = c.file.value['hooks'];
    if (isMapping(hooks)) hookSources.push({ file: c.file, hooks });
  }

  const hooks = mergeHooks(hookSources.map((h) => h.hooks));
  const firstHooks = hookSources[0];
  if (Object.keys(hooks).length > 0 && firstHooks) {
    setKey(settings, 'hooks', hooks);
    setters.set(pointer(['hooks']), { file: firstHooks.file, path: ['hooks'] });
  }
  const ordered: Obj = {};
  if ('$schema' in settings) setKey(ordered, '$schema', settings['$schema']);
  for (const [k, v] of Object.entries(settings)) setKey(ordered, k, v);
  const keySources: Record<string, string> = {};
  for (const key of Object.keys(settings)) {
    const s = setters.get(pointer([key]));
    if (s) setKey(keySources, key, fileLine(positionOf(s.file, s.path, true)));
  }

  const sources = unique([...fragments.map((f) => f.file.path), ...hookComponents.map((c) => c.file.path)]);
  const file = renderFile(ctx, SETTINGS_TEMPLATE, '.claude/settings.json', { settings: ordered }, sources);
  if (file) file.keySources = keySources;
  return file;
}

/** Settings fragments in the order their selecting files apply, by name within one file. */
function selectionOrder(project: ResolvedProject, fragments: readonly Component[]): Component[] {
  const rank = (c: Component): number => {
    const by = project.selectedBy.get(c);
    if (by === project.file.path) return project.profiles.length;
    const i = project.profiles.findIndex((p) => by === `profiles/${p}.yaml` || by === `profiles/${p}.yml`);
    return i >= 0 ? i : project.profiles.length + 1;
  };
  return [...fragments].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const pointer = (path: readonly string[]): string => JSON.stringify(path);

/**
 * Merges one key of a fragment into `target` at `outPath`: maps key by key, lists concatenated
 * without duplicates, equal scalars accepted, anything else a CONFLICT at the later key.
 */
function mergeKey(ctx: RenderContext, target: Obj, setters: Map<string, Setter>, outPath: string[], key: string, value: unknown, at: Setter): void {
  const here = [...outPath, key];
  if (!Object.prototype.hasOwnProperty.call(target, key)) {
    setKey(target, key, copy(value));
    record(setters, here, value, at);
    return;
  }
  const existing = target[key];
  if (isMapping(existing) && isMapping(value)) {
    for (const [k, v] of Object.entries(value)) mergeKey(ctx, existing, setters, here, k, v, { file: at.file, path: [...at.path, k] });
    return;
  }
  if (Array.isArray(existing) && Array.isArray(value)) {
    const seen = new Set(existing.map(canonical));
    for (const item of value) {
      const c = canonical(item);
      if (!seen.has(c)) {
        seen.add(c);
        existing.push(copy(item));
      }
    }
    return;
  }
  if (canonical(existing) === canonical(value)) return;
  const first = setters.get(pointer(here));
  const second = positionOf(at.file, at.path, true);
  const firstAt = first ? fileLine(positionOf(first.file, first.path, true)) : 'an earlier fragment';
  ctx.diagnostics.push(error('CONFLICT',
    `settings key "${here.join('.')}" is ${JSON.stringify(value)} in ${fileLine(second)} but ${JSON.stringify(existing)} in ${firstAt}`,
    second,
    'settings fragments cannot override each other: make them agree, or move the key into only one fragment'));
}

/** Records the setter of a value and of everything inside it, so that a later conflict names its origin. */
function record(setters: Map<string, Setter>, path: string[], value: unknown, at: Setter): void {
  setters.set(pointer(path), at);
  if (isMapping(value)) for (const [k, v] of Object.entries(value)) record(setters, [...path, k], v, { file: at.file, path: [...at.path, k] });
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isMapping(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) setKey(out, k, copy(v));
    return out;
  }
  return value;
}

/**
 * Appends the matcher groups of every contribution per event (events in order of first
 * appearance), dropping a group identical to one already there; secrets in http headers become
 * `${NAME}` references listed in `allowedEnvVars`.
 */
export function mergeHooks(contributions: readonly Obj[]): Obj {
  const out: Obj = {};
  const seen = new Map<string, Set<string>>();
  for (const hooks of contributions) {
    for (const [event, groups] of Object.entries(hooksForOutput(hooks))) {
      if (!Array.isArray(groups)) continue;
      let list = out[event] as unknown[] | undefined;
      let keys = seen.get(event);
      if (!list || !keys) {
        list = [];
        keys = new Set();
        setKey(out, event, list);
        seen.set(event, keys);
      }
      for (const group of groups) {
        const c = canonical(group);
        if (keys.has(c)) continue;
        keys.add(c);
        list.push(group);
      }
    }
  }
  return out;
}
