import { compile } from '../../pipeline/compile.js';
import { hasErrors } from '../../diagnostics.js';
import { configRepoState, type FileStatus } from '../../git/status.js';
import { findRepoRoot } from '../../load/load-repo.js';
import type { PlanAction } from '../../plan/plan.js';
import { rootStatus, type RootStatus } from '../../review/status.js';
import { repoSecretSource } from '../../secrets/source.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { STATUS } from './index.js';

export type { RootStatus } from '../../review/status.js';

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
