import { compile } from '../../pipeline/compile.js';
import { hasErrors } from '../../diagnostics.js';
import { configRepoState, uncommitted, type ConfigCommit, type FileStatus } from '../../git/status.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { MANIFEST_PATH } from '../../plan/manifest.js';
import type { PlanAction, RootPlan } from '../../plan/plan.js';
import { worktreeOf } from '../../plan/worktrees.js';
import { BACKEND_KEY } from '../../review/risks.js';
import { repoSecretSource } from '../../secrets/source.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { STATUS } from './index.js';

export interface RootStatus {
  project: string;
  dir: string;
  upToDate: boolean;
  counts: Record<PlanAction, number>;
  /** Files a build would create, update or delete, and files edited by hand. */
  changes: { path: string; action: PlanAction }[];
  /** Generated files that differ from HEAD of the project's repository; null when it is not in git. */
  uncommitted: FileStatus[] | null;
  builtFrom: string | null;
  /** Config commits since `builtFrom` (touching the config folder); null when unknown. */
  commitsSinceBuild: ConfigCommit[] | null;
  /**
   * Those of them whose changes the outputs do not have yet: the commits after the one holding
   * exactly the config that was built (`builtInputs`); none while the outputs are up to date.
   */
  unbuiltCommits: ConfigCommit[] | null;
}

/**
 * `ccm status`: per output root, what a build would change, what was edited by hand, which
 * generated files are not committed in the project's repository, and which config commits came
 * after the build that last wrote it (`builtFrom` in its manifest).
 */
export interface StatusData {
  root?: string;
  /** The config repo's git state; null outside git. */
  config?: { head: string | null; uncommitted: FileStatus[] } | null;
  roots: RootStatus[];
}

export const status: CommandImpl<InputOf<typeof STATUS>, StatusData> = async (ctx, { projects }) => {
  const root = findRepoRoot(ctx.options.cwd);
  const result = await compile(root, { projects, force: false, secretSource: repoSecretSource(root, ctx.io.env, { withoutValues: true }) });
  if (result.plans.length === 0 && hasErrors(result.diagnostics)) {
    ctx.note('Cannot tell what is out of date: fix the errors below first.');
    return { exitCode: 1, data: { roots: [] }, diagnostics: result.diagnostics };
  }
  const config = await configRepoState(root);
  const roots: RootStatus[] = [];
  for (const plan of result.plans) roots.push(await rootStatus(plan, config));

  const rows = roots.map((r) => [
    r.project,
    r.upToDate ? 'up to date' : outOfDate(r.counts),
    r.counts.drifted ? String(r.counts.drifted) : '-',
    r.uncommitted === null ? 'not in git' : r.uncommitted.length ? `${r.uncommitted.length} file${r.uncommitted.length === 1 ? '' : 's'}` : '-',
    r.unbuiltCommits === null ? (r.builtFrom ? 'unknown' : 'not recorded') : r.unbuiltCommits.length ? `${r.unbuiltCommits.length} since ${r.builtFrom!.slice(0, 7)}` : '-',
  ]);
  for (const line of table(['project', 'outputs', 'drifted', 'uncommitted', 'unbuilt commits'], rows)) ctx.print(line);
  for (const r of roots) {
    const lines: string[] = [];
    for (const c of r.changes) lines.push(`  ${c.action.padEnd(9)} ${c.path}`);
    for (const u of r.uncommitted ?? []) lines.push(`  ${`git ${u.code.trim() || u.code}`.padEnd(9)} ${u.path}`);
    for (const c of r.unbuiltCommits ?? []) lines.push(`  unbuilt   ${c.commit.slice(0, 7)} ${c.subject}`);
    if (lines.length) ctx.print(['', `${r.project} (${r.dir})`, ...lines].join('\n'));
  }
  if (config?.uncommitted.length) ctx.print(`\nconfig repo: ${config.uncommitted.length} uncommitted change${config.uncommitted.length === 1 ? '' : 's'} (\`git status\` there)`);
  const next: string[] = [];
  if (roots.some((r) => !r.upToDate)) next.push('`ccm build` updates the outputs');
  if (roots.some((r) => r.counts.drifted)) next.push('`ccm diff` shows the hand edits');
  if (roots.some((r) => r.uncommitted?.length)) next.push("commit the generated files in each project's repository");
  if (next.length) ctx.print(`\nnext: ${next.join('; ')}`);

  return {
    exitCode: 0,
    data: { root, config: config ? { head: config.head ?? null, uncommitted: config.uncommitted } : null, roots },
    diagnostics: result.diagnostics,
  };
};

async function rootStatus(plan: RootPlan, config: Awaited<ReturnType<typeof configRepoState>>): Promise<RootStatus> {
  const counts: Record<PlanAction, number> = { create: 0, update: 0, delete: 0, unchanged: 0, drifted: 0 };
  for (const f of plan.files) counts[f.action]++;
  const changes = plan.files.filter((f) => f.action !== 'unchanged').map((f) => ({ path: f.path, action: f.action }));
  const upToDate = !plan.createDir && !plan.manifestChanged && changes.length === 0;
  // Files ccm only patches are the app's, and a task worktree's .env copy lives in the worktree's own working tree.
  const generated = [...plan.files.filter((f) => !f.patched && !worktreeOf(f.path)).map((f) => f.path), MANIFEST_PATH];
  const git = await uncommitted(plan.root.dir, generated);
  const builtFrom = plan.manifest.builtFrom ?? null;
  const since = builtFrom && config ? ((await config.sinceBuild(builtFrom, { ...(plan.manifest.builtInputs ? { inputs: plan.manifest.builtInputs } : {}), ...(plan.manifest.builtTree ? { tree: plan.manifest.builtTree } : {}) })) ?? null) : null;
  return {
    project: plan.root.kind === 'project' ? plan.root.project : BACKEND_KEY,
    dir: plan.root.dir,
    upToDate,
    counts,
    changes,
    uncommitted: git ?? null,
    builtFrom,
    commitsSinceBuild: since?.since ?? null,
    unbuiltCommits: since === null ? null : upToDate ? [] : since.unbuilt,
  };
}

function outOfDate(c: Record<PlanAction, number>): string {
  const parts: string[] = [];
  if (c.create) parts.push(`${c.create} to create`);
  if (c.update) parts.push(`${c.update} to update`);
  if (c.delete) parts.push(`${c.delete} to delete`);
  if (parts.length) return parts.join(', ');
  return c.drifted ? 'edited by hand' : 'manifest to update';
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)];
}
