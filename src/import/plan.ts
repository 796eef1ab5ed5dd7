import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE, KIND_INFO, type ComponentKind } from '../core/kinds.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import { assembleRepo } from '../load/assemble.js';
import { asDocument, type Component, type ConfigRepo, type RawFile } from '../load/model.js';
import { readTree, toPosix } from '../load/read-tree.js';
import { parseYaml } from '../load/yaml-file.js';
import { SCHEMAS_DIR } from '../paths.js';
import { createEngine, type TemplateEngine } from '../render/engine.js';
import { renderAgents } from '../render/claude-code/agents.js';
import { renderCommands } from '../render/claude-code/commands.js';
import { renderOutputStyles } from '../render/claude-code/output-styles.js';
import { renderRules } from '../render/claude-code/rules.js';
import { canonical, FRONTMATTER_TEXT } from '../render/claude-code/shared.js';
import { renderSkills } from '../render/claude-code/skills.js';
import type { ResolvedProject } from '../resolve/types.js';
import { initFiles } from '../scaffold/init-files.js';
import { registerSecret } from '../secrets/redact.js';
import { GROUP_OF, type ImportGroup } from './groups.js';
import { SELECTION_KEY_OF, type ComponentDraft, type ProjectDraft, type Scan, type SecretDraft } from './model.js';
import { addSelections, setTopLevel, withSecretNames, yamlFile } from './yaml-out.js';

export type OnClash = 'skip' | 'rename' | 'overwrite';
export type ImportAction = 'create' | 'update' | 'unchanged' | 'skip' | 'rename';

/** What happened to one thing the import found. */
export interface Outcome {
  group: ImportGroup | 'profiles' | 'secrets' | 'config';
  name: string;
  /** The name it has in the config repo (differs after a rename). */
  finalName: string;
  action: ImportAction;
  source: string;
  detail?: string;
}

export interface ImportPlan {
  root: string;
  /** No config repo yet: the files `ccm init` writes are part of `writes`. */
  createRepo: boolean;
  /** `executable`: written with mode 0755 (a skill's script). */
  writes: RepoWrite[];
  deletes: string[];
  /** Secret values to encrypt into secrets/<name>.age at apply time. */
  secrets: { name: string; value: string }[];
  outcomes: Outcome[];
  diagnostics: Diagnostic[];
  /** Every secret value of the import by final name (for the round-trip check; never printed). */
  secretValues: Map<string, string>;
  /** The repo as it will be after the writes (for the round-trip check). */
  files: RawFile[];
  config: RawFile;
  /** Final project names by draft. */
  projectNames: Map<ProjectDraft, string>;
}

export interface PlanOptions {
  groups: ReadonlySet<ImportGroup>;
  onClash: OnClash;
  /** The current value of an existing secret, when it can be decrypted (undefined: cannot tell). */
  existingSecret: (name: string) => Promise<string | undefined>;
}

export interface RepoWrite {
  path: string;
  content: string | Uint8Array;
  executable?: true;
}

/** A repo file as the plan sees it: what is on disk, overlaid with what the import writes. */
class RepoState {
  readonly files = new Map<string, Uint8Array | string>();
  readonly writes = new Map<string, string | Uint8Array>();
  readonly deletes = new Set<string>();
  /** Paths (on disk or written) whose file has the execute bit. */
  readonly executable = new Set<string>();

  constructor(readonly root: string) {}

  text(path: string): string | undefined {
    const v = this.writes.get(path) ?? this.files.get(path);
    if (v === undefined || this.deletes.has(path)) return undefined;
    return typeof v === 'string' ? v : new TextDecoder().decode(v);
  }

  write(path: string, content: string | Uint8Array, executable = false): void {
    this.deletes.delete(path);
    this.writes.set(path, content);
    if (executable) this.executable.add(path);
    else this.executable.delete(path);
  }

  remove(path: string): void {
    this.writes.delete(path);
    if (this.files.has(path)) this.deletes.add(path);
  }
}

