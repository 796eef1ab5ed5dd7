import type { PlanAction, RootPlan } from '../plan/plan.js';
import { outputDisplayPath } from '../plan/display-path.js';

export type Counts = Record<PlanAction, number>;

export function countActions(plans: readonly RootPlan[]): Counts {
  const counts: Counts = { create: 0, update: 0, delete: 0, unchanged: 0, drifted: 0 };
  for (const p of plans) for (const f of p.files) counts[f.action]++;
  return counts;
}

export function hasChanges(plans: readonly RootPlan[]): boolean {
  return plans.some((p) => p.createDir || p.manifestChanged || p.files.some((f) => f.action !== 'unchanged'));
}

/** JSON-safe description of a plan: paths and actions, never contents. */
export interface DescribedPlan {
  root: { kind: 'project'; project: string; dir: string } | { kind: 'backend'; dir: string };
  files: { path: string; action: PlanAction; secret?: true; patched?: true }[];
}

export function describePlans(plans: readonly RootPlan[]): DescribedPlan[] {
  return plans.map((p) => ({
    root: p.root.kind === 'project' ? { kind: 'project', project: p.root.project, dir: p.root.dir } : { kind: 'backend', dir: p.root.dir },
    files: p.files.map((f) => ({ path: f.path, action: f.action, ...(f.secret ? { secret: true as const } : {}), ...(f.patched ? { patched: true as const } : {}) })),
  }));
}

const VERB: Record<PlanAction, string> = { create: 'create', update: 'update', delete: 'delete', unchanged: 'keep', drifted: 'drifted' };

/** One line per changed file, for --dry-run and verbose output. */
export function changeLines(plans: readonly RootPlan[]): string[] {
  const lines: string[] = [];
  for (const p of plans) {
    for (const f of p.files) {
      if (f.action === 'unchanged') continue;
      const mode = f.action === 'update' && f.executableBefore !== undefined && f.executableBefore !== (f.executable === true)
        ? ` (mode ${f.executableBefore ? '755' : '644'} → ${f.executable ? '755' : '644'})` : '';
      lines.push(`  ${VERB[f.action].padEnd(7)} ${outputDisplayPath(p.root, f.path)}${mode}`);
    }
  }
  return lines;
}

export function formatCounts(c: Counts): string {
  const parts = [`${c.create} created`, `${c.update} updated`, `${c.delete} deleted`, `${c.unchanged} unchanged`];
  if (c.drifted) parts.push(`${c.drifted} drifted`);
  return parts.join(', ');
}
