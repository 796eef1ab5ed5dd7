import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { COMPONENT_KINDS, SCHEMA_FILE, type ComponentKind, type DocumentKind as AnyDocumentKind } from '../core/kinds.js';
import { hasErrors } from '../diagnostics.js';
import { runChecks } from '../doctor/checks.js';
import { configRepoState } from '../git/status.js';
import { SCHEMAS_DIR } from '../paths.js';
import { compile } from '../pipeline/compile.js';
import { readManifest } from '../plan/disk-state.js';
import { MANIFEST_PATH } from '../plan/manifest.js';
import { resolveBackend, resolveProject } from '../resolve/resolve.js';
import type { ResolvedProject } from '../resolve/types.js';
import { agentMcpDeltas } from '../render/auto-claude/agent-mcp.js';
import { rootStatus } from '../review/status.js';
import { readHeader } from '../secrets/crypto.js';
import { lastChanges } from '../secrets/git-log.js';
import { projectSecretRefs } from '../secrets/refs.js';
import { repoSecretSource } from '../secrets/source.js';
import { listSecretNames, readRecipients, readSecretFile, secretRelPath } from '../secrets/store.js';
import type { DoctorResponse, EffectiveSet, ProjectSummary, RepoSummary, SchemaKind, SecretsResponse, StatusResponse } from './api-types.js';
import { ApiFailure, notFound, toApiDiagnostic } from './failure.js';
import type { Workspace } from './workspace.js';

/* The read-only views: the dashboard's summary, a project's effective set, schemas, doctor, status, secrets by name. */

export async function repoSummary(ws: Workspace): Promise<RepoSummary> {
  const [{ repo, diagnostics }, checks, git] = await Promise.all([ws.check(), runChecks(ws.root, ws.env, process.version), configRepoState(ws.root)]);
  const backend = hasErrors(diagnostics) ? undefined : resolveBackend(repo);
  const projects: ProjectSummary[] = [];
  for (const name of [...repo.projects.keys()].sort()) {
    const project = resolvedOrUndefined(() => resolveProject(repo, name).project);
    if (!project) {
      // Resolving assumes a valid repo; the dashboard still lists the project, with its errors counted above.
      projects.push({ name, dir: '', targets: { claudeCode: false, autoClaude: false }, profiles: [], outputRoots: [], lastBuild: null });
      continue;
    }
    const autoClaude = project.targets.autoClaude;
    projects.push({
      name,
      dir: project.dir,
      targets: project.targets,
      profiles: project.profiles,
      outputRoots: [project.dir, ...(autoClaude && backend && backend.prompts.length > 0 ? [backend.dir] : [])],
      lastBuild: await lastBuildOf(project.dir),
    });
  }
  const components = Object.fromEntries(COMPONENT_KINDS.map((k) => [k.kind, repo.components[k.kind].size])) as Record<ComponentKind, number>;
  return {
    root: ws.root,
    projects,
    profiles: repo.profiles.size,
    components,
    secrets: repo.secrets.size,
    problems: { errors: diagnostics.filter((d) => d.severity === 'error').length, warnings: diagnostics.filter((d) => d.severity === 'warning').length },
    doctor: checks.filter((c) => c.status !== 'ok'),
    git: git ? { head: git.head ?? null, uncommitted: git.uncommitted.length } : null,
  };
}

/** The output roots a build writes: every project's directory and the Auto-Claude backend (for the live events). */
export async function outputRoots(ws: Workspace): Promise<string[]> {
  const { repo, diagnostics } = await ws.load();
  const dirs = new Set<string>();
  for (const name of repo.projects.keys()) {
    try {
      dirs.add(resolveProject(repo, name).project.dir);
    } catch {
      // A project that does not resolve yet is watched once it does (the next start).
    }
  }
  if (!hasErrors(diagnostics)) {
    const backend = resolveBackend(repo);
    if (backend) dirs.add(backend.dir);
  }
  return [...dirs].sort();
}

async function lastBuildOf(dir: string): Promise<ProjectSummary['lastBuild']> {
  const abs = join(dir, MANIFEST_PATH);
  const at = await stat(abs).then((s) => s.mtime.toISOString(), () => undefined);
  if (at === undefined) return null;
  const manifest = readManifest(abs);
  return manifest ? { builtFrom: manifest.builtFrom ?? null, at } : null;
}

