import { compile } from '../../build/compile.js';
import { markdownReport, planDiffs } from '../../build/diff.js';
import { hasErrors } from '../../diagnostics.js';
import { usageError } from '../../errors.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { repoSecretSource } from '../../secrets/source.js';
import type { CommandImpl } from './index.js';

export const diff: CommandImpl = async (ctx, args, options) => {
  const format = String(options['format'] ?? 'unified');
  if (format !== 'unified' && format !== 'markdown') throw usageError(`unknown --format "${format}"`, 'use --format unified or --format markdown');
  const root = findRepoRoot(ctx.options.cwd);
  const projects = (args[0] as string[] | undefined) ?? [];
  if (typeof options['base'] === 'string') return (await import('../../review/base.js')).diffAgainstBase(ctx, root, projects, options['base'], format);
  const result = await compile(root, { projects, force: false, secretSource: repoSecretSource(root, ctx.io.env) });
  if (hasErrors(result.diagnostics) && result.plans.length === 0) return { exitCode: 1, data: { files: [] }, diagnostics: result.diagnostics };
  const diffs = planDiffs(result.plans);
  if (format === 'markdown') ctx.print(markdownReport(diffs).trimEnd());
  else for (const d of diffs) ctx.print(d.diff.trimEnd());
  if (diffs.length === 0 && format === 'unified') ctx.note('No changes: generated files are up to date.');
  return { exitCode: hasErrors(result.diagnostics) ? 1 : 0, data: { files: diffs }, diagnostics: result.diagnostics };
};
