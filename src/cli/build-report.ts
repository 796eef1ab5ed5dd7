import type { BuildOutcome, BuildReport } from '../pipeline/build.js';
import { formatCounts } from '../pipeline/summary.js';
import type { CommandContext, CommandResult } from './context.js';

/** Prints a build's outcome as `ccm build` shows it (the pre-commit hook shows it the same way). */
export function printBuild(ctx: CommandContext, outcome: BuildOutcome): CommandResult<BuildReport> {
  const { report, diagnostics } = outcome;
  if (outcome.failed) {
    ctx.note('Nothing was written: fix the errors below and build again.');
    return { exitCode: 1, data: report, diagnostics };
  }
  for (const line of outcome.changes) ctx.print(line);
  if (report.check) {
    ctx.print(outcome.changed ? `✗ outputs are out of date (${formatCounts(report.counts)}); run \`ccm build\`` : `✓ outputs are up to date (${report.counts.unchanged} files)`);
    return { exitCode: outcome.changed ? 1 : 0, data: report, diagnostics };
  }
  ctx.print(report.dryRun ? `would write: ${formatCounts(report.counts)}` : `${formatCounts(report.counts)} (${outcome.ms} ms)`);
  return { data: report, diagnostics };
}
