import { compile } from '../../pipeline/compile.js';
import { planDiffs, planRiskTargets, writeDiffReport } from '../../pipeline/diff.js';
import { hasErrors } from '../../diagnostics.js';
import { usageError } from '../../errors.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { analyzeRisks } from '../../review/risks.js';
import { repoSecretSource } from '../../secrets/source.js';
import type { CommandImpl } from './index.js';

export const diff: CommandImpl = async (ctx, args, options) => {
  const format = String(options['format'] ?? 'unified');
  if (format !== 'unified' && format !== 'markdown') throw usageError(`unknown --format "${format}"`, 'use --format unified or --format markdown');
  const root = findRepoRoot(ctx.options.cwd);
  const projects = (args[0] as string[] | undefined) ?? [];
  if (typeof options['base'] === 'string') return (await import('../../review/base.js')).diffAgainstBase(ctx, root, projects, options['base'], format);
  const result = await compile(root, { projects, force: false, secretSource: repoSecretSource(root, ctx.io.env) });
  if (hasErrors(result.diagnostics) && result.plans.length === 0) return { exitCode: 1, data: { files: [], risks: [] }, diagnostics: result.diagnostics };
  const files = planDiffs(result.plans);
  const sides = planRiskTargets(result.plans);
  const risks = analyzeRisks(sides.before, sides.after);
  const shown = writeDiffReport({ against: { kind: 'disk' }, files, risks }, format);
  if (shown.out) ctx.print(shown.out.trimEnd());
  if (shown.note) ctx.note(shown.note.trimEnd());
  return { exitCode: hasErrors(result.diagnostics) ? 1 : 0, data: { files, risks }, diagnostics: result.diagnostics };
};
