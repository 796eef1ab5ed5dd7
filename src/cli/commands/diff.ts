import { CONFIG_FILE } from '../../core/kinds.js';
import { hasErrors } from '../../diagnostics.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { compile } from '../../pipeline/compile.js';
import { planDiffs, planRiskTargets, writeDiffReport, type DiffFormat, type DiffReport, type ReviewFile } from '../../review/report.js';
import type { Review } from '../../review/compare.js';
import { analyzeRisks, type Risk } from '../../review/risks.js';
import { repoSecretSource } from '../../secrets/source.js';
import type { CommandContext, CommandResult } from '../context.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { DIFF } from './index.js';

/** `ccm diff`: the files a build would change. With --base, the review against a git ref, and its base's error count. */
export type DiffData = { files: ReviewFile[]; risks: Risk[] } | (Review & { baseErrors: number });

export const diff: CommandImpl<InputOf<typeof DIFF>, DiffData> = async (ctx, input) => {
  const format = input.format ?? 'unified';
  const root = findRepoRoot(ctx.options.cwd);
  if (input.base !== undefined) return againstBase(ctx, root, input.projects, input.base, format);
  const result = await compile(root, { projects: input.projects, force: false, secretSource: repoSecretSource(root, ctx.io.env) });
  if (hasErrors(result.diagnostics) && result.plans.length === 0) return { exitCode: 1, data: { files: [], risks: [] }, diagnostics: result.diagnostics };
  const files = planDiffs(result.plans);
  const sides = planRiskTargets(result.plans);
  const risks = analyzeRisks(sides.before, sides.after);
  show(ctx, { against: { kind: 'disk' }, files, risks }, format);
  return { exitCode: hasErrors(result.diagnostics) ? 1 : 0, data: { files, risks }, diagnostics: result.diagnostics };
};

async function againstBase(ctx: CommandContext, root: string, projects: readonly string[], ref: string, format: DiffFormat): Promise<CommandResult<DiffData>> {
  const { compareWithBase } = await import('../../review/base.js');
  const { review, baseMissing, baseErrors, diagnostics } = await compareWithBase(root, projects, ref);
  if (!review) return { exitCode: 1, data: { files: [], risks: [] }, diagnostics };
  if (baseMissing) ctx.note(`note: ${ref} has no ${CONFIG_FILE} at this place, so every generated file counts as new`);
  if (baseErrors) ctx.note(`note: the config repo at ${ref} has ${baseErrors} error${baseErrors === 1 ? '' : 's'} (\`ccm validate\` there for details); outputs it could not render count as new`);
  show(ctx, { against: { kind: 'base', ref, commit: review.base.commit }, files: review.files, risks: review.risks }, format);
  return { exitCode: hasErrors(diagnostics) ? 1 : 0, data: { ...review, baseErrors }, diagnostics };
}

function show(ctx: CommandContext, report: DiffReport, format: DiffFormat): void {
  const shown = writeDiffReport(report, format);
  if (shown.out) ctx.print(shown.out.trimEnd());
  if (shown.note) ctx.note(shown.note.trimEnd());
}
