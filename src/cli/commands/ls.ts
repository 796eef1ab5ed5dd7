import { COMPONENT_KINDS, type ComponentKind } from '../../core/kinds.js';
import { hasErrors } from '../../diagnostics.js';
import { usageError } from '../../errors.js';
import { findRepoRoot, loadRepo } from '../../load/load-repo.js';
import type { ConfigRepo } from '../../load/model.js';
import { resolveProject } from '../../resolve/resolve.js';
import { validateRepo } from '../../validate/validate.js';
import type { CommandContext } from '../context.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { LS } from './index.js';

/** `mcp-servers`, `auto-claude/prompts`, …: the folder below components/ names the kind. */
const FOLDERS = new Map<string, ComponentKind>(COMPONENT_KINDS.map((k) => [k.folder.replace(/^components\//, ''), k.kind]));

export interface ProjectRow {
  name: string;
  dir?: string;
  profiles?: string[];
  components?: number;
}

/** `ccm ls`, `ccm ls projects`, `ccm ls profiles`, `ccm ls <kind>`, in this order. */
export type LsData =
  | { projects: ProjectRow[]; profiles: string[]; components: Record<string, number>; secrets: string[] }
  | { projects: ProjectRow[] }
  | { profiles: string[] }
  | { kind: string; names: string[] };

/** Lists what the repo holds: projects (with profiles and component counts), profiles, components. */
export const ls: CommandImpl<InputOf<typeof LS>, LsData> = async (ctx, { what }) => {
  const root = findRepoRoot(ctx.options.cwd);
  const { repo, diagnostics } = await loadRepo(root);
  const all = [...diagnostics, ...validateRepo(repo)];
  const profiles = [...repo.profiles.keys()].sort();

  if (what === 'projects') {
    const projects = projectRows(repo, hasErrors(all));
    printProjects(ctx, projects);
    return { data: { projects }, diagnostics: all };
  }
  if (what === 'profiles') {
    for (const p of profiles) ctx.print(p);
    return { data: { profiles }, diagnostics: all };
  }
  if (what !== undefined) {
    const kind = FOLDERS.get(what);
    if (!kind) throw usageError(`unknown kind "${what}"`, `use one of: projects, profiles, ${[...FOLDERS.keys()].join(', ')}`);
    const names = [...repo.components[kind].keys()].sort();
    for (const n of names) ctx.print(n);
    return { data: { kind: what, names }, diagnostics: all };
  }

  const projects = projectRows(repo, hasErrors(all));
  printProjects(ctx, projects);
  ctx.print(`profiles: ${profiles.join(', ') || '-'}`);
  ctx.print('components:');
  const components: Record<string, number> = {};
  for (const [folder, kind] of FOLDERS) {
    components[folder] = repo.components[kind].size;
    ctx.print(`  ${folder.padEnd(28)} ${components[folder]}`);
  }
  return { data: { projects, profiles, components, secrets: [...repo.secrets.keys()].sort() }, diagnostics: all };
};

/** With errors in the repo, profiles cannot be resolved: names only. */
function projectRows(repo: ConfigRepo, invalid: boolean): ProjectRow[] {
  return [...repo.projects.keys()].sort().map((name) => {
    const project = invalid ? undefined : resolveProject(repo, name).project;
    if (!project) return { name };
    const components = Object.values(project.components).reduce((n, list) => n + list.length, 0);
    return { name, dir: project.dir, profiles: project.profiles, components };
  });
}

function printProjects(ctx: CommandContext, rows: readonly ProjectRow[]): void {
  ctx.print('projects:');
  for (const p of rows) {
    ctx.print(p.dir === undefined ? `  ${p.name}` : `  ${p.name}  ${p.dir}  profiles: ${p.profiles?.join(', ') || '-'}  components: ${p.components}`);
  }
}
