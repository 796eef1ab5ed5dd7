import { outputDir } from './output-dir.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { CcmError } from '../errors.js';
import { SELECTION_KINDS, type ComponentKind, type SelectionKey } from '../core/kinds.js';
import type { ComponentSelection } from '../generated/index.js';
import { emptyComponents, type Component, type ConfigRepo } from '../load/model.js';
import { positionOf, type YamlFile } from '../load/yaml-file.js';
import type { ResolvedBackend, ResolvedProject, Scalar } from './types.js';
import { outputStyleDiagnostics } from './output-style.js';


/**
 * The `resolve` stage for one project: applies default profiles, then the project's profiles (each
 * after the profiles it extends), then the project's own additions. Pure; expects a validated repo.
 */
export function resolveProject(repo: ConfigRepo, name: string): { project: ResolvedProject; diagnostics: Diagnostic[] } {
  const file = repo.projects.get(name);
  if (!file) throw unknownProjectError(repo, [name]);
  const diagnostics: Diagnostic[] = [];
  const spec = file.value;
  const defaults = repo.config?.value.defaults ?? {};

  const order: string[] = [];
  const ancestors = new Map<string, Set<string>>();
  const expand = (profile: string, trail: Set<string>): Set<string> => {
    const known = ancestors.get(profile);
    if (known) return known;
    const pf = repo.profiles.get(profile);
    const mine = new Set<string>();
    if (!pf || trail.has(profile)) return mine;
    for (const parent of pf.value.extends ?? []) {
      mine.add(parent);
      for (const a of expand(parent, new Set([...trail, profile]))) mine.add(a);
    }
    ancestors.set(profile, mine);
    if (!order.includes(profile)) order.push(profile);
    return mine;
  };
  for (const p of [...(defaults.profiles ?? []), ...(spec.profiles ?? [])]) expand(p, new Set());

  const selected = Object.fromEntries(Object.keys(emptyComponents()).map((k) => [k, []])) as unknown as ResolvedProject['components'];
  const selectedBy = new Map<Component, string>();
  const select = (source: YamlFile, selection: ComponentSelection | undefined): void => {
    for (const [key, kind] of Object.entries(SELECTION_KINDS) as [SelectionKey, ComponentKind][]) {
      // The list of the kind the key names (SELECTION_KINDS pairs them).
      const list = selected[kind] as Component[];
      for (const n of selection?.[key] ?? []) {
        const c = repo.components[kind].get(n);
        if (c && !selectedBy.has(c)) {
          selectedBy.set(c, source.path);
          list.push(c);
        }
      }
    }
  };

  const variables: Record<string, Scalar> = {};
  const variableSources: Record<string, string> = {};
  const setBy = new Map<string, string>();
  for (const profile of order) {
    const pf = repo.profiles.get(profile)!;
    select(pf, pf.value.components);
    for (const [key, value] of Object.entries(pf.value.variables ?? {})) {
      const previous = setBy.get(key);
      const decidedByProject = spec.variables !== undefined && key in spec.variables;
      const overridesParent = previous !== undefined && ancestors.get(profile)?.has(previous) === true;
      if (previous !== undefined && !overridesParent && !decidedByProject && variables[key] !== value) {
        diagnostics.push(conflict(pf, key, previous, variables[key], value, name));
      }
      variables[key] = value;
      variableSources[key] = pf.path;
      setBy.set(key, profile);
    }
  }
  select(file, spec.components);
  for (const [key, value] of Object.entries(spec.variables ?? {})) {
    variables[key] = value;
    variableSources[key] = file.path;
  }
  for (const list of Object.values(selected)) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const targetList = spec.targets?.length ? spec.targets : defaults.targets?.length ? defaults.targets : ['claude-code', 'auto-claude'];
  const autoClaude = spec.autoClaude;
  const mpName = autoClaude?.modelProfile;
  const project: ResolvedProject = {
    name,
    file,
    dir: outputDir(repo.root, spec.path),
    targets: { claudeCode: targetList.includes('claude-code'), autoClaude: targetList.includes('auto-claude') },
    profiles: order,
    variables,
    variableSources,
    components: selected,
    selectedBy,
    autoClaude,
    modelProfile: mpName === undefined ? undefined : repo.components['auto-claude-model-profile'].get(mpName),
  };
  diagnostics.push(...outputStyleDiagnostics(repo, project));
  return { project, diagnostics };
}

/** The usage error for project names the repo has no `projects/<name>.yaml` for (`--project`, `ccm explain`). */
export function unknownProjectError(repo: ConfigRepo, unknown: readonly string[]): CcmError {
  return new CcmError('PROJECT_UNKNOWN', `unknown project${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
    hint: `projects in this repo: ${[...repo.projects.keys()].sort().join(', ') || '(none yet: add projects/<name>.yaml)'}`,
    exitCode: 2,
  });
}

function conflict(pf: YamlFile, key: string, otherProfile: string, before: unknown, after: unknown, project: string): Diagnostic {
  return error('CONFLICT', `profiles "${otherProfile}" and "${pf.path.replace(/^profiles\/|\.ya?ml$/g, '')}" set variable "${key}" differently (${JSON.stringify(before)} vs ${JSON.stringify(after)}) for project "${project}"`,
    positionOf(pf, ['variables', key], true), `set "${key}" in projects/${project}.yaml to decide, or make one profile extend the other`);
}

/** The backend target: every prompt goes there, whichever projects exist. */
export function resolveBackend(repo: ConfigRepo): ResolvedBackend | undefined {
  const backendPath = repo.config?.value.autoClaude?.backendPath;
  if (backendPath === undefined) return undefined;
  const prompts = [...repo.components['auto-claude-prompt'].values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  return { dir: outputDir(repo.root, backendPath), prompts };
}