/** The config repo's files as the import finds them: ccm.config.yaml and the files of its folders. */
export interface CurrentRepo {
  config: Uint8Array;
  files: readonly RawFile[];
}

/** The config repo at `root`, read as a build reads it; undefined when there is none yet. */
export function readCurrentRepo(root: string): CurrentRepo | undefined {
  let config: Uint8Array;
  try {
    config = readFileSync(join(root, CONFIG_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return { config, files: readTree(root).files };
}

/**
 * Decides, for everything a scan found, what to write into the config repo at `root` (`current`:
 * its files; undefined: there is none yet, the files `ccm init` writes are part of the writes):
 * components by kind and name (an identical one is left alone; a different one is a clash, settled
 * by `onClash`), a profile and a project file per project (merged into existing ones), secrets, and
 * ccm.config.yaml. Reads nothing but existing secrets (through `options.existingSecret`); writes nothing.
 */
export async function planImport(root: string, current: CurrentRepo | undefined, scan: Scan, options: PlanOptions): Promise<ImportPlan> {
  const diagnostics: Diagnostic[] = [];
  const outcomes: Outcome[] = [];
  const state = new RepoState(root);
  const createRepo = current === undefined;
  const schemasRel = toPosix(relative(root, SCHEMAS_DIR)) || '.';
  if (!current) {
    for (const f of initFiles(root, SCHEMAS_DIR)) state.write(f.path, f.content);
  } else {
    for (const f of current.files) {
      state.files.set(f.path, f.bytes);
      if (f.executable) state.executable.add(f.path);
    }
    state.files.set(CONFIG_FILE, current.config);
  }
  const existing = currentRepo(state);
  const engine = createEngine(existing.templates);

  // Components.
  const finalNames = new Map<ComponentDraft, string>();
  for (const draft of scan.components) {
    const group = GROUP_OF[draft.kind];
    if (!options.groups.has(group)) continue;
    const value = finalValue(draft, engine);
    const outcome = placeComponent(state, existing, draft, value, schemasRel, options.onClash);
    outcomes.push({ group, name: draft.name, source: draft.source, ...outcome });
    finalNames.set(draft, outcome.finalName);
  }

  // Projects, their profiles and secrets.
  const projectNames = new Map<ProjectDraft, string>();
  const secretsOut: { name: string; value: string }[] = [];
  const secretValues = new Map<string, string>();
  if (options.groups.has('projects')) {
    for (const secret of scan.secrets) {
      const outcome = await placeSecret(secret, existing, options);
      outcomes.push({ group: 'secrets', name: secret.name, source: secret.source, ...outcome.outcome });
      if (outcome.write) secretsOut.push({ name: outcome.outcome.finalName, value: secret.value });
      secretValues.set(outcome.outcome.finalName, secret.value);
      registerSecret(outcome.outcome.finalName, secret.value);
      secret.name = outcome.outcome.finalName;
    }
    for (const project of scan.projects) {
      const outcome = placeProject(state, existing, project, schemasRel, options.onClash, finalNames);
      outcomes.push(...outcome.outcomes);
      diagnostics.push(...outcome.diagnostics);
      if (outcome.name) projectNames.set(project, outcome.name);
    }
  }

  // ccm.config.yaml: the backend path (and nothing else; recipients are apply's business).
  if (scan.backendDir && options.groups.has('prompts')) {
    const config = state.text(CONFIG_FILE)!;
    const parsed = parseYaml(CONFIG_FILE, new TextEncoder().encode(config)).file?.value ?? {};
    const ac = parsed['autoClaude'];
    const current = typeof ac === 'object' && ac !== null ? (ac as Record<string, unknown>)['backendPath'] : undefined;
    const wanted = toPosix(relative(root, scan.backendDir)) || '.';
    const source = toPosix(relative(root, scan.backendDir));
    if (current === undefined) {
      state.write(CONFIG_FILE, setTopLevel(config, ['autoClaude', 'backendPath'], wanted));
      outcomes.push({ group: 'config', name: 'autoClaude.backendPath', finalName: 'autoClaude.backendPath', action: createRepo ? 'create' : 'update', source, detail: wanted });
    } else if (typeof current === 'string' && resolve(root, current) === resolve(scan.backendDir)) {
      outcomes.push({ group: 'config', name: 'autoClaude.backendPath', finalName: 'autoClaude.backendPath', action: 'unchanged', source });
    } else if (options.onClash === 'overwrite') {
      state.write(CONFIG_FILE, setTopLevel(config, ['autoClaude', 'backendPath'], wanted));
      outcomes.push({ group: 'config', name: 'autoClaude.backendPath', finalName: 'autoClaude.backendPath', action: 'update', source, detail: `was ${JSON.stringify(current)}` });
    } else {
      outcomes.push({ group: 'config', name: 'autoClaude.backendPath', finalName: 'autoClaude.backendPath', action: 'skip', source, detail: `kept ${JSON.stringify(current)}` });
      diagnostics.push(warning('IMPORT_CLASH', `ccm.config.yaml names the backend ${JSON.stringify(current)}, not the imported ${wanted}; it is kept, so \`ccm build\` writes the prompts there`,
        { file: CONFIG_FILE, line: 1, col: 1 }, 'import with --on-clash overwrite to point it at the imported backend'));
    }
  }

  const writes = [...state.writes].map(([path, content]): RepoWrite => ({ path, content, ...(state.executable.has(path) ? { executable: true as const } : {}) }));
  const files = finalFiles(state);
  // Secrets are encrypted at apply time; the repo model only needs to know they will exist.
  for (const s of secretsOut) if (!files.some((f) => f.path === `secrets/${s.name}.age`)) files.push({ path: `secrets/${s.name}.age`, bytes: new Uint8Array() });
  const config = { path: CONFIG_FILE, bytes: toBytes(state.text(CONFIG_FILE)!) };
  return { root, createRepo, writes, deletes: [...state.deletes], secrets: secretsOut, outcomes, diagnostics, secretValues, files, config, projectNames };
}

function currentRepo(state: RepoState): ConfigRepo {
  const files = finalFiles(state);
  const config = state.text(CONFIG_FILE);
  return assembleRepo(state.root, config === undefined ? undefined : { path: CONFIG_FILE, bytes: toBytes(config) }, files).repo;
}

function finalFiles(state: RepoState): RawFile[] {
  const paths = new Set([...state.files.keys(), ...state.writes.keys()]);
  const out: RawFile[] = [];
  for (const path of [...paths].sort()) {
    if (path === CONFIG_FILE || state.deletes.has(path) || !/^(components|profiles|projects|secrets|templates)\//.test(path)) continue;
    const file: RawFile = { path, bytes: toBytes(state.writes.get(path) ?? state.files.get(path)!) };
    if (state.executable.has(path)) file.executable = true;
    out.push(file);
  }
  return out;
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

/**
 * The fields to write. An imported Markdown file keeps `frontmatterText` only when ccm's own
 * rendering of the fields and body would not give the original bytes back.
 */
function finalValue(draft: ComponentDraft, engine: TemplateEngine): Record<string, unknown> {
  const text = draft.value[FRONTMATTER_TEXT];
  if (typeof text !== 'string') return draft.value;
  const without: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft.value)) if (k !== FRONTMATTER_TEXT) Object.defineProperty(without, k, { value: v, enumerable: true, writable: true, configurable: true });
  const info = KIND_INFO[draft.kind];
  const yamlPath = draft.kind === 'skill' ? `${info.folder}/${draft.name}/skill.yaml` : `${info.folder}/${draft.name}.yaml`;
  const parsed = parseYaml(yamlPath, new TextEncoder().encode(yamlFile(yamlPath, draft.kind, '.', without)));
  if (!parsed.file) return draft.value;
  const component: Component = { kind: draft.kind, name: draft.name, file: asDocument(parsed.file), body: { path: yamlPath.replace(/\.yaml$/, '.md'), text: draft.body ?? '' } };
  if (draft.kind === 'skill') component.files = [];
  const ctx = { project: { name: 'import', variables: {} } as unknown as ResolvedProject, engine, diagnostics: [] as Diagnostic[] };
  const render = { subagent: renderAgents, command: renderCommands, 'output-style': renderOutputStyles, rule: renderRules }[draft.kind as string] ?? renderSkills;
  // The render module of the draft's own kind.
  const rendered = render(ctx, [component as Component<never>]);
  const content = rendered[0]?.content;
  return typeof content === 'string' && content === text + (draft.body ?? '') ? without : draft.value;
}

/** The files of a component under a given name, repo-relative. */
function componentFiles(draft: ComponentDraft, value: Record<string, unknown>, name: string, schemasRel: string): RepoWrite[] {
  const info = KIND_INFO[draft.kind];
  const comments = typeof value[FRONTMATTER_TEXT] === 'string' ? ['frontmatterText keeps the original frontmatter byte for byte; delete it to let ccm format the file.'] : [];
  if (draft.kind === 'skill') {
    const dir = `${info.folder}/${name}`;
    return [
      { path: `${dir}/skill.yaml`, content: yamlFile(`${dir}/skill.yaml`, 'skill', schemasRel, value, comments) },
      { path: `${dir}/SKILL.md`, content: draft.body ?? '' },
      ...(draft.files ?? []).map((f): RepoWrite => ({ path: `${dir}/${f.relPath}`, content: f.bytes, ...(f.executable ? { executable: true as const } : {}) })),
    ];
  }
  const base = `${info.folder}/${name}`;
  const files: { path: string; content: string | Uint8Array }[] = [{ path: `${base}.yaml`, content: yamlFile(`${base}.yaml`, draft.kind, schemasRel, value, comments) }];
  if (info.body) files.push({ path: `${base}.md`, content: draft.body ?? '' });
  return files;
}

/** Whether an existing component holds what the draft would write (same bytes, or same values and bodies). */
function sameComponent(existing: Component, draft: ComponentDraft, value: Record<string, unknown>): boolean {
  if ((existing.body?.text ?? undefined) !== (KIND_INFO[draft.kind].body ? (draft.body ?? '') : undefined)) return false;
  if (canonical(existing.file.value) !== canonical(withSecretNames(value))) return false;
  if (draft.kind !== 'skill') return true;
  const have = new Map((existing.files ?? []).map((f) => [f.relPath, f.file]));
  const want = draft.files ?? [];
  return have.size === want.length && want.every((f) => {
    const file = have.get(f.relPath);
    return file !== undefined && Buffer.from(file.bytes).equals(Buffer.from(f.bytes)) && (file.executable === true) === (f.executable === true);
  });
}

function findComponent(repo: ConfigRepo, kind: ComponentKind, name: string): Component | undefined {
  const byKind = repo.components[kind];
  return byKind.get(name) ?? [...byKind.values()].find((c) => c.name.toLowerCase() === name.toLowerCase());
}

function placeComponent(state: RepoState, repo: ConfigRepo, draft: ComponentDraft, value: Record<string, unknown>, schemasRel: string, onClash: OnClash): Omit<Outcome, 'group' | 'name' | 'source'> {
  const current = findComponent(repo, draft.kind, draft.name);
  if (!current) {
    for (const f of componentFiles(draft, value, draft.name, schemasRel)) state.write(f.path, f.content, f.executable === true);
    return { finalName: draft.name, action: 'create' };
  }
  if (sameComponent(current, draft, value)) return { finalName: current.name, action: 'unchanged' };
  const renamable = draft.kind !== 'auto-claude-prompt' && draft.kind !== 'auto-claude-agent-config';
  if (onClash === 'overwrite') {
    overwrite(state, current, draft, value, schemasRel);
    return { finalName: current.name, action: 'update', detail: `replaced ${current.file.path}` };
  }
  if (onClash === 'rename' && renamable) {
    for (let n = 2; ; n++) {
      const candidate = `${draft.name}-${n}`;
      const other = findComponent(repo, draft.kind, candidate);
      if (other && sameComponent(other, draft, value)) return { finalName: other.name, action: 'unchanged', detail: `same as ${other.file.path}` };
      if (other) continue;
      for (const f of componentFiles(draft, value, candidate, schemasRel)) state.write(f.path, f.content, f.executable === true);
      return { finalName: candidate, action: 'rename', detail: `${draft.name} exists and differs` };
    }
  }
  const why = onClash === 'rename' ? `the name is the ${draft.kind === 'auto-claude-prompt' ? 'prompt file the backend loads' : 'agent type'}, so it cannot be renamed; ` : '';
  return { finalName: current.name, action: 'skip', detail: `${why}kept ${current.file.path}, which differs` };
}

function overwrite(state: RepoState, current: Component, draft: ComponentDraft, value: Record<string, unknown>, schemasRel: string): void {
  const files = componentFiles(draft, value, current.name, schemasRel);
  const [yaml, ...rest] = files;
  state.write(current.file.path, yaml!.content);
  if (draft.kind === 'skill') {
    const dir = current.file.path.slice(0, current.file.path.lastIndexOf('/'));
    const wanted = new Set(rest.map((f) => f.path));
    for (const f of current.files ?? []) if (!wanted.has(`${dir}/${f.relPath}`)) state.remove(f.file.path);
    for (const f of rest) state.write(f.path, f.content, f.executable === true);
    return;
  }
  const body = rest[0];
  if (body) state.write(current.body?.path ?? current.file.path.replace(/\.ya?ml$/, '.md'), body.content);
}

async function placeSecret(secret: SecretDraft, repo: ConfigRepo, options: PlanOptions): Promise<{ outcome: Omit<Outcome, 'group' | 'name' | 'source'>; write: boolean }> {
  const compare = async (name: string): Promise<'same' | 'differs' | 'unknown' | 'free'> => {
    if (!repo.secrets.has(name)) return 'free';
    const current = await options.existingSecret(name);
    if (current === undefined) return 'unknown';
    return current === secret.value ? 'same' : 'differs';
  };
  const first = await compare(secret.name);
  if (first === 'free') return { outcome: { finalName: secret.name, action: 'create' }, write: true };
  if (first === 'same') return { outcome: { finalName: secret.name, action: 'unchanged' }, write: false };
  if (options.onClash === 'overwrite') return { outcome: { finalName: secret.name, action: 'update' }, write: true };
  if (first === 'unknown') {
    return { outcome: { finalName: secret.name, action: 'skip', detail: 'secrets/' + secret.name + '.age exists and cannot be decrypted with your identity, so it is kept as it is' }, write: false };
  }
  if (options.onClash === 'rename') {
    for (let n = 2; ; n++) {
      const candidate = `${secret.name}_${n}`;
      const state = await compare(candidate);
      if (state === 'same') return { outcome: { finalName: candidate, action: 'unchanged' }, write: false };
      if (state === 'free') return { outcome: { finalName: candidate, action: 'rename', detail: `secrets/${secret.name}.age holds another value` }, write: true };
    }
  }
  return { outcome: { finalName: secret.name, action: 'skip', detail: `kept secrets/${secret.name}.age, which holds another value` }, write: false };
}

/**
 * projects/<name>.yaml and profiles/<name>.yaml for one project. The profile selects the project's
 * components and is merged into an existing one (names appended); the project file is merged into an
 * existing one for the same directory, and clashes with one for another directory.
 */
function placeProject(state: RepoState, repo: ConfigRepo, project: ProjectDraft, schemasRel: string, onClash: OnClash, finalNames: Map<ComponentDraft, string>): { outcomes: Outcome[]; diagnostics: Diagnostic[]; name?: string } {
  const outcomes: Outcome[] = [];
  const diagnostics: Diagnostic[] = [];
  const relPath = toPosix(relative(state.root, project.dir)) || '.';
  const samePath = (file: { value: { path?: unknown } }): boolean => typeof file.value['path'] === 'string' && resolve(state.root, file.value['path']) === resolve(project.dir);
  let name = project.name;
  let current = repo.projects.get(name);
  if (current && !samePath(current)) {
    if (onClash === 'rename') {
      for (let n = 2; ; n++) {
        const candidate = `${project.name}-${n}`;
        const other = repo.projects.get(candidate);
        if (!other || samePath(other)) {
          name = candidate;
          current = other;
          break;
        }
      }
    } else if (onClash === 'skip') {
      outcomes.push({ group: 'projects', name, finalName: name, action: 'skip', source: project.source, detail: `projects/${name}.yaml is for ${JSON.stringify(current.value['path'])}` });
      return { outcomes, diagnostics };
    } else {
      current = undefined;
    }
  }

  // The profile.
  const selection: Record<string, string[]> = {};
  for (const draft of project.selection) {
    const final = finalNames.get(draft);
    const key = SELECTION_KEY_OF[draft.kind];
    if (final === undefined || !key) continue;
    const list = (selection[key] ??= []);
    if (!list.includes(final)) list.push(final);
  }
  const profilePath = `profiles/${name}.yaml`;
  const existingProfile = repo.profiles.get(name);
  if (existingProfile) {
    const merged = addSelections(state.text(existingProfile.path)!, selection);
    if (merged !== undefined) state.write(existingProfile.path, merged);
    outcomes.push({ group: 'profiles', name, finalName: name, action: merged === undefined ? 'unchanged' : 'update', source: project.source });
  } else {
    const value: Record<string, unknown> = { description: `Components of ${project.description}` };
    if (Object.keys(selection).length > 0) value['components'] = selection;
    state.write(profilePath, yamlFile(profilePath, 'profile', schemasRel, value));
    outcomes.push({ group: 'profiles', name, finalName: name, action: 'create', source: project.source });
  }

  // The project.
  const projectPath = current?.path ?? `projects/${name}.yaml`;
  const wanted: Record<string, unknown> = { description: project.description, path: relPath, targets: project.targets, profiles: [name] };
  if (project.autoClaude) wanted['autoClaude'] = project.autoClaude;
  if (!current) {
    state.write(projectPath, yamlFile(projectPath, 'project', schemasRel, wanted));
    outcomes.push({ group: 'projects', name: project.name, finalName: name, action: name === project.name ? (repo.projects.has(name) ? 'update' : 'create') : 'rename', source: project.source });
    return { outcomes, diagnostics, name };
  }
  let text = state.text(projectPath)!;
  const before = text;
  const targets = current.value['targets'];
  if (Array.isArray(targets)) {
    const union = ['claude-code', 'auto-claude'].filter((t) => (targets as readonly string[]).includes(t) || project.targets.includes(t as 'claude-code' | 'auto-claude'));
    if (union.length !== targets.length) text = setTopLevel(text, ['targets'], union);
  }
  text = addSelections(text, {}, { listKey: 'profiles', names: [name] }) ?? text;
  let detail: string | undefined;
  if (project.autoClaude) {
    const have = current.value['autoClaude'];
    if (have === undefined) {
      text = setTopLevel(text, ['autoClaude'], project.autoClaude);
    } else if (canonical(have) !== canonical(withSecretNames(project.autoClaude))) {
      if (onClash === 'overwrite') {
        text = setTopLevel(text, ['autoClaude'], project.autoClaude);
      } else {
        detail = 'kept its autoClaude settings, which differ from the imported .auto-claude/.env';
        diagnostics.push(warning('IMPORT_CLASH', `projects/${name}.yaml already has autoClaude settings that differ from ${project.source}/.auto-claude/.env; they are kept`,
          { file: projectPath, line: 1, col: 1 }, 'import with --on-clash overwrite to replace them'));
      }
    }
  }
  const changed = text !== before;
  if (changed) state.write(projectPath, text);
  const outcome: Outcome = { group: 'projects', name: project.name, finalName: name, action: changed ? 'update' : detail ? 'skip' : 'unchanged', source: project.source };
  if (detail) outcome.detail = detail;
  outcomes.push(outcome);
  return { outcomes, diagnostics, name };
}