export async function effectiveSet(ws: Workspace, name: string): Promise<EffectiveSet> {
  const { repo, diagnostics } = await ws.check();
  if (!repo.projects.has(name)) throw notFound(`no project "${name}"`, `projects: ${[...repo.projects.keys()].sort().join(', ') || 'none yet'}`);
  const resolved = resolvedOrUndefined(() => resolveProject(repo, name));
  if (!resolved) throw new ApiFailure(422, 'INVALID_CONFIG', `project "${name}" cannot be resolved until the repo's errors are fixed`, { diagnostics: diagnostics.filter((d) => d.severity === 'error') });
  const { project } = resolved;
  const components = COMPONENT_KINDS.flatMap((k) => project.components[k.kind].map((c) => ({ kind: k.kind, name: c.name, path: c.file.path, selectedBy: project.selectedBy.get(c) ?? project.file.path })));
  const files = new Set([project.file.path]);
  return {
    project: name,
    dir: project.dir,
    targets: project.targets,
    profiles: project.profiles,
    components,
    variables: Object.entries(project.variables).map(([v, value]) => ({ name: v, value, source: project.variableSources[v] ?? project.file.path })),
    modelProfile: project.modelProfile?.name ?? null,
    agentMcp: project.targets.autoClaude ? agentMcpOf(project) : [],
    diagnostics: [...diagnostics.filter((d) => d.file !== undefined && files.has(d.file)), ...resolved.diagnostics].map(toApiDiagnostic),
  };
}

/** The render's own AGENT_MCP_* lists (its diagnostics are the build's and validate's to report). */
function agentMcpOf(project: ResolvedProject): EffectiveSet['agentMcp'] {
  return agentMcpDeltas(project, []).map((d) => ({ agentType: d.agentType, add: d.add, remove: d.remove, setIn: `${d.at.file}:${d.at.line ?? 1}` }));
}

const SCHEMA_KINDS = Object.keys(SCHEMA_FILE) as AnyDocumentKind[];

export async function schemaOf(kind: string): Promise<unknown> {
  const file = (SCHEMA_KINDS as string[]).includes(kind) ? SCHEMA_FILE[kind as SchemaKind] : undefined;
  if (!file) throw new ApiFailure(400, 'UNKNOWN_KIND', `no schema for "${kind}"`, { hint: `kinds: ${SCHEMA_KINDS.join(', ')}` });
  return JSON.parse(await readFile(join(SCHEMAS_DIR, file), 'utf8')) as unknown;
}

export async function doctorReport(ws: Workspace): Promise<DoctorResponse> {
  return { checks: await runChecks(ws.root, ws.env, process.version) };
}

/** `ccm status`: what a build would change per root, hand edits, uncommitted outputs, unbuilt config commits. */
export async function statusReport(ws: Workspace): Promise<StatusResponse> {
  const result = await compile(ws.root, { projects: [], force: false, loaded: await ws.load(), secretSource: repoSecretSource(ws.root, ws.env, { withoutValues: true }) });
  const config = await configRepoState(ws.root);
  const roots = [];
  for (const plan of result.plans) roots.push(await rootStatus(plan, config));
  return {
    roots: roots.map((r) => ({ ...r, unbuiltCommits: r.unbuiltCommits?.map((c) => ({ commit: c.commit, subject: c.subject })) ?? null })),
    config: config ? { head: config.head ?? null, uncommitted: config.uncommitted } : null,
    diagnostics: result.diagnostics.map(toApiDiagnostic),
  };
}

/** The secrets by name: recipients, last change, who references them. Never a value: nothing here decrypts. */
export async function secretsReport(ws: Workspace): Promise<SecretsResponse> {
  const [names, configured, { repo }] = await Promise.all([listSecretNames(ws.root), readRecipients(ws.root), ws.load()]);
  const changes = names.length > 0 ? await lastChanges(ws.root, names.map(secretRelPath)) : undefined;
  const referencedBy = new Map<string, string[]>();
  for (const name of [...repo.projects.keys()].sort()) {
    const project = resolvedOrUndefined(() => resolveProject(repo, name).project);
    if (project) {
      for (const ref of projectSecretRefs(project)) referencedBy.set(ref, [...(referencedBy.get(ref) ?? []), name]);
    }
  }
  const secrets = [];
  for (const name of names) {
    const file = secretRelPath(name);
    const header = await readHeader((await readSecretFile(ws.root, name)) ?? new Uint8Array());
    secrets.push({ name, file, recipients: header?.stanzas ?? null, lastChange: changes?.get(file) ?? null, referencedBy: referencedBy.get(name) ?? [] });
  }
  return {
    secrets,
    recipients: configured.recipients.length,
    missing: [...referencedBy.keys()].filter((n) => !names.includes(n)).sort(),
    diagnostics: configured.diagnostics.map((d) => toApiDiagnostic({ ...d, severity: 'warning' })),
  };
}

/** Resolve assumes a repo that passed validation: on one with errors it may not get through, which is no failure of the request. */
function resolvedOrUndefined<T>(resolve: () => T): T | undefined {
  try {
    return resolve();
  } catch {
    return undefined;
  }
}
